/**
 * How the Operations screen presents the core's flow reports: the charts in the reader's
 * words, the handoff figures for the locale, whether business minutes need their note.
 * Every number comes from the core; this only decides how to show it, so it is pure.
 */
import { localizeSpec, translateId } from '../chart/localize';
import type { Formatter } from '../format';
import type { Translator } from '../i18n/translate';
import type { BacklogCharts, ChartSpec, FlowCharts, FlowReport, HandoffsReport } from '../ipc';

export interface OperationsCharts {
  byAge: ChartSpec;
  byGroup: ChartSpec | null;
  timeInStatus: ChartSpec | null;
  transfers: ChartSpec | null;
}

/** The charts with their message ids swapped for the reader's words. */
export function localizeOperationsCharts(
  backlog: BacklogCharts,
  flow: FlowCharts | null,
  t: Translator,
): OperationsCharts {
  return {
    byAge: localizeSpec(backlog.by_age, t),
    byGroup: backlog.by_group ? localizeSpec(backlog.by_group, t) : null,
    timeInStatus: flow ? localizeSpec(flow.time_in_status, t) : null,
    transfers: flow ? localizeSpec(flow.transfers, t) : null,
  };
}

/** A status the history counts (new, open, pending, hold) in the reader's words. */
export function statusLabel(status: string, t: Translator): string {
  return translateId(t, `series.status.${status}`, status);
}

export interface HandoffFigures {
  solved: string;
  groupChanges: string;
  assigneeChanges: string;
  twoOrMoreGroups: string;
}

/** The handoff summary for the locale; a figure the core left null reads "—". */
export function handoffFigures(handoffs: HandoffsReport, f: Formatter): HandoffFigures {
  const or = <T>(value: T | null, show: (v: T) => string) => (value === null ? '—' : show(value));
  return {
    solved: f.count(handoffs.n),
    groupChanges: or(handoffs.mean_group_changes, f.decimal),
    assigneeChanges: or(handoffs.mean_assignee_changes, f.decimal),
    twoOrMoreGroups: or(handoffs.two_or_more_groups, f.percent),
  };
}

/**
 * Why some (or all) business minutes are empty, in the locale: the note above the table
 * and the empty cells' tooltip. Null when every ticket's source has a schedule, or when
 * there are no rows to explain.
 */
export function businessNote(report: FlowReport, t: Translator): string | null {
  if (report.time_in_status.length === 0 || report.business_gap === null) return null;
  return t(`ops.time.gap.${report.business_gap}`);
}
