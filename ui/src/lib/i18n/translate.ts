/**
 * Pure i18n helpers (no state): which locales exist, how to pick one, and how to turn a
 * key plus parameters into text. Kept separate from the reactive store so tests and
 * formatters can use them directly.
 */
import { en, type Dictionary, type MessageKey } from './en';
import { ko } from './ko';
import { ru } from './ru';

export type { Dictionary, MessageKey } from './en';

export const LOCALES = ['en', 'ko', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

/** Endonyms for the language switcher: each language is named in itself, never translated. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  ko: '한국어',
  ru: 'Русский',
};

export const DICTIONARIES: Readonly<Record<Locale, Dictionary>> = { en, ko, ru };

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translator = (key: MessageKey, params?: MessageParams) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** `ko*` → Korean, `ru*` → Russian, anything else → English. */
export function localeFromLanguageTag(tag: string | null | undefined): Locale {
  const lower = (tag ?? '').toLowerCase();
  if (lower.startsWith('ko')) return 'ko';
  if (lower.startsWith('ru')) return 'ru';
  return 'en';
}

/** Replaces `{name}` placeholders; unknown placeholders are left visible to spot mistakes. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** A translator bound to one locale; falls back to English if a text is empty. */
export function createTranslator(locale: Locale): Translator {
  const dictionary = DICTIONARIES[locale];
  return (key, params) => interpolate(dictionary[key] || en[key], params);
}
