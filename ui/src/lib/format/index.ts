/**
 * All display formatting bound to one locale, so components write `f.count(n)` instead
 * of threading the locale and translator through every call.
 */
import type { Translator } from '../i18n/translate';
import { describeChange, type ChangeView } from './change';
import { formatDate, formatDateRange, formatRelativeTime, formatShortDate } from './date';
import { formatDuration, formatDurationCompact } from './duration';
import { formatCount, formatPercent } from './number';

export type { ChangeDirection, ChangeTone, ChangeView } from './change';

export interface Formatter {
  readonly locale: string;
  readonly t: Translator;
  count(value: number): string;
  percent(share: number): string;
  duration(minutes: number): string;
  durationCompact(minutes: number): string;
  change(change: number | null, higherIsBetter: boolean): ChangeView;
  date(iso: string): string;
  shortDate(iso: string): string;
  dateRange(from: string, to: string): string;
  relativeTime(unixSeconds: number, nowMs?: number): string;
}

export function createFormatter(locale: string, t: Translator): Formatter {
  return {
    locale,
    t,
    count: (value) => formatCount(value, locale),
    percent: (share) => formatPercent(share, locale),
    duration: (minutes) => formatDuration(minutes, locale, t),
    durationCompact: (minutes) => formatDurationCompact(minutes, locale, t),
    change: (change, higherIsBetter) => describeChange(change, higherIsBetter, locale),
    date: (iso) => formatDate(iso, locale),
    shortDate: (iso) => formatShortDate(iso, locale),
    dateRange: (from, to) => formatDateRange(from, to, locale),
    relativeTime: (unixSeconds, nowMs = Date.now()) => formatRelativeTime(unixSeconds, nowMs, locale),
  };
}
