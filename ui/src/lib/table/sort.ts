/**
 * How a data table orders its rows when a header is clicked: the same column flips, a
 * new column starts with numbers highest first and text A→Z; rows without a value sit
 * last in either direction (an agent with no ratings is neither best nor worst on CSAT),
 * and ties keep a stable order. Pure, so the rules are unit-tested apart from markup.
 */

export interface SortState {
  /** The sorted column's id. */
  key: string;
  descending: boolean;
}

/** What a column sorts by; null for "no value". */
export type SortValue = number | string | null;

/** What sorting needs of a column. */
export interface SortableColumn<T> {
  id: string;
  /** The row's name: equal values are ordered by it. */
  rowHeader?: boolean;
  sortValue?: (row: T) => SortValue;
}

/** The state after a click on column `key`; `numeric` columns start highest first. */
export function nextSort(current: SortState | null, key: string, numeric: boolean): SortState {
  if (current?.key === key) return { key, descending: !current.descending };
  return { key, descending: numeric };
}

export function ariaSort(sort: SortState | null, key: string): 'ascending' | 'descending' | 'none' {
  if (sort?.key !== key) return 'none';
  return sort.descending ? 'descending' : 'ascending';
}

/** Compares text as the reader's language orders it (accents and case folded, digits by value). */
export function textOrder(locale: string): (a: string, b: string) => number {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return (a, b) => collator.compare(a, b);
}

/**
 * `rows` ordered by `value` (numbers by size, text with `compareText`), those without a
 * value last in both directions; `tie` orders equal values, always ascending.
 */
export function sortRows<T>(
  rows: readonly T[],
  value: (row: T) => SortValue,
  descending: boolean,
  compareText: (a: string, b: string) => number,
  tie: (a: T, b: T) => number,
): T[] {
  const direction = descending ? -1 : 1;
  const keyed = rows.map((row) => ({ row, value: value(row) }));
  keyed.sort((a, b) => {
    const x = a.value;
    const y = b.value;
    if (x === null || y === null) return x === y ? tie(a.row, b.row) : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
    return direction * order || tie(a.row, b.row);
  });
  return keyed.map((entry) => entry.row);
}

/**
 * `rows` as a table shows them under `sort`: by the sorted column's value, ties by the
 * row's name and then its key; in the given order when nothing (sortable) is sorted.
 */
export function sortTable<T>(
  rows: readonly T[],
  columns: readonly SortableColumn<T>[],
  sort: SortState | null,
  key: (row: T) => string | number,
  locale: string,
): readonly T[] {
  const value = columns.find((column) => column.id === sort?.key)?.sortValue;
  if (!sort || !value) return rows;
  const compareText = textOrder(locale);
  const name = columns.find((column) => column.rowHeader)?.sortValue;
  const tie = (a: T, b: T) =>
    (name ? compareText(String(name(a) ?? ''), String(name(b) ?? '')) : 0) ||
    String(key(a)).localeCompare(String(key(b)));
  return sortRows(rows, value, sort.descending, compareText, tie);
}
