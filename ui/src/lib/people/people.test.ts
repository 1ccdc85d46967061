import { describe, expect, it } from 'vitest';

import { peopleTableFixture as table } from '../../test/fixtures';
import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import type { PeopleCell, PeopleRow } from '../ipc';
import { ariaSort, nextSort, sortTable, type SortState } from '../table/sort';
import {
  cellNullReason,
  medianNullReason,
  DEFAULT_SORT,
  headlineOf,
  nullReasonNotes,
  searchRows,
  sortColumns,
  sparkline,
  standingReason,
} from './table';

const labels = (rows: readonly PeopleRow[]) => rows.map((row) => row.label);
/** The rows as the table shows them under `sort`. */
const sortRows = (t: typeof table, rows: readonly PeopleRow[], sort: SortState, locale: string) =>
  sortTable(rows, sortColumns(t), sort, (row) => row.key, locale);
/** A header click: numbers (KPIs) start highest first, names A→Z. */
const click = (sort: SortState, key: string) => nextSort(sort, key, key !== 'label');

describe('sorting', () => {
  it('starts with most solved first, as the core orders the rows', () => {
    expect(labels(sortRows(table, table.rows, DEFAULT_SORT, 'en'))).toEqual(['Anna Kim', '<b>Борис</b>', 'José Park']);
  });

  it('flips the same column and starts a new one highest first, names A→Z', () => {
    expect(click(DEFAULT_SORT, 'tickets_solved')).toEqual({ key: 'tickets_solved', descending: false });
    expect(click(DEFAULT_SORT, 'csat')).toEqual({ key: 'csat', descending: true });
    expect(click(DEFAULT_SORT, 'label')).toEqual({ key: 'label', descending: false });
    expect(ariaSort(DEFAULT_SORT, 'tickets_solved')).toBe('descending');
    expect(ariaSort({ key: 'label', descending: false }, 'label')).toBe('ascending');
    expect(ariaSort(DEFAULT_SORT, 'csat')).toBe('none');
  });

  it('keeps rows without a value last in both directions', () => {
    const up = sortRows(table, table.rows, { key: 'full_resolution_time', descending: false }, 'en');
    const down = sortRows(table, table.rows, { key: 'full_resolution_time', descending: true }, 'en');
    expect(labels(up)).toEqual(['Anna Kim', '<b>Борис</b>', 'José Park']);
    expect(labels(down)).toEqual(['<b>Борис</b>', 'Anna Kim', 'José Park']);
  });

  it('sorts names with the locale collator and breaks ties by name', () => {
    expect(labels(sortRows(table, table.rows, { key: 'label', descending: false }, 'en'))).toEqual([
      '<b>Борис</b>',
      'Anna Kim',
      'José Park',
    ]);
    const tied = table.rows.map((row) => ({ ...row, cells: row.cells.map((c) => ({ ...c, headline: 1 })) }));
    expect(labels(sortRows(table, tied, { key: 'csat', descending: true }, 'en'))).toEqual([
      '<b>Борис</b>',
      'Anna Kim',
      'José Park',
    ]);
  });

  it('reads a row’s headline by KPI, null for a missing one', () => {
    const anna = table.rows[0]!;
    expect(headlineOf(table, anna, 'csat')).toBe(0.95);
    expect(headlineOf(table, anna, 'backlog')).toBeNull();
  });
});

describe('name search', () => {
  it('matches part of a name, ignoring case and accents', () => {
    expect(labels(searchRows(table.rows, 'jose', 'en'))).toEqual(['José Park']);
    expect(labels(searchRows(table.rows, '  KIM ', 'en'))).toEqual(['Anna Kim']);
    expect(labels(searchRows(table.rows, 'бор', 'ru'))).toEqual(['<b>Борис</b>']);
  });

  it('finds an id exactly, everything for an empty search, nothing for a stranger', () => {
    expect(labels(searchRows(table.rows, '103', 'en'))).toEqual(['José Park']);
    expect(searchRows(table.rows, '', 'en')).toHaveLength(3);
    expect(searchRows(table.rows, 'zzz', 'en')).toEqual([]);
  });
});

