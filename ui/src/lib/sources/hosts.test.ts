import { describe, expect, it } from 'vitest';

import { demoSourcesFixture, sourcesFixture } from '../../test/fixtures';
import { hostsToConfirm } from './hosts';

describe('hostsToConfirm', () => {
  it('lists only Zendesk sources whose address is not confirmed', () => {
    const acme = sourcesFixture[0]!;
    const sources = [
      ...demoSourcesFixture,
      acme,
      { ...acme, name: 'Shared folder', base_url: 'https://evil.example', host_confirmed: false },
    ];
    expect(hostsToConfirm(sources)).toEqual([{ name: 'Shared folder', baseUrl: 'https://evil.example' }]);
    expect(hostsToConfirm([{ ...demoSourcesFixture[0]!, host_confirmed: false }])).toEqual([]);
  });
});
