import { describe, expect, it } from 'vitest';

import { ariaSort, nextSort, sortRows, sortTable, textOrder, type SortableColumn } from './sort';

interface Row {
  id: string;
  name: string;
  count: number | null;
}

const rows: Row[] = [
  { id: 'b', name: 'Émile', count: 3 },
  { id: 'a', name: 'zoë', count: null },
  { id: 'c', name: 'anna', count: 10 },
  { id: 'd', name: 'Anna', count: 3 },
];
const columns: SortableColumn<Row>[] = [
  { id: 'name', rowHeader: true, sortValue: (row) => row.name },
  { id: 'count', sortValue: (row) => row.count },
  { id: 'note' },
];
const ids = (list: readonly Row[]) => list.map((row) => row.id);

describe('table sorting', () => {
  it('flips the sorted column and starts a new one highest first for numbers, A→Z for text', () => {
    expect(nextSort({ key: 'count', descending: true }, 'count', true)).toEqual({ key: 'count', descending: false });
    expect(nextSort(null, 'count', true)).toEqual({ key: 'count', descending: true });
    expect(nextSort({ key: 'count', descending: true }, 'name', false)).toEqual({ key: 'name', descending: false });
  });

  it('says which header is sorted, and how, for assistive technology', () => {
    expect(ariaSort({ key: 'count', descending: true }, 'count')).toBe('descending');
    expect(ariaSort({ key: 'count', descending: false }, 'count')).toBe('ascending');
    expect(ariaSort({ key: 'count', descending: false }, 'name')).toBe('none');
    expect(ariaSort(null, 'name')).toBe('none');
  });

  it('orders numbers by size and keeps rows without a value last in both directions', () => {
    expect(ids(sortTable(rows, columns, { key: 'count', descending: true }, (row) => row.id, 'en'))).toEqual([
      'c',
      'd',
      'b',
      'a',
    ]);
    expect(ids(sortTable(rows, columns, { key: 'count', descending: false }, (row) => row.id, 'en'))).toEqual([
      'd',
      'b',
      'c',
      'a',
    ]);
  });

  it('orders text as the reader’s language does, accents and case folded', () => {
    expect(ids(sortTable(rows, columns, { key: 'name', descending: false }, (row) => row.id, 'en'))).toEqual([
      'c',
      'd',
      'b',
      'a',
    ]);
    expect(textOrder('en')('Émile', 'emile')).toBe(0);
    expect(textOrder('en')('item 9', 'item 10')).toBeLessThan(0);
  });

  it('breaks ties by the row’s name, then by its key, whatever the direction', () => {
    const tied = rows.map((row) => ({ ...row, count: 1 }));
    const down = sortTable(tied, columns, { key: 'count', descending: true }, (row) => row.id, 'en');
    const up = sortTable(tied, columns, { key: 'count', descending: false }, (row) => row.id, 'en');
    expect(ids(down)).toEqual(['c', 'd', 'b', 'a']);
    expect(ids(up)).toEqual(ids(down));
  });

  it('keeps the given order when nothing, or a column without a value, is sorted', () => {
    expect(sortTable(rows, columns, null, (row) => row.id, 'en')).toBe(rows);
    expect(sortTable(rows, columns, { key: 'note', descending: true }, (row) => row.id, 'en')).toBe(rows);
  });

  it('never reorders the rows it was given', () => {
    const copy = [...rows];
    sortRows(rows, (row) => row.count, true, textOrder('en'), () => 0);
    expect(rows).toEqual(copy);
  });
});
