/**
 * Chart colours per theme. ECharts draws into SVG with explicit colours, so it cannot
 * read CSS variables; these mirror the tokens in styles/tokens.css.
 */
import type { ResolvedTheme } from './theme.svelte';

export interface ChartPalette {
  created: string;
  solved: string;
  firstReply: string;
  text: string;
  mutedText: string;
  gridLine: string;
  axisLine: string;
  tooltipBackground: string;
  tooltipBorder: string;
  /** The chart's background (heatmap cell gaps, exported images). */
  background: string;
  /** The empty end of the heatmap's scale (its full end is `created`). */
  heatLow: string;
  /** Colours of a chart's categorical series, in order (Explore's groups). */
  series: readonly string[];
}

export const CHART_PALETTES: Readonly<Record<ResolvedTheme, ChartPalette>> = {
  light: {
    created: '#4c6ef5',
    solved: '#12b886',
    firstReply: '#f08c00',
    text: '#1b1f24',
    mutedText: '#5b6472',
    gridLine: '#e9ecf1',
    axisLine: '#cfd5de',
    tooltipBackground: '#ffffff',
    tooltipBorder: '#dfe3ea',
    background: '#ffffff',
    heatLow: '#eef2ff',
    series: ['#4c6ef5', '#12b886', '#f08c00', '#e64980', '#7950f2', '#1098ad', '#82c91e', '#fa5252', '#868e96', '#b08d57'],
  },
  dark: {
    created: '#7c9cff',
    solved: '#38d9a9',
    firstReply: '#ffc04d',
    text: '#e6e8ec',
    mutedText: '#9aa3b2',
    gridLine: '#262b35',
    axisLine: '#3a414e',
    tooltipBackground: '#1e222b',
    tooltipBorder: '#333a47',
    background: '#171a21',
    heatLow: '#232838',
    series: ['#7c9cff', '#38d9a9', '#ffc04d', '#f783ac', '#b197fc', '#3bc9db', '#a9e34b', '#ff8787', '#adb5bd', '#d8b98a'],
  },
};
