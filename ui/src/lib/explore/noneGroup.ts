/**
 * The "(none)" group (tickets without a value of the dimension) is drawn only when it
 * holds something: an empty one would add a legend entry and a column of dashes.
 */
import type { ChartSeries, ChartSpec } from '../ipc';

const empty = (value: number | null | undefined): boolean => value === null || value === undefined || value === 0;

/** `value` with every per-category list in it (values, samples, a band's ends…) cut to `keep`. */
function cut<T>(value: T, length: number, keep: (index: number) => boolean): T {
  if (Array.isArray(value)) return (value.length === length ? value.filter((_, i) => keep(i)) : value) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, cut(inner, length, keep)])) as T;
}

/** The spec without an empty "no value" group, as an axis category or as a series. */
export function withoutEmptyNone(spec: ChartSpec): ChartSpec {
  const keys = spec.x.keys;
  if (keys) {
    const dropped = keys.map((key, i) => key === null && spec.series.every((s) => empty(s.values[i])));
    if (!dropped.includes(true)) return spec;
    const keep = (i: number): boolean => !dropped[i];
    return {
      ...spec,
      x: cut(spec.x, keys.length, keep),
      series: spec.series.map((s): ChartSeries => cut(s, keys.length, keep)),
    };
  }
  const series = spec.series.filter((s) => !(s.group?.key === null && s.values.every(empty)));
  return series.length === spec.series.length ? spec : { ...spec, series };
}
