/**
 * Stream names as people read them. The core names streams in snake_case (and a
 * checkpoint's stream is a plain string), so unknown names from a newer core still show,
 * untranslated, instead of breaking the table.
 */
import type { Translator } from '../i18n/translate';
import type { SyncStream } from '../ipc';

/** The order of the per-stream table on a source card: the data analysts care about first. */
export const STREAM_ORDER: readonly SyncStream[] = [
  'tickets',
  'ticket_events',
  'spam_tickets',
  'deleted_tickets',
  'archived_tickets',
  'conversations',
  'users',
  'contacts',
  'agents',
  'organizations',
  'companies',
  'groups',
  'brands',
  'products',
  'ticket_fields',
  'satisfaction_ratings',
  'ticket_metric_events',
  'sla_policies',
  'business_hours',
  'schedules',
  'articles',
  'account_settings',
];

export function isStream(name: string): name is SyncStream {
  return (STREAM_ORDER as readonly string[]).includes(name);
}

export function streamLabel(name: string, t: Translator): string {
  return isStream(name) ? t(`stream.${name}`) : name;
}

/** Sorts anything with a `stream` name into STREAM_ORDER; unknown names go last, A–Z. */
export function sortByStream<T extends { stream: string }>(rows: readonly T[]): T[] {
  const rank = (name: string) => (isStream(name) ? STREAM_ORDER.indexOf(name) : STREAM_ORDER.length);
  return [...rows].sort((a, b) => rank(a.stream) - rank(b.stream) || a.stream.localeCompare(b.stream));
}

/**
 * The core reports a skipped stream as "name: why". Translates the name when it is one
 * we know; the reason is the core's plain-language sentence and stays as it is.
 */
export function describeSkipped(entry: string, t: Translator): string {
  const colon = entry.indexOf(': ');
  if (colon <= 0) return entry;
  const name = entry.slice(0, colon);
  return isStream(name) ? `${streamLabel(name, t)}: ${entry.slice(colon + 2)}` : entry;
}
