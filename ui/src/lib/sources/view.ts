/**
 * What a source card shows about a source: readable kind and sign-in, last sync and the
 * per-stream checkpoints. Times are relative to `nowMs` so callers can tick them.
 */
import type { Formatter } from '../format';
import type { SourceView, StreamState } from '../ipc';
import { sortByStream, streamLabel } from '../sync/streams';

/** Product names are not translated; only the generated demo gets a translated label. */
const KIND_NAMES: Readonly<Record<string, string>> = { zendesk: 'Zendesk', freshdesk: 'Freshdesk', csv: 'CSV' };

export function kindLabel(kind: string, f: Formatter): string {
  if (kind === 'demo') return f.t('kind.demo');
  return KIND_NAMES[kind] ?? kind;
}

export function isDemoSource(source: Pick<SourceView, 'kind'>): boolean {
  return source.kind === 'demo';
}

export function isSyncable(source: Pick<SourceView, 'kind'>): boolean {
  return source.kind === 'zendesk';
}

export function lastSyncedLabel(unixSeconds: number | null, f: Formatter, nowMs: number): string {
  if (unixSeconds === null) return f.t('sources.neverSynced');
  return f.t('sources.lastSynced', { when: f.relativeTime(unixSeconds, nowMs) });
}

export interface StreamRow {
  stream: string;
  label: string;
  lastSuccess: string;
  /** The core's plain-language error of the last attempt, when it failed. */
  lastError: string | null;
}

export function streamRows(streams: readonly StreamState[], f: Formatter, nowMs: number): StreamRow[] {
  return sortByStream(streams).map((state) => ({
    stream: state.stream,
    label: streamLabel(state.stream, f.t),
    lastSuccess:
      state.last_success_at === null ? f.t('sources.never') : f.relativeTime(state.last_success_at, nowMs),
    lastError: state.last_error,
  }));
}
