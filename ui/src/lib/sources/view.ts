/**
 * What a source card shows about a source: readable kind and sign-in, last sync and each
 * stream's status. Times are relative to `nowMs` so callers can tick them.
 */
import type { Formatter } from '../format';
import type { SourceView, StreamPhase, StreamStatus } from '../ipc';
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
  return source.kind === 'zendesk' || source.kind === 'freshdesk';
}

export function lastSyncedLabel(unixSeconds: number | null, f: Formatter, nowMs: number): string {
  if (unixSeconds === null) return f.t('sources.neverSynced');
  return f.t('sources.lastSynced', { when: f.relativeTime(unixSeconds, nowMs) });
}

export interface StreamRow {
  stream: string;
  label: string;
  lastSuccess: string;
  /** Records the latest run wrote; empty when it did not reach the stream. */
  records: string;
  state: StreamPhase;
  stateLabel: string;
  /** The core's plain-language reason, when the stream was skipped or failed. */
  reason: string | null;
}

export function streamRows(streams: readonly StreamStatus[], f: Formatter, nowMs: number): StreamRow[] {
  return sortByStream(streams).map((status) => ({
    stream: status.stream,
    label: streamLabel(status.stream, f.t),
    lastSuccess:
      status.last_success_at === null ? f.t('sources.never') : f.relativeTime(status.last_success_at, nowMs),
    records: status.records === null ? '' : f.count(status.records),
    state: status.state,
    stateLabel: f.t(`sources.state.${status.state}`),
    reason: status.reason,
  }));
}