describe('why a cell is shaded or not', () => {
  const f = createFormatter('en', createTranslator('en'));
  const percent = (v: number) => f.percent(v);
  // The agent: 7 of 8 ratings good; Wilson 52.9%–97.8% holds the team's 88.2%.
  const eight: PeopleCell = {
    value: { value: 0.875, n: 8, good: 7, bad: 1, ci_low: 0.5291, ci_high: 0.9776, small_sample: true },
    headline: 0.875,
    n: 8,
    trend: [],
    small_sample: true,
    interval: { low: 0.5291, high: 0.9776 },
    standing: 'unclear',
  };

  it('says a small sample is too few to compare', () => {
    expect(standingReason(eight, { team_median: 0.882 }, percent, f)).toBe(
      '87.5% (n = 8): too few to compare with the team’s 88.2%',
    );
  });

  it('names the interval that holds or excludes the team value', () => {
    const wide = { ...eight, n: 40, small_sample: false };
    expect(standingReason(wide, { team_median: 0.882 }, percent, f)).toBe(
      '87.5% (n = 40); 95% interval 52.9%–97.8% includes the team’s 88.2%',
    );
    const clear = { ...wide, standing: 'worse' as const, interval: { low: 0.502, high: 0.6906 }, headline: 0.6 };
    expect(standingReason(clear, { team_median: 0.882 }, percent, f)).toBe(
      '60.0% (n = 40); 95% interval 50.2%–69.1% excludes the team’s 88.2%',
    );
  });

  it('has nothing to explain without a value, a median or an interval', () => {
    expect(standingReason({ ...eight, standing: 'none' }, { team_median: 0.882 }, percent, f)).toBeNull();
    expect(standingReason(eight, { team_median: null }, percent, f)).toBeNull();
    const count = { ...eight, small_sample: false, interval: null, standing: 'better' as const };
    expect(standingReason(count, { team_median: 0.5 }, percent, f)).toBeNull();
  });
});

describe('a cell null for a reason', () => {
  const f = createFormatter('en', createTranslator('en'));
  const reason = { code: 'not_in_file_imports' as const, reason: 'imported files carry no count of reopens' };
  const reopen = table.columns.findIndex((column) => column.kpi === 'reopen_rate');
  const imported = (row: PeopleRow): PeopleRow => ({
    ...row,
    cells: row.cells.map((cell, i) =>
      i === reopen
        ? { ...cell, headline: null, value: { value: null, n: 0, small_sample: false, null_reason: reason } }
        : cell,
    ),
  });
  const rows = [table.rows[0]!, imported(table.rows[1]!), imported(table.rows[2]!)];
  const title = (kpi: string) => `[${kpi}]`;

  it('says why in the reader’s words, and nothing for a value or a plain gap', () => {
    expect(cellNullReason(rows[1]!.cells[reopen], f)).toBe('No value: Imported files do not carry the data for this KPI.');
    expect(cellNullReason(rows[0]!.cells[reopen], f)).toBeNull();
    expect(cellNullReason(table.rows[2]!.cells[reopen], f)).toBeNull();
  });

  it('is noted once per column under the table', () => {
    expect(nullReasonNotes(table.columns, rows, title, f)).toEqual([
      '[reopen_rate]: No value: Imported files do not carry the data for this KPI.',
    ]);
    expect(nullReasonNotes(table.columns, table.rows, title, f)).toEqual([]);
  });

  it('explains the team median a column of such cells leaves empty, and only that one', () => {
    const all = [imported(table.rows[1]!), imported(table.rows[2]!)];
    const empty = { ...table.columns[reopen]!, team_median: null };
    expect(medianNullReason(empty, reopen, all, f)).toBe('No value: Imported files do not carry the data for this KPI.');
    expect(medianNullReason(table.columns[reopen]!, reopen, all, f)).toBeNull();
    expect(medianNullReason(empty, reopen, table.rows, f)).toBeNull();
  });
});

describe('sparkline', () => {
  it('spans the box with the highest value on top', () => {
    expect(sparkline([0, 10, 5], 100, 20, 0)).toEqual({ segments: ['0,20 50,0 100,10'], dashed: [], dots: [], hollow: [] });
  });

  it('breaks the line at weeks without a value and draws lone weeks as dots', () => {
    const shape = sparkline([1, 2, null, 3, null], 40, 10, 0);
    expect(shape.segments).toEqual(['0,10 10,5']);
    expect(shape.dots).toEqual([{ x: 30, y: 0 }]);
  });

  it('draws a flat series in the middle and nothing without values', () => {
    expect(sparkline([4, 4], 10, 10, 0).segments).toEqual(['0,5 10,5']);
    expect(sparkline([null, null], 10, 10)).toEqual({ segments: [], dashed: [], dots: [], hollow: [] });
    expect(sparkline([7], 10, 10).dots).toEqual([{ x: 5, y: 5 }]);
  });

  it('dashes the steps into partial weeks, draws them hollow and keeps them off the scale', () => {
    // The first week holds two days and an extreme value: the scale is 10..20 from the others.
    const shape = sparkline([90, 10, 20, 15], 30, 10, 0, [true, false, false, true]);
    expect(shape.segments).toEqual(['10,10 20,0']);
    expect(shape.dashed).toEqual(['0,0 10,10', '20,0 30,5']);
    expect(shape.hollow).toEqual([
      { x: 0, y: 0 },
      { x: 30, y: 5 },
    ]);
    expect(shape.dots).toEqual([]);
  });

  it('scales to the partial weeks when every week is partial', () => {
    const shape = sparkline([0, 10], 10, 10, 0, [true, true]);
    expect(shape.dashed).toEqual(['0,10 10,0']);
    expect(shape.segments).toEqual([]);
  });
});
