/** A feedback report shaped exactly like the generated bindings, for the Feedback screen's tests. */
import type { ChartSeries, CsatStats, FeedbackScreen, PolarityCounts, Theme } from '../lib/ipc';

const PERIODS = ['2025-03-03', '2025-03-10', '2025-03-17'];
const RANGE = { from: '2025-03-03', to: '2025-03-23', tz: 'Europe/Berlin' };
const PREVIOUS = { from: '2025-02-10', to: '2025-03-02', tz: 'Europe/Berlin' };

const csat = (good: number, bad: number, ci: [number, number] | null): CsatStats => ({
  value: good + bad === 0 ? null : good / (good + bad),
  n: good + bad,
  good,
  bad,
  ci_low: ci?.[0] ?? null,
  ci_high: ci?.[1] ?? null,
  small_sample: good + bad > 0 && good + bad < 30,
});

const polarity = (positive: number, neutral: number, negative: number): PolarityCounts => ({
  positive,
  neutral,
  negative,
  unknown: 0,
});

const series = (name: string, values: (number | null)[], extra: Partial<ChartSeries> = {}): ChartSeries => ({
  name,
  values,
  dashed: false,
  ...extra,
});

function theme(id: string, label: string, count: number, extra: Partial<Theme> = {}): Theme {
  return {
    id,
    lang: 'en',
    label,
    terms: label.split(' · '),
    term_weights: [0.3, 0.2],
    count,
    share: count / 100,
    csat: csat(8, 2, [0.49, 0.94]),
    sentiment: polarity(1, 2, 3),
    trend: [count - 4, 2, 2],
    change: { previous_count: 5, previous_share: 0.05, delta: 0.071, z: 2.4, p_value: 0.016 },
    examples: [],
    article: null,
    renamed: false,
    edit: null,
    ...extra,
  };
}

export const refundTheme = theme('en-1', 'refund · charged twice', 12, {
  examples: [
    {
      source_id: 1,
      ticket_id: 3801,
      kind: 'csat',
      text: 'I was charged twice\n\nand nobody answered for a week',
      rating: 'bad',
      sentiment: 'negative',
      url: 'https://acme.zendesk.com/agent/tickets/3801',
    },
    {
      source_id: 1,
      ticket_id: 3802,
      kind: 'ticket',
      text: '<img src=x onerror="alert(1)"> refund please',
      rating: null,
      sentiment: 'neutral',
      url: null,
    },
    { source_id: 1, ticket_id: 3803, kind: 'ticket', text: 'Refund?', rating: null, sentiment: 'neutral', url: null },
    { source_id: 1, ticket_id: 3804, kind: 'ticket', text: 'Fourth quote', rating: null, sentiment: 'neutral', url: null },
  ],
  article: {
    id: 77,
    title: 'How refunds work',
    url: 'https://acme.zendesk.com/hc/articles/77',
    score: 0.8,
    covered: true,
  },
});

export const markupTheme = theme('ko-1', '<b>환불</b> · 결제', 7, {
  lang: 'ko',
  csat: csat(0, 0, null),
  change: { previous_count: 7, previous_share: 0.07, delta: 0, z: null, p_value: null },
  article: { id: 78, title: 'Payments', url: null, score: 0.1, covered: false },
});

