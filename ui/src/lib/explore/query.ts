/**
 * The Explore screen's query as the user builds it, and its translation into the core's
 * `KpiRequest`. Pure, so the mapping from controls to the request is unit-tested.
 */
import type { KpiId, KpiRequest, PeriodPreset, ValueScope } from '../ipc';
import { DEFAULT_PERIOD } from '../period/presets';

export type ExploreView = 'bar' | 'line' | 'stacked' | 'table';
export type Every = 'day' | 'week' | 'month';
export type Hours = 'calendar' | 'business';

export const VIEWS: readonly ExploreView[] = ['bar', 'line', 'stacked', 'table'];
export const EVERIES: readonly Every[] = ['day', 'week', 'month'];

/** Filter keys as the core takes them; `null` is "no value". */
export type FilterKey = string | null;

export interface ExploreQuery {
  kpi: KpiId;
  /** A dimension name as `--by` takes it, or null for the total. */
  by: string | null;
  every: Every | null;
  hours: Hours;
  /** IANA zone for the range and buckets; null for the workspace's. */
  tz: string | null;
  period: PeriodPreset;
  /** Selected keys per dimension: OR within a dimension, AND across dimensions. */
  filters: Readonly<Record<string, readonly FilterKey[]>>;
}

export const DEFAULT_QUERY: ExploreQuery = {
  kpi: 'tickets_created',
  by: 'channel',
  every: null,
  hours: 'calendar',
  tz: null,
  period: DEFAULT_PERIOD,
  filters: {},
};

/** "no value" as a filter spells it. */
export const NONE_KEY = '(none)';

/** `dim=key` strings, dimensions and keys in a stable order. */
export function filterSpecs(filters: ExploreQuery['filters']): string[] {
  return Object.keys(filters)
    .sort()
    .flatMap((dim) => [...(filters[dim] ?? [])].map((key) => `${dim}=${key ?? NONE_KEY}`));
}

/**
 * The request for the chart. The range is left to `period`, which the core resolves (and
 * echoes back as dates in the report, which the ticket list then reuses).
 */
export function toKpiRequest(query: ExploreQuery): KpiRequest {
  return {
    from: null,
    to: null,
    tz: query.tz,
    every: query.every,
    by: query.by,
    filters: filterSpecs(query.filters),
    kpis: [query.kpi],
    hours: query.hours,
    top: null,
  };
}

/**
 * What the filter menus count their values over: the query's period, zone and filters
 * (the core leaves each menu's own dimension aside). KPI, grouping and buckets do not
 * change which tickets are counted, so changing them asks for no new counts.
 */
export function valueScope(query: ExploreQuery): ValueScope {
  return {
    period: query.period,
    request: { ...toKpiRequest(query), every: null, by: null, kpis: [], hours: null },
  };
}

/** Adds `key` to the dimension's selection, or removes it when present. */
export function toggleFilter(
  filters: ExploreQuery['filters'],
  dim: string,
  key: FilterKey,
): ExploreQuery['filters'] {
  const current = filters[dim] ?? [];
  const next = current.includes(key) ? current.filter((k) => k !== key) : [...current, key];
  const { [dim]: _dropped, ...rest } = filters;
  return next.length === 0 ? rest : { ...rest, [dim]: next };
}

export function clearFilter(filters: ExploreQuery['filters'], dim: string): ExploreQuery['filters'] {
  const { [dim]: _dropped, ...rest } = filters;
  return rest;
}

export function filterCount(filters: ExploreQuery['filters']): number {
  return Object.values(filters).reduce((sum, keys) => sum + keys.length, 0);
}
