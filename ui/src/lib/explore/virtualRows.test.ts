import { describe, expect, it } from 'vitest';

import { nextSort, PAGE_SIZE, pagesFor, ROW_HEIGHT, visibleRows } from './virtualRows';

describe('visibleRows', () => {
  it('covers the viewport plus a margin, clipped to the list', () => {
    expect(visibleRows(0, ROW_HEIGHT * 10, 1000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRows(ROW_HEIGHT * 100, ROW_HEIGHT * 10, 1000, 5)).toEqual({ start: 95, end: 115 });
    expect(visibleRows(ROW_HEIGHT * 995, ROW_HEIGHT * 10, 1000, 5)).toEqual({ start: 990, end: 1000 });
  });

  it('is empty for an empty list', () => {
    expect(visibleRows(0, 500, 0)).toEqual({ start: 0, end: 0 });
    expect(pagesFor({ start: 0, end: 0 })).toEqual([]);
  });
});

describe('pagesFor', () => {
  it('names every page the window touches', () => {
    expect(pagesFor({ start: 0, end: 10 })).toEqual([0]);
    expect(pagesFor({ start: PAGE_SIZE - 5, end: PAGE_SIZE + 5 })).toEqual([0, 1]);
    expect(pagesFor({ start: PAGE_SIZE * 3, end: PAGE_SIZE * 4 })).toEqual([3]);
  });
});

describe('nextSort', () => {
  it('sorts descending first, then toggles', () => {
    expect(nextSort(null, 'id')).toBe('-id');
    expect(nextSort('-id', 'id')).toBe('id');
    expect(nextSort('id', 'id')).toBe('-id');
    expect(nextSort('-id', 'status')).toBe('-status');
  });
});
