/**
 * How the Operations screen presents the core's "what changed" list: each value in its
 * measure's form, the group's label, and the Explore query and ticket list an anomaly
 * opens. Every number comes from the core; this only decides how to show it and where
 * to go from it, so it is pure.
 */
import type { Every, ExploreQuery } from '../explore/query';
import { NONE_KEY } from '../explore/query';
import type { Formatter } from '../format';
import type { Translator } from '../i18n/translate';
import type { Anomaly, AnomalyReport, KpiRequest, Measure, NotScored, TicketListRequest } from '../ipc';

/** The buckets the core scores (a month is too coarse for a weekly pattern). */
export type AnomalyEvery = Extract<Every, 'day' | 'week'>;
export const ANOMALY_EVERIES: readonly AnomalyEvery[] = ['day', 'week'];

/** The breakdowns offered: the total alone, or per channel or group. */
export type AnomalyBy = 'none' | 'channel' | 'group';
export const ANOMALY_BYS: readonly AnomalyBy[] = ['none', 'channel', 'group'];

/** Days of context Explore shows on each side of an anomaly's bucket. */
const CONTEXT_DAYS: Record<AnomalyEvery, number> = { day: 14, week: 56 };
const BUCKET_DAYS: Record<AnomalyEvery, number> = { day: 1, week: 7 };

export function anomalyRequest(every: AnomalyEvery, by: AnomalyBy): KpiRequest {
  return {
    from: null,
    to: null,
    tz: null,
    every,
    by: by === 'none' ? null : by,
    filters: [],
    kpis: [],
    hours: null,
    top: null,
  };
}

/** The group's label, or "All tickets" in the reader's words. */
export function seriesLabel(row: Pick<Anomaly | NotScored, 'total' | 'label'>, t: Translator): string {
  return row.total ? t('ops.anomalies.all') : row.label;
}

/** A value in its measure's form: a count, a duration, a share, a plain number. */
export function formatValue(measure: Measure, value: number, f: Formatter): string {
  switch (measure) {
    case 'count':
      return f.count(value);
    case 'minutes':
      return f.duration(value);
    case 'share':
      return f.percent(value);
    case 'number':
      return f.decimal(value);
  }
}

/**
 * The change from the expected value, signed as the locale's percentages are: shares in
 * percentage points, counts and durations in their own unit.
 */
export function formatChange(measure: Measure, change: number, f: Formatter): string {
  if (measure === 'share') return f.points(change);
  const sign = change > 0 ? '+' : change < 0 ? '-' : '';
  return sign + formatValue(measure, Math.abs(change), f);
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function reportEvery(report: Pick<AnomalyReport, 'every'>): AnomalyEvery {
  return report.every === 'week' ? 'week' : 'day';
}

/**
 * Explore on the anomaly's KPI, bucketed and broken down as the list was, over the weeks
 * around its bucket (never past the screen's period, whose end is a full day).
 */
export function exploreQueryFor(anomaly: Anomaly, report: AnomalyReport): ExploreQuery {
  const every = reportEvery(report);
  const from = addDays(anomaly.period, -CONTEXT_DAYS[every]);
  const end = addDays(anomaly.period, BUCKET_DAYS[every] - 1 + CONTEXT_DAYS[every]);
  return {
    kpi: anomaly.kpi,
    by: report.by,
    every,
    hours: 'calendar',
    tz: report.range.tz,
    period: { kind: 'custom', from, to: end < report.range.to ? end : report.range.to },
    filters: {},
  };
}

/** The tickets behind the anomaly's value: its KPI's population in its bucket and group. */
export function ticketRequestFor(
  anomaly: Anomaly,
  report: AnomalyReport,
): Omit<TicketListRequest, 'offset' | 'limit' | 'sort' | 'search'> {
  const total = anomaly.total;
  return {
    query: {
      ...anomalyRequest(reportEvery(report), 'none'),
      by: total ? null : report.by,
      from: report.range.from,
      to: report.range.to,
      tz: report.range.tz,
      kpis: [anomaly.kpi],
    },
    kpi: anomaly.kpi,
    key: total ? null : (anomaly.key ?? NONE_KEY),
    period: anomaly.period,
  };
}
