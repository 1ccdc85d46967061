/**
 * The only door to the Rust core. Everything else in the UI imports types and calls from
 * here, never from `@tauri-apps/*` or `./bindings` directly, so the IPC contract lives in
 * one place and tests can replace it with a single `vi.mock`.
 */
import { Channel, invoke, isTauri } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';

import type { ChartSpec } from './bindings/ChartSpec';
import type { ConnectionCheck } from './bindings/ConnectionCheck';
import type { ConnectRequest } from './bindings/ConnectRequest';
import type { DimensionOption } from './bindings/DimensionOption';
import type { DimensionValue } from './bindings/DimensionValue';
import type { ExportFormat } from './bindings/ExportFormat';
import type { IpcError } from './bindings/IpcError';
import type { KpiReport } from './bindings/KpiReport';
import type { KpiRequest } from './bindings/KpiRequest';
import type { Overview } from './bindings/Overview';
import type { OverviewRequest } from './bindings/OverviewRequest';
import type { PeriodPreset } from './bindings/PeriodPreset';
import type { RenderOptions } from './bindings/RenderOptions';
import type { SourceSyncResult } from './bindings/SourceSyncResult';
import type { SourceView } from './bindings/SourceView';
import type { SyncProgress } from './bindings/SyncProgress';
import type { SyncRun } from './bindings/SyncRun';
import type { TicketList } from './bindings/TicketList';
import type { TicketListRequest } from './bindings/TicketListRequest';
import type { WorkspaceInfo } from './bindings/WorkspaceInfo';
import { toIpcError } from './errors';

export type { Band } from './bindings/Band';
export type { ChartKind } from './bindings/ChartKind';
export type { ChartSeries } from './bindings/ChartSeries';
export type { ChartSpec } from './bindings/ChartSpec';
export type { ConnectionCheck } from './bindings/ConnectionCheck';
export type { ConnectRequest } from './bindings/ConnectRequest';
export type { CountValue } from './bindings/CountValue';
export type { CsatStats } from './bindings/CsatStats';
export type { DimensionOption } from './bindings/DimensionOption';
export type { DimensionValue } from './bindings/DimensionValue';
export type { DurationStats } from './bindings/DurationStats';
export type { DurationUnit } from './bindings/DurationUnit';
export type { ErrorCode } from './bindings/ErrorCode';
export type { ExportFormat } from './bindings/ExportFormat';
export type { GroupReport } from './bindings/GroupReport';
export type { IpcError } from './bindings/IpcError';
export type { KpiCard } from './bindings/KpiCard';
export type { KpiId } from './bindings/KpiId';
export type { KpiMap } from './bindings/KpiMap';
export type { KpiReport } from './bindings/KpiReport';
export type { KpiRequest } from './bindings/KpiRequest';
export type { KpiValue } from './bindings/KpiValue';
export type { Locale } from './bindings/Locale';
export type { Overview } from './bindings/Overview';
export type { OverviewRequest } from './bindings/OverviewRequest';
export type { PeriodPreset } from './bindings/PeriodPreset';
export type { RangeEcho } from './bindings/RangeEcho';
export type { RenderOptions } from './bindings/RenderOptions';
export type { RunOutcome } from './bindings/RunOutcome';
export type { SourceSummary } from './bindings/SourceSummary';
export type { SeriesGroup } from './bindings/SeriesGroup';
export type { SeriesPoint } from './bindings/SeriesPoint';
export type { SourceSyncResult } from './bindings/SourceSyncResult';
export type { SourceView } from './bindings/SourceView';
export type { Stream } from './bindings/Stream';
export type { StreamState } from './bindings/StreamState';
export type { SyncEvent } from './bindings/SyncEvent';
export type { SyncProgress } from './bindings/SyncProgress';
export type { SyncRun } from './bindings/SyncRun';
export type { TicketList } from './bindings/TicketList';
export type { TicketListRequest } from './bindings/TicketListRequest';
export type { Theme } from './bindings/Theme';
export type { TicketRow } from './bindings/TicketRow';
export type { TrendPoint } from './bindings/TrendPoint';
export type { Unit } from './bindings/Unit';
export type { WaitReason } from './bindings/WaitReason';
export type { WorkspaceInfo } from './bindings/WorkspaceInfo';
export type { XAxis } from './bindings/XAxis';
export type { XKind } from './bindings/XKind';
export type { ZendeskAuth } from './bindings/ZendeskAuth';
export { isIpcError, toIpcError } from './errors';

/** Actions the native menu sends as the payload of the `menu` event. */
export type MenuAction = 'refresh' | 'theme' | 'about';

const MENU_ACTIONS: readonly MenuAction[] = ['refresh', 'theme', 'about'];

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

/** Opens (on first start: generates) the workspace. Can take ~10 s the first time. */
export function openWorkspace(): Promise<WorkspaceInfo> {
  return call<WorkspaceInfo>('open_workspace');
}

/** One KPI query for Explore; `period` gives the range (the core resolves presets). */
export function kpiReport(period: PeriodPreset, request: KpiRequest): Promise<KpiReport> {
  return call<KpiReport>('kpi_report', { period, request });
}

/** A page of the tickets behind a number. */
export function ticketList(request: TicketListRequest): Promise<TicketList> {
  return call<TicketList>('ticket_list', { request });
}

/** The dimensions Explore offers: the built-in ones, then the custom fields. */
export function exploreDimensions(): Promise<DimensionOption[]> {
  return call<DimensionOption[]>('explore_dimensions');
}

/** A dimension's values with their ticket counts, most tickets first. */
export function dimensionValues(dimension: string): Promise<DimensionValue[]> {
  return call<DimensionValue[]>('dimension_values', { dimension });
}

/** Opens a ticket in its helpdesk in the system browser (the core builds the address). */
export function openTicket(sourceId: number, ticketId: number): Promise<void> {
  return call<void>('open_ticket', { sourceId, ticketId });
}

/** KPI cards against the previous period plus the weekly trend, all computed by the core. */
export function overview(request: OverviewRequest): Promise<Overview> {
  return call<Overview>('overview', { request });
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
 * Syncs every Zendesk source (`full`: every stream from the beginning), calling
 * `onProgress` for each progress event; resolves with one result per source. The
 * channel is created only inside the desktop app, where Tauri can address it.
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
 * Renders `spec` (the chart as shown) to PNG or SVG in the core and saves it where the
 * user chooses in the system's save dialog, opened in the folder of the previous export.
 * Resolves to the saved path, or null when the user cancelled.
 */
export function exportChart(
  spec: ChartSpec,
  options: RenderOptions,
  format: ExportFormat,
  suggestedName: string,
): Promise<string | null> {
  return call<string | null>('export_chart', { spec, options, format, suggestedName });
}

/** Renders `spec` in the core and puts it on the system clipboard as an image. */
export function copyChart(spec: ChartSpec, options: RenderOptions): Promise<void> {
  return call<void>('copy_chart', { spec, options });
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
