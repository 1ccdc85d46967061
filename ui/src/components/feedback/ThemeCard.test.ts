// A theme's menu on its card: Rename, Merge with…, Split…, Undo, reachable from the
// keyboard; merging and splitting through their dialogs; what the user did shown on the
// card; actions that cannot run marked with the reason; no click reaching the card's
// ticket list. And the edits reach the core through the right IPC calls.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { editTheme, mergeCandidates } from '../../lib/feedback/themeEdit';
import { setLocale } from '../../lib/i18n';
import type { Theme } from '../../lib/ipc';
import { feedbackFixture, refundTheme } from '../../test/feedbackFixtures';
import ThemeCard from './ThemeCard.svelte';

const ipc = vi.hoisted(() => ({
  mergeThemes: vi.fn(() => Promise.resolve()),
  splitTheme: vi.fn(() => Promise.resolve(feedbackFixture)),
  removeThemeEdit: vi.fn(() => Promise.resolve()),
}));
vi.mock('../../lib/ipc', () => ipc);

const loginTheme: Theme = { ...refundTheme, id: 'en-2', label: 'Can’t log in', count: 9 };
const koreanTheme: Theme = { ...refundTheme, id: 'ko-1', lang: 'ko', label: '환불' };

function renderCard(theme: Theme = refundTheme, others: Theme[] = [loginTheme]) {
  const onedit = vi.fn();
  const onopen = vi.fn();
  const onrename = vi.fn();
  render(ThemeCard, {
    theme,
    every: 'week',
    onopen,
    onquote: () => {},
    onarticle: () => {},
    onrename,
    others,
    onedit,
  });
  return { onedit, onopen, onrename, button: screen.getByTestId('theme-menu') };
}

async function openMenu(button: HTMLElement): Promise<HTMLElement[]> {
  await fireEvent.keyDown(button, { key: 'ArrowDown' });
  const menu = await screen.findByRole('menu');
  return within(menu).getAllByRole('menuitem');
}

