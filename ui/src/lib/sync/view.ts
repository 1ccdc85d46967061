/**
 * Presentation of live sync progress and results: which words, counts and tone a row
 * shows. Separate from the reducer so the state stays data and this stays testable with
 * any formatter (language).
 */
import type { Formatter } from '../format';
import type { SourceSyncResult, WaitBudget } from '../ipc';
import type { StreamPhase, StreamProgress, WaitInfo } from './progress';
import { describeSkipped, streamLabel } from './streams';

/** Below this an estimate reads "less than a minute left" rather than a shaky number. */
const ETA_MINUTE = 60;

/** "about 2 min left", "about 1 h 5 min left", "less than a minute left". */
export function formatEta(seconds: number, f: Formatter): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < ETA_MINUTE) return f.t('sync.etaUnderMinute');
  return f.t('sync.eta', { duration: f.duration(seconds / 60) });
}

/** "10 per minute"; a scaled-down window (a test's fake) is named as it is. */
function formatRate(budget: WaitBudget, f: Formatter): string {
  const limit = f.count(budget.limit);
  if (budget.window_seconds === 60) return f.t('sync.rate.perMinute', { limit });
  return f.t('sync.rate.perWindow', { limit, window: f.seconds(budget.window_seconds) });
}

/**
 * "waiting 6 s — Incremental Exports budget, 10 per minute", "waiting 6 s — rate-limited
 * by Zendesk", "retrying in 4 s (HTTP 503)".
 */
export function formatWait(wait: WaitInfo, f: Formatter): string {
  const duration = f.seconds(wait.seconds);
  if (wait.reason === 'retry' && wait.detail) return f.t('sync.wait.retryDetail', { duration, detail: wait.detail });
  if (wait.reason === 'pacing' && wait.budget) {
    return f.t(`sync.wait.budget.${wait.budget.kind}`, { duration, rate: formatRate(wait.budget, f) });
  }
  return f.t(`sync.wait.${wait.reason}`, { duration });
}

export interface StreamRowView {
  label: string;
  phase: StreamPhase;
  /** Spoken name of the phase (the icon is decorative). */
  statusLabel: string;
  /** "12,400 records · 13 pages"; just the records once done. */
  counts: string;
  /** ETA, wait, skip reason or "stopped"; empty when there is nothing to add. */
  note: string;
  /** "3 unreadable records skipped", or empty. */
  problems: string;
}

const STATUS_KEY = {
  running: 'sync.status.running',
  waiting: 'sync.status.waiting',
  done: 'sync.status.done',
  skipped: 'sync.status.skipped',
  stopped: 'sync.status.stopped',
} as const;

function rowNote(row: StreamProgress, f: Formatter): string {
  switch (row.phase) {
    case 'waiting':
      return row.wait ? formatWait(row.wait, f) : '';
    case 'running': {
      // A back-fill says so, so a stream read again from the start is not a surprise.
      const backFill = row.backFill ? f.t(`sync.backFill.${row.backFill}`) : '';
      const eta = row.etaSeconds === null ? '' : formatEta(row.etaSeconds, f);
      return [backFill, eta].filter((part) => part !== '').join(' · ');
    }
    case 'skipped':
      return f.t('sync.skipped', { reason: row.skipReason ?? '' });
    case 'stopped':
      return f.t('sync.stopped');
    case 'done':
      return '';
  }
}

function rowCounts(row: StreamProgress, f: Formatter): string {
  if (row.phase === 'skipped') return '';
  if (row.phase === 'done') return f.counted('plural.records', row.records);
  if (row.pages === 0) return f.t('sync.starting');
  return `${f.counted('plural.records', row.records)} · ${f.counted('plural.pages', row.pages)}`;
}

export function streamRowView(row: StreamProgress, f: Formatter): StreamRowView {
  return {
    label: streamLabel(row.stream, f.t),
    phase: row.phase,
    statusLabel: f.t(STATUS_KEY[row.phase]),
    counts: rowCounts(row, f),
    note: rowNote(row, f),
    problems: row.problems > 0 ? f.counted('plural.unreadable', row.problems) : '',
  };
}

export type ResultTone = 'good' | 'neutral' | 'bad';

export interface ResultView {
  tone: ResultTone;
  text: string;
  /** Skipped streams and unreadable records, one line each. */
  details: string[];
}

/** One source's summary line once the sync has ended. */
export function resultView(result: SourceSyncResult, f: Formatter): ResultView {
  const records = f.counted('plural.records', result.records);
  const details = result.skipped.map((entry) => f.t('sync.skipped', { reason: describeSkipped(entry, f.t) }));
  if (result.problems > 0) details.push(f.counted('plural.unreadable', result.problems));
  switch (result.outcome) {
    case 'succeeded':
      return { tone: 'good', text: f.t('sync.result.succeeded', { records }), details };
    case 'cancelled':
      return { tone: 'neutral', text: f.t('sync.result.cancelled', { records }), details };
    case 'failed':
      return { tone: 'bad', text: f.t('sync.result.failed', { error: result.error ?? '' }), details };
    case 'running':
      return { tone: 'neutral', text: f.t('sync.result.running'), details };
  }
}
