import { describe, expect, it } from 'vitest';

import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import type { BacklogReport, ChartSpec } from '../ipc';
import { forecastFixture } from '../../test/forecastFixtures';
import { backlogFixture, backlogSinceReplyFixture, flowFixture } from '../../test/operationsFixtures';
import {
  AGE_BANDS,
  backlogDrill,
  backlogGroupDrill,
  forecastDayDrill,
  statusTimeDrill,
  transferDrill,
  type Asked,
} from './drill';

const t = createTranslator('en');
const f = createFormatter('en', t);
const request = { from: null, to: null, tz: null, filters: [], kpis: [], hours: null, top: null };
const backlogAsked: Asked = { period: { kind: 'last_30_days' }, request: { ...request, every: 'week', by: 'group' } };
const flowAsked: Asked = { period: { kind: 'last_30_days' }, request: { ...request, every: null, by: 'group' } };

describe('the tickets behind a backlog bar', () => {
  const report = backlogFixture.report;

  it('lists a band of a bucket with the bar’s count, asked as the report was', () => {
    const found = backlogDrill(report, backlogAsked, 1, 3, t, f);
    expect(found?.source).toEqual({
      kind: 'flow',
      ...backlogAsked,
      what: { kind: 'backlog', period: '2025-03-10', band: 'seven_to_thirty_days', age_from: 'created' },
    });
    expect(found?.count).toBe(1);
    expect(found?.title).toBe(`Backlog on ${f.date('2025-03-10')}, 7–30 days`);
  });

  it('lists a whole bucket as its total, and the bands add up to it', () => {
    const total = backlogDrill(report, backlogAsked, 2, null, t, f);
    expect(total?.source).toMatchObject({ what: { kind: 'backlog', period: '2025-03-17' } });
    expect(total?.title).toBe(`Backlog on ${f.date('2025-03-17')}`);
    const bands = AGE_BANDS.map((_, band) => backlogDrill(report, backlogAsked, 2, band, t, f)?.count ?? 0);
    expect(bands.reduce((a, b) => a + b, 0)).toBe(total?.count);
  });

  it('lists a band of the age since the last reply, and the tickets without a reply, aged as the report was', () => {
    const sinceReply = backlogSinceReplyFixture.report;
    const band = backlogDrill(sinceReply, backlogAsked, 2, 0, t, f);
    expect(band?.source).toMatchObject({ what: { band: 'under_one_day', age_from: 'last_reply' } });
    const none = backlogDrill(sinceReply, backlogAsked, 2, 5, t, f);
    expect(none?.source).toMatchObject({ what: { kind: 'backlog', no_reply: true, age_from: 'last_reply' } });
    expect(none?.count).toBe(2);
    expect(none?.title).toBe(`Backlog on ${f.date('2025-03-17')}, No public reply yet`);
  });

  it('opens nothing past the last bucket or band', () => {
    expect(backlogDrill(report, backlogAsked, 9, null, t, f)).toBeNull();
    expect(backlogDrill(report, backlogAsked, 0, 5, t, f)).toBeNull();
  });

  it('lists a group’s point by its key, "no value" as (none)', () => {
    const grouped: BacklogReport = {
      ...report,
      by: 'group',
      groups: [
        { key: '11', label: 'Billing', series: report.series },
        { key: null, label: '(none)', series: report.series.map((p) => ({ ...p, total: 2 })) },
      ],
    };
    const spec: ChartSpec = {
      ...backlogFixture.charts.by_age,
      kind: 'line',
      series: [
        { name: 'Billing', values: [1, 2, 3, 4], dashed: false, group: { key: '11' } },
        { name: '(none)', values: [2, 2, 2, 2], dashed: false, group: { key: null } },
      ],
    };
    const billing = backlogGroupDrill(grouped, spec, backlogAsked, 0, 3, t, f);
    expect(billing?.source).toMatchObject({ what: { kind: 'backlog', period: '2025-03-24', key: '11' } });
    expect(billing?.count).toBe(report.series[3]?.total);
    expect(billing?.title).toBe(`Backlog on ${f.date('2025-03-24')}, Billing`);
    const none = backlogGroupDrill(grouped, spec, backlogAsked, 1, 0, t, f);
    expect(none?.source).toMatchObject({ what: { kind: 'backlog', key: '(none)' } });
    expect(none?.title).toContain('(no value)');
    expect(backlogGroupDrill(grouped, spec, backlogAsked, 2, 0, t, f)).toBeNull();
  });
});

describe('the tickets behind the flow tables', () => {
  it('lists a time-in-status row by its owner and status, as many as its n', () => {
    const row = flowFixture.report.time_in_status[1]!;
    const found = statusTimeDrill(row, flowAsked, t);
    expect(found.source).toEqual({ kind: 'flow', ...flowAsked, what: { kind: 'status_time', key: '11', status: 'pending' } });
    expect(found.count).toBe(12);
    expect(found.title).toBe('Time in status Pending: Billing');
  });

  it('lists a transfer pair by its group ids, in Korean and Russian too', () => {
    const row = flowFixture.report.handoffs.transfers[0]!;
    const found = transferDrill(row, flowAsked, t);
    expect(found.source).toMatchObject({ what: { kind: 'transfer', from: '11', to: '12' } });
    expect(found.title).toBe('Moved from Billing to Tier 2');
    expect(transferDrill(row, flowAsked, createTranslator('ru')).title).toBe('Переданы из Billing в Tier 2');
    expect(transferDrill(row, flowAsked, createTranslator('ko')).title).toContain('Tier 2');
  });
});

describe('the tickets behind a past day of the forecast', () => {
  const { forecast, chart } = forecastFixture;

  it('lists the tickets created that day in the forecast’s zone', () => {
    const found = forecastDayDrill(forecast, chart, 0, 1, t, f);
    expect(found?.source).toEqual({
      kind: 'kpi',
      request: {
        query: { ...request, from: '2025-03-02', to: '2025-03-02', tz: 'UTC', every: null, by: null, kpis: ['tickets_created'] },
        kpi: 'tickets_created',
        key: null,
        period: null,
      },
    });
    expect(found?.count).toBe(31);
    expect(found?.title).toBe(`Created on ${f.date('2025-03-02')}`);
  });

  it('opens nothing for a forecast day or an hourly chart', () => {
    expect(forecastDayDrill(forecast, chart, 1, 2, t, f)).toBeNull();
    expect(forecastDayDrill(forecast, chart, 0, 2, t, f)).toBeNull();
    expect(forecastDayDrill({ ...forecast, granularity: 'hour' }, chart, 0, 1, t, f)).toBeNull();
  });

  it('lists a channel’s day by its key', () => {
    const byChannel = { ...forecast, by: 'channel' };
    const spec: ChartSpec = { ...chart, series: [{ name: 'Email', values: [3, 4, null], dashed: false, group: { key: 'email' } }] };
    const found = forecastDayDrill(byChannel, spec, 0, 0, t, f);
    expect(found?.source).toMatchObject({ request: { key: 'email', query: { by: 'channel' } } });
    expect(found?.title).toBe(`Created on ${f.date('2025-03-01')}, Email`);
  });
});
