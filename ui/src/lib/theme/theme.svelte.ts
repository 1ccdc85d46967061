/**
 * Light/dark theme. "system" follows `prefers-color-scheme` live; an explicit choice is
 * remembered. The resolved theme is written to `<html data-theme>`, which switches the
 * CSS custom properties in styles/tokens.css.
 */
export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];
export type ResolvedTheme = 'light' | 'dark';

const STORAGE_KEY = 'deskbench.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function isThemePreference(value: unknown): value is ThemePreference {
  return typeof value === 'string' && (THEME_PREFERENCES as readonly string[]).includes(value);
}

function readStored(): ThemePreference {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isThemePreference(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

const media = typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia(DARK_QUERY) : null;

let preference = $state<ThemePreference>(readStored());
let systemIsDark = $state(media?.matches ?? false);

/** The next preference in the cycle used by the native menu's "theme" action. */
export function nextPreference(value: ThemePreference): ThemePreference {
  const index = THEME_PREFERENCES.indexOf(value);
  return THEME_PREFERENCES[(index + 1) % THEME_PREFERENCES.length] ?? 'system';
}

export function resolveTheme(value: ThemePreference, systemDark: boolean): ResolvedTheme {
  if (value === 'system') return systemDark ? 'dark' : 'light';
  return value;
}

function applyToDocument(): void {
  if (typeof document === 'undefined') return;
  const resolved = resolveTheme(preference, systemIsDark);
  document.documentElement.dataset.theme = resolved;
  document.documentElement.style.colorScheme = resolved;
}

media?.addEventListener('change', (event) => {
  systemIsDark = event.matches;
  applyToDocument();
});
applyToDocument();

export function getThemePreference(): ThemePreference {
  return preference;
}

/** The theme actually shown; reactive, so charts can re-colour on change. */
export function getResolvedTheme(): ResolvedTheme {
  return resolveTheme(preference, systemIsDark);
}

export function setThemePreference(value: ThemePreference): void {
  preference = value;
  applyToDocument();
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, value);
  } catch {
    // Not persisting is acceptable: the choice still applies for this session.
  }
}

export function cycleTheme(): void {
  setThemePreference(nextPreference(preference));
}
