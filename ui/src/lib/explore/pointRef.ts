/**
 * What a point of Explore's chart stands for, so a click opens the tickets behind exactly
 * that number: its group (from the axis keys or the series' group) and its bucket (a date
 * category).
 */
import type { ChartSpec } from '../ipc';
import type { ExploreView } from './query';

export interface PointRef {
  /** Only when the query had `by`; a `null` key is the "no value" group. */
  group?: { key: string | null; label: string };
  period?: string;
}

export function pointRef(spec: ChartSpec, series: number, index: number): PointRef | null {
  const s = spec.series[series];
  const label = spec.x.labels[index];
  if (!s || label === undefined) return null;
  const ref: PointRef = {};
  if (spec.x.kind === 'date') ref.period = label;
  const axisKey = spec.x.keys?.[index];
  if (axisKey !== undefined) ref.group = { key: axisKey, label };
  else if (s.group) ref.group = { key: s.group.key, label: s.name };
  return ref;
}

/** The chart kind each view draws. */
export function kindOf(view: Exclude<ExploreView, 'table'>): ChartSpec['kind'] {
  return view === 'stacked' ? 'stacked_bar' : view;
}
