import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { setPendingQuery, takePendingQuery } from '../lib/explore/pending';
import { DEFAULT_QUERY } from '../lib/explore/query';
import { stateKey } from '../lib/explore/state';
import * as ipc from '../lib/ipc';
import { workspaceFixture } from '../test/fixtures';
import Explore from './Explore.svelte';

// Only the IPC layer is replaced; formatting, i18n and components are real.
vi.mock(import('../lib/ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  kpiChart: vi.fn(),
  exploreDimensions: vi.fn(),
  dimensionValues: vi.fn(),
}));

const chartMock = vi.mocked(ipc.kpiChart);
const key = stateKey(workspaceFixture.id);

/** Tickets created by channel; the "(none)" group holds nothing. */
const byChannel: ipc.KpiChart = {
  report: {
    range: { from: '2025-03-01', to: '2025-03-30', tz: 'Europe/Berlin' },
    hours: 'calendar',
    filters: {},
    kpis: { tickets_created: { value: 625 } },
  },
  chart: {
    kind: 'bar',
    title: 'Tickets created',
    subtitle: null,
    x: { kind: 'text', labels: ['Email', 'Web form', '(none)'], keys: ['email', 'web', null] },
    unit: 'count',
    series: [{ name: 'Tickets created', values: [505, 120, null], samples: [505, 120, null], dashed: false }],
  },
};

function lastQuery() {
  const [period, request] = chartMock.mock.lastCall ?? [];
  return { period, request };
}

describe('Explore keeps its work', () => {
  beforeEach(() => {
    localStorage.clear();
    takePendingQuery();
    chartMock.mockReset();
    chartMock.mockResolvedValue(byChannel);
    vi.mocked(ipc.exploreDimensions).mockResolvedValue([
      { name: 'channel', label: null },
      { name: 'assignee', label: null },
    ]);
    vi.mocked(ipc.dimensionValues).mockResolvedValue([{ key: '7', label: 'Dana Kim', tickets: 40 }]);
  });

  it('comes back to the same KPI, breakdown, period, view and labels after leaving the screen', async () => {
    const first = render(Explore, { workspace: workspaceFixture });
    await fireEvent.change(await screen.findByTestId('explore-kpi'), { target: { value: 'csat' } });
    await fireEvent.change(screen.getByTestId('explore-every'), { target: { value: 'week' } });
    await fireEvent.change(screen.getByTestId('period-preset'), { target: { value: 'last_90_days' } });
    await fireEvent.click(screen.getByTestId('view-line'));
    await fireEvent.click(screen.getByTestId('explore-labels'));
    first.unmount();

    chartMock.mockClear();
    render(Explore, { workspace: workspaceFixture });
    expect(screen.getByTestId('explore-kpi')).toHaveValue('csat');
    expect(screen.getByTestId('explore-every')).toHaveValue('week');
    expect(screen.getByTestId('view-line')).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByTestId('explore-labels')).toBeChecked();
    await waitFor(() => expect(chartMock).toHaveBeenCalled());
    expect(lastQuery().period, 'a preset stays a preset').toEqual({ kind: 'last_90_days' });
    expect(lastQuery().request).toMatchObject({ kpis: ['csat'], every: 'week', by: 'channel' });
  });

  it('starts from what was stored (as after a restart), a gone dimension dropped', async () => {
    localStorage.setItem(
      key,
      JSON.stringify({
        query: { ...DEFAULT_QUERY, kpi: 'tickets_solved', by: 'field:9', filters: { 'field:9': ['gold'], assignee: ['7'] } },
        view: 'table',
        labels: false,
      }),
    );
    render(Explore, { workspace: workspaceFixture });
    expect(screen.getByTestId('explore-kpi')).toHaveValue('tickets_solved');
    await waitFor(() => expect(lastQuery().request).toMatchObject({ by: 'channel', filters: ['assignee=7'] }));
    const chip = within(await screen.findByTestId('filter-assignee')).getByTestId('filter-chip');
    await waitFor(() => expect(chip).toHaveTextContent('Assignee: Dana Kim'));
    expect(JSON.parse(localStorage.getItem(key) ?? '{}').query.filters).toEqual({ assignee: ['7'] });
  });

  it('opens with a query another screen left, and keeps that one', async () => {
    localStorage.setItem(key, JSON.stringify({ query: { ...DEFAULT_QUERY, kpi: 'csat' }, view: 'bar', labels: false }));
    setPendingQuery({ ...DEFAULT_QUERY, kpi: 'tickets_solved', by: null, filters: { assignee: ['7'] } });
    render(Explore, { workspace: workspaceFixture });
    expect(screen.getByTestId('explore-kpi')).toHaveValue('tickets_solved');
    await waitFor(() => expect(JSON.parse(localStorage.getItem(key) ?? '{}').query.kpi).toBe('tickets_solved'));
  });

  it('keeps each workspace to itself', async () => {
    localStorage.setItem(key, JSON.stringify({ query: { ...DEFAULT_QUERY, kpi: 'csat' }, view: 'bar', labels: false }));
    render(Explore, { workspace: { ...workspaceFixture, id: 'another-database' } });
    expect(screen.getByTestId('explore-kpi')).toHaveValue(DEFAULT_QUERY.kpi);
  });

  it('draws no row for an empty "(none)" group', async () => {
    localStorage.setItem(key, JSON.stringify({ query: DEFAULT_QUERY, view: 'table', labels: false }));
    render(Explore, { workspace: workspaceFixture });
    const table = await screen.findByTestId('explore-table');
    const rows = [...table.querySelectorAll('tbody tr')].map((row) => row.getAttribute('data-label'));
    expect(rows).toEqual(['Email', 'Web form']);
  });
});
