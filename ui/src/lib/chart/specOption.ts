/**
 * A `ChartSpec` from the core as an ECharts option: bars, lines (dashed companions,
 * the CSAT interval as a band), stacked bars, diverging bars with whiskers
 * (`diverging.ts`), or the hour-of-week heatmap; partial
 * buckets drawn apart (`partial.ts`). The same spec
 * is what PNG/SVG and data export receive, so the picture and the files agree. Only
 * formats the numbers it is given.
 */
import type { BarSeriesOption, CustomSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

import type { Formatter } from '../format';
import type { ChartSeries, ChartSpec, Unit } from '../ipc';
import type { ChartPalette } from '../theme/palette';
import { divergingParts } from './diverging';
import {
  barData,
  hasPartial,
  isPartial,
  partialAxisMax,
  partialBarLegendSeries,
  partialLegendItem,
  partialLine,
  scaledCategories,
  splitLine,
  weekRange,
} from './partial';
import { nullReasonAt } from './nullReasons';
import { axisTooltip, FONT_FAMILY, itemTooltip, tooltipElement } from './tooltip';

export type SpecOption = ComposeOption<
  | BarSeriesOption
  | CustomSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
  | AriaComponentOption
>;

/** A value as a tooltip or table shows it; "—" for none. */
export function formatValue(unit: Unit, value: number | null | undefined, f: Formatter): string {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'count':
      return f.count(value);
    case 'share':
      return f.percent(value);
    case 'minutes':
      return f.duration(value);
    case 'number':
      return f.decimal(value);
    case 'points':
      return f.points(value);
  }
}

/** A value as an axis tick (and a data label) shows it (shorter durations). */
export function axisValue(unit: Unit, value: number, f: Formatter): string {
  return unit === 'minutes' ? f.durationCompact(value) : formatValue(unit, value, f);
}

/** Monday = 1 … Sunday = 7, in the locale ("Mon", "пн", "월"). */
export function weekdayName(day: number, locale: string): string {
  // 2024-01-01 was a Monday.
  const date = new Date(Date.UTC(2024, 0, day));
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(date);
}

/** A category as shown in tooltips and tables: dates and hours formatted for the locale. */
export function categoryLabel(spec: ChartSpec, index: number, f: Formatter): string {
  const raw = spec.x.labels[index] ?? '';
  if (spec.x.kind === 'date' && spec.x.every === 'week') return weekRange(raw, f.locale, true);
  if (spec.x.kind === 'date') return f.date(raw);
  if (spec.x.kind === 'hour') return `${raw.padStart(2, '0')}:00`;
  return raw;
}

function shortCategory(spec: ChartSpec, raw: string, f: Formatter): string {
  if (spec.x.kind === 'date' && spec.x.every === 'week') return weekRange(raw, f.locale, false);
  if (spec.x.kind === 'date') return f.shortDate(raw);
  if (spec.x.kind === 'hour') return raw.padStart(2, '0');
  return raw;
}

/** Whether bars lie down: many text categories read better as rows. */
export function isHorizontal(spec: ChartSpec): boolean {
  return spec.kind !== 'line' && spec.x.kind === 'text' && spec.series.length === 1 && spec.x.labels.length > 8;
}

/** True when nothing would be drawn. */
export function isSpecEmpty(spec: ChartSpec): boolean {
  return spec.series.every((s) => s.values.every((v) => v === null || v === 0));
}

const BAND_STACK = 'band';

/** A point of a series: its value, or its value with the small-sample look. */
type Point = number | null | { value: number; symbol?: string; symbolSize?: number; itemStyle?: object };

/**
 * A series' data with its small-sample values (`ChartSeries.small_sample`) drawn hollow:
 * an empty circle on a line, an outlined bar without fill, so a median of one ticket
 * never looks like one of a hundred. The tooltip names them too (`smallSampleNote`).
 */
export function smallSampleData(s: ChartSeries, kind: 'line' | 'bar', color: string): Point[] {
  return s.values.map((value, i) => {
    if (value === null || !s.small_sample?.[i]) return value;
    return kind === 'line'
      ? { value, symbol: 'emptyCircle', symbolSize: 10, itemStyle: { borderWidth: 2 } }
      : { value, itemStyle: { color: 'transparent', borderColor: color, borderWidth: 2 } };
  });
}

/** A bar series' points: hollow on a small sample, else faded where the bucket is partial. */
function barPoints(spec: ChartSpec, s: ChartSeries, color: string, palette: ChartPalette): Point[] {
  const partial = barData(spec, s.values, color, palette) as Point[];
  return smallSampleData(s, 'bar', color).map((point, i) => (s.small_sample?.[i] ? point : (partial[i] ?? point)));
}

/** The tooltip's last row when a value under it rests on a small sample. */
function smallSampleNote(spec: ChartSpec, dataIndex: number, f: Formatter, palette: ChartPalette) {
  const small = spec.series.some((s) => s.values[dataIndex] != null && s.small_sample?.[dataIndex]);
  return small ? [{ color: palette.mutedText, label: '†', value: f.t('sample.note') }] : [];
}

