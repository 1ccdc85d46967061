/**
 * Why a chart's value is null when its sources cannot give the KPI, for the chart's
 * tooltip and Explore's table, so a "—" is never left unexplained.
 */
import type { Formatter } from '../format';
import type { ChartSeries } from '../ipc';
import { nullReasonText } from '../kpi/support';

/** Why `series` has no value at `index`, translated; null when it has one or no reason. */
export function nullReasonAt(series: ChartSeries, index: number, f: Formatter): string | null {
  if (series.values[index] != null) return null;
  return nullReasonText(series.null_reasons?.[index], f);
}
