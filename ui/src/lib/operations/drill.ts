/**
 * What each figure of the Operations screen opens: the ticket list behind a backlog bar
 * or point, a time-in-status row, a transfer pair or a past day of the forecast, with a
 * title that says what it is. The lists are asked with the report's own period and
 * request, so the core finds them by the same rules as the figure. Pure, so unit-tested.
 */
import { NONE_KEY } from '../explore/query';
import type { TicketSource } from '../explore/ticketSource';
import type { Formatter } from '../format';
import type { MessageKey, Translator } from '../i18n/translate';
import type {
  AgeBand,
  ArrivalsForecast,
  BacklogReport,
  ChartSpec,
  KpiRequest,
  PeriodPreset,
  StatusTimeRow,
  TransferRow,
} from '../ipc';
import { statusLabel } from './view';

/** A ticket list to open: what it lists, its title, and the figure it stands for. */
export interface Drill {
  source: TicketSource;
  title: string;
  /** The number clicked, which the list's total equals (for a transfer: at most). */
  count: number;
}

/** What a report was asked with: its list is asked the same way. */
export interface Asked {
  period: PeriodPreset;
  request: KpiRequest;
}

/** The age bands in the order of the backlog's `by_age` and its chart's series. */
export const AGE_BANDS: readonly AgeBand[] = [
  'under_one_day',
  'one_to_three_days',
  'three_to_seven_days',
  'seven_to_thirty_days',
  'over_thirty_days',
];

/** The statuses of the time in status, in the order of its chart's series. */
export const STATUSES: readonly string[] = ['new', 'open', 'pending', 'hold'];

/** The bands' names, as the chart's series are named. */
const BAND_IDS = [
  'series.ageUnder1d',
  'series.age1to3d',
  'series.age3to7d',
  'series.age7to30d',
  'series.ageOver30d',
  'series.ageNoReply',
] as const satisfies readonly MessageKey[];

/** The index of the "no public reply yet" band in `by_age`, after the five age bands. */
const NO_REPLY_BAND = AGE_BANDS.length;

export function bandLabel(band: number, t: Translator): string {
  const id = BAND_IDS[band];
  return id === undefined ? '' : t(id);
}

function backlogTitle(period: string, what: string | null, t: Translator, f: Formatter): string {
  const date = f.date(period);
  return what === null ? t('ops.drill.backlog', { date }) : t('ops.drill.backlogOf', { date, what });
}

/**
 * The tickets of bucket `index` of the backlog: in band `band` (an index of `by_age`, a
 * series of the chart by age: `AGE_BANDS`, then "no public reply yet") or every band when
 * null, aged as the report was.
 */
export function backlogDrill(
  report: BacklogReport,
  asked: Asked,
  index: number,
  band: number | null,
  t: Translator,
  f: Formatter,
): Drill | null {
  const point = report.series[index];
  if (!point) return null;
  if (band === null) {
    const what = { kind: 'backlog', period: point.period } as const;
    return { source: { kind: 'flow', ...asked, what }, title: backlogTitle(point.period, null, t, f), count: point.total };
  }
  if (point.by_age[band] === undefined) return null;
  const ageFrom = report.age_from;
  const what =
    band === NO_REPLY_BAND
      ? ({ kind: 'backlog', period: point.period, age_from: ageFrom, no_reply: true } as const)
      : AGE_BANDS[band] === undefined
        ? null
        : ({ kind: 'backlog', period: point.period, band: AGE_BANDS[band], age_from: ageFrom } as const);
  if (what === null) return null;
  return {
    source: { kind: 'flow', ...asked, what },
    title: backlogTitle(point.period, bandLabel(band, t), t, f),
    count: point.by_age[band] ?? 0,
  };
}

/** The tickets of a point of the backlog by group: the group of line `series` at bucket `index`. */
export function backlogGroupDrill(
  report: BacklogReport,
  spec: ChartSpec,
  asked: Asked,
  series: number,
  index: number,
  t: Translator,
  f: Formatter,
): Drill | null {
  const line = spec.series[series];
  if (!line?.group) return null;
  const key = line.group.key;
  const group = report.groups.find((g) => g.key === key);
  const point = group?.series[index];
  if (!group || !point) return null;
  const label = key === null ? t('explore.noValue') : group.label;
  return {
    source: { kind: 'flow', ...asked, what: { kind: 'backlog', period: point.period, key: key ?? NONE_KEY } },
    title: backlogTitle(point.period, label, t, f),
    count: point.total,
  };
}

/** The tickets of a time-in-status row: those that spent time in its status held by its owner. */
export function statusTimeDrill(row: StatusTimeRow, asked: Asked, t: Translator): Drill {
  const owner = row.key === null && asked.request.by !== null ? t('explore.noValue') : row.label;
  return {
    source: { kind: 'flow', ...asked, what: { kind: 'status_time', key: row.key, status: row.status } },
    title: t('ops.drill.time', { status: statusLabel(row.status, t), owner }),
    count: row.calendar.n,
  };
}

/** The tickets of a transfer pair: the solved tickets that moved from its group to the other. */
export function transferDrill(row: TransferRow, asked: Asked, t: Translator): Drill {
  return {
    source: { kind: 'flow', ...asked, what: { kind: 'transfer', from: row.from, to: row.to } },
    title: t('ops.drill.transfer', { from: row.from_label, to: row.to_label }),
    count: row.count,
  };
}

/**
 * The tickets created on a past day of the daily forecast's chart (a point of an
 * arrivals line, not of a forecast): Explore's list of tickets created, that day, in the
 * forecast's zone, for the line's channel or group. Null for the forecast's own days and
 * for hourly charts.
 */
export function forecastDayDrill(
  forecast: ArrivalsForecast,
  spec: ChartSpec,
  series: number,
  index: number,
  t: Translator,
  f: Formatter,
): Drill | null {
  const line = spec.series[series];
  const day = spec.x.labels[index];
  const value = line?.values[index];
  if (forecast.granularity !== 'day' || !line || line.dashed || day === undefined || value == null) return null;
  const by = forecast.by;
  const key = by === null ? null : (line.group?.key ?? null);
  const query: KpiRequest = {
    from: day,
    to: day,
    tz: forecast.tz,
    every: null,
    by,
    filters: [],
    kpis: ['tickets_created'],
    hours: null,
    top: null,
  };
  const date = f.date(day);
  return {
    source: { kind: 'kpi', request: { query, kpi: 'tickets_created', key: by === null ? null : (key ?? NONE_KEY), period: null } },
    title: by === null ? t('ops.drill.arrivals', { date }) : t('ops.drill.arrivalsOf', { date, what: line.name }),
    count: value,
  };
}
