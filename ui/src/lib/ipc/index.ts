/**
 * The only door to the Rust core. Everything else in the UI imports types and calls from
 * here, never from `@tauri-apps/*` or `./bindings` directly, so the IPC contract lives in
 * one place and tests can replace it with a single `vi.mock`.
 */
import { Channel, invoke, isTauri } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';

import type { AnomalyReport } from './bindings/AnomalyReport';
import type { ThemeAnomalyReport } from './bindings/ThemeAnomalyReport';
import type { AgeFrom } from './bindings/AgeFrom';
import type { BacklogScreen } from './bindings/BacklogScreen';
import type { ChartRequest } from './bindings/ChartRequest';
import type { ChartSpec } from './bindings/ChartSpec';
import type { ConnectionCheck } from './bindings/ConnectionCheck';
import type { ConnectRequest } from './bindings/ConnectRequest';
import type { DimensionOption } from './bindings/DimensionOption';
import type { DimensionValue } from './bindings/DimensionValue';
import type { ExportDone } from './bindings/ExportDone';
import type { ExportFormat } from './bindings/ExportFormat';
import type { ExportProgress } from './bindings/ExportProgress';
import type { ExportSource } from './bindings/ExportSource';
import type { FeedbackRequest } from './bindings/FeedbackRequest';
import type { FeedbackScreen } from './bindings/FeedbackScreen';
import type { FeedbackTickets } from './bindings/FeedbackTickets';
import type { FlowScreen } from './bindings/FlowScreen';
import type { FlowTickets } from './bindings/FlowTickets';
import type { ForecastRequest } from './bindings/ForecastRequest';
import type { ForecastScreen } from './bindings/ForecastScreen';
import type { ImageFormat } from './bindings/ImageFormat';
import type { ImportChoice } from './bindings/ImportChoice';
import type { ImportOptions } from './bindings/ImportOptions';
import type { ImportProgress } from './bindings/ImportProgress';
import type { ImportView } from './bindings/ImportView';
import type { IpcError } from './bindings/IpcError';
import type { PickedFile } from './bindings/PickedFile';
import type { KpiChart } from './bindings/KpiChart';
import type { KpiRequest } from './bindings/KpiRequest';
import type { Locale } from './bindings/Locale';
import type { OverviewRequest } from './bindings/OverviewRequest';
import type { OverviewScreen } from './bindings/OverviewScreen';
import type { PeopleBy } from './bindings/PeopleBy';
import type { PeopleTable } from './bindings/PeopleTable';
import type { PeriodPreset } from './bindings/PeriodPreset';
import type { RenderOptions } from './bindings/RenderOptions';
import type { SourceSyncResult } from './bindings/SourceSyncResult';
import type { SourceView } from './bindings/SourceView';
import type { SyncProgress } from './bindings/SyncProgress';
import type { StaffingScreen } from './bindings/StaffingScreen';
import type { StaffingSettings } from './bindings/StaffingSettings';
import type { SyncRun } from './bindings/SyncRun';
import type { ChartTheme } from './bindings/ChartTheme';
import type { TicketList } from './bindings/TicketList';
import type { TicketListRequest } from './bindings/TicketListRequest';
import type { ValueScope } from './bindings/ValueScope';
import type { WorkspaceInfo } from './bindings/WorkspaceInfo';
import { toIpcError } from './errors';

