/**
 * Windowing for long ticket lists: which rows are on screen (plus a margin) and which
 * pages of the core's paged list they need. Only these rows exist in the DOM, so a list
 * of 100,000 tickets scrolls like one of 100.
 */
export const ROW_HEIGHT = 36;
export const PAGE_SIZE = 200;

export interface RowWindow {
  start: number;
  /** Exclusive. */
  end: number;
}

export function visibleRows(scrollTop: number, viewport: number, total: number, overscan = 10): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / ROW_HEIGHT);
  const count = Math.ceil(Math.max(0, viewport) / ROW_HEIGHT);
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(total, first + count + overscan),
  };
}

/** Page numbers (0-based, `PAGE_SIZE` rows each) covering the window. */
export function pagesFor(window: RowWindow): number[] {
  if (window.end <= window.start) return [];
  const first = Math.floor(window.start / PAGE_SIZE);
  const last = Math.floor((window.end - 1) / PAGE_SIZE);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The next sort after a click on `column`: newest/largest first, then ascending. */
export function nextSort(current: string | null, column: string): string {
  return current === `-${column}` ? column : `-${column}`;
}
