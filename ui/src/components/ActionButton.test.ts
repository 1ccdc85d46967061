import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';

import ActionButton from './ActionButton.svelte';

const children = createRawSnippet(() => ({ render: () => '<span>Full resync</span>' }));

describe('ActionButton', () => {
  it('acts, with its hint as tooltip, while available', async () => {
    const onclick = vi.fn();
    render(ActionButton, { hint: 'Download everything again', testid: 'act', onclick, children });
    const button = screen.getByRole('button', { name: 'Full resync' });
    expect(button).toBeEnabled();
    expect(button).toHaveAttribute('title', 'Download everything again');
    expect(button).not.toHaveAttribute('aria-describedby');
    await fireEvent.click(button);
    expect(onclick).toHaveBeenCalledOnce();
  });

  it('is disabled with the reason as its tooltip and description when unavailable', async () => {
    const onclick = vi.fn();
    render(ActionButton, { reason: 'Connect a source first', hint: 'Download everything again', testid: 'act', onclick, children });
    const button = screen.getByRole('button', { name: 'Full resync' });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('title', 'Connect a source first');
    expect(button).toHaveAccessibleDescription('Connect a source first');
    await fireEvent.click(button);
    expect(onclick).not.toHaveBeenCalled();
  });

  it('is disabled without a reason while its own work runs', () => {
    render(ActionButton, { busy: true, hint: 'Remove', onclick: () => {}, children });
    const button = screen.getByRole('button', { name: 'Full resync' });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(button).toHaveAttribute('title', 'Remove');
  });
});
