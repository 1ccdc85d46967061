import { describe, expect, it } from 'vitest';

import { DEFAULT_QUERY } from './query';
import { DEFAULT_STATE, loadState, queryOf, stateKey, storeState, withKnownDimensions, type ExploreState } from './state';

function memory() {
  const store = new Map<string, string>();
  return { store, getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
}

const chosen: ExploreState = {
  query: {
    kpi: 'csat',
    by: 'group',
    every: 'week',
    hours: 'business',
    tz: 'Asia/Seoul',
    period: { kind: 'last_90_days' },
    filters: { channel: ['email'], assignee: ['7', null] },
  },
  view: 'table',
  labels: true,
};

describe('Explore state', () => {
  it('reads back what it stored, per workspace', () => {
    const storage = memory();
    storeState(storage, stateKey('db-1'), chosen);
    expect(loadState(storage, stateKey('db-1'))).toEqual(chosen);
    expect(loadState(storage, stateKey('db-2')), 'another workspace starts afresh').toEqual(DEFAULT_STATE);
  });

  it('keeps a preset as a preset and a custom range as its dates', () => {
    const storage = memory();
    storeState(storage, 'k', chosen);
    expect(loadState(storage, 'k').query.period).toEqual({ kind: 'last_90_days' });
    const custom = { ...chosen, query: { ...chosen.query, period: { kind: 'custom' as const, from: '2025-01-01', to: '2025-03-31' } } };
    storeState(storage, 'k', custom);
    expect(loadState(storage, 'k').query.period).toEqual({ kind: 'custom', from: '2025-01-01', to: '2025-03-31' });
  });

  it('drops a bad field to its default and keeps the others', () => {
    const query = queryOf({
      ...chosen.query,
      kpi: 'happiness',
      tz: 'Moon/Base',
      period: { kind: 'custom', from: '2025-02-30', to: '2025-03-01' },
      filters: { channel: ['email'], group: 'not a list', tag: [42] },
    });
    expect(query).toEqual({
      ...chosen.query,
      kpi: DEFAULT_QUERY.kpi,
      tz: null,
      period: DEFAULT_QUERY.period,
      filters: { channel: ['email'] },
    });
    expect(queryOf({ ...chosen.query, every: 'hourly', hours: 'office', by: 42 })).toMatchObject({
      every: DEFAULT_QUERY.every,
      hours: DEFAULT_QUERY.hours,
      by: DEFAULT_QUERY.by,
      kpi: 'csat',
    });
  });

  it('never fails on what storage holds', () => {
    const storage = memory();
    for (const damaged of ['{not json', '42', '[]', 'null', JSON.stringify({ view: 'pie', labels: 'yes', query: 7 })]) {
      storage.store.set('k', damaged);
      expect(loadState(storage, 'k'), damaged).toEqual(DEFAULT_STATE);
    }
    storage.store.set('k', JSON.stringify({ view: 'line' }));
    expect(loadState(storage, 'k')).toEqual({ ...DEFAULT_STATE, view: 'line' });
    expect(loadState(undefined, 'k')).toEqual(DEFAULT_STATE);
    const full = { setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => storeState(full, 'k', chosen)).not.toThrow();
  });

  it('forgets dimensions the workspace no longer has, once their list is known', () => {
    const gone = { ...chosen.query, by: 'field:9', filters: { 'field:9': ['gold'], channel: ['email'] } };
    expect(withKnownDimensions(gone, ['channel', 'group'])).toEqual({ ...gone, by: DEFAULT_QUERY.by, filters: { channel: ['email'] } });
    expect(withKnownDimensions(gone, []), 'an empty list proves nothing').toBe(gone);
    expect(withKnownDimensions(chosen.query, ['channel', 'group', 'assignee'])).toBe(chosen.query);
  });
});
