/**
 * Humanised durations. The core reports minutes; analysts read "1 h 25 min" or "3 d 4 h"
 * faster than "85.2". Unit words come from the dictionaries so they are translated.
 */
import type { Translator } from '../i18n/translate';
import { formatCount, formatDecimal } from './number';

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/**
 * Two most significant units, rounded at the smaller one:
 * 0.4 → "< 1 min", 42 → "42 min", 85.2 → "1 h 25 min", 120 → "2 h", 4560 → "3 d 4 h".
 */
export function formatDuration(minutes: number, locale: string, t: Translator): string {
  const n = (value: number) => formatCount(value, locale);
  if (minutes <= 0) return t('duration.minutes', { n: n(0) });
  const wholeMinutes = Math.round(minutes);
  if (wholeMinutes === 0) return t('duration.lessThanMinute');
  if (wholeMinutes < MINUTES_PER_HOUR) return t('duration.minutes', { n: n(wholeMinutes) });
  if (wholeMinutes < MINUTES_PER_DAY) {
    const hours = Math.floor(wholeMinutes / MINUTES_PER_HOUR);
    const rest = wholeMinutes % MINUTES_PER_HOUR;
    const head = t('duration.hours', { n: n(hours) });
    return rest === 0 ? head : `${head} ${t('duration.minutes', { n: n(rest) })}`;
  }
  const wholeHours = Math.round(minutes / MINUTES_PER_HOUR);
  const days = Math.floor(wholeHours / 24);
  const hours = wholeHours % 24;
  const head = t('duration.days', { n: n(days) });
  return hours === 0 ? head : `${head} ${t('duration.hours', { n: n(hours) })}`;
}

/** One unit only, for chart axes: 90 → "1.5 h", 30 → "30 min", 2880 → "2 d". */
export function formatDurationCompact(minutes: number, locale: string, t: Translator): string {
  if (minutes <= 0) return t('duration.minutes', { n: formatCount(0, locale) });
  if (minutes < MINUTES_PER_HOUR) {
    return t('duration.minutes', { n: formatDecimal(minutes, locale, minutes < 1 ? 1 : 0) });
  }
  if (minutes < MINUTES_PER_DAY) {
    return t('duration.hours', { n: formatDecimal(minutes / MINUTES_PER_HOUR, locale) });
  }
  return t('duration.days', { n: formatDecimal(minutes / MINUTES_PER_DAY, locale) });
}

/**
 * Short waits and run lengths, which are mostly seconds: 5.2 → "6 s" (rounded up, so a
 * wait is never announced shorter than it is), 150 → "3 min", 4000 → "1 h 7 min".
 */
export function formatSeconds(seconds: number, locale: string, t: Translator): string {
  const whole = Math.max(0, Math.ceil(seconds));
  if (whole < 60) return t('duration.seconds', { n: formatCount(whole, locale) });
  return formatDuration(whole / 60, locale, t);
}
