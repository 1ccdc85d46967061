/**
 * The app's screens, in navigation order (which is also Ctrl+1, Ctrl+2, …). The current
 * screen is mirrored in the URL hash so a dev-server reload stays on it.
 */
import type { MessageKey } from '../i18n/translate';

export const SCREENS = ['overview', 'explore', 'feedback', 'people', 'operations', 'sources'] as const;
export type Screen = (typeof SCREENS)[number];

export const SCREEN_TITLES: Readonly<Record<Screen, MessageKey>> = {
  overview: 'nav.overview',
  explore: 'nav.explore',
  feedback: 'nav.feedback',
  people: 'nav.people',
  operations: 'nav.operations',
  sources: 'nav.sources',
};

export function isScreen(value: unknown): value is Screen {
  return typeof value === 'string' && (SCREENS as readonly string[]).includes(value);
}

/** `#sources` → sources; anything else → the Overview. */
export function screenFromHash(hash: string): Screen {
  const name = hash.replace(/^#/, '');
  return isScreen(name) ? name : 'overview';
}

export function screenForDigit(digit: number): Screen | null {
  return SCREENS[digit - 1] ?? null;
}

/** "Ctrl+2", or "⌘2" on Apple platforms, for tooltips. */
export function screenShortcutLabel(screen: Screen, platform: string = globalThis.navigator?.platform ?? ''): string {
  const digit = SCREENS.indexOf(screen) + 1;
  return /Mac|iPhone|iPad/i.test(platform) ? `⌘${digit}` : `Ctrl+${digit}`;
}
