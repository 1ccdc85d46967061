import { describe, expect, it } from 'vitest';

import type { ChartSpec } from '../ipc';
import { kindOf, pointRef } from './pointRef';
import { deleteView, loadViews, saveView, storageKey, storeViews } from './savedViews';
import { DEFAULT_QUERY, filterCount, filterSpecs, toggleFilter, toKpiRequest } from './query';

describe('query', () => {
  it('builds the core request from the controls, range left to the period', () => {
    const request = toKpiRequest({
      ...DEFAULT_QUERY,
      kpi: 'first_reply_time',
      by: 'group',
      every: 'week',
      hours: 'business',
      filters: { priority: ['high', 'urgent'], channel: ['email'] },
    });
    expect(request).toEqual({
      from: null,
      to: null,
      tz: null,
      every: 'week',
      by: 'group',
      filters: ['channel=email', 'priority=high', 'priority=urgent'],
      kpis: ['first_reply_time'],
      hours: 'business',
      top: null,
    });
  });

  it('passes the chosen time zone, or none for the workspace’s', () => {
    expect(toKpiRequest({ ...DEFAULT_QUERY, tz: 'Asia/Seoul' }).tz).toBe('Asia/Seoul');
    expect(toKpiRequest(DEFAULT_QUERY).tz).toBeNull();
  });

  it('toggles filter keys, spelling "no value" as the core does', () => {
    let filters = toggleFilter({}, 'group', '42');
    filters = toggleFilter(filters, 'group', null);
    expect(filterSpecs(filters)).toEqual(['group=42', 'group=(none)']);
    expect(filterCount(filters)).toBe(2);
    filters = toggleFilter(toggleFilter(filters, 'group', '42'), 'group', null);
    expect(filters).toEqual({});
  });
});

describe('pointRef', () => {
  const spec = (x: ChartSpec['x'], series: ChartSpec['series']): ChartSpec => ({
    kind: 'bar',
    title: 'Tickets created',
    subtitle: null,
    x,
    unit: 'count',
    series,
  });

  it('keeps each bar’s group key for the drill-down, null for "no value"', () => {
    const groups = spec({ kind: 'text', labels: ['email', '(none)'], keys: ['email', null] }, [
      { name: 'Tickets created', values: [3, 2], dashed: false },
    ]);
    expect(pointRef(groups, 0, 0)).toEqual({ group: { key: 'email', label: 'email' } });
    expect(pointRef(groups, 0, 1)).toEqual({ group: { key: null, label: '(none)' } });
    expect(pointRef(groups, 0, 2)).toBeNull();
  });

  it('gives a bucket its date and a group series its key', () => {
    const series = spec({ kind: 'date', labels: ['2025-03-03', '2025-03-10'] }, [
      { name: 'Billing', values: [1, 2], dashed: false, group: { key: '1' } },
      { name: 'Tech', values: [3, 4], dashed: false, group: { key: '2' } },
    ]);
    expect(pointRef(series, 1, 0)).toEqual({ group: { key: '2', label: 'Tech' }, period: '2025-03-03' });
    const total = spec({ kind: 'date', labels: ['2025-03-03'] }, [{ name: 'All', values: [1], dashed: false }]);
    expect(pointRef(total, 0, 0)).toEqual({ period: '2025-03-03' });
  });

  it('maps views to chart kinds', () => {
    expect(kindOf('stacked')).toBe('stacked_bar');
    expect(kindOf('line')).toBe('line');
  });
});

describe('saved views', () => {
  const query = { ...DEFAULT_QUERY, kpi: 'csat' as const, filters: { group: ['1', null] } };

  it('saves, replaces by name ignoring case, sorts and deletes', () => {
    let result = saveView([], '  Urgent email ', query, 'line');
    expect(result.ok && result.views.map((v) => v.name)).toEqual(['Urgent email']);
    if (!result.ok) return;
    result = saveView(result.views, 'backlog', DEFAULT_QUERY, 'bar');
    if (!result.ok) return;
    result = saveView(result.views, 'URGENT EMAIL', DEFAULT_QUERY, 'table');
    if (!result.ok) return;
    expect(result.views.map((v) => [v.name, v.view])).toEqual([
      ['backlog', 'bar'],
      ['URGENT EMAIL', 'table'],
    ]);
    expect(deleteView(result.views, 'backlog').map((v) => v.name)).toEqual(['URGENT EMAIL']);
    expect(saveView([], '   ', query, 'bar')).toEqual({ ok: false, reason: 'empty' });
  });

  it('reads back what it stored and skips damaged entries', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const key = storageKey('/data/ws');
    const saved = saveView([], 'CSAT by group', query, 'stacked');
    if (!saved.ok) throw new Error('saved');
    storeViews(storage, key, saved.views);
    expect(loadViews(storage, key)).toEqual(saved.views);
    store.set(key, JSON.stringify([...saved.views, { name: 'x', view: 'pie', query }, { name: 'y' }, 42]));
    expect(loadViews(storage, key).map((v) => v.name)).toEqual(['CSAT by group']);
    store.set(key, '{not json');
    expect(loadViews(storage, key)).toEqual([]);
  });
});
