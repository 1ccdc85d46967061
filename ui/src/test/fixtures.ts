/** Core responses shaped exactly like the generated bindings, for unit and component tests. */
import type {
  ChartSeries,
  ChartSpec,
  KpiCard,
  OverviewScreen,
  PeopleCell,
  PeopleTable,
  Standing,
  SourceView,
  StreamStatus,
  SyncRun,
  WorkspaceInfo,
} from '../lib/ipc';

export const workspaceFixture: WorkspaceInfo = {
  id: 'b7e0c3f2-demo',
  path: '/home/analyst/.local/share/deskbench/demo.sqlite',
  is_demo: true,
  tz: 'Europe/Berlin',
  today: '2025-03-31',
  tickets: 48213,
  sources: [{ name: 'Demo helpdesk', kind: 'demo', last_synced_at: null }],
};

const count = (value: number) => ({ value });

export const cardsFixture: KpiCard[] = [
  // Deliberately not in display order: the UI must sort them.
  {
    kpi: 'csat',
    current: { value: 0.8734, n: 300, good: 262, bad: 38, ci_low: 0.8312, ci_high: 0.9061, small_sample: false },
    previous: { value: 0.85, n: 280, good: 238, bad: 42, ci_low: 0.8, ci_high: 0.89, small_sample: false },
    headline: 0.8734,
    previous_headline: 0.85,
    // A share changes in points: 85.0% → 87.34% is +2.34 pp, within the noise of 300 ratings.
    change: { value: 0.0234, unit: 'points', clear: false },
    trend: null,
    small_sample: false,
    higher_is_better: true, target: null, target_status: null,
  },
  {
    kpi: 'tickets_created',
    current: count(1234),
    previous: count(1100),
    headline: 1234,
    previous_headline: 1100,
    change: { value: 0.1218, unit: 'relative', clear: true },
    trend: null,
    small_sample: false,
    higher_is_better: false, target: null, target_status: null,
  },
  {
    kpi: 'tickets_solved',
    current: count(1180),
    previous: count(1200),
    headline: 1180,
    previous_headline: 1200,
    change: { value: -0.0167, unit: 'relative', clear: false },
    trend: null,
    small_sample: false,
    higher_is_better: true, target: null, target_status: null,
  },
  {
    kpi: 'tickets_unsolved',
    current: count(96),
    previous: count(0),
    headline: 96,
    previous_headline: 0,
    // Depends on today's statuses: no change, the weekly values instead.
    change: null,
    trend: [40, 61, 96],
    small_sample: false,
    higher_is_better: false, target: null, target_status: null,
  },
  {
    kpi: 'first_reply_time',
    current: { unit: 'minutes', n: 1100, mean: 120.5, median: 85.2, p90: 310, small_sample: false },
    previous: { unit: 'minutes', n: 1000, mean: 140, median: 95, p90: 400, small_sample: false },
    headline: 85.2,
    previous_headline: 95,
    change: { value: -0.1032, unit: 'relative', clear: true },
    trend: null,
    small_sample: false,
    higher_is_better: false, target: null, target_status: null,
  },
  {
    kpi: 'full_resolution_time',
    current: { unit: 'minutes', n: 0, mean: null, median: null, p90: null, small_sample: false },
    previous: { unit: 'minutes', n: 900, mean: 3000, median: 2880, p90: 9000, small_sample: false },
    headline: null,
    previous_headline: 2880,
    change: null,
    trend: null,
    small_sample: false,
    higher_is_better: false, target: null, target_status: null,
  },
];

const WEEKS = ['2025-02-24', '2025-03-03', '2025-03-10'];

function series(name: string, values: (number | null)[], extra: Partial<ChartSeries> = {}): ChartSeries {
  return { name, values, dashed: false, ...extra };
}

function weekly(title: string, unit: ChartSpec['unit'], lines: ChartSeries[]): ChartSpec {
  return { kind: 'line', title, subtitle: null, x: { kind: 'date', labels: WEEKS }, unit, series: lines };
}

