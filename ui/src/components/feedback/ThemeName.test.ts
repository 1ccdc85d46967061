// Renaming a theme inline: the pencil opens a field with the name, Enter keeps a new
// name, Esc cancels, an unchanged or empty name is not sent, and a renamed theme offers
// the reset.
import { fireEvent, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { refundTheme } from '../../test/feedbackFixtures';
import ThemeName from './ThemeName.svelte';

function field(container: HTMLElement): HTMLInputElement {
  const input = container.querySelector<HTMLInputElement>('[data-testid="theme-name-field"]');
  if (!input) throw new Error('no name field');
  return input;
}

async function open(container: HTMLElement): Promise<HTMLInputElement> {
  const pencil = container.querySelector<HTMLButtonElement>('[data-testid="theme-rename"]');
  if (!pencil) throw new Error('no rename button');
  await fireEvent.click(pencil);
  return field(container);
}

describe('renaming a theme', () => {
  afterEach(() => document.body.replaceChildren());

  it('keeps a new name on Enter', async () => {
    const onrename = vi.fn();
    const { container } = render(ThemeName, { theme: refundTheme, onopen: () => {}, onrename });
    const input = await open(container);
    expect(input.value).toBe(refundTheme.label);
    await fireEvent.input(input, { target: { value: '  Refunds  ' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(onrename).toHaveBeenCalledWith('Refunds');
    expect(container.querySelector('[data-testid="theme-name-field"]')).toBeNull();
  });

  it('cancels on Esc and sends nothing for an empty or unchanged name', async () => {
    const onrename = vi.fn();
    const { container } = render(ThemeName, { theme: refundTheme, onopen: () => {}, onrename });
    let input = await open(container);
    await fireEvent.input(input, { target: { value: 'Other' } });
    await fireEvent.keyDown(input, { key: 'Escape' });
    input = await open(container);
    await fireEvent.input(input, { target: { value: '   ' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    input = await open(container);
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(onrename).not.toHaveBeenCalled();
  });

  it('offers a reset only for a renamed theme', async () => {
    const onrename = vi.fn();
    const plain = render(ThemeName, { theme: refundTheme, onopen: () => {}, onrename });
    expect(plain.container.querySelector('[data-testid="theme-rename-reset"]')).toBeNull();
    document.body.replaceChildren();
    const renamed = render(ThemeName, { theme: { ...refundTheme, renamed: true }, onopen: () => {}, onrename });
    const reset = renamed.container.querySelector<HTMLButtonElement>('[data-testid="theme-rename-reset"]');
    expect(reset).not.toBeNull();
    await fireEvent.click(reset!);
    expect(onrename).toHaveBeenCalledWith(null);
  });
});
