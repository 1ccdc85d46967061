import { describe, expect, it } from 'vitest';

import type { SourceSyncResult, SyncEvent } from '../ipc';
import { IDLE_SYNC, isSyncActive, reduceSync, sourcePhase, type SyncAction, type SyncState } from './progress';

const progress = (event: SyncEvent, source = 'Acme'): SyncAction => ({ kind: 'progress', progress: { source, event } });
const run = (actions: SyncAction[], from: SyncState = IDLE_SYNC) => actions.reduce(reduceSync, from);
const started = (sources = ['Acme']) => reduceSync(IDLE_SYNC, { kind: 'start', full: false, sources });
const rows = (state: SyncState, source = 'Acme') => state.sources.find((s) => s.source === source)?.streams ?? [];

const result = (outcome: SourceSyncResult['outcome'], source = 'Acme'): SourceSyncResult => ({
  source,
  outcome,
  records: 10,
  problems: 0,
  skipped: [],
  error: outcome === 'failed' ? 'boom' : null,
});

describe('reduceSync: starting', () => {
  it('starts with every source queued and nothing else', () => {
    const state = reduceSync(IDLE_SYNC, { kind: 'start', full: true, sources: ['Acme', 'Beta'] });
    expect(state.status).toBe('running');
    expect(state.full).toBe(true);
    expect(state.sources).toEqual([
      { source: 'Acme', streams: [] },
      { source: 'Beta', streams: [] },
    ]);
    expect(isSyncActive(state)).toBe(true);
    expect(sourcePhase(state, state.sources[0]!)).toBe('queued');
  });

  it('ignores a second start while running', () => {
    const state = started();
    expect(reduceSync(state, { kind: 'start', full: true, sources: ['Other'] })).toBe(state);
  });

  it('drops the previous run when a new one starts', () => {
    const finished = run([progress({ event: 'stream_started', stream: 'users' }), { kind: 'finish', results: [result('succeeded')] }], started());
    const again = reduceSync(finished, { kind: 'start', full: false, sources: ['Acme'] });
    expect(again.results).toEqual([]);
    expect(rows(again)).toEqual([]);
  });
});

