/**
 * The "Created vs solved by week" chart as an ECharts option: bars for created and solved
 * on the left axis, the weekly first-reply median as a line on a right (duration) axis.
 * Pure apart from building tooltip DOM, so it can be unit-tested without a renderer.
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

import type { Formatter } from '../format';
import type { TrendPoint } from '../ipc';
import type { ChartPalette } from '../theme/palette';

export type TrendOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | AriaComponentOption
>;

export const FONT_FAMILY = "'Noto Sans Variable', 'Noto Sans KR Variable', system-ui, sans-serif";

/** True when the chart would be empty: no week has a created or solved ticket. */
export function isTrendEmpty(weekly: readonly TrendPoint[]): boolean {
  return weekly.every((point) => point.created === 0 && point.solved === 0);
}

interface TooltipRow {
  color: string;
  label: string;
  value: string;
}

/** Tooltip content built with DOM APIs and textContent only (no HTML strings). */
export function tooltipElement(title: string, rows: readonly TooltipRow[]): HTMLElement {
  const root = document.createElement('div');
  root.className = 'chart-tooltip';
  const heading = document.createElement('div');
  heading.className = 'chart-tooltip-title';
  heading.textContent = title;
  root.append(heading);
  for (const row of rows) {
    const line = document.createElement('div');
    line.className = 'chart-tooltip-row';
    const swatch = document.createElement('span');
    swatch.className = 'chart-tooltip-swatch';
    swatch.style.background = row.color;
    const label = document.createElement('span');
    label.textContent = row.label;
    const value = document.createElement('span');
    value.className = 'chart-tooltip-value';
    value.textContent = row.value;
    line.append(swatch, label, value);
    root.append(line);
  }
  return root;
}

/** An axis-triggered tooltip in the palette, its content built by `content(dataIndex)`. */
export function axisTooltip(
  palette: ChartPalette,
  pointer: 'shadow' | 'line',
  content: (dataIndex: number) => HTMLElement | string,
): TooltipComponentOption {
  return {
    trigger: 'axis',
    axisPointer: { type: pointer },
    backgroundColor: palette.tooltipBackground,
    borderColor: palette.tooltipBorder,
    textStyle: { color: palette.text, fontFamily: FONT_FAMILY },
    formatter: (params) => {
      const first = Array.isArray(params) ? params[0] : params;
      return content(first?.dataIndex ?? -1);
    },
  };
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

export function buildTrendOption(
  weekly: readonly TrendPoint[],
  f: Formatter,
  palette: ChartPalette,
): TrendOption {
  const names = {
    created: f.t('chart.created'),
    solved: f.t('chart.solved'),
    firstReply: f.t('chart.firstReply'),
  };
  const axisLabel = { color: palette.mutedText, fontFamily: FONT_FAMILY };
  const replyMax = Math.max(0, ...weekly.map((point) => point.first_reply_median ?? 0));
  const replyStep = durationAxisStep(replyMax);

  const tooltipFor = (dataIndex: number): HTMLElement | string => {
    const point = weekly[dataIndex];
    if (!point) return '';
    const reply = point.first_reply_median;
    return tooltipElement(f.t('chart.weekOf', { date: f.date(point.period) }), [
      { color: palette.created, label: names.created, value: f.count(point.created) },
      { color: palette.solved, label: names.solved, value: f.count(point.solved) },
      { color: palette.firstReply, label: names.firstReply, value: reply === null ? '—' : f.duration(reply) },
    ]);
  };

  return {
    animationDuration: 300,
    color: [palette.created, palette.solved, palette.firstReply],
    textStyle: { fontFamily: FONT_FAMILY, color: palette.text },
    aria: { enabled: true, label: { description: f.t('chart.ariaLabel') } },
    legend: {
      top: 0,
      left: 0,
      icon: 'roundRect',
      itemWidth: 12,
      itemHeight: 12,
      itemGap: 20,
      textStyle: { color: palette.mutedText, fontFamily: FONT_FAMILY },
    },
    grid: {
      top: 44,
      left: 4,
      right: 4,
      bottom: 4,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    tooltip: axisTooltip(palette, 'shadow', tooltipFor),
    xAxis: {
      type: 'category',
      data: weekly.map((point) => point.period),
      axisTick: { alignWithLabel: true, lineStyle: { color: palette.axisLine } },
      axisLine: { lineStyle: { color: palette.axisLine } },
      axisLabel: { ...axisLabel, formatter: (iso: string) => f.shortDate(iso), hideOverlap: true },
    },
    yAxis: [
      {
        type: 'value',
        minInterval: 1,
        splitLine: { lineStyle: { color: palette.gridLine } },
        axisLabel: { ...axisLabel, formatter: (value: number) => f.count(value) },
      },
      {
        type: 'value',
        min: 0,
        max: Math.max(replyStep, Math.ceil(replyMax / replyStep) * replyStep),
        interval: replyStep,
        splitLine: { show: false },
        axisLabel: { ...axisLabel, formatter: (value: number) => f.durationCompact(value) },
      },
    ],
    series: [
      {
        type: 'bar',
        name: names.created,
        data: weekly.map((point) => point.created),
        barMaxWidth: 18,
        barGap: '20%',
        itemStyle: { borderRadius: [3, 3, 0, 0] },
      },
      {
        type: 'bar',
        name: names.solved,
        data: weekly.map((point) => point.solved),
        barMaxWidth: 18,
        itemStyle: { borderRadius: [3, 3, 0, 0] },
      },
      {
        type: 'line',
        name: names.firstReply,
        yAxisIndex: 1,
        data: weekly.map((point) => point.first_reply_median),
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { width: 2 },
        // The line's entrance animation grows a clip path that WebKitGTK leaves at
        // zero width, which hides the line and keeps only its points.
        animation: false,
        z: 3,
      },
    ],
  };
}
