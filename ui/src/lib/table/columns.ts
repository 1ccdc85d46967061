/**
 * A data table's columns: what each header says, how its cells are drawn (a snippet of
 * the screen that owns the table, so its markup and styles stay there) and, for a
 * sortable column, what it sorts by.
 */
import type { Snippet } from 'svelte';

import type { SortableColumn } from './sort';

export interface Column<T> extends SortableColumn<T> {
  /** Stable id: the sort key, and `sort-{id}` as the test id of its sort button. */
  id: string;
  header: string;
  /** The header's tooltip. */
  hint?: string;
  /** Draws one cell; `column` tells repeated columns (a chart's series) apart. */
  cell: Snippet<[row: T, column: Column<T>]>;
  /** Right-aligned, tabular figures, never wrapped. */
  numeric?: boolean;
  /** The row's name: drawn as a row header (`<th scope="row">`); sorting ties go by it. */
  rowHeader?: boolean;
  /** Free text (customer words, error messages): may break anywhere rather than widen the table. */
  wrap?: boolean;
  /** Secondary figures (a sample size): in the muted colour. */
  muted?: boolean;
  /** Which of the columns drawn by the same snippet this is (a chart's series). */
  index?: number;
  /** Makes the column sortable by this value. */
  sortValue?: SortableColumn<T>['sortValue'];
  /** Attributes of each cell (`data-*`, `title`) that tests and tools read. */
  cellAttributes?: (row: T) => Record<string, string | number | undefined>;
  /** Tints a cell: better or worse than a reference (the team median). */
  tone?: (row: T) => 'better' | 'worse' | null;
}
