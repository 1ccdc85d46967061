/**
 * The Operations screen's choices (period, bucket, breakdown, age origin, owner, stuck
 * days), the
 * core requests they make, and how they are kept per workspace between visits. What comes
 * back from storage is checked field by field: a bad field takes its default. Pure, so the
 * mapping is unit-tested.
 */
import type { Every } from '../explore/query';
import { EVERIES } from '../explore/query';
import { isPeriod } from '../explore/state';
import type { AgeFrom, KpiRequest, PeriodPreset } from '../ipc';
import { ANOMALY_BYS, ANOMALY_EVERIES, type AnomalyBy, type AnomalyEvery } from './anomalies';
import { DEFAULT_PERIOD } from '../period/presets';

/** Who holds the time in status: the group or the agent the ticket was with. */
export type Owner = 'group' | 'assignee';
export const OWNERS: readonly Owner[] = ['group', 'assignee'];

/** What the backlog's age bands count from: creation, or the last public agent reply. */
export const AGE_FROMS: readonly AgeFrom[] = ['created', 'last_reply'];

/** Days without a change before an unsolved ticket counts as stuck, as the core's default. */
export const DEFAULT_STUCK_DAYS = 7;
/** The longest "no change" the input takes: a few years covers any helpdesk. */
export const MAX_STUCK_DAYS = 3650;

export interface OperationsQuery {
  period: PeriodPreset;
  every: Every;
  /** A dimension name the backlog is broken down by, or null for the total only. */
  by: string | null;
  ageFrom: AgeFrom;
  owner: Owner;
  stuckDays: number;
  /** The "what changed" list's buckets and breakdown. */
  anomalyEvery: AnomalyEvery;
  anomalyBy: AnomalyBy;
}

export const DEFAULT_OPERATIONS_QUERY: OperationsQuery = {
  period: DEFAULT_PERIOD,
  every: 'week',
  by: null,
  ageFrom: 'created',
  owner: 'group',
  stuckDays: DEFAULT_STUCK_DAYS,
  anomalyEvery: 'day',
  anomalyBy: 'none',
};

/**
 * Whether the backlog can be broken down by a dimension: each ticket must have one value
 * at a time, which rules out tags and custom fields (the core refuses them).
 */
function isBreakdown(name: string): boolean {
  return name !== '' && name !== 'tag' && !name.startsWith('field:');
}

/** The dimensions on offer that the backlog can be broken down by. */
export function backlogDimensions<T extends { name: string }>(options: readonly T[]): T[] {
  return options.filter((option) => isBreakdown(option.name));
}

function request(every: Every | null, by: string | null): KpiRequest {
  return { from: null, to: null, tz: null, every, by, filters: [], kpis: [], hours: null, top: null };
}

/** The backlog's request: its buckets and breakdown; the range is left to the period. */
export function toBacklogRequest(query: OperationsQuery): KpiRequest {
  return request(query.every, query.by);
}

/** The time in status's request: by the owner, over the whole period. */
export function toFlowRequest(query: OperationsQuery): KpiRequest {
  return request(null, query.owner);
}

/** A whole number of days the core takes, or null for anything else (empty, 0, 2.5, -1). */
export function parseStuckDays(text: string): number | null {
  const days = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(days) && days >= 1 && days <= MAX_STUCK_DAYS ? days : null;
}

export function operationsKey(workspaceId: string): string {
  return `deskbench.operations.${workspaceId}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The choices stored under `key`, or the defaults; never throws. */
export function loadOperations(storage: Pick<Storage, 'getItem'> | undefined, key: string): OperationsQuery {
  let stored: unknown = null;
  try {
    stored = JSON.parse(storage?.getItem(key) ?? 'null');
  } catch {
    // Damaged: start from the defaults.
  }
  const s = isRecord(stored) ? stored : {};
  const d = DEFAULT_OPERATIONS_QUERY;
  return {
    period: isPeriod(s.period) ? s.period : d.period,
    every: EVERIES.includes(s.every as Every) ? (s.every as Every) : d.every,
    by: typeof s.by === 'string' && isBreakdown(s.by) ? s.by : d.by,
    ageFrom: AGE_FROMS.includes(s.ageFrom as AgeFrom) ? (s.ageFrom as AgeFrom) : d.ageFrom,
    owner: OWNERS.includes(s.owner as Owner) ? (s.owner as Owner) : d.owner,
    stuckDays: typeof s.stuckDays === 'number' ? (parseStuckDays(String(s.stuckDays)) ?? d.stuckDays) : d.stuckDays,
    anomalyEvery: ANOMALY_EVERIES.includes(s.anomalyEvery as AnomalyEvery) ? (s.anomalyEvery as AnomalyEvery) : d.anomalyEvery,
    anomalyBy: ANOMALY_BYS.includes(s.anomalyBy as AnomalyBy) ? (s.anomalyBy as AnomalyBy) : d.anomalyBy,
  };
}

export function storeOperations(storage: Pick<Storage, 'setItem'> | undefined, key: string, query: OperationsQuery): void {
  try {
    storage?.setItem(key, JSON.stringify(query));
  } catch {
    // A full or disabled storage only loses the memory of the screen, not the work.
  }
}
