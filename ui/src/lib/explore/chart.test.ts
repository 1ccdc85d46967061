import { describe, expect, it } from 'vitest';

import { buildSpecOption } from '../chart/specOption';
import { withValueLabels } from '../chart/valueLabels';
import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import type { ChartSpec } from '../ipc';
import { CHART_PALETTES } from '../theme/palette';
import { chipText } from './chips';
import { withoutEmptyNone } from './noneGroup';
import { DEFAULT_QUERY, valueScope } from './query';

const en = createTranslator('en');
const ru = createTranslator('ru');
const f = createFormatter('en', en);

const byChannel = (none: number | null): ChartSpec => ({
  kind: 'bar',
  title: 'Tickets created',
  subtitle: null,
  x: { kind: 'text', labels: ['Email', 'Web form', '(none)'], keys: ['email', 'web', null] },
  unit: 'count',
  series: [{ name: 'Tickets created', values: [505, 120, none], samples: [505, 120, none], dashed: false }],
});

describe('the empty "(none)" group', () => {
  it('leaves the axis (and its column) when it holds nothing', () => {
    const spec = withoutEmptyNone(byChannel(null));
    expect(spec.x.labels).toEqual(['Email', 'Web form']);
    expect(spec.x.keys).toEqual(['email', 'web']);
    expect(spec.series[0]?.values).toEqual([505, 120]);
    expect(spec.series[0]?.samples).toEqual([505, 120]);
    expect(withoutEmptyNone(byChannel(0)).x.labels).toHaveLength(2);
  });

  it('stays when it has data', () => {
    const spec = byChannel(3);
    expect(withoutEmptyNone(spec)).toBe(spec);
  });

  it('loses its series, so its legend entry, when it is a series of nothing', () => {
    const spec: ChartSpec = {
      kind: 'line',
      title: 'CSAT',
      subtitle: null,
      x: { kind: 'date', labels: ['2025-03-03', '2025-03-10'] },
      unit: 'share',
      series: [
        { name: 'Billing', values: [0.9, 0.8], dashed: false, group: { key: '1' } },
        { name: '(none)', values: [null, null], dashed: false, group: { key: null } },
      ],
    };
    expect(withoutEmptyNone(spec).series.map((s) => s.name)).toEqual(['Billing']);
  });
});

describe('filter chips', () => {
  const names = new Map<string | null, string>([['7', 'Dana Kim']]);

  it('read as the dimension and the names chosen', () => {
    expect(chipText('Assignee', [], names, en, f)).toBe('Assignee');
    expect(chipText('Assignee', ['7'], names, en, f)).toBe('Assignee: Dana Kim');
    expect(chipText('Assignee', ['7', '8', null], names, en, f)).toBe('Assignee: Dana Kim +2');
    expect(chipText('Исполнитель', ['7', '8'], names, ru, createFormatter('ru', ru))).toBe('Исполнитель: Dana Kim и ещё 1');
    expect(chipText('Group', [null], names, en, f)).toBe('Group: (no value)');
    expect(chipText('Group', ['42'], names, en, f), 'a name still loading').toBe('Group: …');
  });

  it('count values over the query’s period and filters, whatever its KPI or breakdown', () => {
    const query = { ...DEFAULT_QUERY, kpi: 'csat' as const, by: 'group', every: 'week' as const, filters: { channel: ['email'] } };
    const scope = valueScope(query);
    expect(scope).toEqual({
      period: DEFAULT_QUERY.period,
      request: { from: null, to: null, tz: null, every: null, by: null, filters: ['channel=email'], kpis: [], hours: null, top: null },
    });
    expect(valueScope({ ...query, kpi: 'tickets_solved', by: null })).toEqual(scope);
  });
});

describe('data labels', () => {
  const option = (spec: ChartSpec) =>
    withValueLabels(buildSpecOption(spec, f, CHART_PALETTES.light, 'chart'), spec, f, CHART_PALETTES.light) as { series: Record<string, unknown>[] };
  type Label = { show: boolean; position: string; formatter: (p: { value?: unknown }) => string };

  it('label each bar as the value axis formats it', () => {
    const label = option(byChannel(3)).series[0]?.label as Label;
    expect(label.show).toBe(true);
    expect(label.position).toBe('top');
    expect(label).toMatchObject({ color: CHART_PALETTES.light.text, textBorderWidth: 0 });
    expect(label.formatter({ value: 1505 })).toBe('1,505');
    expect(label.formatter({ value: null }), 'no value, no label').toBe('');
  });

  it('format durations as the axis does and leave interval bands bare', () => {
    const spec: ChartSpec = {
      kind: 'line',
      title: 'First reply',
      subtitle: null,
      x: { kind: 'date', labels: ['2025-03-03'] },
      unit: 'minutes',
      series: [{ name: 'Median', values: [90], dashed: false, band: { low: [60], high: [120] } }],
    };
    const series = option(spec).series;
    expect(series.filter((s) => s.label)).toHaveLength(1);
    expect((series.at(-1)?.label as Label).formatter({ value: 90 })).toBe(f.durationCompact(90));
  });
});
