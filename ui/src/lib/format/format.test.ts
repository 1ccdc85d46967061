import { describe, expect, it } from 'vitest';

import { createTranslator } from '../i18n/translate';
import { describeChange } from './change';
import { createFormatter } from '.';
import { pluralForm } from '../i18n/plural';
import { formatDate, formatDateRange, formatDateTime, formatRelativeTime, formatShortDate, parseIsoDate } from './date';
import { formatDuration, formatDurationCompact, formatSeconds } from './duration';
import { formatCount, formatPercent, formatSignedPercent, formatSignedPoints } from './number';
import type { KpiChange } from '../ipc';

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
  const points = (d: number) => `${formatSignedPoints(d, 'en')} pp`;
  const relative = (value: number, clear = true): KpiChange => ({ value, unit: 'relative', clear });
  const describe_ = (change: KpiChange | null, higherIsBetter: boolean) =>
    describeChange(change, higherIsBetter, 'en', points);

  it('is good news when a higher-is-better KPI rises', () => {
    expect(describe_(relative(0.125), true)).toEqual({ direction: 'up', tone: 'good', arrow: '▲', text: '+12.5%', noise: false });
  });

  it('is bad news when a higher-is-better KPI falls', () => {
    expect(describe_(relative(-0.2), true)).toMatchObject({ direction: 'down', tone: 'bad', arrow: '▼', text: '-20%' });
  });

  it('is bad news when a lower-is-better KPI rises', () => {
    expect(describe_(relative(0.1), false)).toMatchObject({ direction: 'up', tone: 'bad', arrow: '▲' });
  });

  it('is good news when a lower-is-better KPI falls', () => {
    expect(describe_(relative(-0.1), false)).toMatchObject({ direction: 'down', tone: 'good', arrow: '▼' });
  });

  it('writes a change of shares in percentage points', () => {
    // 85.8% → 83.6%: −2.2 points, not the relative −2.6%.
    const view = describe_({ value: 0.836 - 0.858, unit: 'points', clear: true }, true);
    expect(view).toMatchObject({ direction: 'down', tone: 'bad', text: '-2.2 pp' });
  });

  it('keeps a change within the noise grey, with its arrow', () => {
    const view = describe_({ value: -0.022, unit: 'points', clear: false }, true);
    expect(view).toEqual({ direction: 'down', tone: 'neutral', arrow: '▼', text: '-2.2 pp', noise: true });
  });

  it('is grey and dashed when unknown', () => {
    for (const higherIsBetter of [true, false]) {
      expect(describe_(null, higherIsBetter)).toEqual({
        direction: 'unknown',
        tone: 'neutral',
        arrow: '',
        text: '—',
        noise: false,
      });
    }
    expect(describe_(relative(Number.NaN), true).tone).toBe('neutral');
  });

  it('treats changes that round to 0% as flat and neutral', () => {
    expect(describe_(relative(0), true)).toMatchObject({ direction: 'flat', tone: 'neutral', text: '0%' });
    expect(describe_(relative(-0.0001), false)).toMatchObject({ direction: 'flat', tone: 'neutral' });
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

describe('relative times', () => {
  const now = Date.UTC(2025, 2, 31, 12);
  const ago = (seconds: number) => now / 1000 - seconds;

  it.each([
    [5 * 60, '5 minutes ago'],
    [60, '1 minute ago'],
    [3 * 3600, '3 hours ago'],
    [86400, 'yesterday'],
    [3 * 86400, '3 days ago'],
    [45 * 86400, 'last month'],
    [400 * 86400, 'last year'],
  ])('%s s ago → %s', (seconds, expected) => {
    expect(formatRelativeTime(ago(seconds), now, 'en', 'just now')).toBe(expected);
  });

  it('says "just now" within a minute either way, when given the words', () => {
    expect(formatRelativeTime(ago(20), now, 'en', 'just now')).toBe('just now');
    expect(formatRelativeTime(ago(-20), now, 'en', 'just now')).toBe('just now');
    expect(formatRelativeTime(ago(20), now, 'en')).toBe('20 seconds ago');
  });

  it('is localised through the formatter', () => {
    const ko = createFormatter('ko', createTranslator('ko'));
    const ru = createFormatter('ru', createTranslator('ru'));
    expect(ko.relativeTime(ago(300), now)).toBe('5분 전');
    expect(ru.relativeTime(ago(300), now)).toBe('5 минут назад');
    expect(ru.relativeTime(ago(2 * 3600), now)).toBe('2 часа назад');
    expect(ru.relativeTime(ago(10), now)).toBe('только что');
    expect(ko.relativeTime(ago(10), now)).toBe('방금');
  });
});

describe('seconds and moments', () => {
  it('rounds waits up and switches to minutes at a minute', () => {
    expect(formatSeconds(0, 'en', en)).toBe('0 s');
    expect(formatSeconds(5.2, 'en', en)).toBe('6 s');
    expect(formatSeconds(59, 'en', en)).toBe('59 s');
    expect(formatSeconds(95, 'en', en)).toBe('2 min');
    expect(formatSeconds(4000, 'en', en)).toBe('1 h 7 min');
    expect(formatSeconds(6, 'ru', ru)).toBe('6 с');
    expect(formatSeconds(6, 'ko', ko)).toBe('6초');
  });

  it('formats a unix time as date and time', () => {
    const at = Date.UTC(2025, 2, 31, 12, 5) / 1000;
    expect(plain(formatDateTime(at, 'en', 'UTC'))).toBe('Mar 31, 2025, 12:05 PM');
    expect(formatDateTime(at, 'ru', 'UTC')).toContain('31 мар. 2025');
  });
});

describe('counted nouns', () => {
  it('picks the plural form per language', () => {
    expect(pluralForm(1, 'en')).toBe('one');
    expect(pluralForm(5, 'en')).toBe('other');
    expect(pluralForm(1, 'ru')).toBe('one');
    expect(pluralForm(3, 'ru')).toBe('few');
    expect(pluralForm(11, 'ru')).toBe('many');
    expect(pluralForm(1.5, 'ru')).toBe('other');
    expect(pluralForm(1, 'ko')).toBe('other');
  });

  it('formats the count inside the right form', () => {
    const f = createFormatter('ru', createTranslator('ru'));
    expect(f.counted('plural.pages', 1)).toBe('1 страница');
    expect(f.counted('plural.pages', 4)).toBe('4 страницы');
    expect(plain(f.counted('plural.records', 12400))).toBe('12 400 записей');
    expect(createFormatter('ko', createTranslator('ko')).counted('plural.records', 1)).toBe('레코드 1개');
  });
});
