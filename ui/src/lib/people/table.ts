/**
 * The Agents & groups table as the user arranges it: sorting, the name search, how a cell
 * compares with the team median, and the sparkline's geometry. Every number comes from
 * the core's `people_table`, and so does whether a cell is better or worse than the team;
 * this only orders, filters and presents, so it is pure and unit-tested.
 */
import type { Formatter } from '../format';
import type { KpiId, PeopleCell, PeopleColumn, PeopleRow } from '../ipc';
import { nullReasonText, supportOf } from '../kpi/support';
import type { SortableColumn, SortState } from '../table/sort';

/** What the sorting reads of a table. */
type PeopleColumns = { readonly columns: readonly PeopleColumn[] };

/** Most tickets solved first, as the core orders the rows. */
export const DEFAULT_SORT: SortState = { key: 'tickets_solved', descending: true };

/** The headline of `row` under `kpi`, or null when the row has none (or no such cell). */
export function headlineOf(table: PeopleColumns, row: PeopleRow, kpi: KpiId): number | null {
  const index = table.columns.findIndex((column) => column.kpi === kpi);
  return index < 0 ? null : (row.cells[index]?.headline ?? null);
}

/**
 * How the table sorts: by name (the row header, `label`) or by a column's KPI headline.
 * Rows without a value sit at the bottom in either direction (an agent with no ratings
 * is neither the best nor the worst on CSAT); ties go by name.
 */
export function sortColumns(table: PeopleColumns): SortableColumn<PeopleRow>[] {
  return [
    { id: 'label', rowHeader: true, sortValue: (row) => row.label },
    ...table.columns.map((column) => ({ id: column.kpi, sortValue: (row: PeopleRow) => headlineOf(table, row, column.kpi) })),
  ];
}

/** Lower-cased, accents and width folded, so "Jose" finds "José" and "ＡＢ" finds "ab". */
function fold(text: string, locale: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase(locale);
}

/** Rows whose name contains `search` (or whose id is it); all rows for an empty search. */
export function searchRows(rows: readonly PeopleRow[], search: string, locale: string): PeopleRow[] {
  const needle = fold(search.trim(), locale);
  if (needle === '') return [...rows];
  return rows.filter((row) => fold(row.label, locale).includes(needle) || row.key === search.trim());
}

/**
 * Why a cell is shaded or not, from the core's standing: its interval excludes or
 * includes the team median, or its sample is too small. Null where there is nothing to
 * explain (no value, no median, or a count, which is exact and compares directly).
 */
export function standingReason(
  cell: PeopleCell,
  column: Pick<PeopleColumn, 'team_median'>,
  format: (value: number) => string,
  f: Pick<Formatter, 't' | 'count'>,
): string | null {
  if (cell.standing === 'none' || cell.headline === null || column.team_median === null) return null;
  const base = { value: format(cell.headline), n: f.count(cell.n), team: format(column.team_median) };
  if (cell.small_sample) return f.t('people.reason.small', base);
  if (cell.interval === null) return null;
  const parts = { ...base, low: format(cell.interval.low), high: format(cell.interval.high) };
  return f.t(cell.standing === 'unclear' ? 'people.reason.includes' : 'people.reason.excludes', parts);
}

/** Why `cell` has no value when its sources cannot give the KPI, translated; null otherwise. */
export function cellNullReason(cell: PeopleCell | undefined, f: Formatter): string | null {
  if (!cell || cell.headline !== null) return null;
  return nullReasonText(supportOf(cell.value).null_reason, f);
}

/**
 * Why a column's team median is empty, when it is because its rows' values are null for
 * a reason: the median of no values has none of its own, so it takes theirs.
 */
export function medianNullReason(
  column: PeopleColumn,
  index: number,
  rows: readonly PeopleRow[],
  f: Formatter,
): string | null {
  if (column.team_median !== null) return null;
  const reasons = new Set(rows.map((row) => cellNullReason(row.cells[index], f)).filter((r) => r !== null));
  return reasons.size > 0 ? [...reasons].join(' ') : null;
}

/**
 * The lines under the table that say why its "—" cells are empty, as under Explore's:
 * one per column and reason, since every row of a column shares the few reasons there are.
 */
export function nullReasonNotes(
  columns: readonly PeopleColumn[],
  rows: readonly PeopleRow[],
  columnTitle: (kpi: KpiId) => string,
  f: Formatter,
): string[] {
  const lines = new Set<string>();
  for (const row of rows) {
    columns.forEach((column, i) => {
      const reason = cellNullReason(row.cells[i], f);
      if (reason) lines.add(`${columnTitle(column.kpi)}: ${reason}`);
    });
  }
  return [...lines];
}

export interface Sparkline {
  /** Polyline point lists, one per run of weeks with a value (a week without one breaks the line). */
  segments: string[];
  /** The steps into and out of partial weeks, drawn dashed. */
  dashed: string[];
  /** Lone weeks between gaps, drawn as dots. */
  dots: Array<{ x: number; y: number }>;
  /** Partial weeks (cut by the range or not over yet), drawn as hollow dots. */
  hollow: Array<{ x: number; y: number }>;
}

/**
 * Geometry of a tiny trend inside `width` × `height` (with `pad` inside the edges): the
 * lowest value at the bottom, the highest at the top, a flat line in the middle. Weeks
 * flagged in `partial` do not set the scale (unless every week is partial), as in the
 * charts: a value outside it sits on the edge. Their steps are dashed, their dots hollow.
 */
export function sparkline(
  values: readonly (number | null)[],
  width: number,
  height: number,
  pad = 2,
  partial: readonly boolean[] = [],
): Sparkline {
  const shape: Sparkline = { segments: [], dashed: [], dots: [], hollow: [] };
  const isPartial = (i: number) => partial[i] === true;
  const valid = (v: number | null): v is number => v !== null && Number.isFinite(v);
  const everyPartial = values.every((v, i) => !valid(v) || isPartial(i));
  const scaled = values.filter((v, i): v is number => valid(v) && (everyPartial || !isPartial(i)));
  if (scaled.length === 0) return shape;
  const min = Math.min(...scaled);
  const max = Math.max(...scaled);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const y = (v: number) => (max === min ? height / 2 : pad + ((max - clamp(v)) / (max - min)) * (height - 2 * pad));
  const at = (i: number, v: number) => ({ x: round(values.length > 1 ? pad + i * step : width / 2), y: round(y(v)) });
  const line = (points: Array<{ x: number; y: number }>) => points.map((p) => `${p.x},${p.y}`).join(' ');
  let run: Array<{ i: number; x: number; y: number }> = [];
  const close = () => {
    const lone = run.length === 1 ? run[0] : undefined;
    if (lone && !isPartial(lone.i)) shape.dots.push({ x: lone.x, y: lone.y });
    // Each step joins the piece before it while the style goes on, else starts one.
    let style: boolean | null = null;
    for (let k = 1; k < run.length; k++) {
      const [a, b] = [run[k - 1], run[k]];
      if (!a || !b) continue;
      const dashed = isPartial(a.i) || isPartial(b.i);
      const pieces = dashed ? shape.dashed : shape.segments;
      const last = pieces.length - 1;
      if (style === dashed && last >= 0) pieces[last] += ` ${b.x},${b.y}`;
      else pieces.push(line([a, b]));
      style = dashed;
    }
    run = [];
  };
  values.forEach((value, i) => {
    if (!valid(value)) return close();
    const point = at(i, value);
    if (isPartial(i)) shape.hollow.push(point);
    run.push({ i, ...point });
  });
  close();
  return shape;
}
