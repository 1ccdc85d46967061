/**
 * What the export menu sends: file names from titles, render options from the current
 * theme and language, and the language a data file states its context in. Pure, for
 * tests.
 */
import type { Locale } from '../i18n/translate';
import type { ExportSource, RenderOptions } from '../ipc';
import type { ResolvedTheme } from '../theme/theme.svelte';

/** Slide size: 1920×1080, or twice that for 4K screens and print. */
export function renderOptions(theme: ResolvedTheme, locale: Locale, double: boolean): RenderOptions {
  return { theme, locale, width: 1920, height: 1080, scale: double ? 2 : 1 };
}

/** A file name stem from a chart's title and the period: "First reply time 2025-01-01–2025-03-31". */
export function exportName(title: string, range?: { from: string; to: string } | null): string {
  const period = range ? ` ${range.from}–${range.to}` : '';
  return `${title}${period}`.replace(/\s+/g, ' ').trim();
}

/**
 * The data export with the reader's language for the context the core writes with a
 * chart's, a ticket list's (a number's or a flow figure's) or a feedback table's data
 * (period, zone, filters, n, data as of).
 */
export function inLocale(data: ExportSource, locale: Locale): ExportSource {
  return data.kind === 'feedback_tickets' ? data : { ...data, locale };
}
