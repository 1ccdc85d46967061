/**
 * The only door to the Rust core. Everything else in the UI imports types and calls from
 * here, never from `@tauri-apps/*` or `./bindings` directly, so the IPC contract lives in
 * one place and tests can replace it with a single `vi.mock`.
 */
import { invoke, isTauri } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';

import type { IpcError } from './bindings/IpcError';
import type { Overview } from './bindings/Overview';
import type { OverviewRequest } from './bindings/OverviewRequest';
import type { WorkspaceInfo } from './bindings/WorkspaceInfo';
import { toIpcError } from './errors';

export type { CountValue } from './bindings/CountValue';
export type { CsatStats } from './bindings/CsatStats';
export type { DurationStats } from './bindings/DurationStats';
export type { DurationUnit } from './bindings/DurationUnit';
export type { ErrorCode } from './bindings/ErrorCode';
export type { IpcError } from './bindings/IpcError';
export type { KpiCard } from './bindings/KpiCard';
export type { KpiId } from './bindings/KpiId';
export type { KpiValue } from './bindings/KpiValue';
export type { Overview } from './bindings/Overview';
export type { OverviewRequest } from './bindings/OverviewRequest';
export type { PeriodPreset } from './bindings/PeriodPreset';
export type { RangeEcho } from './bindings/RangeEcho';
export type { SourceSummary } from './bindings/SourceSummary';
export type { TrendPoint } from './bindings/TrendPoint';
export type { WorkspaceInfo } from './bindings/WorkspaceInfo';
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
