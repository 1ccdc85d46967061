import { describe, expect, it } from 'vitest';

import { DEFAULT_PERIOD, isPeriodKind, PERIOD_KINDS, presetForShortcut, samePeriod, validateCustomRange } from './presets';

describe('validateCustomRange', () => {
  it('accepts from ≤ to, including a single day', () => {
    expect(validateCustomRange('2025-03-01', '2025-03-31')).toBeNull();
    expect(validateCustomRange('2025-03-01', '2025-03-01')).toBeNull();
  });

  it('rejects a start after the end', () => {
    expect(validateCustomRange('2025-04-01', '2025-03-31')).toBe('period.error.order');
  });

  it('requires both dates', () => {
    expect(validateCustomRange('', '2025-03-31')).toBe('period.error.missing');
    expect(validateCustomRange('2025-03-01', ' ')).toBe('period.error.missing');
  });

  it('rejects malformed or impossible dates', () => {
    expect(validateCustomRange('2025-02-30', '2025-03-31')).toBe('period.error.invalid');
    expect(validateCustomRange('03/01/2025', '2025-03-31')).toBe('period.error.invalid');
  });
});

describe('presets', () => {
  it('defaults to whole weeks and lists whole calendar units first', () => {
    expect(DEFAULT_PERIOD).toEqual({ kind: 'last_4_full_weeks' });
    expect(PERIOD_KINDS.slice(0, 3)).toEqual(['last_4_full_weeks', 'last_full_month', 'last_full_quarter']);
    expect(PERIOD_KINDS.every(isPeriodKind)).toBe(true);
    expect(isPeriodKind('last_month')).toBe(false);
  });

  it('maps Alt+1..4 to the first four presets', () => {
    expect(presetForShortcut(1)).toEqual({ kind: 'last_4_full_weeks' });
    expect(presetForShortcut(2)).toEqual({ kind: 'last_full_month' });
    expect(presetForShortcut(3)).toEqual({ kind: 'last_full_quarter' });
    expect(presetForShortcut(4)).toEqual({ kind: 'last_7_days' });
    expect(presetForShortcut(5)).toBeNull();
    expect(presetForShortcut(0)).toBeNull();
  });

  it('compares custom ranges by their dates', () => {
    expect(samePeriod({ kind: 'last_7_days' }, { kind: 'last_7_days' })).toBe(true);
    expect(samePeriod({ kind: 'custom', from: 'a', to: 'b' }, { kind: 'custom', from: 'a', to: 'c' })).toBe(false);
    expect(samePeriod({ kind: 'custom', from: 'a', to: 'b' }, { kind: 'custom', from: 'a', to: 'b' })).toBe(true);
  });
});
