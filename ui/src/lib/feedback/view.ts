/**
 * How the Feedback screen presents the core's report: counts per language, why a period
 * has nothing to show, CSAT with its interval, a theme's change, driver labels, and the
 * charts in the reader's words. Every number comes from the core; this only decides how
 * to show it, so it is pure and unit-tested. Customer words pass through untouched.
 */
import { translateId } from '../chart/localize';
import { dimensionLabel } from '../explore/dimensions.svelte';
import type { Formatter } from '../format';
import type { MessageKey, Translator } from '../i18n/translate';
import type {
  Change,
  ChartContext,
  ChartSpec,
  CommentCounts,
  CsatStats,
  DriverEffect,
  FeedbackCharts,
  FeedbackScreen,
  Lang,
  Quote,
  SentimentModel,
  Theme,
} from '../ipc';

/** Quotes a theme card shows. */
export const CARD_QUOTES = 3;
/** Theme cards shown before "Show all". */
export const FIRST_CARDS = 9;
/** Below this p-value a change or a driver is called significant. */
export const SIGNIFICANT = 0.05;

export type LangKey = Lang | 'other';

/** Texts per language, `other` included, in a fixed order. */
export function languageCounts(comments: CommentCounts): { lang: LangKey; count: number }[] {
  const { en, ko, ru, other } = comments.by_lang;
  return [
    { lang: 'en', count: en },
    { lang: 'ko', count: ko },
    { lang: 'ru', count: ru },
    { lang: 'other', count: other },
  ];
}

/** The texts analysed: only the chosen language's when one was asked for. */
export function analysedTexts(report: Pick<FeedbackScreen, 'comments' | 'lang'>): number {
  return report.lang ? report.comments.by_lang[report.lang] : report.comments.total;
}

/** Why a period shows nothing, which decides what the empty state suggests. */
export type EmptyReason = 'csat' | 'lang' | 'any';

export function emptyReason(report: Pick<FeedbackScreen, 'comments' | 'lang' | 'source'>): EmptyReason | null {
  if (analysedTexts(report) > 0) return null;
  if (report.source === 'csat') return 'csat';
  return report.lang ? 'lang' : 'any';
}

export interface CsatView {
  value: string;
  /** The 95% interval's ends ("55.0%", "89.4%"); null without one. */
  interval: { low: string; high: string } | null;
  n: string;
}

/** CSAT with its 95% interval and sample size; null when nothing was rated. */
export function csatView(csat: CsatStats, f: Formatter): CsatView | null {
  if (csat.value === null || csat.n === 0) return null;
  const interval =
    csat.ci_low !== null && csat.ci_high !== null ? { low: f.percent(csat.ci_low), high: f.percent(csat.ci_high) } : null;
  return { value: f.percent(csat.value), interval, n: f.count(csat.n) };
}

export interface ChangeView {
  /** The share's change in percentage points: "+2.1 pp". */
  text: string;
  direction: 'up' | 'down' | 'flat';
  arrow: string;
  /** Whether the change is unlikely to be chance (two-proportion test). */
  significant: boolean;
}

/** A theme's share against the previous period of equal length. */
export function changeView(change: Change, f: Formatter): ChangeView {
  const flat = Math.abs(change.delta) < 0.0005;
  const direction = flat ? 'flat' : change.delta > 0 ? 'up' : 'down';
  return {
    text: f.points(flat ? 0 : change.delta),
    direction,
    arrow: { up: '▲', down: '▼', flat: '→' }[direction],
    significant: change.p_value !== null && change.p_value < SIGNIFICANT && !flat,
  };
}

/** A driver's dimension in the reader's words: Theme, Tag, Channel, Group, Priority. */
export function dimensionName(dimension: string, t: Translator): string {
  if (dimension === 'theme') return t('feedback.dimension.theme');
  return dimensionLabel({ name: dimension, label: null }, t);
}

/** "Channel: email", "Theme: refund · card". */
export function driverLabel(effect: Pick<DriverEffect, 'dimension' | 'label'>, t: Translator): string {
  return t('feedback.driverLabel', { dimension: dimensionName(effect.dimension, t), value: effect.label });
}

