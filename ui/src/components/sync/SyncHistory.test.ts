import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';

import { runsFixture } from '../../test/fixtures';
import SyncHistory from './SyncHistory.svelte';

describe('SyncHistory', () => {
  it('renders one row per run with outcome badge, totals and errors', () => {
    render(SyncHistory, { runs: runsFixture });
    const table = screen.getByTestId('sync-history');
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent?.trim())).toEqual([
      'Started',
      'Source',
      'Duration',
      'Outcome',
      'Records',
      'Skipped',
      'Error',
    ]);
    const rows = screen.getAllByTestId('history-row');
    expect(rows.map((row) => row.dataset.outcome)).toEqual(['running', 'failed', 'succeeded']);
    expect(rows.map((row) => row.dataset.records)).toEqual(['0', '200', '12402']);

    const cells = (index: number) => within(rows[index]!).getAllByRole('cell').map((cell) => cell.textContent?.trim());
    expect(cells(2).slice(1)).toEqual(['Acme support', '42 s', 'Succeeded', '12,402', '3', '']);
    expect(cells(1)[6]).toBe('Zendesk refused the credentials (401): check the email and the API token');
    expect(cells(0)[2]).toBe('—');
    expect(within(rows[1]!).getByText('Failed')).toHaveClass('badge', 'failed');
  });

  it('says when there is no history yet', () => {
    render(SyncHistory, { runs: [] });
    expect(screen.getByTestId('history-empty')).toHaveTextContent('No syncs yet.');
  });

  it('shows a load error as text', () => {
    render(SyncHistory, { runs: null, error: 'database is locked' });
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the sync history: database is locked');
  });
});
