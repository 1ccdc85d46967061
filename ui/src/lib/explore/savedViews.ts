/**
 * Saved Explore views: a named query and view, kept per workspace in the app's local
 * storage (like the theme and language). What comes back from storage is checked, so a
 * damaged or older entry is skipped instead of breaking the screen.
 */
import type { KpiId } from '../ipc';
import { KPI_IDS } from '../kpi/cardView';
import { EVERIES, VIEWS, type ExploreQuery, type ExploreView } from './query';
import { isPeriod } from './state';

export interface SavedView {
  name: string;
  query: ExploreQuery;
  view: ExploreView;
}

/** Enough for any team's set; the oldest are not dropped silently, saving is refused. */
export const MAX_VIEWS = 100;
export const MAX_NAME = 80;

export function storageKey(workspacePath: string): string {
  return `deskbench.views.${workspacePath}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFilters(value: unknown): value is ExploreQuery['filters'] {
  return (
    isRecord(value) &&
    Object.values(value).every((keys) => Array.isArray(keys) && keys.every((k) => k === null || typeof k === 'string'))
  );
}

function isQuery(value: unknown): value is ExploreQuery {
  if (!isRecord(value)) return false;
  return (
    KPI_IDS.includes(value.kpi as KpiId) &&
    (value.by === null || typeof value.by === 'string') &&
    (value.every === null || EVERIES.includes(value.every as never)) &&
    (value.hours === 'calendar' || value.hours === 'business') &&
    (value.tz === undefined || value.tz === null || typeof value.tz === 'string') &&
    isPeriod(value.period) &&
    isFilters(value.filters)
  );
}

function isSavedView(value: unknown): value is SavedView {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    value.name.trim() !== '' &&
    VIEWS.includes(value.view as ExploreView) &&
    isQuery(value.query)
  );
}

/** The views stored under `key`; entries that do not check out are left out. */
export function loadViews(storage: Pick<Storage, 'getItem'> | undefined, key: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
    // Views saved before the zone picker have no `tz`: the workspace's zone.
    return Array.isArray(parsed)
      ? parsed.filter(isSavedView).map((v) => ({ ...v, query: { ...v.query, tz: v.query.tz ?? null } }))
      : [];
  } catch {
    return [];
  }
}

export function storeViews(storage: Pick<Storage, 'setItem'> | undefined, key: string, views: readonly SavedView[]): void {
  storage?.setItem(key, JSON.stringify(views));
}

export type SaveResult = { ok: true; views: SavedView[] } | { ok: false; reason: 'empty' | 'tooMany' };

/** Adds the view, replacing one of the same name (ignoring case); sorted by name. */
export function saveView(views: readonly SavedView[], name: string, query: ExploreQuery, view: ExploreView): SaveResult {
  const clean = name.trim().slice(0, MAX_NAME);
  if (!clean) return { ok: false, reason: 'empty' };
  const others = views.filter((v) => v.name.toLocaleLowerCase() !== clean.toLocaleLowerCase());
  if (others.length >= MAX_VIEWS) return { ok: false, reason: 'tooMany' };
  const next = [...others, { name: clean, query, view }];
  next.sort((a, b) => a.name.localeCompare(b.name));
  return { ok: true, views: next };
}

export function deleteView(views: readonly SavedView[], name: string): SavedView[] {
  return views.filter((v) => v.name !== name);
}
