/**
 * All display formatting bound to one locale, so components write `f.count(n)` instead
 * of threading the locale and translator through every call.
 */
import { pluralize, type PluralBase } from '../i18n/plural';
import type { Translator } from '../i18n/translate';
import type { KpiChange } from '../ipc';
import { describeChange, type ChangeView } from './change';
import { formatDate, formatDateRange, formatDateTime, formatRelativeTime, formatShortDate } from './date';
import { formatDuration, formatDurationCompact, formatSeconds } from './duration';
import { formatCount, formatDecimal, formatPercent, formatSignedPoints } from './number';

export type { ChangeDirection, ChangeTone, ChangeView } from './change';

export interface Formatter {
  readonly locale: string;
  readonly t: Translator;
  count(value: number): string;
  /** A counted noun with the locale's grouping and plural form: "12,400 records". */
  counted(base: PluralBase, value: number): string;
  percent(share: number): string;
  /** A difference of shares in percentage points: "+2.1 pp", "−0.4 п. п.". */
  points(delta: number): string;
  /** A plain number with up to two decimals (replies per ticket). */
  decimal(value: number): string;
  duration(minutes: number): string;
  durationCompact(minutes: number): string;
  /** Seconds (waits, run lengths): "6 s", "3 min". */
  seconds(seconds: number): string;
  change(change: KpiChange | null, higherIsBetter: boolean): ChangeView;
  date(iso: string): string;
  shortDate(iso: string): string;
  dateRange(from: string, to: string): string;
  /** Date and time of a unix timestamp in the viewer's zone. */
  dateTime(unixSeconds: number): string;
  /** "5 minutes ago"; "just now" within a minute. */
  relativeTime(unixSeconds: number, nowMs?: number): string;
}

export function createFormatter(locale: string, t: Translator): Formatter {
  const points = (delta: number) => t('format.points', { value: formatSignedPoints(delta, locale) });
  return {
    locale,
    t,
    count: (value) => formatCount(value, locale),
    counted: (base, value) => pluralize(t, locale, base, value, formatCount(value, locale)),
    percent: (share) => formatPercent(share, locale),
    points,
    decimal: (value) => formatDecimal(value, locale, 2),
    duration: (minutes) => formatDuration(minutes, locale, t),
    durationCompact: (minutes) => formatDurationCompact(minutes, locale, t),
    seconds: (seconds) => formatSeconds(seconds, locale, t),
    change: (change, higherIsBetter) => describeChange(change, higherIsBetter, locale, points),
    date: (iso) => formatDate(iso, locale),
    shortDate: (iso) => formatShortDate(iso, locale),
    dateRange: (from, to) => formatDateRange(from, to, locale),
    dateTime: (unixSeconds) => formatDateTime(unixSeconds, locale),
    relativeTime: (unixSeconds, nowMs = Date.now()) =>
      formatRelativeTime(unixSeconds, nowMs, locale, t('time.justNow')),
  };
}
