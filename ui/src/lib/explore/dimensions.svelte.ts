/**
 * The dimensions a screen breaks down and filters by, and how they read: the core's list
 * (built-in dimensions, then custom fields) and each dimension's values, named in the
 * reader's language, with "no value" for the null key. Explore and Feedback share it.
 */
import { Latest } from '../app/latest.svelte';
import { translateId } from '../chart/localize';
import type { Translator } from '../i18n/translate';
import {
  dimensionValues,
  exploreDimensions,
  type DimensionOption,
  type DimensionValue,
  type ValueScope,
} from '../ipc';

/** A custom field keeps its title; a built-in dimension is named in the reader's language. */
export function dimensionLabel(option: DimensionOption, t: Translator): string {
  return option.label ?? translateId(t, `dimension.${option.name}`, option.name);
}

/** A value as the core labels it, or "(no value)" for tickets without one. */
export function valueLabel(value: Pick<DimensionValue, 'key' | 'label'>, t: Translator): string {
  return value.key === null ? t('explore.noValue') : value.label;
}

/** The dimensions on offer; `load()` asks again (after a sync adds custom fields). */
export class Dimensions {
  readonly #list = new Latest<void, DimensionOption[]>(() => exploreDimensions());

  get options(): readonly DimensionOption[] {
    return this.#list.data ?? [];
  }

  get error() {
    return this.#list.error;
  }

  load(): Promise<boolean> {
    return this.#list.run();
  }

  /** Asks again only when the last request failed (a screen's Retry). */
  async retry(): Promise<void> {
    if (this.#list.error) await this.#list.run();
  }
}

/** One dimension's values with their ticket counts (in a report's scope, or of all tickets), most first. */
export function dimensionValueList(): Latest<[string, ValueScope | null], DimensionValue[]> {
  return new Latest(([dimension, scope]) => dimensionValues(dimension, scope));
}
