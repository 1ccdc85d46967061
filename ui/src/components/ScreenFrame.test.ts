import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';

import ScreenFrame from './ScreenFrame.svelte';

const content = createRawSnippet(() => ({ render: () => '<p data-testid="content">numbers</p>' }));

describe('ScreenFrame', () => {
  it('heads the screen with a focusable title and marks it busy while a request runs', () => {
    render(ScreenFrame, { title: 'Overview', testid: 'overview', busy: true, children: content });
    const heading = screen.getByRole('heading', { level: 1, name: 'Overview' });
    expect(heading).toHaveAttribute('tabindex', '-1');
    expect(screen.getByTestId('overview')).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByTestId('content')).toBeInTheDocument();
    expect(screen.queryByTestId('period-preset')).toBeNull();
    expect(screen.queryByTestId('error-state')).toBeNull();
  });

  it('offers the period and reports a change', async () => {
    const onchange = vi.fn();
    render(ScreenFrame, {
      title: 'People',
      testid: 'people',
      period: { value: { kind: 'last_30_days' }, resolved: null, today: '2025-03-31', onchange },
      children: content,
    });
    await fireEvent.change(screen.getByTestId('period-preset'), { target: { value: 'last_90_days' } });
    expect(onchange).toHaveBeenCalledWith({ kind: 'last_90_days' });
    expect(screen.getByTestId('people')).toHaveAttribute('aria-busy', 'false');
  });

  it('shows the request’s error with its title and a Retry above the content', async () => {
    const onretry = vi.fn();
    render(ScreenFrame, {
      title: 'Explore',
      testid: 'explore',
      failure: { title: 'Could not load', error: { code: 'invalid_input', message: 'range too long' }, onretry },
      children: content,
    });
    const error = screen.getByTestId('error-state');
    expect(error).toHaveTextContent('Could not load');
    expect(error).toHaveTextContent('range too long');
    expect(error.compareDocumentPosition(screen.getByTestId('content')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onretry).toHaveBeenCalledOnce();
  });
});