export type { AgeBand } from './bindings/AgeBand';
export type { AgeFrom } from './bindings/AgeFrom';
export type { ArticleMatch } from './bindings/ArticleMatch';
export type { BackFill } from './bindings/BackFill';
export type { BacklogCharts } from './bindings/BacklogCharts';
export type { BacklogPoint } from './bindings/BacklogPoint';
export type { BacklogReport } from './bindings/BacklogReport';
export type { BacklogScreen } from './bindings/BacklogScreen';
export type { Band } from './bindings/Band';
export type { Change } from './bindings/Change';
export type { ChartContext } from './bindings/ChartContext';
export type { ChartKind } from './bindings/ChartKind';
export type { ChartRequest } from './bindings/ChartRequest';
export type { ChartSeries } from './bindings/ChartSeries';
export type { ChartSpec } from './bindings/ChartSpec';
export type { ChartTheme } from './bindings/ChartTheme';
export type { CommentCounts } from './bindings/CommentCounts';
export type { ConnectionCheck } from './bindings/ConnectionCheck';
export type { ConnectRequest } from './bindings/ConnectRequest';
export type { CountValue } from './bindings/CountValue';
export type { CsatStats } from './bindings/CsatStats';
export type { DimensionOption } from './bindings/DimensionOption';
export type { DimensionValue } from './bindings/DimensionValue';
export type { DriverEffect } from './bindings/DriverEffect';
export type { Drivers } from './bindings/Drivers';
export type { DriverWords } from './bindings/DriverWords';
export type { DuplicateCluster } from './bindings/DuplicateCluster';
export type { DurationStats } from './bindings/DurationStats';
export type { DurationUnit } from './bindings/DurationUnit';
export type { EditOutcome } from './bindings/EditOutcome';
export type { Emerging } from './bindings/Emerging';
export type { ErrorCode } from './bindings/ErrorCode';
export type { ExportDone } from './bindings/ExportDone';
export type { ExportFormat } from './bindings/ExportFormat';
export type { ExportProgress } from './bindings/ExportProgress';
export type { ExportSource } from './bindings/ExportSource';
export type { FeedbackCharts } from './bindings/FeedbackCharts';
export type { FeedbackRequest } from './bindings/FeedbackRequest';
export type { FeedbackScreen } from './bindings/FeedbackScreen';
export type { FeedbackSource } from './bindings/FeedbackSource';
export type { FeedbackTable } from './bindings/FeedbackTable';
export type { FeedbackTickets } from './bindings/FeedbackTickets';
export type { FlowCharts } from './bindings/FlowCharts';
export type { BusinessGap } from './bindings/BusinessGap';
export type { FlowReport } from './bindings/FlowReport';
export type { FlowScreen } from './bindings/FlowScreen';
export type { FlowTickets } from './bindings/FlowTickets';
export type { Accuracy } from './bindings/Accuracy';
export type { ArrivalsForecast } from './bindings/ArrivalsForecast';
export type { Backtest } from './bindings/Backtest';
export type { ForecastPoint } from './bindings/ForecastPoint';
export type { ForecastRequest } from './bindings/ForecastRequest';
export type { ForecastScreen } from './bindings/ForecastScreen';
export type { Granularity } from './bindings/Granularity';
export type { SeriesForecast } from './bindings/SeriesForecast';
export type { ServiceTarget } from './bindings/ServiceTarget';
export type { StaffingCell } from './bindings/StaffingCell';
export type { StaffingInputs } from './bindings/StaffingInputs';
export type { StaffingScreen } from './bindings/StaffingScreen';
export type { StaffingSettings } from './bindings/StaffingSettings';
export type { StaffingWeek } from './bindings/StaffingWeek';
export type { GroupReport } from './bindings/GroupReport';
export type { HandoffsReport } from './bindings/HandoffsReport';
export type { ImageFormat } from './bindings/ImageFormat';
export type { ColumnChoice } from './bindings/ColumnChoice';
export type { CountsView } from './bindings/CountsView';
export type { FileView } from './bindings/FileView';
export type { ImportChoice } from './bindings/ImportChoice';
export type { ImportOptions } from './bindings/ImportOptions';
export type { ImportProgress } from './bindings/ImportProgress';
export type { ImportView } from './bindings/ImportView';
export type { PickedFile } from './bindings/PickedFile';
export type { PresetOption } from './bindings/PresetOption';
export type { SkipCode } from './bindings/SkipCode';
export type { SkipGroup } from './bindings/SkipGroup';
export type { StatusChoice } from './bindings/StatusChoice';
export type { StatusTimeRow } from './bindings/StatusTimeRow';
export type { StuckTicket } from './bindings/StuckTicket';
export type { TransferRow } from './bindings/TransferRow';
export type { IpcError } from './bindings/IpcError';
export type { KbGap } from './bindings/KbGap';
export type { KeptThemeEdit } from './bindings/KeptThemeEdit';
export type { KpiCard } from './bindings/KpiCard';
export type { KpiChange } from './bindings/KpiChange';
export type { ChangeUnit } from './bindings/ChangeUnit';
export type { Interval } from './bindings/Interval';
export type { Standing } from './bindings/Standing';
export type { KpiChart } from './bindings/KpiChart';
export type { KpiId } from './bindings/KpiId';
export type { KpiMap } from './bindings/KpiMap';
export type { KpiReport } from './bindings/KpiReport';
export type { Anomaly } from './bindings/Anomaly';
export type { AnomalyReport } from './bindings/AnomalyReport';
export type { ThemeAnomaly } from './bindings/ThemeAnomaly';
export type { ThemeAnomalyReport } from './bindings/ThemeAnomalyReport';
export type { Measure } from './bindings/Measure';
export type { NotScored } from './bindings/NotScored';
export type { KpiRequest } from './bindings/KpiRequest';
export type { KpiValue } from './bindings/KpiValue';
export type { GapCode } from './bindings/GapCode';
export type { LeftOut } from './bindings/LeftOut';
export type { NullReason } from './bindings/NullReason';
export type { RateValue } from './bindings/RateValue';
export type { Lang } from './bindings/Lang';
export type { LangCounts } from './bindings/LangCounts';
export type { LangPolarity } from './bindings/LangPolarity';
export type { Locale } from './bindings/Locale';
export type { OverviewCharts } from './bindings/OverviewCharts';
export type { OverviewRequest } from './bindings/OverviewRequest';
export type { OverviewScreen } from './bindings/OverviewScreen';
export type { PeopleBy } from './bindings/PeopleBy';
export type { PeopleCell } from './bindings/PeopleCell';
export type { PeopleColumn } from './bindings/PeopleColumn';
export type { PeopleRow } from './bindings/PeopleRow';
export type { PeopleTable } from './bindings/PeopleTable';
export type { PeriodPreset } from './bindings/PeriodPreset';
export type { Polarity } from './bindings/Polarity';
export type { PolarityCounts } from './bindings/PolarityCounts';
export type { Quote } from './bindings/Quote';
export type { RangeEcho } from './bindings/RangeEcho';
export type { RenderOptions } from './bindings/RenderOptions';
export type { RunOutcome } from './bindings/RunOutcome';
export type { SentimentMethod } from './bindings/SentimentMethod';
export type { SentimentModel } from './bindings/SentimentModel';
export type { SentimentSummary } from './bindings/SentimentSummary';
export type { SeriesGroup } from './bindings/SeriesGroup';
export type { SeriesPoint } from './bindings/SeriesPoint';
export type { SourceSummary } from './bindings/SourceSummary';
export type { SourceSyncResult } from './bindings/SourceSyncResult';
export type { SourceView } from './bindings/SourceView';
export type { SyncStream } from './bindings/SyncStream';
export type { StreamPhase } from './bindings/StreamPhase';
export type { StreamStatus } from './bindings/StreamStatus';
export type { SyncEvent } from './bindings/SyncEvent';
export type { SyncProgress } from './bindings/SyncProgress';
export type { SyncRun } from './bindings/SyncRun';
export type { TermOdds } from './bindings/TermOdds';
export type { TextKind } from './bindings/TextKind';
export type { Theme } from './bindings/Theme';
export type { ThemeEdit } from './bindings/ThemeEdit';
export type { ThemeEditKind } from './bindings/ThemeEditKind';
export type { TicketList } from './bindings/TicketList';
export type { TicketListRequest } from './bindings/TicketListRequest';
export type { TicketRow } from './bindings/TicketRow';
export type { Unit } from './bindings/Unit';
export type { WaitBudget } from './bindings/WaitBudget';
export type { WaitReason } from './bindings/WaitReason';
export type { ValueScope } from './bindings/ValueScope';
export type { WorkspaceInfo } from './bindings/WorkspaceInfo';
export type { BudgetKind } from './bindings/BudgetKind';
export type { XAxis } from './bindings/XAxis';
export type { XKind } from './bindings/XKind';
export type { ZendeskAuth } from './bindings/ZendeskAuth';
export { isIpcError, toIpcError } from './errors';

