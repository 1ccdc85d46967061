/**
 * A filter chip's text: the dimension and what is chosen, by name ("Channel: Email",
 * "Assignee: Dana Kim +2"), so a chip reads the way the chart labels its groups.
 */
import type { Formatter } from '../format';
import type { Translator } from '../i18n/translate';
import type { FilterKey } from './query';

/**
 * `names` maps a key to its label as the core gives it; a key it does not hold yet
 * (its values still loading) shows as `…`, "no value" in the reader's words.
 */
export function chipText(
  dimension: string,
  selected: readonly FilterKey[],
  names: ReadonlyMap<FilterKey, string>,
  t: Translator,
  f: Formatter,
): string {
  const first = selected[0];
  if (first === undefined) return dimension;
  const name = first === null ? t('explore.noValue') : (names.get(first) ?? '…');
  const values = selected.length === 1 ? name : t('explore.chipMore', { first: name, count: f.count(selected.length - 1) });
  return `${dimension}: ${values}`;
}
