import { describe, expect, it } from 'vitest';

import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import { runsFixture } from '../../test/fixtures';
import { runView, totalRecords } from './history';

const en = createFormatter('en', createTranslator('en'));

describe('sync history rows', () => {
  it('totals the per-stream counts', () => {
    expect(totalRecords({ tickets: 12000, users: 400, organizations: 2 })).toBe(12402);
    expect(totalRecords({})).toBe(0);
    expect(totalRecords({ tickets: Number.NaN, users: 5 })).toBe(5);
  });

  it('presents a finished run', () => {
    const [, failed, succeeded] = runsFixture.map((run) => runView(run, en));
    expect(succeeded).toMatchObject({
      outcome: 'succeeded',
      outcomeLabel: 'Succeeded',
      duration: '42 s',
      records: '12,402',
      recordsTotal: 12402,
      skipped: '3',
      error: '',
    });
    expect(failed).toMatchObject({
      outcomeLabel: 'Failed',
      duration: '2 min',
      records: '200',
      skipped: '',
      error: 'Zendesk refused the credentials (401): check the email and the API token',
    });
  });

  it('has no duration while running', () => {
    expect(runView(runsFixture[0]!, en)).toMatchObject({ outcomeLabel: 'Running', duration: '', records: '0' });
  });
});
