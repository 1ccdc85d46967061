/**
 * The drivers chart on screen: differences in percentage points, better and worse in the
 * palette's two colours, and each interval drawn as a whisker with zero marked.
 */
import { describe, expect, it } from 'vitest';

import { feedbackFixture } from '../../test/feedbackFixtures';
import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import type { ChartSpec } from '../ipc';
import { CHART_PALETTES } from '../theme/palette';
import { sideValues, whiskerData } from './diverging';
import { buildSpecOption, formatValue } from './specOption';

const f = createFormatter('en', createTranslator('en'));
const palette = CHART_PALETTES.light;
const drivers: ChartSpec = feedbackFixture.charts.drivers;

type Line = { type: 'line'; shape: { x1: number; y1: number; x2: number; y2: number } };
type Drawn = {
  type: string;
  name: string;
  data: unknown[];
  stack?: string;
  itemStyle?: { color?: string };
  renderItem?: (params: unknown, api: unknown) => { children: Line[] };
};

function option() {
  return buildSpecOption(drivers, f, palette, 'chart');
}

/** A stand-in for ECharts' render API: one pixel per 0.01 on x, 40 pixels per row. */
function fakeApi(item: readonly number[]) {
  return {
    value: (dim: number) => item[dim],
    coord: ([x, row]: [number, number]) => [x * 100, row * 40 + 20],
    size: () => [0, 40],
  };
}

describe('the diverging drivers chart', () => {
  it('writes differences and axis ticks in percentage points', () => {
    expect(formatValue('points', -0.4667, f)).toBe('-46.7 pp');
    const xAxis = option().xAxis as { type: string; axisLabel: { formatter: (v: number) => string } };
    expect(xAxis.type).toBe('value');
    expect(xAxis.axisLabel.formatter(0.2)).toBe('+20.0 pp');
  });

  it('draws worse and better in their own palette colours, one bar per driver', () => {
    const [better, worse] = option().series as Drawn[];
    expect(better?.itemStyle?.color).toBe(palette.better);
    expect(worse?.itemStyle?.color).toBe(palette.worse);
    expect(palette.better).not.toBe(palette.worse);
    expect(better?.stack).toBe(worse?.stack);
    expect(sideValues(drivers, true)).toEqual([null, 0.2]);
    expect(sideValues(drivers, false)).toEqual([-0.4667, null]);
    const legend = option().legend as { data: string[] };
    expect(legend.data).toEqual(['Better than the rest', 'Worse than the rest', 'Whiskers: 95% interval']);
  });

  it('draws each interval as a whisker with caps, and zero in every row', () => {
    const whiskers = (option().series as Drawn[])[2];
    expect(whiskers?.type).toBe('custom');
    expect(whiskerData(drivers)).toEqual([
      [-0.72, -0.15, 0],
      [-0.04, 0.36, 1],
    ]);
    const drawn = whiskers?.renderItem?.({}, fakeApi([-0.72, -0.15, 0]));
    const shapes = drawn?.children.map((c) => c.shape);
    expect(shapes).toEqual([
      { x1: 0, y1: 0, x2: 0, y2: 40 },
      { x1: -72, y1: 20, x2: -15, y2: 20 },
      { x1: -72, y1: 13, x2: -72, y2: 27 },
      { x1: -15, y1: 13, x2: -15, y2: 27 },
    ]);
  });

  it('says in its tooltip the difference, interval and ratings', () => {
    const tooltip = option().tooltip as { formatter: (params: unknown) => HTMLElement };
    const element = tooltip.formatter([{ dataIndex: 0 }]);
    expect(element.textContent).toContain('-46.7 pp (-72.0 pp – -15.0 pp) · n=10');
  });
});