/** The tooltip's rows saying why a value under it is null, one per series with a reason. */
function nullReasonRows(spec: ChartSpec, dataIndex: number, f: Formatter, palette: ChartPalette) {
  return spec.series.flatMap((s) => {
    const reason = nullReasonAt(s, dataIndex, f);
    return reason === null ? [] : [{ color: palette.mutedText, label: s.name, value: reason }];
  });
}

/** Axis steps that read well as durations: minutes, then whole hours, then whole days. */
const DURATION_STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 7200, 10080];

/**
 * A step (minutes) giving at most five intervals up to `maxMinutes`. Past an hour only
 * half-hour multiples are used, so labels read "30 min", "1 h", "1.5 h", never "1.3 h".
 */
export function durationAxisStep(maxMinutes: number): number {
  const minimum = maxMinutes > 60 ? 30 : 1;
  const step = DURATION_STEPS.find((candidate) => candidate >= minimum && maxMinutes / candidate <= 5);
  return step ?? Math.ceil(maxMinutes / 5 / 1440) * 1440;
}

/**
 * The duration axis' range and steps, from the largest value drawn (bands included) in
 * the categories that set the axis (`scaledCategories`).
 */
function durationScale(spec: ChartSpec): { min: number; max: number; interval: number } {
  const scaled = scaledCategories(spec);
  const drawn = spec.series.flatMap((s) => scaled.flatMap((i) => [s.values[i], s.band?.high[i]]));
  const stacked = spec.kind === 'stacked_bar';
  const largest = stacked
    ? Math.max(0, ...scaled.map((i) => spec.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)))
    : Math.max(0, ...drawn.map((v) => v ?? 0));
  const interval = durationAxisStep(largest);
  return { min: 0, max: Math.max(interval, Math.ceil(largest / interval) * interval), interval };
}

export function buildSpecOption(spec: ChartSpec, f: Formatter, palette: ChartPalette, description: string): SpecOption {
  const base = {
    animationDuration: 300,
    color: [...palette.series],
    textStyle: { fontFamily: FONT_FAMILY, color: palette.text },
    aria: { enabled: true, label: { description } },
  };
  if (spec.kind === 'heatmap') return { ...base, ...heatmapParts(spec, f, palette) };
  if (spec.kind === 'diverging') return { ...base, ...divergingParts(spec, f, palette) };
  return { ...base, ...cartesianParts(spec, f, palette) };
}

