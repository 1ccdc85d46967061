import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as ipc from '../lib/ipc';
import { overviewFixture, workspaceFixture } from '../test/fixtures';
import Overview from './Overview.svelte';

// Only the IPC layer is replaced; everything else (formatting, i18n, components) is real.
vi.mock(import('../lib/ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  overview: vi.fn(),
  openWorkspace: vi.fn(),
  onMenu: vi.fn(async () => () => {}),
}));

const overviewMock = vi.mocked(ipc.overview);

describe('Overview screen', () => {
  beforeEach(() => {
    overviewMock.mockReset();
    overviewMock.mockResolvedValue(overviewFixture);
  });

  it('asks the core for the last 4 full weeks by default', async () => {
    render(Overview, { workspace: workspaceFixture });
    await screen.findAllByTestId('kpi-card');
    expect(overviewMock).toHaveBeenCalledWith({ period: { kind: 'last_4_full_weeks' }, tz: null });
  });

  it('renders the six cards in order with raw headlines', async () => {
    render(Overview, { workspace: workspaceFixture });
    const cards = await screen.findAllByTestId('kpi-card');
    expect(cards.map((card) => card.dataset.kpi)).toEqual([
      'tickets_created',
      'tickets_solved',
      'tickets_unsolved',
      'first_reply_time',
      'full_resolution_time',
      'csat',
    ]);
    expect(cards.map((card) => card.getAttribute('data-headline'))).toEqual(['1234', '1180', '96', '85.2', '', '0.8734']);
    expect(cards.map((card) => card.querySelector('[data-testid="kpi-headline"]')?.textContent)).toEqual([
      '1,234',
      '1,180',
      '96',
      '1 h 25 min',
      '—',
      '87.3%',
    ]);
    expect(cards[4]).toHaveTextContent('No data in this period');
    expect(cards[0]?.querySelector('[data-testid="kpi-change"]')).toHaveAttribute('data-tone', 'bad');
    expect(cards[3]?.querySelector('[data-testid="kpi-change"]')).toHaveAttribute('data-tone', 'good');
    // Unsolved tickets depend on now: a weekly trend, no change against the previous period.
    expect(cards[2]?.querySelector('[data-testid="kpi-change"]')).toBeNull();
    expect(cards[2]?.querySelector('[data-testid="kpi-trend"]')).not.toBeNull();
    // CSAT changes in percentage points, grey within the noise.
    const csat = cards[5]?.querySelector('[data-testid="kpi-change"]');
    expect(csat).toHaveTextContent('+2.3 pp');
    expect(csat).toHaveAttribute('data-tone', 'neutral');
    expect(cards[5]?.querySelector('[data-testid="small-sample"]')).toBeNull();
  });

  it('says under a card why its KPI has no value when the sources cannot give it', async () => {
    const imported = overviewFixture.cards.map((card) =>
      card.kpi === 'first_reply_time'
        ? {
            ...card,
            headline: null,
            current: {
              unit: 'minutes' as const,
              n: 0,
              mean: null,
              median: null,
              p90: null,
              small_sample: false,
              null_reason: { code: 'column_not_imported' as const, reason: 'no first reply column' },
            },
          }
        : card,
    );
    overviewMock.mockResolvedValue({ ...overviewFixture, cards: imported });
    render(Overview, { workspace: workspaceFixture });
    const cards = await screen.findAllByTestId('kpi-card');
    const card = cards.find((c) => c.dataset.kpi === 'first_reply_time');
    expect(card?.querySelector('[data-testid="kpi-headline"]')).toHaveTextContent('—');
    expect(card).toHaveAttribute('data-null-reason', 'true');
    // Visible text, not only a tooltip.
    expect(card).toHaveTextContent('No value: The imported file had no column for this KPI.');
  });

  it('shows the resolved and previous ranges', async () => {
    render(Overview, { workspace: workspaceFixture });
    const label = await screen.findByTestId('range-label');
    expect(label).toHaveAttribute('data-from', '2025-03-01');
    expect(label).toHaveAttribute('data-to', '2025-03-30');
    expect(label.textContent?.replace(/\s+/g, ' ').trim()).toBe('Mar 1 – 30, 2025');
    expect(screen.getByTestId('range-previous')).toHaveTextContent('compared with Jan 30 – Feb 28, 2025');
  });

  it('shows the six charts with translated titles, each with an export menu', async () => {
    render(Overview, { workspace: workspaceFixture });
    await screen.findAllByTestId('kpi-card');
    const ids = ['volume', 'first_reply', 'resolution', 'csat', 'sla', 'arrivals'];
    const panels = ids.map((id) => screen.getByTestId(`overview-chart-${id}`));
    expect(panels.map((p) => p.querySelector('h2')?.textContent)).toEqual([
      'Created, solved and backlog by week',
      'First reply time by week',
      'Resolution time by week',
      'CSAT by week (95% interval)',
      'SLA achievement by metric',
      'Tickets created by weekday and hour',
    ]);
    expect(panels.every((p) => p.querySelector('[data-testid="export-menu"]'))).toBe(true);
  });

  it('disables Refresh while loading, saying so, and an empty chart\'s export', async () => {
    const empty = { ...overviewFixture.charts.sla, series: [] };
    overviewMock.mockResolvedValue({ ...overviewFixture, charts: { ...overviewFixture.charts, sla: empty } });
    render(Overview, { workspace: workspaceFixture });
    const refresh = screen.getByRole('button', { name: 'Refresh' });
    expect(refresh).toBeDisabled();
    expect(refresh).toHaveAccessibleDescription('Loading already');
    await screen.findAllByTestId('kpi-card');
    await waitFor(() => expect(refresh).toBeEnabled());
    expect(refresh).toHaveAttribute('title', 'Refresh (R or F5)');
    const sla = screen.getByTestId('overview-chart-sla').querySelector('[data-testid="export-menu"]');
    expect(sla).toBeDisabled();
    expect(sla).toHaveAccessibleDescription('Nothing to export for this period');
  });

  it('reloads when another preset is picked', async () => {
    render(Overview, { workspace: workspaceFixture });
    await screen.findAllByTestId('kpi-card');
    await fireEvent.change(screen.getByTestId('period-preset'), { target: { value: 'last_90_days' } });
    await waitFor(() =>
      expect(overviewMock).toHaveBeenLastCalledWith({ period: { kind: 'last_90_days' }, tz: null }),
    );
  });

  it('validates a custom range before asking the core', async () => {
    render(Overview, { workspace: workspaceFixture });
    await screen.findAllByTestId('kpi-card');
    await fireEvent.change(screen.getByTestId('period-preset'), { target: { value: 'custom' } });
    const from = screen.getByTestId('range-from') as HTMLInputElement;
    const to = screen.getByTestId('range-to') as HTMLInputElement;
    expect(from.value).toBe('2025-03-01');
    await fireEvent.input(from, { target: { value: '2025-03-20' } });
    await fireEvent.input(to, { target: { value: '2025-03-10' } });
    await fireEvent.click(screen.getByTestId('range-apply'));
    expect(await screen.findByTestId('range-error')).toHaveTextContent('on or before');
    expect(overviewMock).toHaveBeenCalledTimes(1);

    await fireEvent.input(to, { target: { value: '2025-03-25' } });
    await fireEvent.click(screen.getByTestId('range-apply'));
    await waitFor(() =>
      expect(overviewMock).toHaveBeenLastCalledWith({
        period: { kind: 'custom', from: '2025-03-20', to: '2025-03-25' },
        tz: null,
      }),
    );
  });

  it('shows the newest period’s numbers when an older answer comes back after it', async () => {
    const answers: Array<(screen: typeof overviewFixture) => void> = [];
    overviewMock.mockImplementation(() => new Promise((resolve) => answers.push(resolve)));
    render(Overview, { workspace: workspaceFixture });
    await waitFor(() => expect(answers).toHaveLength(1));
    await fireEvent.change(screen.getByTestId('period-preset'), { target: { value: 'last_90_days' } });
    await waitFor(() => expect(answers).toHaveLength(2));
    const newer = { ...overviewFixture, range: { ...overviewFixture.range, from: '2025-01-01' } };
    answers[1]!(newer);
    await waitFor(() => expect(screen.getByTestId('range-label')).toHaveAttribute('data-from', '2025-01-01'));
    answers[0]!(overviewFixture);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.getByTestId('range-label')).toHaveAttribute('data-from', '2025-01-01');
    expect(screen.getByTestId('overview')).toHaveAttribute('aria-busy', 'false');
  });

  it('shows the core error with a working Retry', async () => {
    overviewMock.mockRejectedValueOnce({ code: 'invalid_input', message: 'range too long' });
    render(Overview, { workspace: workspaceFixture });
    expect(await screen.findByRole('alert')).toHaveTextContent('range too long');
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('kpi-card')).toHaveLength(6);
  });
});
