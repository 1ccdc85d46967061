/**
 * The period picker's choices and the validation of a custom range. The core resolves
 * presets to dates; the UI only checks that a custom range is well-formed.
 */
import { parseIsoDate } from '../format/date';
import type { MessageKey } from '../i18n/translate';
import type { PeriodPreset } from '../ipc';

export type PeriodKind = PeriodPreset['kind'];

/**
 * Select order: whole calendar units first (weeks start on Monday, as the core's week
 * buckets do, so none of their buckets is partial), then rolling days. The first four
 * are also Alt+1..Alt+4.
 */
export const PERIOD_KINDS: readonly PeriodKind[] = [
  'last_4_full_weeks',
  'last_full_month',
  'last_full_quarter',
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'this_quarter',
  'custom',
];

/** Whole weeks: the screens' weekly charts start with no partial week. */
export const DEFAULT_PERIOD: PeriodPreset = { kind: 'last_4_full_weeks' };

/** The preset for a shortcut digit 1..4, or null. */
export function presetForShortcut(digit: number): PeriodPreset | null {
  const kind = PERIOD_KINDS[digit - 1];
  return digit >= 1 && digit <= 4 && kind && kind !== 'custom' ? { kind } : null;
}

export function isPeriodKind(value: string): value is PeriodKind {
  return (PERIOD_KINDS as readonly string[]).includes(value);
}

/** Why a custom range cannot be applied, as a message key; null when it is valid. */
export function validateCustomRange(from: string, to: string): MessageKey | null {
  if (from.trim() === '' || to.trim() === '') return 'period.error.missing';
  const start = parseIsoDate(from);
  const end = parseIsoDate(to);
  if (!start || !end) return 'period.error.invalid';
  if (start > end) return 'period.error.order';
  return null;
}

export function samePeriod(a: PeriodPreset, b: PeriodPreset): boolean {
  if (a.kind === 'custom' && b.kind === 'custom') return a.from === b.from && a.to === b.to;
  return a.kind === b.kind;
}
