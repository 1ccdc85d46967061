/**
 * Turns a `KpiCard` from the core into the strings a card shows. All numbers come from
 * the core; this only decides how to present them, so it is pure and unit-tested.
 */
import type { Formatter, ChangeView } from '../format';
import { formatDecimal } from '../format/number';
import type { CsatStats, DurationStats, KpiCard, KpiId, KpiValue } from '../ipc';
import { leftOutText, nullReasonText, supportOf } from './support';

/** The order of the six cards on the Overview. */
export const KPI_ORDER: readonly KpiId[] = [
  'tickets_created',
  'tickets_solved',
  'tickets_unsolved',
  'first_reply_time',
  'full_resolution_time',
  'csat',
];

export type HeadlineKind = 'count' | 'duration' | 'share' | 'decimal';

const HEADLINE_KIND: Record<KpiId, HeadlineKind> = {
  tickets_created: 'count',
  tickets_solved: 'count',
  tickets_unsolved: 'count',
  backlog: 'count',
  resolution_rate: 'share',
  first_reply_time: 'duration',
  first_resolution_time: 'duration',
  full_resolution_time: 'duration',
  requester_wait_time: 'duration',
  agent_wait_time: 'duration',
  on_hold_time: 'duration',
  replies_per_solved: 'decimal',
  one_touch_rate: 'share',
  zero_touch_rate: 'share',
  reopen_rate: 'share',
  csat: 'share',
  csat_response_rate: 'share',
  sla_achievement: 'share',
};

/** Every KPI of the contract, in the catalogue's order (Explore's KPI list). */
export const KPI_IDS = Object.keys(HEADLINE_KIND) as KpiId[];

export function headlineKind(kpi: KpiId): HeadlineKind {
  return HEADLINE_KIND[kpi];
}

export function isDurationStats(value: KpiValue): value is DurationStats {
  return 'unit' in value;
}

export function isCsatStats(value: KpiValue): value is CsatStats {
  return 'good' in value;
}

/** Formats a headline (count, minutes or share); "—" when the core has none. */
export function formatHeadline(kpi: KpiId, value: number | null, f: Formatter): string {
  if (value === null) return '—';
  switch (headlineKind(kpi)) {
    case 'count':
      return f.count(value);
    case 'duration':
      return f.duration(value);
    case 'share':
      return f.percent(value);
    case 'decimal':
      return formatDecimal(value, f.locale, 2);
  }
}

/**
 * The small print under the headline: p90 and n, CSAT counts and interval, or the previous
 * count (none for a KPI that depends on now).
 */
export function detailLines(card: KpiCard, f: Formatter): string[] {
  const { current } = card;
  if (isDurationStats(current)) {
    const p90 = current.p90 === null ? '—' : f.duration(current.p90);
    return [`${f.t('card.p90', { value: p90 })} · ${f.t('card.n', { value: f.count(current.n) })}`];
  }
  if (isCsatStats(current)) {
    const lines = [f.t('card.csatCounts', { good: f.count(current.good), bad: f.count(current.bad) })];
    if (current.ci_low !== null && current.ci_high !== null) {
      lines.push(f.t('card.ci', { low: f.percent(current.ci_low), high: f.percent(current.ci_high) }));
    }
    return lines;
  }
  // A KPI that depends on now shows its trend: its previous period's value would mislead.
  if (card.trend !== null) return [];
  const previous = formatHeadline(card.kpi, card.previous_headline, f);
  return [f.t('card.previous', { value: previous })];
}

/** A KPI that depends on now: its weekly values instead of a change (see `KpiCard.trend`). */
export interface TrendView {
  values: (number | null)[];
  /** Why there is no change, and the weekly values, for the tooltip and screen readers. */
  label: string;
}

export interface CardView {
  title: string;
  headline: string;
  /** Exactly `String(headline)`, or "" when null: read by end-to-end tests. */
  rawHeadline: string;
  hasData: boolean;
  change: ChangeView;
  /** Spoken/tooltip description of the change. */
  changeLabel: string;
  previousLabel: string;
  /** Set instead of a change for KPIs that depend on now. */
  trend: TrendView | null;
  /** The tooltip of the small-sample mark, or null when the headline's sample is large enough. */
  smallSample: string | null;
  /** Why there is no headline when the selected sources cannot give this KPI. */
  nullReason: string | null;
  /** The sources the headline leaves out because they cannot give this KPI. */
  leftOut: string | null;
  /** The lines under the headline; the null reason or the sources left out among them. */
  details: string[];
}

export function buildCardView(card: KpiCard, f: Formatter): CardView {
  const change = f.change(card.change, card.higher_is_better);
  const verdict = { good: 'card.better', bad: 'card.worse', neutral: 'card.unchanged' } as const;
  const changeLabel =
    change.direction === 'unknown'
      ? f.t('card.changeUnknown')
      : f.t('card.changeAria', { change: change.text, verdict: f.t(change.noise ? 'card.noise' : verdict[change.tone]) });
  const hasData = card.headline !== null;
  const n = sampleSize(card.current);
  const support = supportOf(card.current);
  const nullReason = hasData ? null : nullReasonText(support.null_reason, f);
  // A null value's reason already names why; the list of sources would repeat it.
  const leftOut = nullReason ? null : leftOutText(support.left_out, f);
  return {
    title: f.t(`kpi.${card.kpi}`),
    headline: formatHeadline(card.kpi, card.headline, f),
    rawHeadline: card.headline === null ? '' : String(card.headline),
    hasData,
    change,
    changeLabel,
    previousLabel: f.t('card.previous', { value: formatHeadline(card.kpi, card.previous_headline, f) }),
    trend: card.trend === null ? null : trendView(card.kpi, card.trend, f),
    smallSample: card.small_sample && n !== null ? smallSampleLabel(n, f) : null,
    nullReason,
    leftOut,
    details: hasData ? [...detailLines(card, f), ...(leftOut ? [leftOut] : [])] : [nullReason ?? f.t('card.noData')],
  };
}

function trendView(kpi: KpiId, values: (number | null)[], f: Formatter): TrendView {
  const weeks = values.map((v) => formatHeadline(kpi, v, f)).join(', ');
  return { values, label: f.t('card.nowTrend', { values: weeks }) };
}

/** The `n` a value rests on; null for counts, which are never a sample. */
export function sampleSize(value: KpiValue): number | null {
  return 'n' in value ? value.n : null;
}

/** The small-sample mark's tooltip: "Small sample: n = 8, too few to read". */
export function smallSampleLabel(n: number, f: Formatter): string {
  return f.t('sample.small', { n: f.count(n) });
}

/** Cards in the fixed display order; unknown or missing KPIs are simply skipped. */
export function orderCards(cards: readonly KpiCard[]): KpiCard[] {
  return KPI_ORDER.flatMap((kpi) => cards.filter((card) => card.kpi === kpi).slice(0, 1));
}
