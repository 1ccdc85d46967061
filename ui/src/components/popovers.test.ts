import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';

import ExportMenu from './chart/ExportMenu.svelte';
import { DEFAULT_QUERY } from '../lib/explore/query';
import SavedViews from './explore/SavedViews.svelte';

/** Opens the menu, presses Escape inside it, then opens it again and presses outside. */
async function closesOnEscapeAndOutside(menu: HTMLDetailsElement): Promise<void> {
  const summary = menu.querySelector('summary')!;
  menu.open = true;
  const inside = menu.querySelector<HTMLElement>('.panel button, .panel input')!;
  inside.focus();
  await fireEvent.keyDown(inside, { key: 'Escape' });
  expect(menu.open).toBe(false);
  expect(document.activeElement, 'focus goes back to what opened it').toBe(summary);
  menu.open = true;
  await fireEvent.pointerDown(document.body);
  expect(menu.open).toBe(false);
}

describe('popovers', () => {
  it('the export menu closes on Escape and on a press outside', async () => {
    render(ExportMenu, { data: { kind: 'chart', spec: null as never }, name: 'Tickets' });
    await closesOnEscapeAndOutside(screen.getByTestId('export-menu') as HTMLDetailsElement);
  });

  it('the saved views menu closes on Escape and on a press outside', async () => {
    render(SavedViews, { workspacePath: '/data/ws', query: DEFAULT_QUERY, view: 'bar', onopen: () => {} });
    await closesOnEscapeAndOutside(screen.getByTestId('saved-views') as HTMLDetailsElement);
  });
});
