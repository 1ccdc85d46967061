import { describe, expect, it } from 'vitest';

import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import type { ChartSpec } from '../ipc';
import { CHART_PALETTES } from '../theme/palette';
import { faded, niceMax, partialAxisMax, splitLine, weekRange } from './partial';
import { buildSpecOption, categoryLabel } from './specOption';

const f = createFormatter('en', createTranslator('en'));
const palette = CHART_PALETTES.light;

/** Five weeks of first-reply counts; the first week holds two days and an outlier. */
function weekly(kind: ChartSpec['kind'], partial: boolean[] | undefined, unit: ChartSpec['unit'] = 'count'): ChartSpec {
  return {
    kind,
    title: 'Tickets',
    subtitle: null,
    x: {
      kind: 'date',
      labels: ['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'],
      every: 'week',
      partial,
    },
    unit,
    series: [{ name: 'All tickets', values: [900, 80, 95, 100, 90], dashed: false }],
  };
}

const FIRST = [true, false, false, false, false];

type AnyOption = {
  series: Array<{ type: string; name: string; data: unknown[]; lineStyle?: { type?: string }; silent?: boolean }>;
  legend?: { data: Array<string | { name: string; icon?: string }> };
  yAxis: { max?: number };
  xAxis: { axisLabel: { formatter: (raw: string) => string } };
};

function option(spec: ChartSpec): AnyOption {
  return buildSpecOption(spec, f, palette, 'chart') as unknown as AnyOption;
}

describe('partial buckets in the web view', () => {
  it('fades and outlines a partial bar and notes it in the legend', () => {
    const built = option(weekly('bar', FIRST));
    const bars = built.series[0];
    expect(bars?.type).toBe('bar');
    expect(bars?.data.slice(1)).toEqual([80, 95, 100, 90]);
    expect(bars?.data[0]).toEqual({
      value: 900,
      itemStyle: { color: faded(palette.series[0] ?? '', palette.background), borderColor: palette.series[0], borderWidth: 1.5 },
    });
    expect(built.legend?.data.map((d) => (typeof d === 'string' ? d : d.name))).toEqual(['Partial period']);
    expect(built.series.map((s) => s.name)).toEqual(['All tickets', 'Partial period']);
    expect(option(weekly('bar', undefined)).legend).toBeUndefined();
  });

  it('dashes a line into a partial bucket and draws its point hollow, after the spec series', () => {
    const built = option(weekly('line', [true, false, false, false, true]));
    const [main, companion] = built.series;
    expect(main?.data).toEqual([null, 80, 95, 100, null]);
    expect(companion?.name).toBe('Partial period');
    expect(companion?.lineStyle?.type).toBe('dashed');
    expect(companion?.silent).toBe(true);
    expect(companion?.data).toEqual([
      { value: 900, symbol: 'emptyCircle', symbolSize: 8 },
      { value: 80, symbol: 'none' },
      { value: null, symbol: 'none' },
      { value: 100, symbol: 'none' },
      { value: 90, symbol: 'emptyCircle', symbolSize: 8 },
    ]);
    expect(built.legend?.data).toEqual([{ name: 'Partial period', icon: 'emptyCircle' }]);
  });

  it('keeps a partial bucket from setting the value axis alone', () => {
    expect(option(weekly('bar', FIRST)).yAxis.max).toBe(100);
    expect(option(weekly('bar', undefined)).yAxis.max).toBeUndefined();
    expect(option(weekly('bar', [true, true, true, true, true])).yAxis.max).toBeUndefined();
    const small = weekly('bar', FIRST);
    small.series[0] = { name: 'All tickets', values: [12, 80, 95, 100, 90], dashed: false };
    expect(option(small).yAxis.max).toBeUndefined();
    const minutes = option(weekly('line', FIRST, 'minutes')).yAxis.max;
    expect(minutes).toBe(120);
  });

  it('labels weeks as their first and last day', () => {
    const built = option(weekly('bar', FIRST));
    expect(built.xAxis.axisLabel.formatter('2026-11-02')).toMatch(/^Nov 2\s*–\s*8$/u);
    expect(built.xAxis.axisLabel.formatter('2026-10-26')).toMatch(/^Oct 26\s*–\s*Nov 1$/u);
    expect(categoryLabel(weekly('bar', FIRST), 1, f)).toMatch(/^Nov 2\s*–\s*8, 2026$/u);
    expect(weekRange('2026-11-02', 'ru', false)).toMatch(/^2\s*–\s*8 нояб\.$/u);
    expect(weekRange('total', 'en', false)).toBe('total');
  });

  it('splits lines, rounds axis tops and fades colours', () => {
    expect(splitLine(weekly('line', FIRST), [1, 2, 3, null, 5])).toEqual({
      solid: [null, 2, 3, null, 5],
      dashed: [1, 2, null, null, null],
    });
    expect(niceMax(100)).toBe(100);
    expect(niceMax(93)).toBe(100);
    expect(niceMax(7)).toBe(8);
    expect(niceMax(0)).toBe(1);
    expect(faded('#000000', '#ffffff')).toBe('#9e9e9e');
    expect(partialAxisMax(weekly('stacked_bar', FIRST))).toBe(100);
  });
});
