import { describe, expect, it } from 'vitest';

import { createTranslator } from '../i18n';
import type { PresetOption, SkipGroup } from '../ipc';
import {
  columnValue,
  CUSTOM_FIELD,
  delimiterLabel,
  EMPTY_DRAFT,
  NOT_IMPORTED,
  progressPercent,
  skipLines,
  skipReason,
  statusRows,
  toChoice,
} from './choice';

const en = createTranslator('en');
const ru = createTranslator('ru');

const helpscout: PresetOption = {
  name: 'helpscout',
  title: 'Help Scout',
  note: null,
  survey: false,
  built_in: true,
  statuses: [
    { value: 'active', state: 'open' },
    { value: 'closed', state: 'solved' },
  ],
};

function group(over: Partial<SkipGroup>): SkipGroup {
  return { code: 'missing_id', subject: null, count: 1, lines: [2], example: 'no id', ...over };
}

describe('toChoice', () => {
  it('turns blank text into "not given" and names a custom field after its column', () => {
    const choice = toChoice(
      {
        ...EMPTY_DRAFT,
        preset: 'generic',
        columns: { Ref: 'id', Region: CUSTOM_FIELD, Notes: NOT_IMPORTED },
        statuses: { Waiting: 'pending' },
        source: '  ',
        tz: ' Europe/Berlin ',
      },
      'ours',
    );
    expect(choice).toEqual({
      preset: 'generic',
      columns: [
        { column: 'Ref', field: 'id' },
        { column: 'Region', field: 'field:Region' },
        { column: 'Notes', field: '' },
      ],
      statuses: [{ value: 'Waiting', state: 'pending' }],
      source: null,
      tz: 'Europe/Berlin',
      date_format: null,
      exclude_neutral: false,
      save_preset: 'ours',
    });
    expect(toChoice(EMPTY_DRAFT).save_preset).toBeNull();
  });
});

describe('columnValue', () => {
  it('shows the user’s choice, else the preview’s mapping, custom fields as one entry', () => {
    const draft = { ...EMPTY_DRAFT, columns: { Ref: 'subject' } };
    expect(columnValue(draft, 'Ref', 'id')).toBe('subject');
    expect(columnValue(draft, 'Opened', 'created_at')).toBe('created_at');
    expect(columnValue(draft, 'Region', 'field:Region')).toBe(CUSTOM_FIELD);
    expect(columnValue(draft, 'Notes', null)).toBe(NOT_IMPORTED);
  });

  it('keeps a column the preset maps left out once the user says so, and asks the core for that', () => {
    const left = { ...EMPTY_DRAFT, preset: 'jira', columns: { Status: NOT_IMPORTED } };
    expect(columnValue(left, 'Status', 'status')).toBe(NOT_IMPORTED);
    expect(toChoice(left).columns).toEqual([{ column: 'Status', field: NOT_IMPORTED }]);
  });
});

describe('statusRows', () => {
  it('lists the preset’s rows, then the file’s unknown statuses, with the user’s changes', () => {
    expect(statusRows(helpscout, ['spam', 'active'], { spam: 'closed', active: 'pending' })).toEqual([
      { value: 'active', state: 'pending' },
      { value: 'closed', state: 'solved' },
      { value: 'spam', state: 'closed' },
    ]);
    expect(statusRows(undefined, ['Parked'], {})).toEqual([{ value: 'Parked', state: '' }]);
  });

  it('never changes the preset it reads', () => {
    statusRows(helpscout, [], { active: 'hold' });
    expect(helpscout.statuses[0]).toEqual({ value: 'active', state: 'open' });
  });
});

describe('skipped rows', () => {
  it('words each reason in the user’s language with the file’s own subject', () => {
    const status = group({ code: 'unknown_status', subject: 'spam' });
    expect(skipReason(status, en)).toBe('Unknown status “spam”: map it in the status table');
    expect(skipReason(status, ru)).toContain('«spam»');
    expect(skipReason(group({ code: 'bad_date', subject: 'created_at' }), en)).toBe('Bad date in created_at');
  });

  it('lists the first lines and says when there are more', () => {
    const count = (n: number) => n.toLocaleString('en');
    expect(skipLines(group({ count: 2, lines: [3, 21] }), count)).toBe('3, 21');
    expect(skipLines(group({ count: 9, lines: [1200, 1201] }), count)).toBe('1,200, 1,201, …');
  });
});

describe('progressPercent and delimiterLabel', () => {
  it('gives a share of the bytes read, none before the size is known', () => {
    expect(progressPercent(null)).toBeNull();
    expect(progressPercent({ rows: 0, bytes_read: 0, total_bytes: 0 })).toBeNull();
    expect(progressPercent({ rows: 10, bytes_read: 250, total_bytes: 1000 })).toBe(25);
    expect(progressPercent({ rows: 10, bytes_read: 1200, total_bytes: 1000 })).toBe(100);
  });

  it('names a tab, quotes a visible delimiter', () => {
    expect(delimiterLabel('tab', en)).toBe('tab');
    expect(delimiterLabel(';', en)).toBe('";"');
    expect(delimiterLabel(null, en)).toBe('—');
  });
});
