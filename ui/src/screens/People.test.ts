import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { setPendingQuery, takePendingQuery } from '../lib/explore/pending';
import * as ipc from '../lib/ipc';
import { peopleTableFixture, workspaceFixture } from '../test/fixtures';
import Explore from './Explore.svelte';
import People from './People.svelte';

// Only the IPC layer is replaced; formatting, i18n and components are real.
vi.mock(import('../lib/ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  peopleTable: vi.fn(),
  kpiChart: vi.fn(),
  exploreDimensions: vi.fn(),
}));

const tableMock = vi.mocked(ipc.peopleTable);
const rowLabels = () => screen.getAllByTestId('people-row').map((row) => row.querySelector('th')?.textContent?.trim());

describe('Agents & groups screen', () => {
  beforeEach(() => {
    tableMock.mockReset();
    tableMock.mockResolvedValue(peopleTableFixture);
    takePendingQuery();
  });

  it('asks for agents over the last 4 full weeks, then groups on the toggle', async () => {
    render(People, { workspace: workspaceFixture });
    await screen.findByTestId('people-table');
    expect(tableMock).toHaveBeenCalledWith(
      { kind: 'last_4_full_weeks' },
      expect.objectContaining({ by: null, every: null, kpis: [], filters: [], hours: 'calendar' }),
      'assignee',
    );
    await fireEvent.click(screen.getByTestId('people-by-group'));
    await waitFor(() => expect(tableMock).toHaveBeenLastCalledWith({ kind: 'last_4_full_weeks' }, expect.anything(), 'group'));
    expect(screen.getByTestId('people-by-group')).toHaveAttribute('aria-checked', 'true');
  });

  it('draws the partial last week of each trend hollow, named in its tooltip', async () => {
    render(People, { workspace: workspaceFixture });
    await screen.findByTestId('people-table');
    const rows = peopleTableFixture.rows.filter((row) => row.cells[0]?.trend[1] !== null).length;
    const hollow = screen.getAllByTestId('sparkline-partial');
    expect(hollow).toHaveLength(rows);
    expect(hollow[0]?.querySelector('title')?.textContent).toBe('Partial period');
  });

  it('shows formatted cells, the team median and colours against it', async () => {
    render(People, { workspace: workspaceFixture });
    const median = await screen.findByTestId('people-median');
    expect(median).toHaveTextContent('Team median');
    expect(median).toHaveTextContent('1 h');
    expect(rowLabels()).toEqual(['Anna Kim', '<b>Борис</b>', 'José Park']);
    const anna = screen.getAllByTestId('people-row')[0]!;
    const csat = anna.querySelector('[data-kpi="csat"]')!;
    expect(csat).toHaveTextContent('95.0%');
    expect(csat).toHaveTextContent('n = 20');
    // 20 ratings: a small sample, never shaded, marked with a dagger, the reason on hover.
    expect(csat).toHaveAttribute('data-comparison', 'unclear');
    expect(csat).toHaveAttribute('data-small-sample', 'true');
    expect(csat).toHaveTextContent('†');
    expect(csat).toHaveAttribute('title', '95.0% (n = 20): too few to compare with the team’s 87.5%');
    const reply = anna.querySelector('[data-kpi="first_reply_time"]')!;
    expect(reply).toHaveTextContent('45 min');
    expect(reply).toHaveAttribute('data-comparison', 'better');
    expect(reply).toHaveAttribute('title', '45 min (n = 40); 95% interval 36 min–54 min excludes the team’s 1 h');
    const jose = screen.getAllByTestId('people-row')[2]!;
    expect(jose.querySelector('[data-kpi="tickets_solved"]')).toHaveAttribute('data-comparison', 'worse');
    expect(jose.querySelector('[data-kpi="first_reply_time"]')).toHaveAttribute('data-comparison', 'unclear');
    expect(jose.querySelector('[data-kpi="csat"]')).toHaveAttribute('data-comparison', 'none');
    // A name is text, never markup.
    expect(screen.getAllByTestId('people-row')[1]?.querySelector('b')).toBeNull();
    expect(within(anna).getByRole('img')).toHaveAccessibleName('Solved by week: 12, 18');
  });

  it('sorts on a header click and on Enter, with aria-sort', async () => {
    render(People, { workspace: workspaceFixture });
    await screen.findByTestId('people-table');
    const header = screen.getByTestId('sort-first_reply_time');
    await fireEvent.click(header);
    expect(header.closest('th')).toHaveAttribute('aria-sort', 'descending');
    expect(rowLabels()).toEqual(['José Park', '<b>Борис</b>', 'Anna Kim']);
    await fireEvent.click(header);
    expect(header.closest('th')).toHaveAttribute('aria-sort', 'ascending');
    expect(rowLabels()).toEqual(['Anna Kim', '<b>Борис</b>', 'José Park']);
    expect(screen.getByTestId('sort-tickets_solved').closest('th')).toHaveAttribute('aria-sort', 'none');
    // Headers are buttons: Enter activates them as a click does.
    expect(screen.getByTestId('sort-label').tagName).toBe('BUTTON');
  });

  it('filters rows by name and says when nothing matches', async () => {
    render(People, { workspace: workspaceFixture });
    await screen.findByTestId('people-table');
    await fireEvent.input(screen.getByTestId('people-search'), { target: { value: 'jose' } });
    expect(rowLabels()).toEqual(['José Park']);
    expect(screen.getByTestId('people-count')).toHaveTextContent('1 of 3');
    await fireEvent.input(screen.getByTestId('people-search'), { target: { value: 'nobody' } });
    expect(screen.getByTestId('people-no-match')).toHaveTextContent('No names match “nobody”.');
  });

  it('shows an empty state and an error with retry', async () => {
    tableMock.mockResolvedValueOnce({ ...peopleTableFixture, rows: [] });
    const { unmount } = render(People, { workspace: workspaceFixture });
    expect(await screen.findByTestId('people-empty')).toBeInTheDocument();
    unmount();
    tableMock.mockRejectedValueOnce({ code: 'internal', message: 'the analytics engine failed' });
    render(People, { workspace: workspaceFixture });
    expect(await screen.findByTestId('error-state')).toHaveTextContent('the analytics engine failed');
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('people-table')).toBeInTheDocument();
  });

  it('opens a row in Explore filtered to it, and Explore starts from that query', async () => {
    const onexplore = vi.fn();
    render(People, { workspace: workspaceFixture, onexplore });
    await screen.findByTestId('people-table');
    await fireEvent.click(screen.getByTestId('sort-csat'));
    await fireEvent.click(screen.getByRole('button', { name: 'José Park' }));
    expect(onexplore).toHaveBeenCalledOnce();
    const pending = takePendingQuery();
    expect(pending).toMatchObject({ kpi: 'csat', by: null, every: 'week', filters: { assignee: ['103'] } });

    vi.mocked(ipc.exploreDimensions).mockResolvedValue([]);
    vi.mocked(ipc.kpiChart).mockReturnValue(new Promise(() => {}));
    setPendingQuery(pending!);
    render(Explore, { workspace: workspaceFixture });
    await waitFor(() =>
      expect(ipc.kpiChart).toHaveBeenCalledWith(
        { kind: 'last_4_full_weeks' },
        expect.objectContaining({ filters: ['assignee=103'], kpis: ['csat'], every: 'week', by: null }),
        expect.objectContaining({ kpi: 'csat' }),
      ),
    );
    expect(takePendingQuery()).toBeNull();
  });
});