/** Actions the native menu sends as the payload of the `menu` event. */
export type MenuAction = 'import' | 'refresh' | 'theme' | 'about';

const MENU_ACTIONS: readonly MenuAction[] = ['import', 'refresh', 'theme', 'about'];

const NO_RUNTIME: IpcError = {
  code: 'internal',
  message: 'The Deskbench core is not available: open this page in the desktop app.',
};

/** Invokes a command and rejects with a typed `IpcError` instead of an arbitrary value. */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!isTauri()) throw NO_RUNTIME;
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toIpcError(reason);
  }
}

/** Whether `openWorkspace` will first generate the demo helpdesk (the first start only). */
export function generatesDemo(): Promise<boolean> {
  return call<boolean>('generates_demo');
}

/** Opens (on first start: generates) the workspace. Can take ~10 s the first time. */
export function openWorkspace(): Promise<WorkspaceInfo> {
  return call<WorkspaceInfo>('open_workspace');
}

/** A KPI query and the chart of one of its KPIs, drawn from the same numbers. */
export function kpiChart(period: PeriodPreset, request: KpiRequest, chart: ChartRequest): Promise<KpiChart> {
  return call<KpiChart>('kpi_chart', { period, request, chart });
}

/**
 * The Agents & groups table: one row per agent (`assignee`) or group over `period`, with
 * team medians and weekly trends. `request` carries filters, hours and zone only; the
 * core refuses one that sets `by`, `every`, `kpis` or `top`.
 */