export const overviewFixture: OverviewScreen = {
  range: { from: '2025-03-01', to: '2025-03-30', tz: 'Europe/Berlin' },
  previous: { from: '2025-01-30', to: '2025-02-28', tz: 'Europe/Berlin' },
  cards: cardsFixture,
  charts: {
    volume: weekly('chart.volume', 'count', [
      series('series.created', [120, 300, 280]),
      series('series.solved', [100, 290, 300]),
      series('series.backlog', [40, 50, 30]),
    ]),
    first_reply: weekly('chart.firstReply', 'minutes', [
      series('series.median', [80, 92.5, null], { samples: [120, 300, 0] }),
      series('series.p90', [300, 420, null], { dashed: true }),
    ]),
    resolution: weekly('chart.resolution', 'minutes', [
      series('series.median', [1440, 1500, 1300]),
      series('series.p90', [4000, 4200, 3900], { dashed: true }),
    ]),
    csat: weekly('chart.csat', 'share', [
      series('series.csat', [0.9, 0.85, null], {
        samples: [40, 60, 0],
        band: { low: [0.78, 0.75, null], high: [0.96, 0.92, null] },
      }),
    ]),
    sla: {
      kind: 'bar',
      title: 'chart.sla',
      subtitle: null,
      x: { kind: 'text', labels: ['first_reply_time', 'custom_metric'] },
      unit: 'share',
      series: [series('series.achieved', [0.92, 0.7], { samples: [200, 10] })],
    },
    arrivals: {
      kind: 'heatmap',
      title: 'chart.arrivals',
      subtitle: null,
      x: { kind: 'hour', labels: Array.from({ length: 24 }, (_, h) => String(h)) },
      unit: 'count',
      series: Array.from({ length: 7 }, (_, d) =>
        series(String(d + 1), Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 && d < 5 ? 10 + h : 1))),
      ),
    },
  },
};

/** 2025-03-31 12:00:00 UTC, the "now" of time-dependent tests. */
export const NOW_MS = Date.UTC(2025, 2, 31, 12);
const NOW_S = NOW_MS / 1000;

/** A workspace after connecting a Zendesk account and syncing it five minutes ago. */
export const zendeskWorkspaceFixture: WorkspaceInfo = {
  id: '5d1a9e44-zendesk',
  path: '/home/analyst/.local/share/deskbench/workspace',
  is_demo: false,
  tz: 'America/New_York',
  today: '2025-03-31',
  tickets: 1200,
  sources: [{ name: 'Acme support', kind: 'zendesk', last_synced_at: NOW_S - 300 }],
};

export const demoSourcesFixture: SourceView[] = [
  {
    name: 'Demo helpdesk',
    kind: 'demo',
    base_url: null,
    email: null,
    auth: 'api_token',
    last_synced_at: null,
    time_zone: 'Europe/Berlin',
    streams: [],
    host_confirmed: true,
  },
];

const stream = (name: string, success: number | null, records: number | null, failure: string | null = null): StreamStatus => ({
  stream: name,
  last_success_at: success,
  records,
  state: failure === null ? 'complete' : 'failed',
  reason: failure,
});

export const sourcesFixture: SourceView[] = [
  {
    name: 'Acme support',
    kind: 'zendesk',
    base_url: 'https://acme.zendesk.com',
    email: 'admin@acme.test',
    auth: 'api_token',
    last_synced_at: NOW_S - 300,
    time_zone: 'America/New_York',
    // Deliberately not in display order.
    streams: [
      stream('users', NOW_S - 300, 400),
      stream('satisfaction_ratings', null, null, 'Zendesk refused access (403): the plan does not include this'),
      stream('tickets', NOW_S - 300, 12000),
    ],
    host_confirmed: true,
  },
];

/** A Freshdesk source beside the Zendesk one: a stream resuming, one the plan lacks. */
export const freshdeskSourceFixture: SourceView = {
  name: 'Acme desk',
  kind: 'freshdesk',
  base_url: 'https://acme.freshdesk.com/api/v2/',
  email: null,
  auth: 'api_token',
  last_synced_at: NOW_S - 600,
  time_zone: null,
  streams: [
    { ...stream('conversations', NOW_S - 600, 900), state: 'resuming' },
    stream('tickets', NOW_S - 600, 250),
    {
      stream: 'satisfaction_ratings',
      last_success_at: NOW_S - 600,
      records: null,
      state: 'skipped',
      reason: 'the plan does not include satisfaction ratings',
    },
  ],
  host_confirmed: true,
};

