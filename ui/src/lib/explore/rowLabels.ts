/**
 * The ticket list names status, priority and channel as the chart does ("Email", "Open",
 * "Web form"), not by their stored values: the labels come from the core's value lists,
 * which key each label by that stored value. Without them a list still shows the values.
 */
import { dimensionValues } from '../ipc';

export const LABELLED = ['status', 'priority', 'channel'] as const;
export type Labelled = (typeof LABELLED)[number];
export type RowLabels = Readonly<Record<Labelled, ReadonlyMap<string, string>>>;

/** The three lists' labels, or null when they cannot be had (the list then shows values). */
export async function loadRowLabels(): Promise<RowLabels | null> {
  try {
    const lists = await Promise.all(LABELLED.map((dimension) => dimensionValues(dimension)));
    const maps = lists.map(
      (values) => new Map(values.flatMap((v) => (v.key === null ? [] : [[v.key, v.label] as const]))),
    );
    return Object.fromEntries(LABELLED.map((dimension, i) => [dimension, maps[i] ?? new Map()])) as unknown as RowLabels;
  } catch {
    return null;
  }
}

/** `value` as the chart labels it; the value itself when no label is known; null stays null. */
export function rowLabel(labels: RowLabels | null, dimension: Labelled, value: string | null): string | null {
  if (value === null) return null;
  return labels?.[dimension].get(value) ?? value;
}
