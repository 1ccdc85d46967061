/**
 * Value labels on a chart's bars and points (Explore's data-labels toggle), formatted as
 * the value axis formats its ticks. Added to a built option, so the chart's own drawing
 * stays in one place; interval bands and other silent series get none, and a diverging
 * chart keeps its tooltips (its export writes each value in a column of its own). The
 * spec an export sends says so too (`withValueLabelsFlag`), so the image matches.
 */
import type { Formatter } from '../format';
import type { ChartSpec } from '../ipc';
import type { ChartPalette } from '../theme/palette';
import { axisValue, isHorizontal, type SpecOption } from './specOption';

type Position = 'top' | 'right' | 'inside';

function positionFor(spec: ChartSpec): Position {
  if (spec.kind === 'stacked_bar') return 'inside';
  return isHorizontal(spec) ? 'right' : 'top';
}

export function withValueLabels(option: SpecOption, spec: ChartSpec, f: Formatter, palette: ChartPalette): SpecOption {
  if (spec.kind === 'heatmap' || spec.kind === 'diverging' || !Array.isArray(option.series)) return option;
  const position = positionFor(spec);
  const label = {
    show: true,
    position,
    fontSize: 11,
    // Plain text in the theme's colour beside a bar or point; on a stacked part, white on
    // the part's colour. Never the outlined text a chart library picks on its own, which
    // blurs at this size.
    color: position === 'inside' ? '#ffffff' : palette.text,
    textBorderWidth: 0,
    // A stacked segment of nothing has no room for a "0".
    formatter: (params: { value?: unknown }): string =>
      typeof params.value !== 'number' || (position === 'inside' && params.value === 0)
        ? ''
        : axisValue(spec.unit, params.value, f),
  };
  const series = option.series.map((series) =>
    series.silent || (series.type !== 'bar' && series.type !== 'line') ? series : { ...series, label },
  );
  return { ...option, series } as SpecOption;
}

/** The spec an export draws: with every value labelled when the chart on screen is. */
export function withValueLabelsFlag(spec: ChartSpec, shown: boolean): ChartSpec {
  return shown ? { ...spec, value_labels: true } : spec;
}
