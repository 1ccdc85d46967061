import { describe, expect, it } from 'vitest';

import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import { anomalyFixture } from '../../test/operationsFixtures';
import {
  anomalyRequest,
  exploreQueryFor,
  formatChange,
  formatValue,
  seriesLabel,
  ticketRequestFor,
} from './anomalies';

const t = createTranslator('en');
const f = createFormatter('en', t);
const [email, total, none] = anomalyFixture.anomalies as [
  (typeof anomalyFixture.anomalies)[0],
  (typeof anomalyFixture.anomalies)[0],
  (typeof anomalyFixture.anomalies)[0],
];

describe('anomaly presentation', () => {
  it('formats values and changes by their measure, shares in points', () => {
    expect(formatValue('count', 180, f)).toBe('180');
    expect(formatChange('count', 84.5, f)).toBe('+85');
    expect(formatChange('count', -3, f)).toBe('-3');
    expect(formatValue('minutes', 300, f)).toBe(f.duration(300));
    expect(formatChange('minutes', -180, f)).toBe(`-${f.duration(180)}`);
    expect(formatValue('share', 0.31, f)).toBe('31.0%');
    expect(formatChange('share', -0.21, f)).toBe(f.points(-0.21));
    expect(formatChange('share', -0.21, f)).toBe('-21.0 pp');
    expect(formatValue('number', 1.234, f)).toBe('1.23');
  });

  it('names the total in the reader\'s words and a group by its label, "no value" included', () => {
    expect(seriesLabel(total, t)).toBe('All tickets');
    expect(seriesLabel(email, t)).toBe('Email');
    expect(seriesLabel(none, t)).toBe('(none)');
  });

  it('asks the core with the chosen buckets and breakdown', () => {
    expect(anomalyRequest('week', 'none')).toMatchObject({ every: 'week', by: null, kpis: [] });
    expect(anomalyRequest('day', 'group')).toMatchObject({ every: 'day', by: 'group' });
  });
});

describe('where an anomaly leads', () => {
  it('opens Explore on its KPI around its day, never past the period', () => {
    expect(exploreQueryFor(email, anomalyFixture)).toEqual({
      kpi: 'tickets_created',
      by: 'channel',
      every: 'day',
      hours: 'calendar',
      tz: 'UTC',
      period: { kind: 'custom', from: '2025-02-26', to: '2025-03-26' },
      filters: {},
    });
    expect(exploreQueryFor(none, anomalyFixture).period).toEqual({ kind: 'custom', from: '2025-03-14', to: '2025-03-30' });
  });

  it('opens Explore over the weeks around a weekly anomaly', () => {
    const weekly = { ...anomalyFixture, every: 'week' as const, range: { ...anomalyFixture.range, to: '2025-06-29' } };
    const query = exploreQueryFor({ ...email, period: '2025-03-10' }, weekly);
    expect(query.every).toBe('week');
    expect(query.period).toEqual({ kind: 'custom', from: '2025-01-13', to: '2025-05-11' });
  });

  it('lists the tickets of its KPI in its bucket and group', () => {
    const base = { from: '2025-03-03', to: '2025-03-30', tz: 'UTC', every: 'day', filters: [], hours: null, top: null };
    expect(ticketRequestFor(email, anomalyFixture)).toEqual({
      query: { ...base, by: 'channel', kpis: ['tickets_created'] },
      kpi: 'tickets_created',
      key: 'email',
      period: '2025-03-12',
    });
    expect(ticketRequestFor(total, anomalyFixture)).toMatchObject({ query: { by: null }, key: null, period: '2025-03-20' });
    expect(ticketRequestFor(none, anomalyFixture)).toMatchObject({ query: { by: 'channel' }, key: '(none)' });
  });
});