export const feedbackFixture: FeedbackScreen = {
  range: RANGE,
  previous: PREVIOUS,
  source: 'all',
  lang: null,
  filters: {},
  every: 'week',
  periods: PERIODS,
  comments: { total: 120, by_lang: { en: 80, ko: 25, ru: 10, other: 5 }, csat: 40, tickets: 80 },
  analysed: [{ lang: 'en', tickets: PERIODS.map(() => 20) }],
  themes: [refundTheme, markupTheme],
  emerging: [
    {
      kind: 'theme',
      lang: 'en',
      label: refundTheme.label,
      theme_id: 'en-1',
      count: 12,
      previous_count: 5,
      share: 0.12,
      previous_share: 0.05,
      z: 2.4,
      p_value: 0.008,
    },
    {
      kind: 'term',
      lang: 'ru',
      label: 'возврат',
      theme_id: null,
      count: 6,
      previous_count: 1,
      share: 0.06,
      previous_share: 0.01,
      z: 2.1,
      p_value: 0.02,
    },
  ],
  sentiment: {
    models: [
      {
        lang: 'en',
        method: 'classifier',
        accuracy: 0.84,
        balanced_accuracy: 0.8,
        vader_accuracy: 0.7,
        n_train: 300,
        n_test: 75,
        train_good: 240,
        train_bad: 60,
        min_per_class: 30,
      },
      {
        lang: 'ru',
        method: 'none',
        accuracy: null,
        balanced_accuracy: null,
        vader_accuracy: null,
        n_train: 38,
        n_test: 9,
        train_good: 30,
        train_bad: 8,
        min_per_class: 30,
      },
    ],
    by_lang: [{ lang: 'en', counts: polarity(20, 30, 30) }],
    over_time: [polarity(5, 10, 8), polarity(9, 10, 12), polarity(6, 10, 10)],
  },
  drivers: {
    overall: csat(30, 10, [0.6, 0.86]),
    effects: [
      {
        dimension: 'theme',
        key: 'en-1',
        label: refundTheme.label,
        csat: csat(4, 6, [0.17, 0.69]),
        rest: csat(26, 4, [0.7, 0.95]),
        diff: -0.4667,
        ci_low: -0.72,
        ci_high: -0.15,
        p_value: 0.003,
        impact: -0.1167,
      },
      {
        dimension: 'channel',
        key: 'email',
        label: 'email',
        csat: csat(10, 1, [0.62, 0.98]),
        rest: csat(20, 9, [0.51, 0.84]),
        diff: 0.2,
        ci_low: -0.04,
        ci_high: 0.36,
        p_value: 0.09,
        impact: 0.055,
      },
    ],
    words: [
      {
        lang: 'en',
        bad_comments: 10,
        good_comments: 30,
        bad: [{ term: 'charged twice', delta: 2, z: 3, count_a: 6, count_b: 0 }],
        good: [{ term: 'quick', delta: 1.5, z: 2, count_a: 0, count_b: 9 }],
      },
    ],
  },
  duplicates: [
    {
      id: 'dup-1',
      lang: 'en',
      size: 6,
      days: 4,
      first_at: 1741000000,
      last_at: 1742000000,
      median_resolution_minutes: 95,
      one_touch_share: 0.5,
      example: 'Login keeps failing\n\nSince yesterday I get an endless redirect loop',
      example_ticket: 3901,
      ticket_ids: [3901, 3902, 3903, 3904, 3905, 3906],
    },
  ],
  kb_gaps: [{ theme_id: 'ko-1', lang: 'ko', label: markupTheme.label, count: 7, best_article: null }],
  edits: [],
  charts: {
    drivers: {
      kind: 'diverging',
      title: 'chart.feedbackDrivers',
      subtitle: null,
      x: { kind: 'text', labels: [refundTheme.label, 'email'] },
      unit: 'points',
      series: [
        series('series.csatDiff', [-0.4667, 0.2], { samples: [10, 11], band: { low: [-0.72, -0.04], high: [-0.15, 0.36] } }),
      ],
    },
    sentiment: {
      kind: 'stacked_bar',
      title: 'chart.feedbackSentiment',
      subtitle: null,
      x: { kind: 'date', labels: PERIODS },
      unit: 'count',
      series: [
        series('series.positive', [5, 9, 6]),
        series('series.neutral', [10, 10, 10]),
        series('series.negative', [8, 12, 10]),
      ],
    },
    themes: {
      kind: 'bar',
      title: 'chart.feedbackThemes',
      subtitle: null,
      x: { kind: 'text', labels: [refundTheme.label, markupTheme.label], keys: ['en-1', 'ko-1'] },
      unit: 'count',
      series: [series('series.tickets', [12, 7])],
    },
  },
};

/** The same period with no texts at all. */
export const emptyFeedbackFixture: FeedbackScreen = {
  ...feedbackFixture,
  comments: { total: 0, by_lang: { en: 0, ko: 0, ru: 0, other: 0 }, csat: 0, tickets: 0 },
  themes: [],
  emerging: [],
  duplicates: [],
  kb_gaps: [],
};
