import { describe, expect, it } from 'vitest';

import { overviewFixture } from '../../test/fixtures';
import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import { CHART_PALETTES } from '../theme/palette';
import { buildTrendOption, durationAxisStep, isTrendEmpty, tooltipElement } from './trendOption';

const f = createFormatter('en', createTranslator('en'));

describe('trend chart option', () => {
  const option = buildTrendOption(overviewFixture.weekly, f, CHART_PALETTES.dark);

  it('plots created and solved as bars and the reply median on the right axis', () => {
    const series = option.series as Array<{ type: string; name: string; data: unknown[]; yAxisIndex?: number }>;
    expect(series.map((s) => [s.type, s.name])).toEqual([
      ['bar', 'Created'],
      ['bar', 'Solved'],
      ['line', 'First reply (median)'],
    ]);
    expect(series[0]?.data).toEqual([120, 300, 280]);
    expect(series[2]?.data).toEqual([80, 92.5, null]);
    expect(series[2]?.yAxisIndex).toBe(1);
  });

  it('puts duration ticks on readable steps', () => {
    expect(durationAxisStep(0)).toBe(1);
    expect(durationAxisStep(45)).toBe(10);
    expect(durationAxisStep(92.5)).toBe(30);
    expect(durationAxisStep(100)).toBe(30);
    expect(durationAxisStep(130)).toBe(30);
    expect(durationAxisStep(500)).toBe(120);
    expect(durationAxisStep(5000)).toBe(1440);
    expect(durationAxisStep(200000)).toBe(40320);
    const axes = option.yAxis as Array<{ interval?: number; max?: number }>;
    expect(axes[1]).toMatchObject({ interval: 30, max: 120 });
  });

  it('takes colours from the theme palette', () => {
    expect(option.color).toEqual([
      CHART_PALETTES.dark.created,
      CHART_PALETTES.dark.solved,
      CHART_PALETTES.dark.firstReply,
    ]);
  });

  it('is empty only when no week has tickets', () => {
    expect(isTrendEmpty(overviewFixture.weekly)).toBe(false);
    expect(isTrendEmpty([{ period: '2025-03-03', created: 0, solved: 0, first_reply_median: null }])).toBe(true);
    expect(isTrendEmpty([])).toBe(true);
  });

  it('builds tooltips from text nodes, never HTML', () => {
    const element = tooltipElement('<b>title</b>', [{ color: '#000', label: '<i>x</i>', value: '1' }]);
    expect(element.querySelector('b')).toBeNull();
    expect(element.textContent).toContain('<b>title</b>');
  });
});