describe('reduceSync: stream events', () => {
  it('keeps why a stream reads again from the start, and a plain start has no reason', () => {
    const state = run(
      [
        progress({ event: 'stream_started', stream: 'ticket_events', back_fill: 'comment_events' }),
        progress({ event: 'stream_started', stream: 'users' }),
      ],
      started(),
    );
    expect(rows(state).map((row) => [row.stream, row.backFill])).toEqual([
      ['ticket_events', 'comment_events'],
      ['users', null],
    ]);
  });

  it('follows a stream from started through pages to finished', () => {
    let state = run([progress({ event: 'stream_started', stream: 'tickets' })], started());
    expect(rows(state)).toEqual([
      expect.objectContaining({ stream: 'tickets', phase: 'running', records: 0, pages: 0, etaSeconds: null }),
    ]);
    expect(sourcePhase(state, state.sources[0]!)).toBe('syncing');

    state = run(
      [
        progress({ event: 'page', stream: 'tickets', records: 1000, pages: 1, problems: 0, eta_seconds: 300 }),
        progress({ event: 'page', stream: 'tickets', records: 12400, pages: 13, problems: 2, eta_seconds: 110 }),
      ],
      state,
    );
    expect(rows(state)[0]).toMatchObject({ phase: 'running', records: 12400, pages: 13, problems: 2, etaSeconds: 110 });

    state = reduceSync(state, progress({ event: 'stream_finished', stream: 'tickets', records: 12500 }));
    expect(rows(state)[0]).toMatchObject({ phase: 'done', records: 12500, pages: 13, problems: 2, etaSeconds: null });
  });

  it('shows a wait and clears it with the next page', () => {
    let state = run(
      [
        progress({ event: 'stream_started', stream: 'users' }),
        progress({ event: 'page', stream: 'users', records: 100, pages: 1, problems: 0, eta_seconds: 60 }),
        progress({ event: 'waiting', stream: 'users', seconds: 6, reason: 'rate_limited', budget: null, detail: null }),
      ],
      started(),
    );
    expect(rows(state)[0]).toMatchObject({
      phase: 'waiting',
      records: 100,
      wait: { seconds: 6, reason: 'rate_limited', budget: null, detail: null },
    });
    state = reduceSync(state, progress({ event: 'page', stream: 'users', records: 200, pages: 2, problems: 0, eta_seconds: null }));
    expect(rows(state)[0]).toMatchObject({ phase: 'running', records: 200, wait: null, etaSeconds: null });
  });

  it('marks a skipped stream with the reason', () => {
    const state = run(
      [
        progress({ event: 'stream_started', stream: 'satisfaction_ratings' }),
        progress({ event: 'stream_skipped', stream: 'satisfaction_ratings', reason: 'not on this plan' }),
      ],
      started(),
    );
    expect(rows(state)[0]).toMatchObject({ phase: 'skipped', skipReason: 'not on this plan' });
  });

  it('keeps streams in the order they started, per source', () => {
    const state = run(
      [
        progress({ event: 'stream_started', stream: 'groups' }),
        progress({ event: 'stream_started', stream: 'users' }),
        progress({ event: 'stream_started', stream: 'tickets' }, 'Beta'),
        progress({ event: 'stream_finished', stream: 'groups', records: 4 }),
      ],
      started(['Acme', 'Beta']),
    );
    expect(rows(state).map((row) => row.stream)).toEqual(['groups', 'users']);
    expect(rows(state, 'Beta').map((row) => row.stream)).toEqual(['tickets']);
  });

  it('accepts a page for a stream or source it has not seen start', () => {
    const state = reduceSync(
      started([]),
      progress({ event: 'page', stream: 'brands', records: 3, pages: 1, problems: 0, eta_seconds: null }, 'Late'),
    );
    expect(rows(state, 'Late')[0]).toMatchObject({ stream: 'brands', phase: 'running', records: 3 });
  });

  it('restarts a stream that starts again', () => {
    const state = run(
      [
        progress({ event: 'stream_started', stream: 'users' }),
        progress({ event: 'page', stream: 'users', records: 50, pages: 1, problems: 1, eta_seconds: null }),
        progress({ event: 'stream_started', stream: 'users' }),
      ],
      started(),
    );
    expect(rows(state)).toHaveLength(1);
    expect(rows(state)[0]).toMatchObject({ records: 0, pages: 0, problems: 0 });
  });

  it('never mutates the previous state', () => {
    const before = run([progress({ event: 'stream_started', stream: 'users' })], started());
    const snapshot = JSON.stringify(before);
    reduceSync(before, progress({ event: 'page', stream: 'users', records: 9, pages: 1, problems: 0, eta_seconds: 1 }));
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('ignores progress when no sync is running', () => {
    expect(reduceSync(IDLE_SYNC, progress({ event: 'stream_started', stream: 'users' }))).toBe(IDLE_SYNC);
  });
});

describe('reduceSync: cancel and finish', () => {
  const midway = () =>
    run(
      [
        progress({ event: 'stream_started', stream: 'users' }),
        progress({ event: 'stream_finished', stream: 'users', records: 400 }),
        progress({ event: 'stream_started', stream: 'tickets' }),
        progress({ event: 'page', stream: 'tickets', records: 900, pages: 9, problems: 0, eta_seconds: 30 }),
      ],
      started(['Acme', 'Beta']),
    );

  it('goes to cancelling and keeps receiving progress', () => {
    let state = reduceSync(midway(), { kind: 'cancel' });
    expect(state.status).toBe('cancelling');
    expect(isSyncActive(state)).toBe(true);
    state = reduceSync(state, progress({ event: 'page', stream: 'tickets', records: 1000, pages: 10, problems: 0, eta_seconds: 20 }));
    expect(rows(state)[1]).toMatchObject({ records: 1000 });
  });

  it('stops unfinished streams when the cancelled run ends, keeping their counts', () => {
    const state = run([{ kind: 'cancel' }, { kind: 'finish', results: [result('cancelled')] }], midway());
    expect(state.status).toBe('finished');
    expect(isSyncActive(state)).toBe(false);
    expect(rows(state).map((row) => [row.stream, row.phase, row.records])).toEqual([
      ['users', 'done', 400],
      ['tickets', 'stopped', 900],
    ]);
    expect(sourcePhase(state, state.sources[0]!)).toBe('cancelled');
    expect(sourcePhase(state, state.sources[1]!)).toBe('not_started');
  });

  it('returns to running when cancelling fails', () => {
    const state = run([{ kind: 'cancel' }, { kind: 'cancel_failed', error: 'no' }], midway());
    expect(state.status).toBe('running');
    expect(state.cancelError).toBe('no');
  });

  it('only cancels a running sync', () => {
    expect(reduceSync(IDLE_SYNC, { kind: 'cancel' })).toBe(IDLE_SYNC);
  });

  it('records the results of a finished run', () => {
    const state = reduceSync(midway(), { kind: 'finish', results: [result('succeeded'), result('failed', 'Beta')] });
    expect(state.results).toHaveLength(2);
    expect(sourcePhase(state, state.sources[0]!)).toBe('succeeded');
    expect(sourcePhase(state, state.sources[1]!)).toBe('failed');
  });

  it('keeps the error when the command itself fails', () => {
    const state = reduceSync(midway(), { kind: 'fail', error: 'a sync is already running' });
    expect(state.status).toBe('failed');
    expect(state.error).toBe('a sync is already running');
    expect(rows(state)[1]?.phase).toBe('stopped');
    expect(sourcePhase(state, state.sources[0]!)).toBe('failed');
  });

  it('dismisses a finished run but not a running one', () => {
    const running = midway();
    expect(reduceSync(running, { kind: 'dismiss' })).toBe(running);
    const finished = reduceSync(running, { kind: 'finish', results: [] });
    expect(reduceSync(finished, { kind: 'dismiss' })).toBe(IDLE_SYNC);
  });

  it('ignores a finish that arrives after the run ended', () => {
    expect(reduceSync(IDLE_SYNC, { kind: 'finish', results: [result('succeeded')] })).toBe(IDLE_SYNC);
  });
});
