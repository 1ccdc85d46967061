import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { getLocale, setLocale } from '../lib/i18n';
import { TOKENS_CSS } from '../test/tokens';
import LanguageSwitcher from './LanguageSwitcher.svelte';
import MenuPicker from './MenuPicker.svelte';

const options = [
  { value: 'en', label: 'English', lang: 'en' },
  { value: 'ko', label: '한국어', lang: 'ko' },
  { value: 'ru', label: 'Русский', lang: 'ru' },
] as const;

function renderPicker(onchange = vi.fn()) {
  render(MenuPicker, { label: 'Language', options, value: 'en', onchange, testid: 'language-select' });
  return { onchange, button: screen.getByRole('button', { name: 'Language English' }) };
}

describe('MenuPicker', () => {
  afterEach(() => setLocale('en'));

  it('is a button naming the choice and its value, with no native select', () => {
    const { button } = renderPicker();
    expect(button).toHaveAttribute('aria-haspopup', 'listbox');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(document.querySelector('select')).toBeNull();
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('opens a listbox of options in their own languages, the current one selected', async () => {
    const { button } = renderPicker();
    await fireEvent.click(button);
    const list = await screen.findByRole('listbox', { name: 'Language' });
    await waitFor(() => expect(document.activeElement).toBe(list));
    const items = screen.getAllByRole('option');
    expect(items.map((item) => item.getAttribute('lang'))).toEqual(['en', 'ko', 'ru']);
    expect(items.map((item) => item.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(list.getAttribute('aria-activedescendant')).toBe(items[0]?.id);
    expect(button).toHaveAttribute('aria-expanded', 'true');
  });

  it('moves with the arrows, chooses with Enter and gives focus back to the button', async () => {
    const { button, onchange } = renderPicker();
    await fireEvent.keyDown(button, { key: 'ArrowDown' });
    const list = await screen.findByRole('listbox');
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(list.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]?.id);
    await fireEvent.keyDown(list, { key: 'ArrowUp' });
    await fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(list.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[2]?.id);
    await fireEvent.keyDown(list, { key: 'Enter' });
    expect(onchange).toHaveBeenCalledWith('ru');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('closes on Esc without choosing, and on a click outside', async () => {
    const { button, onchange } = renderPicker();
    await fireEvent.click(button);
    await fireEvent.keyDown(await screen.findByRole('listbox'), { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(document.activeElement).toBe(button);

    await fireEvent.click(button);
    await screen.findByRole('listbox');
    await fireEvent.pointerDown(document.body);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(onchange).not.toHaveBeenCalled();
  });

  it('chooses an option by click', async () => {
    const { button, onchange } = renderPicker();
    await fireEvent.click(button);
    await fireEvent.click(await screen.findByTestId('language-select-option-ko'));
    expect(onchange).toHaveBeenCalledWith('ko');
  });

  it('draws its button and list in the bundled fonts, which cover Hangul and Cyrillic', () => {
    const stack = /--font-sans:\s*([^;]+);/.exec(TOKENS_CSS)?.[1] ?? '';
    expect(stack.split(',')[0]?.trim()).toBe("'Noto Sans Variable'");
    expect(stack).toContain("'Noto Sans KR Variable'");
    const source = readFileSync(join(import.meta.dirname, 'MenuPicker.svelte'), 'utf8');
    expect(source.match(/font-family: var\(--font-sans\);/g)).toHaveLength(2);
  });
});

describe('LanguageSwitcher', () => {
  afterEach(() => setLocale('en'));

  it('switches the UI language from the list', async () => {
    render(LanguageSwitcher);
    await fireEvent.click(screen.getByTestId('language-select'));
    await fireEvent.click(await screen.findByTestId('language-select-option-ko'));
    expect(getLocale()).toBe('ko');
    expect(document.documentElement.lang).toBe('ko');
    expect(screen.getByRole('button', { name: '언어 한국어' })).toHaveAttribute('data-value', 'ko');
  });
});
