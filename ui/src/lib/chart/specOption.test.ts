import { describe, expect, it } from 'vitest';

import { overviewFixture } from '../../test/fixtures';
import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import type { ChartSpec } from '../ipc';
import { CHART_PALETTES } from '../theme/palette';
import { localizeSpec } from './localize';
import {
  buildSpecOption,
  categoryLabel,
  durationAxisStep,
  formatValue,
  isHorizontal,
  isSpecEmpty,
  weekdayName,
} from './specOption';
import { tooltipElement } from './tooltip';

const f = createFormatter('en', createTranslator('en'));
const { charts } = overviewFixture;

type Series = { type: string; name: string; data: unknown[]; stack?: string; lineStyle?: { type?: string } };

function seriesOf(spec: ChartSpec): Series[] {
  return buildSpecOption(spec, f, CHART_PALETTES.light, 'chart').series as Series[];
}

describe('chart from a spec', () => {
  it('draws lines with the values as given and dashed companions', () => {
    const series = seriesOf(charts.first_reply);
    expect(series.map((s) => [s.type, s.name, s.lineStyle?.type])).toEqual([
      ['line', 'series.median', 'solid'],
      ['line', 'series.p90', 'dashed'],
    ]);
    expect(series[0]?.data).toEqual([80, 92.5, null]);
  });

  it('draws the CSAT interval as a stacked band under its line', () => {
    const series = seriesOf(charts.csat);
    expect(series).toHaveLength(3);
    expect(series[0]?.data).toEqual([0.78, 0.75, null]);
    expect(series[1]?.data.map((v) => (v === null ? null : Number((v as number).toFixed(2))))).toEqual([0.18, 0.17, null]);
    expect(series[0]?.stack).toBe(series[1]?.stack);
    expect(series[2]?.data).toEqual([0.9, 0.85, null]);
  });

  it('stacks bars for the stacked kind and lays long category lists down', () => {
    const stacked: ChartSpec = { ...charts.volume, kind: 'stacked_bar' };
    expect(seriesOf(stacked).every((s) => s.type === 'bar' && s.stack === 'total')).toBe(true);
    const many: ChartSpec = {
      ...charts.sla,
      x: { kind: 'text', labels: Array.from({ length: 12 }, (_, i) => `g${i}`) },
      series: [{ name: 'x', values: Array.from({ length: 12 }, () => 1), dashed: false }],
    };
    expect(isHorizontal(many)).toBe(true);
    expect(isHorizontal(charts.sla)).toBe(false);
  });

  it('turns the hour-of-week rows into heatmap cells with weekday names', () => {
    const option = buildSpecOption(charts.arrivals, f, CHART_PALETTES.dark, 'chart');
    const [heatmap] = option.series as Array<{ type: string; data: [number, number, number][] }>;
    expect(heatmap?.type).toBe('heatmap');
    expect(heatmap?.data).toHaveLength(7 * 24);
    expect(heatmap?.data[9]).toEqual([9, 0, 19]);
    expect((option.yAxis as { data: string[] }).data.slice(0, 2)).toEqual(['Mon', 'Tue']);
    expect(weekdayName(7, 'ru')).toBe('вс');
  });

  it('formats values by unit and categories by axis kind', () => {
    expect(formatValue('count', 1234, f)).toBe('1,234');
    expect(formatValue('share', 0.875, f)).toBe('87.5%');
    expect(formatValue('minutes', 85, f)).toBe('1 h 25 min');
    expect(formatValue('number', 1.256, f)).toBe('1.26');
    expect(formatValue('share', null, f)).toBe('—');
    expect(categoryLabel(charts.volume, 1, f)).toBe('Mar 3, 2025');
    expect(categoryLabel(charts.arrivals, 9, f)).toBe('09:00');
  });

  it('runs a share axis to 100% unless it shows differences below zero', () => {
    const axisMax = (spec: ChartSpec) => (buildSpecOption(spec, f, CHART_PALETTES.light, 'chart').yAxis as { max?: number }).max;
    expect(axisMax(charts.sla)).toBe(1);
    const differences: ChartSpec = {
      ...charts.sla,
      series: [{ name: 'diff', values: charts.sla.x.labels.map((_, i) => (i === 0 ? -0.12 : 0.03)), dashed: false }],
    };
    expect(axisMax(differences)).toBeUndefined();
  });

  it('knows an empty chart', () => {
    expect(isSpecEmpty(charts.volume)).toBe(false);
    expect(isSpecEmpty({ ...charts.volume, series: [{ name: 'x', values: [0, null], dashed: false }] })).toBe(true);
  });

  it('puts duration ticks on readable steps', () => {
    expect(durationAxisStep(0)).toBe(1);
    expect(durationAxisStep(45)).toBe(10);
    expect(durationAxisStep(92.5)).toBe(30);
    expect(durationAxisStep(4000)).toBe(1440);
  });

  it('draws small-sample values hollow and notes them in the tooltip', () => {
    const reply: ChartSpec = {
      ...charts.first_reply,
      series: [{ ...charts.first_reply.series[0]!, small_sample: [false, true, false] }],
    };
    const [line] = seriesOf(reply);
    expect(line?.data[0]).toBe(80);
    expect(line?.data[1]).toMatchObject({ value: 92.5, symbol: 'emptyCircle' });
    expect(line?.data[2]).toBeNull();
    const bars = seriesOf({ ...reply, kind: 'bar' });
    expect(bars[0]?.data[1]).toMatchObject({ value: 92.5, itemStyle: { color: 'transparent' } });
    const option = buildSpecOption(reply, f, CHART_PALETTES.light, 'chart');
    const formatter = (option.tooltip as { formatter: (p: unknown) => HTMLElement }).formatter;
    const tooltip = formatter([{ dataIndex: 1 }]).textContent ?? '';
    expect(tooltip).toContain('n=300 †');
    expect(tooltip).toContain('Small sample: too few records to read reliably');
    expect(formatter([{ dataIndex: 0 }]).textContent).not.toContain('†');
  });

  it('builds tooltips as text, never as HTML', () => {
    const element = tooltipElement('<b>week</b>', [{ color: '#000', label: '<img src=x onerror=alert(1)>', value: '1' }]);
    expect(element.querySelector('img, b')).toBeNull();
    expect(element.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('localised Overview specs', () => {
  it('translates titles, series and known SLA metrics, keeping unknown metric names', () => {
    const ru = localizeSpec(charts.sla, createTranslator('ru'));
    expect(ru.title).toBe('Выполнение SLA по метрикам');
    expect(ru.x.labels).toEqual(['Первый ответ', 'custom_metric']);
    expect(ru.series[0]?.name).toBe('Выполнено');
    const ko = localizeSpec(charts.volume, createTranslator('ko'));
    expect(ko.series.map((s) => s.name)).toEqual(['생성', '해결', '백로그']);
    expect(ko.x.labels).toEqual(charts.volume.x.labels);
  });
});
