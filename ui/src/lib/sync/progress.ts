/**
 * Folds the core's sync progress into what the Sources screen shows: one entry per
 * source, one row per stream in the order the streams started. Pure and immutable (every
 * change returns new objects), so it can be unit-tested event by event and stored in
 * `$state.raw` without deep proxies; the events arrive dozens of times a second.
 */
import type { BackFill, SourceSyncResult, SyncProgress, SyncStream, WaitBudget, WaitReason } from '../ipc';

/** `stopped`: the run ended (cancelled or failed) while the stream was still going. */
export type StreamPhase = 'running' | 'waiting' | 'done' | 'skipped' | 'stopped';

export interface WaitInfo {
  seconds: number;
  reason: WaitReason;
  /** The rate-limit budget a pacing wait keeps under. */
  budget: WaitBudget | null;
  detail: string | null;
}

export interface StreamProgress {
  stream: SyncStream;
  phase: StreamPhase;
  /** Running totals for the stream, as the core reports them. */
  records: number;
  pages: number;
  /** Records skipped because they could not be read. */
  problems: number;
  etaSeconds: number | null;
  wait: WaitInfo | null;
  skipReason: string | null;
  /** Why the stream reads again from the start once, when it does. */
  backFill: BackFill | null;
}

export interface SourceProgress {
  source: string;
  streams: readonly StreamProgress[];
}

export type SyncStatus = 'idle' | 'running' | 'cancelling' | 'finished' | 'failed';

export interface SyncState {
  status: SyncStatus;
  /** Whether this run is a full resync. */
  full: boolean;
  sources: readonly SourceProgress[];
  /** One per source once the run has finished. */
  results: readonly SourceSyncResult[];
  /** Why the command itself failed (e.g. "a sync is already running"). */
  error: string | null;
  /** Why asking the core to cancel failed; the sync goes on. */
  cancelError: string | null;
}

export type SyncAction =
  /** `sources`: the Zendesk sources about to sync, shown as queued until they start. */
  | { kind: 'start'; full: boolean; sources: readonly string[] }
  | { kind: 'progress'; progress: SyncProgress }
  | { kind: 'cancel' }
  | { kind: 'cancel_failed'; error: string }
  | { kind: 'finish'; results: readonly SourceSyncResult[] }
  | { kind: 'fail'; error: string }
  | { kind: 'dismiss' };

export const IDLE_SYNC: SyncState = {
  status: 'idle',
  full: false,
  sources: [],
  results: [],
  error: null,
  cancelError: null,
};

/** True while a sync command is in flight (including while it is being cancelled). */
export function isSyncActive(state: SyncState): boolean {
  return state.status === 'running' || state.status === 'cancelling';
}

function newStream(stream: SyncStream, backFill: BackFill | null = null): StreamProgress {
  return {
    stream,
    phase: 'running',
    records: 0,
    pages: 0,
    problems: 0,
    etaSeconds: null,
    wait: null,
    skipReason: null,
    backFill,
  };
}

/** Applies `change` to one stream of one source, creating either if it is new. */
function updateStream(
  sources: readonly SourceProgress[],
  source: string,
  stream: SyncStream,
  change: (current: StreamProgress) => StreamProgress,
): SourceProgress[] {
  const known = sources.some((entry) => entry.source === source);
  const all = known ? sources : [...sources, { source, streams: [] }];
  return all.map((entry) => {
    if (entry.source !== source) return entry;
    const existing = entry.streams.find((row) => row.stream === stream);
    if (!existing) return { ...entry, streams: [...entry.streams, change(newStream(stream))] };
    return { ...entry, streams: entry.streams.map((row) => (row === existing ? change(row) : row)) };
  });
}

function applyProgress(state: SyncState, { source, event }: SyncProgress): SyncState {
  const update = (change: (current: StreamProgress) => StreamProgress): SyncState => ({
    ...state,
    sources: updateStream(state.sources, source, event.stream, change),
  });
  switch (event.event) {
    case 'stream_started':
      // A restart of the same stream (e.g. a retry) begins from scratch.
      return update(() => newStream(event.stream, event.back_fill ?? null));
    case 'page':
      return update((row) => ({
        ...row,
        phase: 'running',
        records: event.records,
        pages: event.pages,
        problems: event.problems,
        etaSeconds: event.eta_seconds,
        wait: null,
      }));
    case 'waiting':
      return update((row) => ({
        ...row,
        phase: 'waiting',
        wait: { seconds: event.seconds, reason: event.reason, budget: event.budget, detail: event.detail },
      }));
    case 'stream_finished':
      return update((row) => ({ ...row, phase: 'done', records: event.records, etaSeconds: null, wait: null }));
    case 'stream_skipped':
      return update((row) => ({ ...row, phase: 'skipped', skipReason: event.reason, etaSeconds: null, wait: null }));
  }
}

/** Streams still going when the run ended did not finish; their stored pages stay. */
function stopUnfinished(sources: readonly SourceProgress[]): SourceProgress[] {
  return sources.map((entry) => ({
    ...entry,
    streams: entry.streams.map((row) =>
      row.phase === 'running' || row.phase === 'waiting'
        ? { ...row, phase: 'stopped', etaSeconds: null, wait: null }
        : row,
    ),
  }));
}

/** The next state; events that do not fit the current status are ignored. */
export function reduceSync(state: SyncState, action: SyncAction): SyncState {
  switch (action.kind) {
    case 'start':
      if (isSyncActive(state)) return state;
      return {
        ...IDLE_SYNC,
        status: 'running',
        full: action.full,
        sources: action.sources.map((source) => ({ source, streams: [] })),
      };
    case 'progress':
      // Late events after the command returned change nothing the user already read.
      return isSyncActive(state) ? applyProgress(state, action.progress) : state;
    case 'cancel':
      return state.status === 'running' ? { ...state, status: 'cancelling', cancelError: null } : state;
    case 'cancel_failed':
      return state.status === 'cancelling' ? { ...state, status: 'running', cancelError: action.error } : state;
    case 'finish':
      if (!isSyncActive(state)) return state;
      return { ...state, status: 'finished', results: action.results, sources: stopUnfinished(state.sources) };
    case 'fail':
      if (!isSyncActive(state)) return state;
      return { ...state, status: 'failed', error: action.error, sources: stopUnfinished(state.sources) };
    case 'dismiss':
      return isSyncActive(state) ? state : IDLE_SYNC;
  }
}

export type SourcePhase = 'queued' | 'syncing' | 'not_started' | SourceSyncResult['outcome'];

/**
 * Where a source stands: its result once the run has ended, else queued or syncing. A
 * cancel stops the whole run, so later sources can end without ever starting.
 */
export function sourcePhase(state: SyncState, entry: SourceProgress): SourcePhase {
  const result = state.results.find((item) => item.source === entry.source);
  if (result) return result.outcome;
  if (isSyncActive(state)) return entry.streams.length === 0 ? 'queued' : 'syncing';
  if (entry.streams.length === 0) return 'not_started';
  return state.status === 'failed' ? 'failed' : 'cancelled';
}
