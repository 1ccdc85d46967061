/** The Operations screen's reports as the core's `backlog`, `flow` and `anomalies` commands return them. */
import type {
  AnomalyReport,
  BacklogScreen,
  ChartSpec,
  DurationStats,
  FlowScreen,
  ThemeAnomalyReport,
} from '../lib/ipc';

const range = { from: '2025-03-03', to: '2025-03-30', tz: 'UTC' };
const weeks = ['2025-03-03', '2025-03-10', '2025-03-17', '2025-03-24'];
const plain = (name: string, values: (number | null)[]) => ({ name, values, dashed: false });

const byAge: ChartSpec = {
  kind: 'stacked_bar',
  title: 'chart.backlogByAge',
  subtitle: null,
  x: { kind: 'date', labels: weeks, partial: [false, false, false, true] },
  unit: 'count',
  series: [
    plain('series.ageUnder1d', [4, 5, 3, 6]),
    plain('series.age1to3d', [6, 4, 7, 5]),
    plain('series.age3to7d', [3, 3, 2, 4]),
    plain('series.age7to30d', [2, 1, 3, 2]),
    plain('series.ageOver30d', [0, 1, 1, 1]),
  ],
};

export const backlogFixture: BacklogScreen = {
  report: {
    range,
    filters: {},
    age_from: 'created',
    bands: ['<1d', '1-3d', '3-7d', '7-30d', '>30d'],
    series: weeks.map((period, i) => ({
      period,
      partial: i === 3,
      by_age: byAge.series.map((s) => s.values[i] ?? 0),
      total: byAge.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0),
    })),
    by: null,
    groups: [],
    stuck_days: 7,
    stuck_count: 2,
    stuck: [
      { source_id: 1, id: 1042, status: 'pending', group: 'Billing', assignee: '<b>Борис</b>', days_unchanged: 19, url: null },
      { source_id: 1, id: 1077, status: 'hold', group: 'Tier 2', assignee: 'Anna Kim', days_unchanged: 8, url: null },
    ],
    without_history: 0,
    null_reason: null,
  },
  charts: { by_age: byAge, by_group: null },
};

const byReplyAge: ChartSpec = {
  ...byAge,
  title: 'chart.backlogByReplyAge',
  // The same totals: the tickets never replied to leave the youngest band for their own.
  series: [
    plain('series.ageUnder1d', [3, 5, 1, 5]),
    ...byAge.series.slice(1),
    plain('series.ageNoReply', [1, 0, 2, 1]),
  ],
};

/** The same backlog aged since the last public agent reply, with its no-reply band. */
export const backlogSinceReplyFixture: BacklogScreen = {
  report: {
    ...backlogFixture.report,
    age_from: 'last_reply',
    bands: [...backlogFixture.report.bands, 'no reply'],
    series: weeks.map((period, i) => ({
      period,
      partial: i === 3,
      by_age: byReplyAge.series.map((s) => s.values[i] ?? 0),
      total: byReplyAge.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0),
    })),
  },
  charts: { by_age: byReplyAge, by_group: null },
};

const stats = (n: number, median: number | null, p90: number | null): DurationStats => ({
  unit: 'minutes',
  n,
  mean: median,
  median,
  p90,
  small_sample: false,
});

export const flowFixture: FlowScreen = {
  report: {
    range,
    filters: {},
    by: 'group',
    time_in_status: [
      { key: '11', label: 'Billing', status: 'open', calendar: stats(40, 95, 600), business: null },
      { key: '11', label: 'Billing', status: 'pending', calendar: stats(12, 2880, 7200), business: null },
      { key: '12', label: 'Tier 2', status: 'open', calendar: stats(25, 45, 300), business: null },
    ],
    business_null_reason:
      'Acme: the source has no business-hours schedule (Zendesk plans without schedules, or none synced yet)',
    business_gap: 'no_schedule',
    handoffs: {
      n: 120,
      mean_group_changes: 0.35,
      mean_assignee_changes: 1.2,
      two_or_more_groups: 0.075,
      transfers: [
        { from: '11', from_label: 'Billing', to: '12', to_label: 'Tier 2', count: 14 },
        { from: '12', from_label: 'Tier 2', to: '11', to_label: 'Billing', count: 5 },
      ],
    },
    without_history: 0,
    null_reason: null,
  },
  charts: {
    time_in_status: {
      kind: 'bar',
      title: 'chart.timeInStatus',
      subtitle: null,
      x: { kind: 'text', labels: ['Billing', 'Tier 2'], keys: ['11', '12'] },
      unit: 'minutes',
      series: [
        plain('series.status.new', [null, null]),
        plain('series.status.open', [95, 45]),
        plain('series.status.pending', [2880, null]),
        plain('series.status.hold', [null, null]),
      ],
    },
    transfers: {
      kind: 'bar',
      title: 'chart.transfers',
      subtitle: null,
      x: { kind: 'text', labels: ['Billing → Tier 2', 'Tier 2 → Billing'] },
      unit: 'count',
      series: [plain('series.transfers', [14, 5])],
    },
  },
};

