/**
 * The Feedback screen's query as the user builds it (period, zone, filters, language,
 * source), its translation into the core's `FeedbackRequest`, and the scope its filter
 * menus count values in. Pure, for tests.
 */
import { filterSpecs, type ExploreQuery } from '../explore/query';
import type { FeedbackRequest, FeedbackSource, Lang, PeriodPreset, ValueScope } from '../ipc';
import { DEFAULT_PERIOD } from '../period/presets';

export type LangChoice = 'all' | Lang;

export const LANG_CHOICES: readonly LangChoice[] = ['all', 'en', 'ko', 'ru'];
export const SOURCE_CHOICES: readonly FeedbackSource[] = ['all', 'csat', 'tickets'];

export interface FeedbackQuery {
  period: PeriodPreset;
  /** IANA zone; null for the workspace's. */
  tz: string | null;
  /** Selected keys per dimension, as on Explore. */
  filters: ExploreQuery['filters'];
  lang: LangChoice;
  source: FeedbackSource;
}

export const DEFAULT_FEEDBACK_QUERY: FeedbackQuery = {
  period: DEFAULT_PERIOD,
  tz: null,
  filters: {},
  lang: 'all',
  source: 'all',
};

/** The range is left to the period, which the core resolves and echoes back. */
export function toFeedbackRequest(query: FeedbackQuery): FeedbackRequest {
  return {
    from: null,
    to: null,
    tz: query.tz,
    filters: filterSpecs(query.filters),
    lang: query.lang === 'all' ? null : query.lang,
    source: query.source,
  };
}

/**
 * What the filter menus count their values over, as on Explore: the tickets of the
 * period in the zone under the other filters (the core leaves each menu's own dimension
 * aside). Language and source choose texts, not tickets, so they ask for no new counts.
 */
export function feedbackValueScope(query: FeedbackQuery): ValueScope {
  return {
    period: query.period,
    request: {
      from: null,
      to: null,
      tz: query.tz,
      every: null,
      by: null,
      filters: filterSpecs(query.filters),
      kpis: [],
      hours: null,
      top: null,
    },
  };
}
