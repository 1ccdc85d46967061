/**
 * The design tokens as the stylesheet defines them, for tests that check colours: the
 * value of a token in the light (`:root`) or the dark theme's block of styles/tokens.css,
 * and the WCAG contrast ratio of two colours.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKENS_CSS = readFileSync(join(import.meta.dirname, '../styles/tokens.css'), 'utf8');
export const BASE_CSS = readFileSync(join(import.meta.dirname, '../styles/base.css'), 'utf8');

export const THEME_BLOCKS = { light: ':root', dark: ":root[data-theme='dark']" } as const;

/** The `#rrggbb` value of token `name` in `block` of tokens.css, if it has one there. */
export function token(block: string, name: string): string | undefined {
  const start = TOKENS_CSS.indexOf(`${block} {`);
  const body = TOKENS_CSS.slice(start, TOKENS_CSS.indexOf('}', start));
  return new RegExp(`${name}:\\s*(#[0-9a-f]{6});`, 'i').exec(body)?.[1];
}

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}
