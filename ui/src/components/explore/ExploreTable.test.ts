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

  it('shows a dash for a value the source cannot give, with the reason in the cell and under the table', () => {
    const bySource: ChartSpec = {
      ...spec,
      x: { kind: 'text', labels: ['Support', 'Jira export'], keys: ['Support', 'Jira export'] },
      series: [
        {
          name: 'All tickets',
          values: [45, null],
          samples: [120, 0],
          null_reasons: [null, { code: 'column_not_imported', reason: 'no first reply column' }],
          dashed: false,
        },
      ],
    };
    render(ExploreTable, { spec: bySource, name: 'first-reply', onpoint: vi.fn() });
    const [support, jira] = [...screen.getByTestId('explore-table').querySelectorAll('[data-series="0"]')];
    const reason = 'No value: The imported file had no column for this KPI.';
    expect(support).not.toHaveAttribute('data-null-reason');
    expect(jira).toHaveAttribute('data-null-reason', 'column_not_imported');
    expect(jira).toHaveTextContent('—');
    expect(jira).toHaveAttribute('title', reason);
    expect(screen.getByTestId('null-reasons')).toHaveTextContent(`Jira export: ${reason}`);
  });
});
