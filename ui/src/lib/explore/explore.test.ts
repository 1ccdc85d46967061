import { describe, expect, it } from 'vitest';

import type { KpiReport } from '../ipc';
import { chartData, headline, isChartEmpty } from './chartData';
import { DEFAULT_QUERY, filterCount, filterSpecs, toggleFilter, toKpiRequest } from './query';

const range = { from: '2025-03-01', to: '2025-03-31', tz: 'UTC' };
const base = { range, hours: 'calendar' as const, filters: [] as never };

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

  it('toggles filter keys, spelling "no value" as the core does', () => {
    let filters = toggleFilter({}, 'group', '42');
    filters = toggleFilter(filters, 'group', null);
    expect(filterSpecs(filters)).toEqual(['group=42', 'group=(none)']);
    expect(filterCount(filters)).toBe(2);
    filters = toggleFilter(toggleFilter(filters, 'group', '42'), 'group', null);
    expect(filters).toEqual({});
  });
});

describe('chartData', () => {
  it('reads the median of durations and the value of everything else', () => {
    expect(headline({ unit: 'minutes', n: 3, mean: 5, median: 4, p90: 9 })).toBe(4);
    expect(headline({ value: 12 })).toBe(12);
    expect(headline({ value: null, n: 0 })).toBeNull();
    expect(headline(undefined)).toBeNull();
  });

  it('draws groups as categories and keeps each bar’s group key for the drill-down', () => {
    const report: KpiReport = {
      ...base,
      kpis: { tickets_created: { value: 5 } },
      by: 'channel',
      groups: [
        { key: 'email', label: 'email', kpis: { tickets_created: { value: 3 } } },
        { key: null, label: '(none)', kpis: { tickets_created: { value: 2 } } },
      ],
    };
    const data = chartData(report, 'tickets_created', 'Total');
    expect(data.categories).toEqual(['email', '(none)']);
    expect(data.series[0]?.values).toEqual([3, 2]);
    expect(data.series[0]?.refs[1]).toEqual({ group: { key: null, label: '(none)' } });
    expect(data.total).toBe(5);
  });

  it('draws a group per series over buckets when both by and every are set', () => {
    const point = (period: string, value: number) => ({ period, kpis: { tickets_solved: { value } } });
    const report: KpiReport = {
      ...base,
      kpis: { tickets_solved: { value: 6 } },
      by: 'group',
      every: 'week',
      groups: [
        { key: '1', label: 'Billing', kpis: { tickets_solved: { value: 4 } }, series: [point('2025-03-03', 1), point('2025-03-10', 3)] },
        { key: '2', label: 'Tech', kpis: { tickets_solved: { value: 2 } }, series: [point('2025-03-03', 2), point('2025-03-10', 0)] },
      ],
    };
    const data = chartData(report, 'tickets_solved', 'Total');
    expect(data.categories).toEqual(['2025-03-03', '2025-03-10']);
    expect(data.categoriesAreDates).toBe(true);
    expect(data.series.map((s) => s.name)).toEqual(['Billing', 'Tech']);
    expect(data.series[1]?.refs[0]).toEqual({ group: { key: '2', label: 'Tech' }, period: '2025-03-03' });
  });

  it('is empty when nothing has a value', () => {
    const report: KpiReport = { ...base, kpis: { csat: { value: null, n: 0, good: 0, bad: 0, ci_low: null, ci_high: null } } };
    expect(isChartEmpty(chartData(report, 'csat', 'Total'))).toBe(true);
  });
});