export function peopleTable(period: PeriodPreset, request: KpiRequest, by: PeopleBy): Promise<PeopleTable> {
  return call<PeopleTable>('people_table', { period, request, by });
}

/**
 * The Feedback screen's report for `period` (which sets `request.from` and `to`) and its
 * charts. The core keeps the last report for `feedbackTickets` and feedback exports.
 */
export function feedback(period: PeriodPreset, request: FeedbackRequest): Promise<FeedbackScreen> {
  return call<FeedbackScreen>('feedback', { period, request });
}

/** A page of the tickets of a theme or repetitive-ticket cluster of the last feedback report. */
export function feedbackTickets(
  what: FeedbackTickets,
  page: { sort: string | null; offset: number; limit: number | null; search: string | null },
): Promise<TicketList> {
  return call<TicketList>('feedback_tickets', { what, ...page });
}

/** Names a theme of the last feedback report, kept per workspace; `null` resets it. */
export function renameTheme(id: string, name: string | null): Promise<void> {
  return call<void>('rename_theme', { id, name });
}

/** Merges themes of the last feedback report into one, kept per workspace; `name` or else the first's. */
export function mergeThemes(ids: string[], name: string | null): Promise<void> {
  return call<void>('merge_themes', { ids, name });
}

/**
 * Splits the texts of a theme that say `phrase` into a theme of their own, kept per workspace;
 * resolves to the report made to check the split.
 */
export function splitTheme(id: string, phrase: string): Promise<FeedbackScreen> {
  return call<FeedbackScreen>('split_theme', { id, phrase });
}

/** Forgets a kept merge or split by its number: undoes it, or removes one that changes nothing. */
export function removeThemeEdit(edit: number): Promise<void> {
  return call<void>('remove_theme_edit', { edit });
}

/** A page of the tickets behind a number. */
export function ticketList(request: TicketListRequest): Promise<TicketList> {
  return call<TicketList>('ticket_list', { request });
}

/** The dimensions Explore offers: the built-in ones, then the custom fields. */
export function exploreDimensions(): Promise<DimensionOption[]> {
  return call<DimensionOption[]>('explore_dimensions');
}

/**
 * A dimension's values with their ticket counts, most tickets first: created in the
 * scope's period under its other filters, or all tickets without a scope.
 */
export function dimensionValues(dimension: string, scope: ValueScope | null = null): Promise<DimensionValue[]> {
  return call<DimensionValue[]>('dimension_values', { dimension, scope });
}

/**
 * The Operations screen's backlog over `period` (which sets `request.from` and `to`): at
 * each bucket's end by age band (since creation, or since the last public agent reply),
 * by `request.by` as tickets had it then, and the tickets unsolved with no change for
 * `stuckDays`. Read from the status history.
 */
export function backlog(
  period: PeriodPreset,
  request: KpiRequest,
  stuckDays: number,
  ageFrom: AgeFrom = 'created',
): Promise<BacklogScreen> {
  return call<BacklogScreen>('backlog', { period, request, stuckDays, ageFrom });
}

/**
 * The Operations screen's time in status over `period` by the group or agent holding the
 * ticket (`request.by`), and the handoffs of the tickets solved in it.
 */
export function flow(period: PeriodPreset, request: KpiRequest): Promise<FlowScreen> {
  return call<FlowScreen>('flow', { period, request });
}

/**
 * A page of the tickets behind a figure of `backlog` or `flow` asked with the same
 * `period` and `request`: a backlog bar, a time-in-status row or a transfer pair.
 */
export function flowTickets(
  period: PeriodPreset,
  request: KpiRequest,
  what: FlowTickets,
  page: { sort: string | null; offset: number; limit: number | null; search: string | null },
): Promise<TicketList> {
  return call<TicketList>('flow_tickets', { period, request, what, ...page });
}

