/**
 * Partial buckets (cut by the range, or not over yet) as the web view draws them: faded
 * bars with an outline, a dashed line into a hollow point, a legend note, and no say in
 * the value axis, as the core's exporter draws them. A partial bucket holds fewer days,
 * so its median or rate can be extreme; scaled to it, every full bucket would be squeezed
 * under one unrepresentative value. The axis therefore fits the full buckets (all of them
 * when every bucket is partial) and a partial value beyond it is clipped at the edge; the
 * tooltip still gives it. Weeks read as their first and last day.
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';

import { parseIsoDate } from '../format/date';
import type { ChartSpec } from '../ipc';
import type { ChartPalette } from '../theme/palette';

/** How far a partial bar's fill goes from its colour towards the background. */
const FADE = 0.62;

export function isPartial(spec: ChartSpec, index: number): boolean {
  return spec.x.partial?.[index] === true;
}

export function hasPartial(spec: ChartSpec): boolean {
  return spec.x.labels.some((_, i) => isPartial(spec, i));
}

/** The categories whose values set the value axis: the full buckets, or every bucket when none is full. */
export function scaledCategories(spec: ChartSpec): number[] {
  const all = spec.x.labels.map((_, i) => i);
  const full = all.filter((i) => !isPartial(spec, i));
  return full.length > 0 ? full : all;
}

/** A week bucket (its Monday) as its first and last day: "Nov 2 – 8" or, with the year, "Nov 2 – 8, 2026". */
export function weekRange(iso: string, locale: string, withYear: boolean): string {
  const first = parseIsoDate(iso);
  if (!first) return iso;
  const last = new Date(first.getTime() + 6 * 86_400_000);
  const format = new Intl.DateTimeFormat(locale, {
    ...(withYear ? { dateStyle: 'medium' } : { month: 'short', day: 'numeric' }),
    timeZone: 'UTC',
  });
  return format.formatRange(first, last);
}

/** `color` faded towards `background` (both `#rrggbb`). */
export function faded(color: string, background: string): string {
  const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const [a, b] = [channels(color), channels(background)];
  return `#${a.map((c, i) => Math.round(c + ((b[i] ?? c) - c) * FADE).toString(16).padStart(2, '0')).join('')}`;
}

/** A step of 1, 2 or 5 × 10ⁿ giving about five intervals, and the round top above `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  return Math.ceil(max / step - 1e-9) * step;
}

/**
 * The value axis' top when a partial bucket would otherwise set it: the round top of the
 * full buckets' values; undefined (the axis fits everything) when no partial value goes
 * past them.
 */
export function partialAxisMax(spec: ChartSpec): number | undefined {
  const stacked = spec.kind === 'stacked_bar';
  const height = (i: number): number[] =>
    stacked
      ? [spec.series.reduce((sum, s) => sum + Math.max(0, s.values[i] ?? 0), 0)]
      : spec.series.flatMap((s) => [s.values[i] ?? 0, s.band?.high[i] ?? 0]);
  const scaled = new Set(scaledCategories(spec));
  const full = spec.x.labels.flatMap((_, i) => (scaled.has(i) ? height(i) : []));
  const rest = spec.x.labels.flatMap((_, i) => (scaled.has(i) ? [] : height(i)));
  const fullMax = Math.max(0, ...full);
  return Math.max(0, ...rest) > fullMax ? niceMax(fullMax) : undefined;
}

/** A bar series' data with each partial bar faded and outlined in its colour. */
export function barData(spec: ChartSpec, values: readonly (number | null)[], color: string, palette: ChartPalette): BarSeriesOption['data'] {
  return values.map((value, i) =>
    isPartial(spec, i) && value !== null
      ? { value, itemStyle: { color: faded(color, palette.background), borderColor: color, borderWidth: 1.5 } }
      : value,
  );
}

/**
 * A line series' values split for drawing: `solid` keeps the full buckets; `dashed` the
 * partial ones with their full neighbours, so the steps into and out of a partial bucket
 * are dashed and the line stays unbroken. Null where a part draws nothing.
 */
export function splitLine(spec: ChartSpec, values: readonly (number | null)[]): {
  solid: (number | null)[];
  dashed: (number | null)[];
} {
  const near = (i: number) => isPartial(spec, i) || isPartial(spec, i - 1) || isPartial(spec, i + 1);
  return {
    solid: values.map((v, i) => (isPartial(spec, i) ? null : v)),
    dashed: values.map((v, i) => (near(i) ? v : null)),
  };
}

/**
 * The dashed part of a line (`splitLine`), named after the legend's note so that the note
 * shows and hides it; hollow points mark the partial buckets. It stays silent: the axis
 * tooltip already lists every bucket.
 */
export function partialLine(spec: ChartSpec, dashed: (number | null)[], color: string, note: string): LineSeriesOption {
  return {
    type: 'line',
    name: note,
    data: dashed.map((value, i) =>
      value !== null && isPartial(spec, i) ? { value, symbol: 'emptyCircle', symbolSize: 8 } : { value, symbol: 'none' },
    ),
    connectNulls: false,
    lineStyle: { width: 2, type: 'dashed', color },
    itemStyle: { color },
    silent: true,
    animation: false,
    z: 3,
  };
}

/** A legend-only entry for bar charts: the note beside a faded, outlined square. */
export function partialLegendItem(note: string, kind: ChartSpec['kind'], color: string, palette: ChartPalette) {
  return kind === 'line'
    ? { name: note, icon: 'emptyCircle' }
    : { name: note, icon: 'roundRect', itemStyle: { color: faded(color, palette.background), borderColor: color, borderWidth: 1 } };
}

/** An empty series that gives the bar chart's legend note something to name. */
export function partialBarLegendSeries(note: string): LineSeriesOption {
  return { type: 'line', name: note, data: [], silent: true };
}
