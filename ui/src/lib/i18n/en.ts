/**
 * English UI text: the reference dictionary. Every key here must exist in `ko.ts` and
 * `ru.ts` (their type makes a missing or extra key a compile error). `{name}` marks a
 * parameter filled in by `t()`.
 */
export const en = {
  'app.name': 'Deskbench',
  'app.description': 'An offline workbench for customer-support analytics.',

  'header.demoBadge': 'Demo data',
  'header.demoBadgeHint': 'This workspace contains generated sample tickets, not your helpdesk.',
  'header.timeZone': 'Time zone',
  'header.language': 'Language',
  'header.theme': 'Theme',

  'theme.system': 'System',
  'theme.light': 'Light',
  'theme.dark': 'Dark',

  'nav.label': 'Main navigation',
  'nav.overview': 'Overview',

  'workspace.tickets': 'Tickets',
  'workspace.sources': 'Sources',
  'workspace.neverSynced': 'Not synced yet',
  'workspace.syncedAt': 'Synced {when}',

  'loading.title': 'Preparing the demo workspace…',
  'loading.detail': 'On the first start Deskbench generates a sample helpdesk. This takes a few seconds.',
  'loading.overview': 'Loading…',

  'error.workspaceTitle': 'Could not open the workspace',
  'error.overviewTitle': 'Could not load the overview',
  'error.code': 'Error code: {code}',
  'error.retry': 'Retry',

  'overview.title': 'Overview',
  'overview.refresh': 'Refresh',
  'overview.refreshHint': 'Refresh (R or F5)',
  'overview.comparedWith': 'compared with {range}',

  'period.label': 'Period',
  'period.last_7_days': 'Last 7 days',
  'period.last_30_days': 'Last 30 days',
  'period.last_90_days': 'Last 90 days',
  'period.this_quarter': 'This quarter',
  'period.custom': 'Custom range',
  'period.shortcutHint': 'Shortcuts: Alt+1 to Alt+4',
  'period.from': 'From',
  'period.to': 'To',
  'period.apply': 'Apply',
  'period.error.missing': 'Choose both dates.',
  'period.error.invalid': 'Enter dates as YYYY-MM-DD.',
  'period.error.order': 'The start date must be on or before the end date.',

  'kpi.tickets_created': 'Tickets created',
  'kpi.tickets_solved': 'Tickets solved',
  'kpi.tickets_unsolved': 'Unsolved tickets',
  'kpi.first_reply_time': 'First reply time (median)',
  'kpi.full_resolution_time': 'Full resolution time (median)',
  'kpi.csat': 'CSAT',

  'card.noData': 'No data in this period',
  'card.previous': 'Previous period: {value}',
  'card.p90': 'p90 {value}',
  'card.n': 'n = {value}',
  'card.csatCounts': '{good} good / {bad} bad',
  'card.ci': '95% CI {low}–{high}',
  'card.changeAria': '{change} compared with the previous period, {verdict}',
  'card.better': 'better',
  'card.worse': 'worse',
  'card.unchanged': 'unchanged',
  'card.changeUnknown': 'No comparison with the previous period',

  'duration.lessThanMinute': '< 1 min',
  'duration.minutes': '{n} min',
  'duration.hours': '{n} h',
  'duration.days': '{n} d',

  'chart.title': 'Created vs solved by week',
  'chart.created': 'Created',
  'chart.solved': 'Solved',
  'chart.firstReply': 'First reply (median)',
  'chart.weekOf': 'Week of {date}',
  'chart.empty': 'No tickets were created or solved in this period.',
  'chart.ariaLabel': 'Tickets created and solved per week, with the median first reply time',

  'about.title': 'About Deskbench',
  'about.version': 'Version {version}',
  'about.close': 'Close',
} as const satisfies Record<string, string>;

/** Every UI text key. */
export type MessageKey = keyof typeof en;

/** The shape `ko` and `ru` must have: exactly the English keys, any text. */
export type Dictionary = { readonly [K in MessageKey]: string };
