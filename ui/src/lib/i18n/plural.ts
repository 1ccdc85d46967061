/**
 * Counted nouns ("1 record", "12 400 записей"). Russian needs one/few/many forms and
 * English one/other, so a counted message is four keys `base.one|few|many|other` in every
 * dictionary (languages without a form repeat `other`). The type below only accepts
 * bases that have all four keys, so a missing form is a compile error.
 */
import type { MessageKey } from './en';
import type { Translator } from './translate';

export const PLURAL_FORMS = ['one', 'few', 'many', 'other'] as const;
export type PluralForm = (typeof PLURAL_FORMS)[number];

/** Message bases `b` for which `b.one`, `b.few`, `b.many` and `b.other` all exist. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer Base}.other`
    ? `${Base}.${PluralForm}` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

const rules = new Map<string, Intl.PluralRules>();

/** The dictionary form for `n` in `locale`; CLDR's zero/two fall back to `other`. */
export function pluralForm(n: number, locale: string): PluralForm {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  const category = rule.select(n);
  return (PLURAL_FORMS as readonly string[]).includes(category) ? (category as PluralForm) : 'other';
}

/** `{n}` filled with the already formatted count, in the form `n` needs. */
export function pluralize(t: Translator, locale: string, base: PluralBase, n: number, formatted: string): string {
  return t(`${base}.${pluralForm(n, locale)}`, { n: formatted });
}