const NO_HISTORY = 'no ticket in the filter has status history';
const blank = (spec: ChartSpec): ChartSpec => ({ ...spec, x: { ...spec.x, labels: [] }, series: spec.series.map((s) => ({ ...s, values: [] })) });

/** A workspace whose sources keep no status history (imported files, Freshdesk). */
export const backlogWithoutHistoryFixture: BacklogScreen = {
  report: { ...backlogFixture.report, series: [], stuck: [], stuck_count: 0, without_history: 300, null_reason: NO_HISTORY },
  charts: { by_age: blank(byAge), by_group: null },
};

export const flowWithoutHistoryFixture: FlowScreen = {
  report: {
    ...flowFixture.report,
    time_in_status: [],
    handoffs: { n: 0, mean_group_changes: null, mean_assignee_changes: null, two_or_more_groups: null, transfers: [] },
    without_history: 300,
    null_reason: NO_HISTORY,
  },
  charts: {
    time_in_status: blank(flowFixture.charts.time_in_status),
    transfers: blank(flowFixture.charts.transfers),
  },
};

/** The "what changed" list by channel, daily: a count, a duration and a share. */
export const anomalyFixture: AnomalyReport = {
  range,
  filters: {},
  every: 'day',
  by: 'channel',
  kpis: ['tickets_created', 'first_reply_time', 'one_touch_rate'],
  fitted_from: '2025-01-06',
  threshold: 3.5,
  anomalies: [
    {
      kpi: 'tickets_created',
      measure: 'count',
      total: false,
      key: 'email',
      label: 'Email',
      period: '2025-03-12',
      value: 180,
      expected: 95.5,
      change: 84.5,
      relative: 0.88,
      score: 6.2,
      n: 180,
    },
    {
      kpi: 'first_reply_time',
      measure: 'minutes',
      total: true,
      key: null,
      label: 'All tickets',
      period: '2025-03-20',
      value: 300,
      expected: 120,
      change: 180,
      relative: 1.5,
      score: 4.1,
      n: 410,
    },
    {
      kpi: 'one_touch_rate',
      measure: 'share',
      total: false,
      key: null,
      label: '(none)',
      period: '2025-03-28',
      value: 0.31,
      expected: 0.52,
      change: -0.21,
      relative: null,
      score: -3.9,
      n: 64,
    },
  ],
  not_scored: [{ kpi: 'csat', total: false, key: 'chat', label: 'Chat', reason: 'too few ratings in a typical day' }],
};

export const noAnomalyFixture: AnomalyReport = { ...anomalyFixture, by: null, anomalies: [], not_scored: [] };

/** Weekly theme shares: one English theme jumped; a small Korean one was not judged. */
export const themeAnomalyFixture: ThemeAnomalyReport = {
  range,
  filters: {},
  every: 'week',
  fitted_from: '2024-08-26',
  threshold: 3.5,
  anomalies: [
    {
      theme_id: 'en-3f2a1c',
      lang: 'en',
      label: '<b>refund</b> · not received',
      period: '2025-03-10',
      share: 0.3,
      expected: 0.1,
      change: 0.2,
      score: 5.4,
      n: 30,
      analysed: 100,
    },
  ],
  not_scored: [
    {
      theme_id: 'ko-27ad68',
      lang: 'ko',
      label: '중복 결제',
      reason: "fewer than 5 of the theme's tickets in a typical bucket",
    },
  ],
};
