/**
 * What the window's chrome (the native menu's language, the window theme) should be
 * told. A window starts with an English menu and the platform's theme, and telling it
 * costs the shell's main thread (a new theme restyles every widget), so the shell hears
 * only of a difference, and not before the workspace has opened.
 */
import type { Locale } from '../i18n';
import type { ChartTheme } from '../ipc';
import type { ThemePreference } from '../theme';

export interface WindowChrome {
  locale: Locale;
  /** Null: the platform's theme. */
  theme: ChartTheme | null;
}

/** The chrome of a window that was told nothing yet. */
export const START_CHROME: WindowChrome = { locale: 'en', theme: null };

/** The window theme for a preference: the platform's unless the user chose one. */
export function windowTheme(preference: ThemePreference): ChartTheme | null {
  return preference === 'system' ? null : preference;
}
