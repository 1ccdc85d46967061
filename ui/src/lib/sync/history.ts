/**
 * One row of the sync history table. The core keeps per-stream counts; the table shows
 * their total, how long the run took and the outcome as a coloured badge.
 */
import type { Formatter } from '../format';
import type { RunOutcome, SyncRun } from '../ipc';

export interface RunView {
  id: number;
  source: string;
  started: string;
  /** Empty while the run is still going. */
  duration: string;
  outcome: RunOutcome;
  outcomeLabel: string;
  records: string;
  /** Raw total, for tests and sorting. */
  recordsTotal: number;
  skipped: string;
  error: string;
}

/** Sum of the records written per stream; non-numbers (a damaged row) count as 0. */
export function totalRecords(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, value) => sum + (Number.isFinite(value) ? value : 0), 0);
}

export function runView(run: SyncRun, f: Formatter): RunView {
  const recordsTotal = totalRecords(run.counts);
  return {
    id: run.id,
    source: run.source,
    started: f.dateTime(run.started_at),
    duration: run.finished_at === null ? '' : f.seconds(Math.max(0, run.finished_at - run.started_at)),
    outcome: run.outcome,
    outcomeLabel: f.t(`outcome.${run.outcome}`),
    records: f.count(recordsTotal),
    recordsTotal,
    skipped: run.problems > 0 ? f.count(run.problems) : '',
    error: run.error ?? '',
  };
}
