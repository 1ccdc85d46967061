/**
 * The Overview's specs come from the core with message ids for titles and series names
 * (the core has no reader language); this swaps them for the reader's words before the
 * spec is drawn or exported. SLA metrics are named when a translation exists.
 */
import { en, type MessageKey } from '../i18n/en';
import type { Translator } from '../i18n/translate';
import type { ChartSpec } from '../ipc';

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The translation of `id`, or `fallback` when there is none. */
export function translateId(t: Translator, id: string, fallback = id): string {
  return isMessageKey(id) ? t(id) : fallback;
}

export function localizeSpec(spec: ChartSpec, t: Translator): ChartSpec {
  const textLabels = spec.x.kind === 'text';
  return {
    ...spec,
    title: translateId(t, spec.title),
    x: { ...spec.x, labels: textLabels ? spec.x.labels.map((l) => translateId(t, `sla.${l}`, l)) : spec.x.labels },
    series: spec.series.map((s) => ({ ...s, name: translateId(t, s.name) })),
  };
}
