/**
 * The slice of ECharts the app uses, registered once (tree-shaken `echarts/core`, SVG
 * renderer: crisp at any zoom and cheap for a few dozen bars), plus the Korean and
 * Russian locales so built-in texts match the UI language.
 */
import { BarChart, CustomChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { init, registerLocale, use, type EChartsType } from 'echarts/core';
import langKO from 'echarts/lib/i18n/langKO.js';
import langRU from 'echarts/lib/i18n/langRU.js';
import { SVGRenderer } from 'echarts/renderers';

import type { Locale } from '../i18n/translate';

use([
  BarChart,
  CustomChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  AriaComponent,
  SVGRenderer,
]);
registerLocale('KO', langKO);
registerLocale('RU', langRU);

const ECHARTS_LOCALE: Record<Locale, string> = { en: 'EN', ko: 'KO', ru: 'RU' };

export type { EChartsType };

/** A chart in `element` using the SVG renderer and the ECharts locale for `locale`. */
export function createChart(element: HTMLElement, locale: Locale): EChartsType {
  return init(element, null, { renderer: 'svg', locale: ECHARTS_LOCALE[locale] });
}

/**
 * Creates the chart once `element` has a size (ECharts cannot lay out in a zero box),
 * resizes it with the element, and hands it to `onchart` (null once disposed). Returns
 * the clean-up, for a component's `$effect`.
 */
export function mountChart(
  element: HTMLElement,
  locale: Locale,
  onchart: (chart: EChartsType | null) => void,
): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  let instance: EChartsType | null = null;
  const observer = new ResizeObserver(([entry]) => {
    const box = entry?.contentRect;
    if (!box || box.width === 0 || box.height === 0) return;
    if (instance) {
      instance.resize();
      return;
    }
    instance = createChart(element, locale);
    onchart(instance);
  });
  observer.observe(element);
  return () => {
    observer.disconnect();
    instance?.dispose();
    onchart(null);
  };
}