/**
 * The Operations screen's "what changed": the days or weeks of `period` where volume or a
 * headline KPI, in total and per group of `request.by`, moved beyond its weekly pattern.
 */
export function anomalies(period: PeriodPreset, request: KpiRequest): Promise<AnomalyReport> {
  return call<AnomalyReport>('anomalies', { period, request });
}

/**
 * The feedback themes whose share of their language's tickets moved in the days or weeks
 * of `period` (a feedback analysis of the period and its look-back: slower, so asked for
 * after `anomalies`).
 */
export function themeAnomalies(period: PeriodPreset, request: KpiRequest): Promise<ThemeAnomalyReport> {
  return call<ThemeAnomalyReport>('theme_anomalies', { period, request });
}

/**
 * The arrivals forecast `request` asks for (horizon, day or hour, by channel or group),
 * with each series' backtest and the chart of the last weeks then the forecast.
 */
export function forecast(request: ForecastRequest): Promise<ForecastScreen> {
  return call<ForecastScreen>('forecast', { request });
}

/**
 * The agents each weekday and hour needs under `settings`, from the hourly forecast of
 * `request`; the core refuses settings out of range with an input error.
 */
export function staffing(request: ForecastRequest, settings: StaffingSettings): Promise<StaffingScreen> {
  return call<StaffingScreen>('staffing', { request, settings });
}

/** Opens a ticket in its helpdesk in the system browser (the core builds the address). */
export function openTicket(sourceId: number, ticketId: number): Promise<void> {
  return call<void>('open_ticket', { sourceId, ticketId });
}

/** Opens a help-center article in the system browser; the core opens only addresses on a connected helpdesk. */
export function openArticle(url: string): Promise<void> {
  return call<void>('open_article', { url });
}

/** KPI cards against the previous period and the Overview's charts, all from the core. */
export function overview(request: OverviewRequest): Promise<OverviewScreen> {
  return call<OverviewScreen>('overview', { request });
}

/**
 * Subscribes to native menu actions; resolves to the unsubscribe function. Outside the
 * desktop app (plain browser, tests) there is no menu, so it resolves to a no-op.
 */
export async function onMenu(handler: (action: MenuAction) => void): Promise<() => void> {
  if (!isTauri()) return () => {};
  return listen<unknown>('menu', (event) => {
    const action = event.payload;
    if (typeof action === 'string' && (MENU_ACTIONS as readonly string[]).includes(action)) {
      handler(action as MenuAction);
    }
  });
}

/** Builds the native menu again in the UI's language. */
export function setMenuLanguage(locale: Locale): Promise<void> {
  return call<void>('set_menu_language', { locale });
}

/** Gives the window, and the menus the platform draws, a theme; null: the platform's. */
export function setWindowTheme(theme: ChartTheme | null): Promise<void> {
  return call<void>('set_window_theme', { theme });
}

/** Every source with its settings (never its token) and its streams' checkpoints. */
export function listSources(): Promise<SourceView[]> {
  return call<SourceView[]>('list_sources');
}

/** Checks an address and token against Zendesk without storing anything. */
export function testConnection(request: ConnectRequest): Promise<ConnectionCheck> {
  return call<ConnectionCheck>('test_connection', { request });
}

/**
 * Checks, stores the token in the OS keychain and adds the source. If the workspace was
 * the demo, the demo data is deleted: callers confirm that with the user first.
 */
export function connectSource(request: ConnectRequest): Promise<WorkspaceInfo> {
  return call<WorkspaceInfo>('connect_source', { request });
}

/**
 * Records that the user agrees to send the source's token to `baseUrl`, the address they
 * were shown. Rejects with `unconfirmed_host` when the stored address is no longer that.
 */
export function confirmSourceHost(name: string, baseUrl: string): Promise<void> {
  return call<void>('confirm_source_host', { name, baseUrl });
}

/**
 * Syncs every Zendesk source (`full`: every stream from the beginning), calling
 * `onProgress` for each progress event; resolves with one result per source. The
 * channel is created only inside the desktop app, where Tauri can address it. Rejects
 * with `unconfirmed_host`, before anything is sent, while a source's address is not
 * confirmed on this computer.
 */
export async function syncSources(
  full: boolean,
  onProgress: (progress: SyncProgress) => void,
): Promise<SourceSyncResult[]> {
  if (!isTauri()) throw NO_RUNTIME;
  const onEvent = new Channel<SyncProgress>(onProgress);
  return call<SourceSyncResult[]>('sync_sources', { full, onEvent });
}

