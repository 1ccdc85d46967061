/**
 * What Explore keeps between visits: the query, the view and the data-labels toggle,
 * per workspace (keyed by its database id) in the app's local storage, so leaving the
 * screen or restarting the app comes back to the same chart. A period is kept as chosen
 * (a preset stays a preset and moves on with the days). What comes back from storage is
 * checked field by field: a bad field falls back to its default, never to an error.
 */
import type { KpiId, PeriodPreset } from '../ipc';
import { KPI_IDS } from '../kpi/cardView';
import { DEFAULT_PERIOD, isPeriodKind, validateCustomRange } from '../period/presets';
import { DEFAULT_QUERY, EVERIES, VIEWS, type ExploreQuery, type ExploreView, type FilterKey } from './query';

export interface ExploreState {
  query: ExploreQuery;
  view: ExploreView;
  /** Value labels on bars and points. */
  labels: boolean;
}

export const DEFAULT_STATE: ExploreState = { query: DEFAULT_QUERY, view: 'bar', labels: false };

export function stateKey(workspaceId: string): string {
  return `deskbench.explore.${workspaceId}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A preset the picker offers, or a custom range it would accept. */
export function isPeriod(value: unknown): value is PeriodPreset {
  if (!isRecord(value) || typeof value.kind !== 'string' || !isPeriodKind(value.kind)) return false;
  if (value.kind !== 'custom') return true;
  return typeof value.from === 'string' && typeof value.to === 'string' && validateCustomRange(value.from, value.to) === null;
}

/** A zone the runtime knows. */
function isZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The well-formed dimensions' selections; a damaged dimension is left out, not the rest. */
function filtersOf(value: unknown): ExploreQuery['filters'] {
  if (!isRecord(value)) return {};
  const kept: Record<string, readonly FilterKey[]> = {};
  for (const [dim, keys] of Object.entries(value)) {
    if (!Array.isArray(keys)) continue;
    const valid = keys.filter((k): k is FilterKey => k === null || typeof k === 'string');
    if (valid.length > 0) kept[dim] = valid;
  }
  return kept;
}

/** A query from anything: each field that does not check out takes its default. */
export function queryOf(value: unknown): ExploreQuery {
  const stored = isRecord(value) ? value : {};
  const pick = <T>(field: unknown, ok: (v: unknown) => boolean, fallback: T): T => (ok(field) ? (field as T) : fallback);
  return {
    kpi: pick(stored.kpi, (v) => KPI_IDS.includes(v as KpiId), DEFAULT_QUERY.kpi),
    by: pick(stored.by, (v) => v === null || (typeof v === 'string' && v !== ''), DEFAULT_QUERY.by),
    every: pick(stored.every, (v) => v === null || EVERIES.includes(v as never), DEFAULT_QUERY.every),
    hours: pick(stored.hours, (v) => v === 'calendar' || v === 'business', DEFAULT_QUERY.hours),
    tz: pick(stored.tz, (v) => v === null || isZone(v), DEFAULT_QUERY.tz),
    period: pick(stored.period, isPeriod, DEFAULT_PERIOD),
    filters: filtersOf(stored.filters),
  };
}

/** The state stored under `key`, or the default; never throws. */
export function loadState(storage: Pick<Storage, 'getItem'> | undefined, key: string): ExploreState {
  let stored: unknown = null;
  try {
    stored = JSON.parse(storage?.getItem(key) ?? 'null');
  } catch {
    // Damaged: start from the default.
  }
  if (!isRecord(stored)) return DEFAULT_STATE;
  return {
    query: queryOf(stored.query),
    view: VIEWS.includes(stored.view as ExploreView) ? (stored.view as ExploreView) : DEFAULT_STATE.view,
    labels: typeof stored.labels === 'boolean' ? stored.labels : DEFAULT_STATE.labels,
  };
}

export function storeState(storage: Pick<Storage, 'setItem'> | undefined, key: string, state: ExploreState): void {
  try {
    storage?.setItem(key, JSON.stringify(state));
  } catch {
    // A full or disabled storage only loses the memory of the screen, not the work.
  }
}

/**
 * The query with only the dimensions the workspace has (a custom field may be gone after
 * a sync): an unknown `by` takes the default, unknown filters are dropped. An empty list
 * (not loaded, or nothing synced yet) proves nothing and changes nothing.
 */
export function withKnownDimensions(query: ExploreQuery, names: readonly string[]): ExploreQuery {
  if (names.length === 0) return query;
  const known = new Set(names);
  const unknownFilters = Object.keys(query.filters).filter((dim) => !known.has(dim));
  const badBy = query.by !== null && !known.has(query.by);
  if (!badBy && unknownFilters.length === 0) return query;
  const filters = Object.fromEntries(Object.entries(query.filters).filter(([dim]) => known.has(dim)));
  return { ...query, by: badBy ? DEFAULT_QUERY.by : query.by, filters };
}
