/**
 * Placeholders read as hints, not values: in each theme a field's placeholder keeps at
 * least WCAG's 4.5:1 against the field, and stays clearly dimmer than typed text.
 */
import { describe, expect, it } from 'vitest';

import { BASE_CSS, contrast, THEME_BLOCKS, token } from '../../test/tokens';

describe.each(Object.entries(THEME_BLOCKS))('the %s theme', (_theme, block) => {
  const field = token(block, '--surface') ?? '';
  const text = token(block, '--text') ?? '';
  const placeholder = token(block, '--placeholder') ?? '';

  it('defines the colours of a field', () => {
    expect([field, text, placeholder].every((colour) => /^#[0-9a-f]{6}$/i.test(colour))).toBe(true);
  });

  it('keeps placeholders readable: 4.5:1 or more against the field', () => {
    expect(contrast(placeholder, field)).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps placeholders clearly dimmer than typed text', () => {
    expect(contrast(text, field) / contrast(placeholder, field)).toBeGreaterThanOrEqual(2);
  });
});

describe('placeholder style', () => {
  it('colours every placeholder with the token, at full opacity', () => {
    const rule = /::placeholder\s*\{([^}]*)\}/.exec(BASE_CSS)?.[1] ?? '';
    expect(rule).toMatch(/color:\s*var\(--placeholder\);/);
    expect(rule).toMatch(/opacity:\s*1;/);
  });

  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