/** Asks the running sync to stop; every page already stored is kept. */
export function cancelSync(): Promise<void> {
  return call<void>('cancel_sync');
}

/** The most recent sync runs, newest first. */
export function syncHistory(): Promise<SyncRun[]> {
  return call<SyncRun[]>('sync_history');
}

/** Deletes a source, everything synced from it and its keychain token. */
export function removeSource(name: string): Promise<WorkspaceInfo> {
  return call<WorkspaceInfo>('remove_source', { name });
}

/**
 * Exports a chart's data or every ticket of a list as CSV, XLSX or Parquet: asks where to
 * save (starting from `suggestedName`), then writes, calling `onProgress` as rows are
 * written. Resolves with the written file, or `null` when the user dismissed the dialog
 * or cancelled the export (nothing is written then).
 */
export async function exportData(
  what: ExportSource,
  format: ExportFormat,
  suggestedName: string,
  onProgress: (progress: ExportProgress) => void,
): Promise<ExportDone | null> {
  if (!isTauri()) throw NO_RUNTIME;
  const channel = new Channel<ExportProgress>(onProgress);
  return call<ExportDone | null>('export_data', { what, format, suggestedName, onProgress: channel });
}

/** Stops the running export; no file is left and an older one stays as it was. */
export function cancelExport(): Promise<void> {
  return call<void>('cancel_export');
}

/**
 * Renders `spec` (the chart as shown) to PNG or SVG in the core and saves it where the
 * user chooses in the system's save dialog, opened in the folder of the previous export.
 * Resolves to the saved path, or null when the user cancelled.
 */
export function exportChart(
  spec: ChartSpec,
  options: RenderOptions,
  format: ImageFormat,
  suggestedName: string,
): Promise<string | null> {
  return call<string | null>('export_chart', { spec, options, format, suggestedName });
}

/** Renders `spec` in the core and puts it on the system clipboard as an image. */
export function copyChart(spec: ChartSpec, options: RenderOptions): Promise<void> {
  return call<void>('copy_chart', { spec, options });
}

/**
 * Asks for a CSV or XLSX file with the system's open dialog; the core keeps it for the
 * preview and the import. Resolves to null when the user dismissed the dialog.
 */
export function pickImportFile(): Promise<PickedFile | null> {
  return call<PickedFile | null>('pick_import_file');
}

/** The presets (built-in, then the workspace's own), fields and states the Import dialog offers. */
export function importOptions(): Promise<ImportOptions> {
  return call<ImportOptions>('import_options');
}

/**
 * Reads the picked file as `choice` says and writes nothing: its detection, first rows as
 * mapped, counts and skipped rows. The whole file is read, so progress comes along.
 */
export async function previewImport(
  choice: ImportChoice,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportView> {
  if (!isTauri()) throw NO_RUNTIME;
  const channel = new Channel<ImportProgress>(onProgress);
  return call<ImportView>('preview_import', { choice, onProgress: channel });
}

/**
 * Imports the picked file in one transaction; every screen is then told the workspace
 * changed. Rejects (changing nothing) when cancelled or when the file cannot be read on.
 */
export async function runImport(
  choice: ImportChoice,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportView> {
  if (!isTauri()) throw NO_RUNTIME;
  const channel = new Channel<ImportProgress>(onProgress);
  return call<ImportView>('run_import', { choice, onProgress: channel });
}

/** Stops the running preview or import; an import then changes nothing. */
export function cancelImport(): Promise<void> {
  return call<void>('cancel_import');
}

/** Loose shape check: the payload comes from our own core, but an event is untyped. */
function isWorkspaceInfo(value: unknown): value is WorkspaceInfo {
  if (typeof value !== 'object' || value === null) return false;
  const info = value as Record<string, unknown>;
  return typeof info.is_demo === 'boolean' && typeof info.tz === 'string' && Array.isArray(info.sources);
}

/**
 * Subscribes to `workspace-changed`, emitted after connect, sync and remove so every
 * open screen can refresh; resolves to the unsubscribe function (a no-op outside the app).
 */
export async function onWorkspaceChanged(handler: (info: WorkspaceInfo) => void): Promise<() => void> {
  if (!isTauri()) return () => {};
  return listen<unknown>('workspace-changed', (event) => {
    if (isWorkspaceInfo(event.payload)) handler(event.payload);
  });
}
