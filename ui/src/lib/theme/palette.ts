// Generated from src/charts/render/palette by `UPDATE_BINDINGS=1 cargo test --workspace
// bindings`; do not edit. The chart exporter draws with the same colours. ECharts draws
// into SVG with explicit colours, so the web view's charts cannot read CSS variables.

/**
 * The colours of a theme's charts.
 */
export type ChartPalette = { 
/**
 * Tickets created: the first series, and the full end of the heatmap's scale.
 */
created: string, 
/**
 * Tickets solved: the second series.
 */
solved: string, 
/**
 * First reply time: the third series.
 */
firstReply: string, text: string, mutedText: string, gridLine: string, axisLine: string, 
/**
 * Tooltips are drawn in the web view only.
 */
tooltipBackground: string, tooltipBorder: string, 
/**
 * The chart's background (heatmap cell gaps, exported images).
 */
background: string, 
/**
 * The empty end of the heatmap's scale (its full end is `created`).
 */
heatLow: string, 
/**
 * A difference for the better (a driver whose CSAT is above the rest's), as the
 * design tokens' `--good`.
 */
better: string, 
/**
 * A difference for the worse, as the design tokens' `--bad`.
 */
worse: string, 
/**
 * Colours of a chart's categorical series, in order.
 */
series: readonly string[], };

export const CHART_PALETTES: Readonly<Record<'light' | 'dark', ChartPalette>> = {
  "light": {
    "created": "#4c6ef5",
    "solved": "#12b886",
    "firstReply": "#f08c00",
    "text": "#1b1f24",
    "mutedText": "#5b6472",
    "gridLine": "#e9ecf1",
    "axisLine": "#cfd5de",
    "tooltipBackground": "#ffffff",
    "tooltipBorder": "#dfe3ea",
    "background": "#ffffff",
    "heatLow": "#eef2ff",
    "better": "#1a7a49",
    "worse": "#c62828",
    "series": [
      "#4c6ef5",
      "#12b886",
      "#f08c00",
      "#e64980",
      "#7950f2",
      "#1098ad",
      "#82c91e",
      "#fa5252",
      "#868e96",
      "#b08d57"
    ]
  },
  "dark": {
    "created": "#7c9cff",
    "solved": "#38d9a9",
    "firstReply": "#ffc04d",
    "text": "#e6e8ec",
    "mutedText": "#9aa3b2",
    "gridLine": "#262b35",
    "axisLine": "#3a414e",
    "tooltipBackground": "#1e222b",
    "tooltipBorder": "#333a47",
    "background": "#0f1115",
    "heatLow": "#232838",
    "better": "#4cc38a",
    "worse": "#ff7b72",
    "series": [
      "#7c9cff",
      "#38d9a9",
      "#ffc04d",
      "#f783ac",
      "#b197fc",
      "#3bc9db",
      "#a9e34b",
      "#ff8787",
      "#adb5bd",
      "#d8b98a"
    ]
  }
};
