import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';

import Segmented from './Segmented.svelte';

const props = {
  options: ['bar', 'line', 'table'] as const,
  value: 'line' as 'bar' | 'line' | 'table',
  label: 'View',
  optionLabel: (option: string) => option.toUpperCase(),
  testid: 'view',
};

describe('Segmented', () => {
  it('is a named radio group with the chosen option checked', () => {
    render(Segmented, { ...props, onchange: () => {} });
    const group = screen.getByRole('radiogroup', { name: 'View' });
    expect(group).toBeInTheDocument();
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('aria-checked'))).toEqual(['false', 'true', 'false']);
    expect(screen.getByTestId('view-table')).toHaveTextContent('TABLE');
  });

  it('shows its name as a field label when asked, and reports a choice', async () => {
    const onchange = vi.fn();
    render(Segmented, { ...props, shown: true, onchange });
    expect(screen.getByText('View').tagName).toBe('SPAN');
    expect(screen.getByRole('radiogroup', { name: 'View' })).toHaveAttribute('aria-labelledby');
    await fireEvent.click(screen.getByRole('radio', { name: 'TABLE' }));
    expect(onchange).toHaveBeenCalledWith('table');
  });
});
