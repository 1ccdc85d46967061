import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';

import type { ChartSpec } from '../../lib/ipc';
import ExploreTable from './ExploreTable.svelte';

const spec: ChartSpec = {
  kind: 'bar',
  title: 'First reply time',
  subtitle: null,
  x: { kind: 'text', labels: ['Email', 'Chat'], keys: ['email', 'chat'] },
  unit: 'minutes',
  series: [{ name: 'All tickets', values: [45, 600], samples: [120, 1], small_sample: [false, true], dashed: false }],
};

describe('Explore table', () => {
  it('marks a value on a small sample with a dagger and says why on hover', () => {
    render(ExploreTable, { spec, name: 'first-reply', onpoint: vi.fn() });
    const cells = screen.getByTestId('explore-table').querySelectorAll('[data-series="0"]');
    const [email, chat] = [...cells];
    expect(email).not.toHaveAttribute('data-small-sample');
    expect(email).not.toHaveTextContent('†');
    expect(chat).toHaveAttribute('data-small-sample', 'true');
    expect(chat).toHaveTextContent('†');
    expect(chat).toHaveAttribute('title', 'Small sample: n = 1, too few to read reliably');
  });
});
