/**
 * A diverging chart (`kind: 'diverging'`, the CSAT drivers) as an ECharts option, drawn
 * as the exporter draws it: each category's difference from the rest as a bar lying from
 * zero, better and worse in the palette's own colours, its 95% interval as whiskers, and
 * zero as a firm line, so a reader sees which side a driver is on and whether its
 * interval crosses zero. Values are percentage points.
 */
import type { BarSeriesOption, CustomSeriesOption } from 'echarts/charts';

import type { Formatter } from '../format';
import type { ChartSpec } from '../ipc';
import type { ChartPalette } from '../theme/palette';
import { axisTooltip, FONT_FAMILY, tooltipElement } from './tooltip';
import type { SpecOption } from './specOption';

/** The stack both sides share, so a category's one bar sits in its middle. */
const SIDES = 'difference';

/** A whisker item: the interval's ends and the category's index. */
type Whisker = [number, number, number];

/** Each category's interval, where it has one. */
export function whiskerData(spec: ChartSpec): Whisker[] {
  const band = spec.series[0]?.band;
  if (!band) return [];
  return band.low.flatMap((low, i) => {
    const high = band.high[i];
    return low === null || high === null || high === undefined ? [] : [[low, high, i] as Whisker];
  });
}

/** The values on one side of zero (null elsewhere): `better` above, else below. */
export function sideValues(spec: ChartSpec, better: boolean): (number | null)[] {
  const values = spec.series[0]?.values ?? [];
  return values.map((v) => (v === null || (better ? v <= 0 : v >= 0) ? null : v));
}

export function divergingParts(spec: ChartSpec, f: Formatter, palette: ChartPalette): SpecOption {
  const axisLabel = { color: palette.mutedText, fontFamily: FONT_FAMILY };
  const series = spec.series[0];
  const side = (name: string, better: boolean): BarSeriesOption => ({
    type: 'bar',
    name,
    data: sideValues(spec, better),
    stack: SIDES,
    barMaxWidth: 22,
    itemStyle: { color: better ? palette.better : palette.worse },
  });
  const whiskers: CustomSeriesOption = {
    type: 'custom',
    name: f.t('chart.interval'),
    data: whiskerData(spec),
    encode: { x: [0, 1], y: 2 },
    itemStyle: { color: palette.text },
    silent: true,
    tooltip: { show: false },
    z: 3,
    renderItem: (_params, api) => {
      const row = Number(api.value(2));
      const [x0, y] = api.coord([api.value(0), row]) as [number, number];
      const [x1] = api.coord([api.value(1), row]) as [number, number];
      const [zero] = api.coord([0, row]) as [number, number];
      const band = (api.size?.([0, 1]) as [number, number] | undefined)?.[1] ?? 20;
      const cap = Math.min(band * 0.22, 7);
      const stroke = { stroke: palette.text, lineWidth: 1.5 };
      const line = (ax: number, ay: number, bx: number, by: number) => ({
        type: 'line' as const,
        shape: { x1: ax, y1: ay, x2: bx, y2: by },
        style: stroke,
      });
      return {
        type: 'group',
        children: [
          // Zero, one band per category: together they make the zero line.
          line(zero, y - band / 2, zero, y + band / 2),
          line(x0, y, x1, y),
          line(x0, y - cap, x0, y + cap),
          line(x1, y - cap, x1, y + cap),
        ],
      };
    },
  };
  const tooltipFor = (i: number): HTMLElement => {
    const value = series?.values[i];
    const low = series?.band?.low[i];
    const high = series?.band?.high[i];
    const n = series?.samples?.[i];
    const interval = low != null && high != null ? ` (${f.points(low)} – ${f.points(high)})` : '';
    const size = n != null ? ` · n=${f.count(n)}` : '';
    const color = value != null && value < 0 ? palette.worse : palette.better;
    const shown = value == null ? '—' : f.points(value);
    return tooltipElement(spec.x.labels[i] ?? '', [{ color, label: series?.name ?? '', value: `${shown}${interval}${size}` }]);
  };
  return {
    legend: {
      top: 0,
      left: 0,
      icon: 'roundRect',
      itemWidth: 12,
      itemHeight: 12,
      data: [f.t('chart.better'), f.t('chart.worse'), f.t('chart.interval')],
      textStyle: { color: palette.mutedText, fontFamily: FONT_FAMILY },
    },
    grid: { top: 44, left: 4, right: 16, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: axisTooltip(palette, 'shadow', tooltipFor),
    xAxis: {
      type: 'value',
      splitLine: { lineStyle: { color: palette.gridLine } },
      axisLabel: { ...axisLabel, formatter: (v: number) => f.points(v) },
    },
    yAxis: {
      type: 'category',
      data: spec.x.labels,
      inverse: true,
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { ...axisLabel, hideOverlap: true, width: 220, overflow: 'truncate' },
    },
    series: [side(f.t('chart.better'), true), side(f.t('chart.worse'), false), whiskers],
  } as SpecOption;
}
