/**
 * The lines under Explore's table that say why its "—" cells are empty: one per distinct
 * reason and what it applies to, so the reason is read as text, not only in a tooltip.
 */
import { nullReasonAt } from '../chart/nullReasons';
import { categoryLabel } from '../chart/specOption';
import type { Formatter } from '../format';
import type { ChartSpec } from '../ipc';

/**
 * Over dates a series' buckets share their group's reason, so the line names the series;
 * otherwise it names the category, and the series when there are several.
 */
export function nullReasonNotes(spec: ChartSpec, f: Formatter): string[] {
  const lines = new Set<string>();
  spec.series.forEach((series) => {
    series.values.forEach((_, index) => {
      const reason = nullReasonAt(series, index, f);
      if (reason === null) return;
      const category = categoryLabel(spec, index, f);
      const subject =
        spec.x.kind === 'date' ? series.name : spec.series.length > 1 ? `${category} · ${series.name}` : category;
      lines.add(`${subject}: ${reason}`);
    });
  });
  return [...lines];
}