describe('the theme menu', () => {
  afterEach(() => {
    document.body.replaceChildren();
    setLocale('en');
    vi.clearAllMocks();
  });

  it('opens from the keyboard, moves with arrows and closes on Esc back to its button', async () => {
    const { button, onopen } = renderCard();
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    const items = await openMenu(button);
    expect(items.map((item) => item.textContent?.trim())).toEqual(['Rename', 'Merge with…', 'Split…', 'Undo a merge or split']);
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    await fireEvent.keyDown(items[0]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(items[3]);
    await fireEvent.keyDown(items[3]!, { key: 'Home' });
    expect(document.activeElement).toBe(items[0]);
    await fireEvent.keyDown(items[0]!, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    await fireEvent.click(button);
    expect(onopen).not.toHaveBeenCalled();
  });

  it('marks what cannot run, with the reason, and runs nothing for it', async () => {
    const { button, onedit } = renderCard(refundTheme, []);
    const items = await openMenu(button);
    const [merge, undo] = [items[1]!, items[3]!];
    expect(merge).toHaveAttribute('aria-disabled', 'true');
    expect(merge).toHaveAttribute('title', 'No other theme in this language to merge with');
    expect(undo).toHaveAttribute('aria-disabled', 'true');
    expect(undo.getAttribute('title')).toContain('not merged or split');
    await fireEvent.click(undo);
    expect(onedit).not.toHaveBeenCalled();
    expect(screen.queryByTestId('theme-merge')).not.toHaveAttribute('open');
  });

  it('renames through the name field', async () => {
    const { button } = renderCard();
    const items = await openMenu(button);
    await fireEvent.click(items[0]!);
    expect(screen.getByTestId('theme-name-field')).toHaveValue(refundTheme.label);
  });

  it('merges the themes ticked, named as the theme unless changed', async () => {
    const { button, onedit, onopen } = renderCard();
    await fireEvent.click((await openMenu(button))[1]!);
    const dialog = screen.getByTestId('theme-merge');
    const confirm = within(dialog).getByTestId('theme-merge-confirm');
    expect(confirm).toBeDisabled();
    await fireEvent.click(within(dialog).getByTestId('theme-merge-pick'));
    await fireEvent.click(confirm);
    expect(onedit).toHaveBeenCalledWith(refundTheme, { kind: 'merge', ids: ['en-2'], name: null });

    await fireEvent.click((await openMenu(button))[1]!);
    await fireEvent.click(within(dialog).getByTestId('theme-merge-pick'));
    await fireEvent.input(within(dialog).getByTestId('theme-merge-name'), { target: { value: ' Money ' } });
    await fireEvent.click(within(dialog).getByTestId('theme-merge-confirm'));
    expect(onedit).toHaveBeenLastCalledWith(refundTheme, { kind: 'merge', ids: ['en-2'], name: 'Money' });
    expect(onopen).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(button);
  });

  it('splits by a term picked or a phrase typed', async () => {
    const { button, onedit } = renderCard();
    await fireEvent.click((await openMenu(button))[2]!);
    const dialog = screen.getByTestId('theme-split');
    const terms = within(dialog).getAllByTestId('theme-split-term');
    expect(terms.map((term) => term.textContent)).toEqual(refundTheme.terms);
    await fireEvent.click(terms[1]!);
    await fireEvent.click(within(dialog).getByTestId('theme-split-confirm'));
    expect(onedit).toHaveBeenCalledWith(refundTheme, { kind: 'split', phrase: 'charged twice' });

    await fireEvent.click((await openMenu(button))[2]!);
    await fireEvent.input(within(dialog).getByTestId('theme-split-phrase'), { target: { value: ' card declined ' } });
    await fireEvent.click(within(dialog).getByTestId('theme-split-confirm'));
    expect(onedit).toHaveBeenLastCalledWith(refundTheme, { kind: 'split', phrase: 'card declined' });
  });

  it('shows what shaped a theme and undoes it', async () => {
    const split: Theme = { ...refundTheme, label: 'charged twice', edit: { id: 4, kind: 'split_off', phrase: 'charged twice' } };
    const { button, onedit } = renderCard(split);
    expect(screen.getByTestId('theme-edit')).toHaveTextContent('Split off by “charged twice”');
    const undo = (await openMenu(button))[3]!;
    expect(undo).toHaveTextContent('Undo the split');
    await fireEvent.click(undo);
    expect(onedit).toHaveBeenCalledWith(split, { kind: 'undo' });
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('speaks Korean and Russian', async () => {
    for (const [locale, merge] of [
      ['ko', '다른 주제와 합치기…'],
      ['ru', 'Объединить с…'],
    ] as const) {
      setLocale(locale);
      const { button } = renderCard({ ...refundTheme, edit: { id: 1, kind: 'merged', phrase: null } });
      const items = await openMenu(button);
      expect(items[1]).toHaveTextContent(merge);
      expect(screen.getByTestId('theme-edit')).not.toHaveTextContent('Merged');
      document.body.replaceChildren();
    }
  });
});

describe('theme edits', () => {
  it('offer the other themes of the same language', () => {
    expect(mergeCandidates(refundTheme, [refundTheme, loginTheme, koreanTheme])).toEqual([loginTheme]);
  });

  it('go to the core as merge, split and undo calls', async () => {
    expect(await editTheme(refundTheme, { kind: 'merge', ids: ['en-2', 'en-5'], name: null })).toBeNull();
    expect(ipc.mergeThemes).toHaveBeenCalledWith(['en-1', 'en-2', 'en-5'], null);
    expect(await editTheme(refundTheme, { kind: 'split', phrase: 'charged twice' })).toBe(feedbackFixture);
    expect(ipc.splitTheme).toHaveBeenCalledWith('en-1', 'charged twice');
    const merged: Theme = { ...refundTheme, edit: { id: 7, kind: 'merged', phrase: null } };
    await editTheme(merged, { kind: 'undo' });
    expect(ipc.removeThemeEdit).toHaveBeenCalledWith(7);
  });
});
