import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { NOW_MS, zendeskWorkspaceFixture } from '../test/fixtures';
import LastSynced from './LastSynced.svelte';

describe('LastSynced', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(NOW_MS);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts up once a minute', async () => {
    render(LastSynced, { workspace: zendeskWorkspaceFixture, onopen: () => {} });
    const indicator = screen.getByTestId('last-synced');
    expect(indicator).toHaveTextContent('Synced 5 minutes ago');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(indicator).toHaveTextContent('Synced 6 minutes ago');
  });

  it('uses the most recent source and says when nothing was synced', () => {
    const workspace = {
      ...zendeskWorkspaceFixture,
      sources: [
        { name: 'Old', kind: 'zendesk', last_synced_at: NOW_MS / 1000 - 7200 },
        { name: 'New', kind: 'zendesk', last_synced_at: NOW_MS / 1000 - 10 },
      ],
    };
    const { unmount } = render(LastSynced, { workspace, onopen: () => {} });
    expect(screen.getByTestId('last-synced')).toHaveTextContent('Synced just now');
    unmount();
    render(LastSynced, {
      workspace: { ...zendeskWorkspaceFixture, sources: [{ name: 'New', kind: 'zendesk', last_synced_at: null }] },
      onopen: () => {},
    });
    expect(screen.getByTestId('last-synced')).toHaveTextContent('Not synced yet');
  });

  it('says "Syncing…" during a sync and opens Sources on click', async () => {
    const onopen = vi.fn();
    render(LastSynced, { workspace: zendeskWorkspaceFixture, syncing: true, onopen });
    const indicator = screen.getByTestId('last-synced');
    expect(indicator).toHaveTextContent('Syncing…');
    expect(indicator).toHaveAttribute('href', '#sources');
    await fireEvent.click(indicator);
    expect(onopen).toHaveBeenCalledTimes(1);
  });
});
