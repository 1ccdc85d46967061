/**
 * Tooltip pieces shared by every chart: content built with DOM APIs and textContent only
 * (no HTML strings, since labels are customer data), styled by the palette.
 */
import type { TooltipComponentOption } from 'echarts/components';

import type { ChartPalette } from '../theme/palette';

export const FONT_FAMILY = "'Noto Sans Variable', 'Noto Sans KR Variable', system-ui, sans-serif";

export interface TooltipRow {
  color: string;
  label: string;
  value: string;
}

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

function tooltipStyle(palette: ChartPalette): TooltipComponentOption {
  return {
    backgroundColor: palette.tooltipBackground,
    borderColor: palette.tooltipBorder,
    textStyle: { color: palette.text, fontFamily: FONT_FAMILY },
  };
}

/** An axis-triggered tooltip, its content built by `content(dataIndex)`. */
export function axisTooltip(
  palette: ChartPalette,
  pointer: 'shadow' | 'line',
  content: (dataIndex: number) => HTMLElement | string,
): TooltipComponentOption {
  return {
    ...tooltipStyle(palette),
    trigger: 'axis',
    axisPointer: { type: pointer },
    formatter: (params) => {
      const first = Array.isArray(params) ? params[0] : params;
      return content(first?.dataIndex ?? -1);
    },
  };
}

/** An item-triggered tooltip (heatmap cells), content from the item's data. */
export function itemTooltip(
  palette: ChartPalette,
  content: (data: unknown) => HTMLElement | string,
): TooltipComponentOption {
  return {
    ...tooltipStyle(palette),
    trigger: 'item',
    formatter: (params) => content(Array.isArray(params) ? params[0]?.data : params.data),
  };
}
