import { describe, expect, it } from 'vitest';

import { peopleTableFixture as table } from '../../test/fixtures';
import type { PeopleRow } from '../ipc';
import { ariaSort, nextSort, sortTable, type SortState } from '../table/sort';
import { compareToMedian, DEFAULT_SORT, headlineOf, searchRows, sortColumns, sparkline } from './table';

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

describe('comparison with the team median', () => {
  const higher = { team_median: 20, higher_is_better: true };
  const lower = { team_median: 60, higher_is_better: false };

  it('follows the KPI’s direction', () => {
    expect(compareToMedian(30, higher)).toBe('better');
    expect(compareToMedian(10, higher)).toBe('worse');
    expect(compareToMedian(45, lower)).toBe('better');
    expect(compareToMedian(90, lower)).toBe('worse');
  });

  it('is neutral on the median and without a value or a median', () => {
    expect(compareToMedian(20, higher)).toBe('same');
    expect(compareToMedian(0.1 + 0.2, { team_median: 0.3, higher_is_better: true })).toBe('same');
    expect(compareToMedian(null, higher)).toBe('none');
    expect(compareToMedian(5, { team_median: null, higher_is_better: true })).toBe('none');
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