function cartesianParts(spec: ChartSpec, f: Formatter, palette: ChartPalette): SpecOption {
  const axisLabel = { color: palette.mutedText, fontFamily: FONT_FAMILY };
  const horizontal = isHorizontal(spec);
  const partial = hasPartial(spec);
  const partialNote = f.t('chart.partial');
  const legend = spec.series.length > 1 || partial;
  const colour = (i: number): string => palette.series[i % palette.series.length] ?? palette.created;

  const tooltipFor = (dataIndex: number): HTMLElement | string =>
    tooltipElement(
      isPartial(spec, dataIndex) ? `${categoryLabel(spec, dataIndex, f)} · ${partialNote}` : categoryLabel(spec, dataIndex, f),
      [
      ...spec.series.map((s, i) => {
        const n = s.samples?.[dataIndex];
        const value = formatValue(spec.unit, s.values[dataIndex], f);
        const low = s.band?.low[dataIndex];
        const high = s.band?.high[dataIndex];
        const interval =
          low != null && high != null ? ` (${formatValue(spec.unit, low, f)}–${formatValue(spec.unit, high, f)})` : '';
        const size = n != null && spec.unit !== 'count' ? ` · n=${f.count(n)}` : '';
        const dagger = s.values[dataIndex] != null && s.small_sample?.[dataIndex] ? ' †' : '';
        return { color: colour(i), label: s.name, value: `${value}${interval}${size}${dagger}` };
      }),
      ...smallSampleNote(spec, dataIndex, f, palette),
      ...nullReasonRows(spec, dataIndex, f, palette),
    ]);

  const categoryAxis = {
    type: 'category' as const,
    data: spec.x.labels,
    inverse: horizontal,
    axisTick: { alignWithLabel: true, lineStyle: { color: palette.axisLine } },
    axisLine: { lineStyle: { color: palette.axisLine } },
    axisLabel: {
      ...axisLabel,
      hideOverlap: true,
      width: horizontal ? 180 : 120,
      overflow: 'truncate' as const,
      formatter: (raw: string) => shortCategory(spec, raw, f),
    },
  };
  // Shares run to 100%, unless they are differences (negative values): those scale to fit.
  const negative = spec.series.some((s) => s.values.some((v) => v !== null && v < 0));
  const valueAxis = {
    type: 'value' as const,
    minInterval: spec.unit === 'count' ? 1 : undefined,
    max: spec.unit === 'share' && !negative ? 1 : partialAxisMax(spec),
    ...(spec.unit === 'minutes' ? durationScale(spec) : {}),
    splitLine: { lineStyle: { color: palette.gridLine } },
    axisLabel: { ...axisLabel, formatter: (v: number) => axisValue(spec.unit, v, f) },
  };

  const series = spec.series.flatMap((s, i): (BarSeriesOption | LineSeriesOption)[] => {
    const color = colour(i);
    if (spec.kind === 'line') {
      const line: LineSeriesOption = {
        type: 'line',
        name: s.name,
        data: smallSampleData({ ...s, values: partial ? splitLine(spec, s.values).solid : s.values }, 'line', color),
        symbol: 'circle',
        symbolSize: 6,
        connectNulls: false,
        lineStyle: { width: 2, type: s.dashed ? 'dashed' : 'solid' },
        itemStyle: { color },
        // WebKitGTK leaves a line's entrance clip animation at zero width.
        animation: false,
        z: 3,
      };
      if (!s.band) return [line];
      // The interval: an invisible line at the low end with the width stacked on it.
      const low = s.band.low;
      const width = s.band.high.map((high, k) => (high === null || low[k] == null ? null : high - (low[k] ?? 0)));
      const bandPart = (name: string, data: (number | null)[], fill: boolean): LineSeriesOption => ({
        type: 'line',
        name,
        data,
        stack: `${BAND_STACK}${i}`,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: fill ? { color, opacity: 0.15 } : { opacity: 0 },
        tooltip: { show: false },
        silent: true,
        animation: false,
      });
      return [bandPart(`${BAND_STACK}-low-${i}`, low, false), bandPart(`${BAND_STACK}-high-${i}`, width, true), line];
    }
    const bar: BarSeriesOption = {
      type: 'bar',
      name: s.name,
      data: barPoints(spec, s, color, palette),
      stack: spec.kind === 'stacked_bar' ? 'total' : undefined,
      barMaxWidth: 28,
      itemStyle: {
        color,
        borderRadius: spec.kind === 'stacked_bar' ? 0 : horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0],
      },
    };
    return [bar];
  });
  // After the spec's series, so a click's series index still names the spec's series.
  const partialParts: LineSeriesOption[] = !partial
    ? []
    : spec.kind === 'line'
      ? spec.series.map((s, i) => partialLine(spec, splitLine(spec, s.values).dashed, colour(i), partialNote))
      : [partialBarLegendSeries(partialNote)];

  return {
    legend: legend
      ? {
          type: 'scroll',
          top: 0,
          left: 0,
          icon: 'roundRect',
          itemWidth: 12,
          itemHeight: 12,
          data: [
            ...(spec.series.length > 1 ? spec.series.map((s) => s.name) : []),
            ...(partial ? [partialLegendItem(partialNote, spec.kind, colour(0), palette)] : []),
          ],
          textStyle: { color: palette.mutedText, fontFamily: FONT_FAMILY },
          pageTextStyle: { color: palette.mutedText },
        }
      : undefined,
    grid: {
      top: legend ? 44 : 12,
      left: 4,
      right: 16,
      bottom: 4,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    tooltip: axisTooltip(palette, spec.kind === 'line' ? 'line' : 'shadow', tooltipFor),
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: [...series, ...partialParts],
  };
}

function heatmapParts(spec: ChartSpec, f: Formatter, palette: ChartPalette): SpecOption {
  const axisLabel = { color: palette.mutedText, fontFamily: FONT_FAMILY };
  const rows = spec.series.map((s) => weekdayName(Number(s.name), f.locale));
  const cells = spec.series.flatMap((s, y) => s.values.map((v, x) => [x, y, v ?? 0] as [number, number, number]));
  const max = Math.max(1, ...cells.map((c) => c[2]));
  return {
    grid: { top: 8, left: 4, right: 4, bottom: 48, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: itemTooltip(palette, (data) => {
      const [x, y, v] = data as [number, number, number];
      return tooltipElement(`${rows[y] ?? ''} ${categoryLabel(spec, x, f)}`, [
        { color: palette.created, label: spec.title, value: formatValue(spec.unit, v, f) },
      ]);
    }),
    xAxis: {
      type: 'category',
      data: spec.x.labels,
      splitArea: { show: false },
      axisLine: { lineStyle: { color: palette.axisLine } },
      axisLabel: { ...axisLabel, formatter: (raw: string) => shortCategory(spec, raw, f) },
    },
    yAxis: {
      type: 'category',
      data: rows,
      inverse: true,
      axisLine: { lineStyle: { color: palette.axisLine } },
      axisLabel,
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      itemWidth: 12,
      textStyle: { color: palette.mutedText, fontFamily: FONT_FAMILY },
      formatter: (v: unknown) => f.count(Number(v)),
      inRange: { color: [palette.heatLow, palette.created] },
    },
    series: [
      {
        type: 'heatmap',
        name: spec.title,
        data: cells,
        itemStyle: { borderColor: palette.background, borderWidth: 1, borderRadius: 2 },
        emphasis: { itemStyle: { borderColor: palette.text } },
      },
    ],
  };
}
