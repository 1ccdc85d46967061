import { describe, expect, it } from 'vitest';

import { createTranslator } from '../i18n/translate';
import { describeChange } from './change';
import { formatDate, formatDateRange, formatRelativeTime, formatShortDate, parseIsoDate } from './date';
import { formatDuration, formatDurationCompact } from './duration';
import { formatCount, formatPercent, formatSignedPercent } from './number';

const en = createTranslator('en');
const ko = createTranslator('ko');
const ru = createTranslator('ru');
/** Intl uses narrow no-break spaces in some locales; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u2009\u202f]/g, ' ');

describe('formatDuration', () => {
  it.each([
    [0, '0 min'],
    [0.4, '< 1 min'],
    [1, '1 min'],
    [42.4, '42 min'],
    [59.6, '1 h'],
    [85.2, '1 h 25 min'],
    [120, '2 h'],
    [1439.7, '1 d'],
    [4560, '3 d 4 h'],
    [2880, '2 d'],
    [60 * 24 * 400, '400 d'],
  ])('%s minutes → %s (en)', (minutes, expected) => {
    expect(formatDuration(minutes, 'en', en)).toBe(expected);
  });

  it('groups large day counts and localises units', () => {
    expect(formatDuration(60 * 24 * 1500, 'en', en)).toBe('1,500 d');
    expect(formatDuration(85.2, 'ko', ko)).toBe('1시간 25분');
    expect(formatDuration(4560, 'ko', ko)).toBe('3일 4시간');
    expect(formatDuration(85.2, 'ru', ru)).toBe('1 ч 25 мин');
    expect(formatDuration(4560, 'ru', ru)).toBe('3 дн. 4 ч');
    expect(formatDuration(0.2, 'ru', ru)).toBe('< 1 мин');
  });

  it('uses a single unit on chart axes', () => {
    expect(formatDurationCompact(0, 'en', en)).toBe('0 min');
    expect(formatDurationCompact(30, 'en', en)).toBe('30 min');
    expect(formatDurationCompact(90, 'en', en)).toBe('1.5 h');
    expect(formatDurationCompact(2880, 'en', en)).toBe('2 d');
    expect(formatDurationCompact(90, 'ru', ru)).toBe('1,5 ч');
  });
});

describe('numbers and percentages', () => {
  it('groups counts per locale', () => {
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(1234567, 'ko')).toBe('1,234,567');
    expect(plain(formatCount(1234567, 'ru'))).toBe('1 234 567');
  });

  it('shows shares with exactly one decimal', () => {
    expect(formatPercent(0.8734, 'en')).toBe('87.3%');
    expect(formatPercent(1, 'en')).toBe('100.0%');
    expect(formatPercent(0, 'ko')).toBe('0.0%');
    expect(plain(formatPercent(0.8734, 'ru'))).toBe('87,3 %');
  });

  it('signs relative changes', () => {
    expect(formatSignedPercent(0.125, 'en')).toBe('+12.5%');
    expect(formatSignedPercent(-0.03, 'en')).toBe('-3%');
    expect(formatSignedPercent(0, 'en')).toBe('0%');
    expect(formatSignedPercent(2.5, 'en')).toBe('+250%');
  });
});

describe('describeChange', () => {
  it('is good news when a higher-is-better KPI rises', () => {
    expect(describeChange(0.125, true, 'en')).toEqual({ direction: 'up', tone: 'good', arrow: '▲', text: '+12.5%' });
  });

  it('is bad news when a higher-is-better KPI falls', () => {
    expect(describeChange(-0.2, true, 'en')).toMatchObject({ direction: 'down', tone: 'bad', arrow: '▼', text: '-20%' });
  });

  it('is bad news when a lower-is-better KPI rises', () => {
    expect(describeChange(0.1, false, 'en')).toMatchObject({ direction: 'up', tone: 'bad', arrow: '▲' });
  });

  it('is good news when a lower-is-better KPI falls', () => {
    expect(describeChange(-0.1, false, 'en')).toMatchObject({ direction: 'down', tone: 'good', arrow: '▼' });
  });

  it('is grey and dashed when unknown', () => {
    for (const higherIsBetter of [true, false]) {
      expect(describeChange(null, higherIsBetter, 'en')).toEqual({
        direction: 'unknown',
        tone: 'neutral',
        arrow: '',
        text: '—',
      });
    }
    expect(describeChange(Number.NaN, true, 'en').tone).toBe('neutral');
  });

  it('treats changes that round to 0% as flat and neutral', () => {
    expect(describeChange(0, true, 'en')).toMatchObject({ direction: 'flat', tone: 'neutral', text: '0%' });
    expect(describeChange(-0.0001, false, 'en')).toMatchObject({ direction: 'flat', tone: 'neutral' });
  });
});

describe('dates', () => {
  it('parses strict ISO dates only', () => {
    expect(parseIsoDate('2025-03-01')?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(parseIsoDate('2025-02-30')).toBeNull();
    expect(parseIsoDate('2025-3-1')).toBeNull();
    expect(parseIsoDate('')).toBeNull();
  });

  it('formats dates without shifting the day', () => {
    expect(formatDate('2025-03-01', 'en')).toBe('Mar 1, 2025');
    expect(formatShortDate('2025-03-03', 'en')).toBe('Mar 3');
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });

  it('formats ranges compactly', () => {
    expect(plain(formatDateRange('2025-03-01', '2025-03-30', 'en'))).toBe('Mar 1 – 30, 2025');
    expect(formatDateRange('2025-03-01', '2025-03-01', 'en')).toBe('Mar 1, 2025');
    expect(formatDateRange('x', 'y', 'en')).toBe('x – y');
  });

  it('describes sync times relative to now', () => {
    const now = Date.UTC(2025, 2, 31, 12);
    expect(formatRelativeTime(now / 1000 - 3 * 3600, now, 'en')).toBe('3 hours ago');
    expect(formatRelativeTime(now / 1000 - 86400, now, 'en')).toBe('yesterday');
  });
});
