import { describe, expect, it } from 'vitest';

import { en } from './en';
import { ko } from './ko';
import { ru } from './ru';
import { createTranslator, interpolate, localeFromLanguageTag } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  const english = Object.keys(en).sort();

  it.each([
    ['ko', ko],
    ['ru', ru],
  ] as const)('%s has exactly the English keys, all non-empty', (_name, dictionary) => {
    expect(Object.keys(dictionary).sort()).toEqual(english);
    for (const [key, text] of Object.entries(dictionary)) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('has no empty English text', () => {
    for (const [key, text] of Object.entries(en)) expect(text.trim(), key).not.toBe('');
  });

  it.each([
    ['ko', ko],
    ['ru', ru],
  ] as const)('%s keeps the same {placeholders} as English', (_name, dictionary) => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(dictionary[key]), key).toEqual(placeholders(en[key]));
    }
  });
});

describe('translation helpers', () => {
  it('picks the language from navigator.language', () => {
    expect(localeFromLanguageTag('ko-KR')).toBe('ko');
    expect(localeFromLanguageTag('ru')).toBe('ru');
    expect(localeFromLanguageTag('RU-ru')).toBe('ru');
    expect(localeFromLanguageTag('de-DE')).toBe('en');
    expect(localeFromLanguageTag(undefined)).toBe('en');
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(createTranslator('ru')('about.version', { version: '0.1.0' })).toBe('Версия 0.1.0');
  });
});
