/**
 * A `KpiReport` reshaped for drawing: categories, one or more series of headline values,
 * and for every point the group key and bucket behind it, so a click can open the
 * tickets behind exactly that number. Only picks values the core computed.
 */
import type { GroupReport, KpiId, KpiMap, KpiReport, KpiValue, SeriesPoint } from '../ipc';
import { isDurationStats } from '../kpi/cardView';

/** What a point stands for: a group (by key) and/or a bucket (by label date). */
export interface PointRef {
  /** Only when the query had `by`; `null` is the "no value" group. */
  group?: { key: string | null; label: string };
  period?: string;
}

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  /** Sample size behind each value (tickets, ratings, instances). */
  sizes: (number | null)[];
  refs: PointRef[];
}

export interface ChartData {
  /** Axis categories: group labels, or bucket dates. */
  categories: string[];
  /** Whether categories are bucket dates (ISO) to be formatted as dates. */
  categoriesAreDates: boolean;
  series: ChartSeries[];
  total: number | null;
}

/** The number a KPI value is drawn as: the median of durations, else its `value`. */
export function headline(value: KpiValue | undefined): number | null {
  if (!value) return null;
  if (isDurationStats(value)) return value.median;
  return value.value;
}

/** The sample size of a KPI value; counts are their own size. */
export function sampleSize(value: KpiValue | undefined): number | null {
  if (!value) return null;
  return 'n' in value ? value.n : value.value;
}

function pick(kpis: KpiMap, kpi: KpiId): KpiValue | undefined {
  return kpis[kpi];
}

function seriesOf(name: string, points: readonly SeriesPoint[], kpi: KpiId, group?: PointRef['group']): ChartSeries {
  return {
    name,
    values: points.map((p) => headline(pick(p.kpis, kpi))),
    sizes: points.map((p) => sampleSize(pick(p.kpis, kpi))),
    refs: points.map((p) => (group ? { group, period: p.period } : { period: p.period })),
  };
}

function groupRef(g: GroupReport): NonNullable<PointRef['group']> {
  return { key: g.key, label: g.label };
}

export function chartData(report: KpiReport, kpi: KpiId, totalName: string): ChartData {
  const total = headline(pick(report.kpis, kpi));
  const groups = report.groups ?? null;
  const series = report.series ?? null;
  if (groups && groups.some((g) => g.series)) {
    // By a dimension and over time: one series per group, buckets on the axis.
    const periods = groups.find((g) => g.series)?.series?.map((p) => p.period) ?? [];
    return {
      categories: periods,
      categoriesAreDates: true,
      series: groups.map((g) => seriesOf(g.label, g.series ?? [], kpi, groupRef(g))),
      total,
    };
  }
  if (groups) {
    return {
      categories: groups.map((g) => g.label),
      categoriesAreDates: false,
      series: [
        {
          name: totalName,
          values: groups.map((g) => headline(pick(g.kpis, kpi))),
          sizes: groups.map((g) => sampleSize(pick(g.kpis, kpi))),
          refs: groups.map((g) => ({ group: groupRef(g) })),
        },
      ],
      total,
    };
  }
  if (series) {
    return {
      categories: series.map((p) => p.period),
      categoriesAreDates: true,
      series: [seriesOf(totalName, series, kpi)],
      total,
    };
  }
  return {
    categories: [totalName],
    categoriesAreDates: false,
    series: [{ name: totalName, values: [total], sizes: [sampleSize(pick(report.kpis, kpi))], refs: [{}] }],
    total,
  };
}

/** True when no point has a value to draw. */
export function isChartEmpty(data: ChartData): boolean {
  return data.series.every((s) => s.values.every((v) => v === null || v === 0));
}