export const runsFixture: SyncRun[] = [
  {
    id: 3,
    source: 'Acme support',
    started_at: NOW_S - 400,
    finished_at: null,
    outcome: 'running',
    counts: {},
    error: null,
    problems: 0,
  },
  {
    id: 2,
    source: 'Acme support',
    started_at: NOW_S - 3600,
    finished_at: NOW_S - 3600 + 95,
    outcome: 'failed',
    counts: { tickets: 200 },
    error: 'Zendesk refused the credentials (401): check the email and the API token',
    problems: 0,
  },
  {
    id: 1,
    source: 'Acme support',
    started_at: NOW_S - 7200,
    finished_at: NOW_S - 7200 + 42,
    outcome: 'succeeded',
    counts: { tickets: 12000, users: 400, organizations: 2 },
    error: null,
    problems: 3,
  },
];

const small = (n: number, minimum: number) => n > 0 && n < minimum;
const solvedCell = (value: number, trend: (number | null)[], standing: Standing): PeopleCell => ({
  value: { value },
  headline: value,
  n: value,
  trend,
  small_sample: false,
  interval: null,
  standing,
});
/** A median with an interval of ±20% (none for 5 durations or fewer, as the core has it). */
const minutesCell = (median: number | null, n: number, standing: Standing): PeopleCell => ({
  value: { unit: 'minutes', n, mean: median, median, p90: median, small_sample: small(n, 10) },
  headline: median,
  n,
  trend: [median, median],
  small_sample: small(n, 10),
  interval: median !== null && n > 5 ? { low: median * 0.8, high: median * 1.2 } : null,
  standing,
});
const shareCell = (value: number | null, n: number, standing: Standing): PeopleCell => ({
  value: { value, n, small_sample: small(n, 30) },
  headline: value,
  n,
  trend: [value, value],
  small_sample: small(n, 30),
  interval: value === null ? null : { low: Math.max(0, value - 0.15), high: Math.min(1, value + 0.12) },
  standing,
});
const csatCell = (good: number, bad: number, standing: Standing): PeopleCell => {
  const n = good + bad;
  const value = n > 0 ? good / n : null;
  const [low, high] = n > 0 ? [0.5, 0.95] : [null, null];
  return {
    value: { value, n, good, bad, ci_low: low, ci_high: high, small_sample: small(n, 30) },
    headline: value,
    n,
    trend: [value, null],
    small_sample: small(n, 30),
    interval: low !== null && high !== null ? { low, high } : null,
    standing,
  };
};

/** Three agents over two weeks; the names are data and include markup-like text. */
export const peopleTableFixture: PeopleTable = {
  range: { from: '2025-03-03', to: '2025-03-16', tz: 'Europe/Berlin' },
  hours: 'calendar',
  filters: {},
  by: 'assignee',
  weeks: ['2025-03-03', '2025-03-10'],
  partial_weeks: [false, true],
  columns: [
    { kpi: 'tickets_solved', higher_is_better: true, team_median: 20 },
    { kpi: 'first_reply_time', higher_is_better: false, team_median: 60 },
    { kpi: 'full_resolution_time', higher_is_better: false, team_median: 700 },
    { kpi: 'one_touch_rate', higher_is_better: true, team_median: 0.55 },
    { kpi: 'reopen_rate', higher_is_better: false, team_median: 0.125 },
    { kpi: 'csat', higher_is_better: true, team_median: 0.875 },
  ],
  rows: [
    {
      key: '101',
      label: 'Anna Kim',
      created: 40,
      cells: [
        solvedCell(30, [12, 18], 'better'),
        minutesCell(45, 40, 'better'),
        minutesCell(500, 30, 'better'),
        shareCell(0.6, 30, 'unclear'),
        shareCell(0.05, 30, 'unclear'),
        csatCell(19, 1, 'unclear'),
      ],
    },
    {
      key: '102',
      label: '<b>Борис</b>',
      created: 25,
      cells: [
        solvedCell(20, [10, 10], 'unclear'),
        minutesCell(60, 25, 'unclear'),
        minutesCell(900, 20, 'worse'),
        shareCell(0.5, 20, 'unclear'),
        shareCell(0.2, 20, 'unclear'),
        csatCell(8, 2, 'unclear'),
      ],
    },
    {
      key: '103',
      label: 'José Park',
      created: 3,
      cells: [
        solvedCell(0, [0, 0], 'worse'),
        minutesCell(90, 3, 'unclear'),
        minutesCell(null, 0, 'none'),
        shareCell(null, 0, 'none'),
        shareCell(null, 0, 'none'),
        csatCell(0, 0, 'none'),
      ],
    },
  ],
};
