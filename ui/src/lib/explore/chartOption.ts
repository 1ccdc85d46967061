/**
 * Explore's chart as an ECharts option: bars, lines or stacked bars of one KPI's
 * headline per group and/or bucket. Values are formatted the way the KPI cards format
 * them; tooltips are DOM built with textContent only.
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

import { axisTooltip, FONT_FAMILY, tooltipElement } from '../chart/trendOption';
import type { Formatter } from '../format';
import type { KpiId } from '../ipc';
import { formatHeadline, headlineKind } from '../kpi/cardView';
import type { ChartPalette } from '../theme/palette';
import type { ChartData } from './chartData';
import type { ExploreView } from './query';

export type ExploreOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

/** The category label as shown: bucket dates formatted for the locale. */
export function categoryLabel(data: ChartData, index: number, f: Formatter): string {
  const raw = data.categories[index] ?? '';
  return data.categoriesAreDates ? f.date(raw) : raw;
}

export function buildExploreOption(
  data: ChartData,
  kpi: KpiId,
  view: Exclude<ExploreView, 'table'>,
  f: Formatter,
  palette: ChartPalette,
  description: string,
): ExploreOption {
  const axisLabel = { color: palette.mutedText, fontFamily: FONT_FAMILY };
  const value = (v: number | null): string => formatHeadline(kpi, v, f);
  const multi = data.series.length > 1;
  const horizontal = !data.categoriesAreDates && view !== 'line' && !multi && data.categories.length > 8;

  const tooltipFor = (dataIndex: number): HTMLElement | string => {
    const rows = data.series.map((s, i) => ({
      color: palette.series[i % palette.series.length] ?? palette.created,
      label: s.name,
      value: value(s.values[dataIndex] ?? null),
    }));
    return tooltipElement(categoryLabel(data, dataIndex, f), rows);
  };

  const categoryAxis = {
    type: 'category' as const,
    data: data.categories,
    inverse: horizontal,
    axisTick: { alignWithLabel: true, lineStyle: { color: palette.axisLine } },
    axisLine: { lineStyle: { color: palette.axisLine } },
    axisLabel: {
      ...axisLabel,
      hideOverlap: true,
      width: horizontal ? 180 : 120,
      overflow: 'truncate' as const,
      formatter: (raw: string) => (data.categoriesAreDates ? f.shortDate(raw) : raw),
    },
  };
  const valueAxis = {
    type: 'value' as const,
    minInterval: headlineKind(kpi) === 'count' ? 1 : undefined,
    max: headlineKind(kpi) === 'share' ? 1 : undefined,
    splitLine: { lineStyle: { color: palette.gridLine } },
    axisLabel: {
      ...axisLabel,
      formatter: (v: number) => (headlineKind(kpi) === 'duration' ? f.durationCompact(v) : value(v)),
    },
  };

  const series: (BarSeriesOption | LineSeriesOption)[] = data.series.map((s) =>
    view === 'line'
      ? {
          type: 'line',
          name: s.name,
          data: s.values,
          symbol: 'circle',
          symbolSize: 6,
          connectNulls: false,
          // See trendOption.ts: WebKitGTK leaves the line's clip animation at zero width.
          animation: false,
        }
      : {
          type: 'bar',
          name: s.name,
          data: s.values,
          stack: view === 'stacked' ? 'total' : undefined,
          barMaxWidth: 28,
          itemStyle: { borderRadius: view === 'stacked' ? 0 : horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
        },
  );

  return {
    animationDuration: 300,
    color: [...palette.series],
    textStyle: { fontFamily: FONT_FAMILY, color: palette.text },
    aria: { enabled: true, label: { description } },
    legend: multi
      ? {
          type: 'scroll',
          top: 0,
          left: 0,
          icon: 'roundRect',
          itemWidth: 12,
          itemHeight: 12,
          textStyle: { color: palette.mutedText, fontFamily: FONT_FAMILY },
          pageTextStyle: { color: palette.mutedText },
        }
      : undefined,
    grid: { top: multi ? 44 : 12, left: 4, right: 16, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: axisTooltip(palette, view === 'line' ? 'line' : 'shadow', tooltipFor),
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series,
  };
}
