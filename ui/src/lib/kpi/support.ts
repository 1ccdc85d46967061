/**
 * Why a KPI value is null, or which sources it leaves out, in the reader's language. The
 * core gives a code for each reason (with an English sentence) and the sources' names; the
 * words here are the UI's, so a Korean reader never sees the core's English.
 */
import { translateId } from '../chart/localize';
import type { Formatter } from '../format';
import type { KpiValue, LeftOut, NullReason } from '../ipc';

/** The reason of a null value, translated by its code (the core's sentence if unknown). */
export function reasonText(reason: NullReason, f: Formatter): string {
  return translateId(f.t, `support.${reason.code}`, reason.reason);
}

/** "No value: …" for a value the selected sources cannot give; null otherwise. */
export function nullReasonText(reason: NullReason | null | undefined, f: Formatter): string | null {
  return reason ? f.t('support.noValue', { reason: reasonText(reason, f) }) : null;
}

/** "Leaves out A, B: …" for a value computed without some sources; null when none. */
export function leftOutText(leftOut: readonly LeftOut[] | null | undefined, f: Formatter): string | null {
  if (!leftOut || leftOut.length === 0) return null;
  return f.t('support.leftOut', { sources: leftOut.map((l) => l.source).join(', ') });
}

/** What a value says about its sources: durations, shares and SLA may; counts and CSAT never. */
export function supportOf(value: KpiValue): { null_reason?: NullReason; left_out?: LeftOut[] } {
  return 'null_reason' in value || 'left_out' in value ? value : {};
}
