/**
 * The active UI language as reactive state. Reading `t()` or `formatter()` inside a
 * component makes that component re-render when the language changes.
 */
import { createFormatter, type Formatter } from '../format';
import {
  createTranslator,
  isLocale,
  LOCALES,
  localeFromLanguageTag,
  type Locale,
  type MessageKey,
  type MessageParams,
} from './translate';

const STORAGE_KEY = 'deskbench.locale';

function readStoredLocale(): Locale | null {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null; // storage can be disabled; fall back to the system language
  }
}

function initialLocale(): Locale {
  return readStoredLocale() ?? localeFromLanguageTag(globalThis.navigator?.language);
}

const startLocale = initialLocale();
let current = $state<Locale>(startLocale);

/** One formatter per language, built up front: three small objects. */
const FORMATTERS = Object.fromEntries(
  LOCALES.map((locale) => [locale, createFormatter(locale, createTranslator(locale))]),
) as Record<Locale, Formatter>;

function applyToDocument(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

applyToDocument(startLocale);

export function getLocale(): Locale {
  return current;
}

/** Switches the language, remembers it, and updates `<html lang>`. */
export function setLocale(locale: Locale): void {
  current = locale;
  applyToDocument(locale);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting is acceptable: the choice still applies for this session.
  }
}

/** Translates `key` in the active language. */
export function t(key: MessageKey, params?: MessageParams): string {
  return formatter().t(key, params);
}

/** Number/date/duration formatting for the active language. */
export function formatter(): Formatter {
  return FORMATTERS[current];
}
