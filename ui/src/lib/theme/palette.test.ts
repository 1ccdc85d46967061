/**
 * The charts on screen take every colour from the generated palette, the one the chart
 * exporter draws with (src/charts/render/palette), so an exported image has their colours.
 */
import { describe, expect, it } from 'vitest';

import { feedbackFixture } from '../../test/feedbackFixtures';
import { overviewFixture } from '../../test/fixtures';
import { token } from '../../test/tokens';
import { buildSpecOption } from '../chart/specOption';
import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import { CHART_PALETTES } from './palette';

const f = createFormatter('en', createTranslator('en'));
const COLOUR = /^(#[0-9a-f]{3,8}|(rgb|hsl)a?\(.*\))$/i;

/** Every colour string in an ECharts option, however deep. */
function coloursIn(value: unknown): string[] {
  if (typeof value === 'string') return COLOUR.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(coloursIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(coloursIn);
  return [];
}

describe.each(Object.entries(CHART_PALETTES))('the %s chart palette', (theme, palette) => {
  const inPalette = new Set(Object.values(palette).flat());
  const charts = { ...overviewFixture.charts, drivers: feedbackFixture.charts.drivers };
  const options = Object.entries(charts).map(
    ([name, spec]) => [name, buildSpecOption(spec, f, palette, 'chart')] as const,
  );

  it('is the only source of the charts’ colours, and each of its colours is used', () => {
    const used = new Set<string>();
    for (const [name, option] of options) {
      for (const colour of coloursIn(option)) {
        expect(inPalette.has(colour), `${name} in ${theme} uses ${colour}`).toBe(true);
        used.add(colour);
      }
    }
    expect(used).toEqual(inPalette);
  });

  it('colours the heatmap from heatLow to created, with gaps in the background colour', () => {
    const heatmap = buildSpecOption(overviewFixture.charts.arrivals, f, palette, 'chart');
    expect(heatmap.visualMap).toMatchObject({ inRange: { color: [palette.heatLow, palette.created] } });
    const [cells] = heatmap.series as Array<{ itemStyle: { borderColor: string } }>;
    expect(cells?.itemStyle.borderColor).toBe(palette.background);
  });
});

describe('chart backgrounds', () => {
  it('are the light theme’s surface and the dark theme’s page background', () => {
    expect(CHART_PALETTES.light.background).toBe(token(':root', '--surface'));
    expect(CHART_PALETTES.dark.background).toBe(token(":root[data-theme='dark']", '--bg'));
  });
});
