import { describe, expect, it } from 'vitest';

import type { ChartSpec, ExportSource } from '../ipc';
import { exportName, inLocale, renderOptions } from './exportRequest';

const spec: ChartSpec = {
  kind: 'bar',
  title: 'Tickets solved — Dana Kim',
  subtitle: null,
  x: { kind: 'text', labels: ['Email'] },
  unit: 'count',
  series: [{ name: 'All tickets', values: [3], dashed: false }],
};

describe('export requests', () => {
  it('data exports of a chart or a ticket list carry the reader’s language for their context', () => {
    const chart: ExportSource = { kind: 'chart', spec };
    expect(inLocale(chart, 'ko')).toEqual({ kind: 'chart', spec, locale: 'ko' });
    const tickets: ExportSource = {
      kind: 'tickets',
      request: {
        query: { kpis: [], filters: [] },
        kpi: 'tickets_solved',
        key: null,
        period: null,
        offset: 0,
        limit: null,
        sort: null,
        search: null,
      } as unknown as Extract<ExportSource, { kind: 'tickets' }>['request'],
    };
    expect(inLocale(tickets, 'ru')).toMatchObject({ kind: 'tickets', locale: 'ru' });
    const themes: ExportSource = { kind: 'feedback', table: 'themes' };
    expect(inLocale(themes, 'ru')).toEqual({ kind: 'feedback', table: 'themes', locale: 'ru' });
    const cluster: ExportSource = { kind: 'feedback_tickets', what: { duplicate: 'd-1' }, sort: null, search: null };
    expect(inLocale(cluster, 'ru')).toBe(cluster);
    const moved: ExportSource = {
      kind: 'flow_tickets',
      period: { kind: 'last_30_days' },
      request: { from: null, to: null, tz: null, every: null, by: 'group', filters: [], kpis: [], hours: null, top: null },
      what: { kind: 'transfer', from: '1', to: '2' },
      sort: null,
      search: null,
    };
    expect(inLocale(moved, 'ko')).toMatchObject({ kind: 'flow_tickets', locale: 'ko' });
  });

  it('render options follow theme, language and the double-size box', () => {
    expect(renderOptions('dark', 'ru', true)).toEqual({ theme: 'dark', locale: 'ru', width: 1920, height: 1080, scale: 2 });
    expect(exportName('Backlog', { from: '2026-11-10', to: '2026-12-07' })).toBe('Backlog 2026-11-10–2026-12-07');
  });
});
