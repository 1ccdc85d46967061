/**
 * A query for Explore to open with, left by another screen (Agents & groups opens Explore
 * filtered to one agent or group). Explore takes it once when it mounts; without one it
 * starts from its default query.
 */
import type { KpiId, PeopleBy, PeriodPreset } from '../ipc';
import type { ExploreQuery, Hours } from './query';

let pending: ExploreQuery | null = null;

export function setPendingQuery(query: ExploreQuery): void {
  pending = query;
}

/** The pending query, once: a later mount starts from the default again. */
export function takePendingQuery(): ExploreQuery | null {
  const query = pending;
  pending = null;
  return query;
}

/**
 * Explore's query for one row of the Agents & groups table: the KPI the table is sorted
 * by (solved tickets when sorted by name), week by week, over the same period and hours,
 * filtered to the row's agent or group.
 */
export function queryForRow(options: {
  by: PeopleBy;
  key: string;
  kpi: KpiId | null;
  period: PeriodPreset;
  hours: Hours;
}): ExploreQuery {
  return {
    kpi: options.kpi ?? 'tickets_solved',
    by: null,
    every: 'week',
    hours: options.hours,
    tz: null,
    period: options.period,
    filters: { [options.by]: [options.key] },
  };
}
