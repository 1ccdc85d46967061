/**
 * Dates from the core are plain local dates (`YYYY-MM-DD`) already resolved in the
 * workspace's time zone. They are parsed and formatted as UTC so the viewer's own
 * zone can never shift them by a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` strictly (rejects 2025-02-30); null when invalid. */
export function parseIsoDate(iso: string): Date | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const roundTrips =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return roundTrips ? date : null;
}

/** "Mar 3, 2025" / "2025. 3. 3." / "3 мар. 2025 г."; the raw text when unparsable. */
export function formatDate(iso: string, locale: string): string {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** Day and month only, for chart axes: "Mar 3". */
export function formatShortDate(iso: string, locale: string): string {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An inclusive range, collapsing shared parts when Intl can ("Mar 1 – 30, 2025"). */
export function formatDateRange(from: string, to: string, locale: string): string {
  const start = parseIsoDate(from);
  const end = parseIsoDate(to);
  if (!start || !end) return `${from} – ${to}`;
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  if (start.getTime() === end.getTime()) return format.format(start);
  if (typeof format.formatRange === 'function' && start < end) return format.formatRange(start, end);
  return `${format.format(start)} – ${format.format(end)}`;
}

const RELATIVE_STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** Below this many seconds either way, a time reads as "just now" rather than "12 seconds ago". */
const JUST_NOW_SECONDS = 60;

/**
 * "3 hours ago" for a unix timestamp in seconds, relative to `nowMs`. Screens refresh
 * relative times once a minute, so anything within a minute (including a little clock
 * skew into the future) is `justNow` when given, instead of a seconds count that would
 * sit frozen for a minute.
 */
export function formatRelativeTime(unixSeconds: number, nowMs: number, locale: string, justNow?: string): string {
  let value = unixSeconds - nowMs / 1000;
  if (justNow !== undefined && Math.abs(value) < JUST_NOW_SECONDS) return justNow;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}

/**
 * A moment (unix seconds) as date and time in the viewer's zone: sync runs are about when
 * something happened on this computer, not about the helpdesk's reporting days.
 */
export function formatDateTime(unixSeconds: number, locale: string, timeZone?: string): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return format.format(new Date(unixSeconds * 1000));
}