/** The trend sparkline's accessible name: "Tickets by week: 1, 5, 14". */
export function trendLabel(theme: Pick<Theme, 'trend'>, every: string, f: Formatter): string {
  const key = `feedback.trend.${every}` as MessageKey;
  return f.t(key, { values: theme.trend.map((n) => f.count(n)).join(', ') });
}

/**
 * `title` followed by the one agent, else the one group, the chart is filtered to, as the
 * core titles a KPI chart of one person or team: "What customers write about — Dana Kim".
 */
export function focusedTitle(title: string, context: ChartContext | undefined): string {
  const only = (dimension: string) => {
    const values = context?.filters.find((filter) => filter.dimension === dimension)?.values;
    return values?.length === 1 ? values[0] : null;
  };
  const name = only('assignee') ?? only('group');
  return name ? `${title} — ${name}` : title;
}

/**
 * The charts in the reader's words: titles and series names are message ids, and a chart
 * of one agent or group names them; the driver chart's bars are named with their
 * dimension. Theme labels stay as customers wrote them.
 */
export function localizeFeedbackCharts(
  charts: FeedbackCharts,
  effects: readonly Pick<DriverEffect, 'dimension' | 'label'>[],
  t: Translator,
): FeedbackCharts {
  const words = (spec: ChartSpec, labels = spec.x.labels): ChartSpec => ({
    ...spec,
    title: focusedTitle(translateId(t, spec.title), spec.context),
    x: { ...spec.x, labels },
    series: spec.series.map((s) => ({ ...s, name: translateId(t, s.name) })),
  });
  const driverLabels = charts.drivers.x.labels.map((label, i) => {
    const effect = effects[i];
    return effect && effect.label === label ? driverLabel(effect, t) : label;
  });
  return {
    drivers: words(charts.drivers, driverLabels),
    sentiment: words(charts.sentiment),
    themes: words(charts.themes),
  };
}

export interface ModelView {
  lang: Lang;
  method: string;
  /** Held-out accuracy on rated comments, "—" when not measured. */
  accuracy: string;
  balanced: string;
  tested: string;
  /** What the method learnt from, or why no classifier could be trained. */
  training: string;
}

/** A language's sentiment method and how well it did on held-out rated comments. */
export function modelView(model: SentimentModel, f: Formatter): ModelView {
  const share = (v: number | null) => (v === null ? '—' : f.percent(v));
  return {
    lang: model.lang,
    method: f.t(`feedback.method.${model.method}` as MessageKey),
    accuracy: share(model.accuracy),
    balanced: share(model.balanced_accuracy),
    // Generated as bigint; serde sends a plain JSON number.
    tested: f.count(model.n_test),
    training: trainingText(model, f),
  };
}

/** "Trained on 412 rated comments", or how far a language is from a classifier. */
function trainingText(model: SentimentModel, f: Formatter): string {
  if (model.method === 'classifier') return f.t('feedback.sentiment.trainedOn', { count: f.count(model.n_train) });
  if (model.method === 'vader') return f.t('feedback.sentiment.lexicon');
  return f.t('feedback.sentiment.notEnough', {
    good: f.count(model.train_good),
    bad: f.count(model.train_bad),
    min: f.count(model.min_per_class),
  });
}

/** The languages sentiment covers (a method other than none), in the report's order. */
export function coveredLanguages(models: readonly SentimentModel[], f: Formatter): string {
  return models
    .filter((m) => m.method !== 'none')
    .map((m) => f.t(`feedback.lang.${m.lang}` as MessageKey))
    .join(', ');
}

/**
 * A quote on one line: a ticket's text starts with its subject, set off by a dash; other
 * line breaks become spaces.
 */
export function quoteText(quote: Pick<Quote, 'text' | 'kind'>, max = 220): string {
  const text = quote.kind === 'ticket' ? quote.text.trim().replace(/\s*\n\s*\n\s*/, ' — ') : quote.text;
  return excerpt(text, max);
}

/** A text cut to `max` characters at a word boundary where one is near, with an ellipsis. */
export function excerpt(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
