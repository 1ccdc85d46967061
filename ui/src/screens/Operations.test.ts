import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { en } from '../lib/i18n/en';
import { ko } from '../lib/i18n/ko';
import { ru } from '../lib/i18n/ru';
import { takePendingQuery } from '../lib/explore/pending';
import * as ipc from '../lib/ipc';
import { DEFAULT_OPERATIONS_QUERY, loadOperations, operationsKey, parseStuckDays } from '../lib/operations/query';
import { workspaceFixture } from '../test/fixtures';
import { forecastFixture, staffingFixture } from '../test/forecastFixtures';
import {
  anomalyFixture,
  backlogFixture,
  backlogSinceReplyFixture,
  backlogWithoutHistoryFixture,
  flowFixture,
  flowWithoutHistoryFixture,
  noAnomalyFixture,
  themeAnomalyFixture,
} from '../test/operationsFixtures';
import Operations from './Operations.svelte';

// Only the IPC layer is replaced; formatting, i18n and components are real.
vi.mock(import('../lib/ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  backlog: vi.fn(),
  flow: vi.fn(),
  anomalies: vi.fn(),
  forecast: vi.fn(),
  staffing: vi.fn(),
  themeAnomalies: vi.fn(),
  ticketList: vi.fn(),
  flowTickets: vi.fn(),
  exploreDimensions: vi.fn(),
  openTicket: vi.fn(),
}));

const backlogMock = vi.mocked(ipc.backlog);
const flowMock = vi.mocked(ipc.flow);
const anomaliesMock = vi.mocked(ipc.anomalies);
const forecastMock = vi.mocked(ipc.forecast);
const staffingMock = vi.mocked(ipc.staffing);
const request = { from: null, to: null, tz: null, filters: [], kpis: [], hours: null, top: null };

describe('Operations screen', () => {
  beforeEach(() => {
    localStorage.clear();
    backlogMock.mockReset();
    backlogMock.mockResolvedValue(backlogFixture);
    flowMock.mockReset();
    flowMock.mockResolvedValue(flowFixture);
    anomaliesMock.mockReset();
    anomaliesMock.mockResolvedValue(anomalyFixture);
    forecastMock.mockReset();
    forecastMock.mockResolvedValue(forecastFixture);
    staffingMock.mockReset();
    staffingMock.mockResolvedValue(staffingFixture);
    vi.mocked(ipc.exploreDimensions).mockResolvedValue([
      { name: 'group', label: null },
      { name: 'channel', label: null },
      { name: 'tag', label: null },
      { name: 'field:360001', label: 'Plan' },
    ]);
    vi.mocked(ipc.openTicket).mockReset();
    vi.mocked(ipc.openTicket).mockResolvedValue();
  });

  it('asks for the weekly backlog with 7 stuck days and the time in status by group', async () => {
    render(Operations, { workspace: workspaceFixture });
    await screen.findByTestId('ops-result');
    expect(backlogMock).toHaveBeenCalledWith({ kind: 'last_4_full_weeks' }, { ...request, every: 'week', by: null }, 7, 'created');
    expect(flowMock).toHaveBeenCalledWith({ kind: 'last_4_full_weeks' }, { ...request, every: null, by: 'group' });
  });

  it('shows the sections in order with their charts, each exporting, and translated titles', async () => {
    render(Operations, { workspace: workspaceFixture });
    await screen.findByTestId('ops-result');
    const sections = ['ops-backlog', 'ops-stuck', 'ops-time', 'ops-handoffs', 'ops-anomalies'];
    const headings = sections.map((id) => screen.getByTestId(id).querySelector('h2')?.textContent);
    expect(headings).toEqual(['Backlog over time', 'Stuck tickets', 'Time in status', 'Handoffs', 'What changed']);
    for (const id of ['ops-chart-backlog', 'ops-chart-time', 'ops-chart-transfers']) {
      const chart = screen.getByTestId(id);
      expect(chart).toHaveAttribute('data-empty', 'false');
      expect(within(chart).getByTestId('export-menu')).toBeInTheDocument();
    }
    // Sections come in the screen's order.
    const order = [...document.querySelectorAll('[data-testid^="ops-"]')].map((e) => e.getAttribute('data-testid'));
    expect(order.filter((id) => sections.includes(id!))).toEqual(sections);
    expect(screen.getByTestId('ops-chart-backlog')).toHaveTextContent('Backlog by age');
    expect(screen.getByTestId('ops-chart-time')).toHaveTextContent('Median time in status');
    expect(screen.queryByTestId('ops-no-history')).toBeNull();
  });

  it('lists stuck tickets as text with their count, and opens one in the helpdesk', async () => {
    render(Operations, { workspace: workspaceFixture });
    const rows = await screen.findAllByTestId('stuck-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('#1042');
    expect(rows[0]).toHaveTextContent('Pending');
    expect(rows[0]).toHaveTextContent('<b>Борис</b>');
    expect(rows[0]?.querySelector('b')).toBeNull();
    expect(rows[1]).toHaveTextContent('On hold');
    expect(screen.getByTestId('ops-stuck-count')).toHaveTextContent('2 stuck tickets');
    await fireEvent.click(within(rows[0]!).getByRole('button', { name: '#1042' }));
    expect(vi.mocked(ipc.openTicket)).toHaveBeenCalledExactlyOnceWith(1, 1042);
    await fireEvent.click(rows[1]!);
    expect(vi.mocked(ipc.openTicket)).toHaveBeenLastCalledWith(1, 1077);
  });

  it('asks the backlog again, not the flow, when the stuck days change, and keeps the choice', async () => {
    render(Operations, { workspace: workspaceFixture });
    await screen.findByTestId('ops-result');
    const flowCalls = flowMock.mock.calls.length;
    const input = screen.getByTestId('ops-stuck-days');
    await fireEvent.input(input, { target: { value: '14' } });
    await waitFor(() => expect(backlogMock).toHaveBeenLastCalledWith(expect.anything(), expect.anything(), 14, 'created'));
    // Not a whole number of days: nothing is asked.
    const backlogCalls = backlogMock.mock.calls.length;
    await fireEvent.input(input, { target: { value: '2.5' } });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(backlogMock).toHaveBeenCalledTimes(backlogCalls);
    expect(flowMock).toHaveBeenCalledTimes(flowCalls);
    expect(loadOperations(localStorage, operationsKey(workspaceFixture.id)).stuckDays).toBe(14);
  });

  it('breaks the backlog down and switches the time in status to agents', async () => {
    render(Operations, { workspace: workspaceFixture });
    await screen.findByTestId('ops-result');
    await waitFor(() => expect(screen.getByTestId('ops-by').querySelectorAll('option')).toHaveLength(3));
    await fireEvent.change(screen.getByTestId('ops-by'), { target: { value: 'group' } });
    await fireEvent.change(screen.getByTestId('ops-every'), { target: { value: 'day' } });
    await waitFor(() =>
      expect(backlogMock).toHaveBeenLastCalledWith(expect.anything(), expect.objectContaining({ by: 'group', every: 'day' }), 7, 'created'),
    );
    await fireEvent.click(screen.getByTestId('ops-owner-assignee'));
    await waitFor(() => expect(flowMock).toHaveBeenLastCalledWith(expect.anything(), expect.objectContaining({ by: 'assignee' })));
    expect(loadOperations(localStorage, operationsKey(workspaceFixture.id))).toMatchObject({
      by: 'group',
      every: 'day',
      owner: 'assignee',
    });
  });

  it('offers no breakdown a ticket can have several values of, and drops a kept one', async () => {
    localStorage.setItem(operationsKey(workspaceFixture.id), JSON.stringify({ by: 'tag' }));
    render(Operations, { workspace: workspaceFixture });
    await screen.findByTestId('ops-result');
    expect(backlogMock).toHaveBeenCalledTimes(1);
    expect(backlogMock).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ by: null }), 7, 'created');
    const options = [...screen.getByTestId('ops-by').querySelectorAll('option')].map((o) => o.value);
    expect(options).toEqual(['', 'group', 'channel']);
  });

  it('comes back to the kept choices on the next visit', async () => {
    localStorage.setItem(
      operationsKey(workspaceFixture.id),
      JSON.stringify({ every: 'month', by: 'channel', owner: 'assignee', stuckDays: 30 }),
    );
    render(Operations, { workspace: workspaceFixture });
    await screen.findByTestId('ops-result');
    expect(backlogMock).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ every: 'month', by: 'channel' }), 30, 'created');
    expect(screen.getByTestId('ops-stuck-days')).toHaveValue(30);
  });

  it('ages the backlog since the last public reply on request, with its no-reply band, and keeps the choice', async () => {
    render(Operations, { workspace: workspaceFixture });
    await screen.findByTestId('ops-result');
    const created = screen.getByTestId('ops-age-from-created');
    expect(created).toHaveAttribute('aria-checked', 'true');
    expect(created).toHaveTextContent('Creation');
    backlogMock.mockResolvedValue(backlogSinceReplyFixture);
    const flowCalls = flowMock.mock.calls.length;
    await fireEvent.click(screen.getByTestId('ops-age-from-last_reply'));
    await waitFor(() => expect(backlogMock).toHaveBeenLastCalledWith(expect.anything(), expect.anything(), 7, 'last_reply'));
    await waitFor(() =>
      expect(screen.getByTestId('ops-chart-backlog')).toHaveTextContent('Backlog by time since the last public reply'),
    );
    expect(screen.getByTestId('ops-age-from-last_reply')).toHaveAttribute('aria-checked', 'true');
    expect(flowMock).toHaveBeenCalledTimes(flowCalls);
    expect(loadOperations(localStorage, operationsKey(workspaceFixture.id)).ageFrom).toBe('last_reply');
  });

  it('comes back to the age since the last reply kept for the workspace', async () => {
    localStorage.setItem(operationsKey(workspaceFixture.id), JSON.stringify({ ageFrom: 'last_reply' }));
    render(Operations, { workspace: workspaceFixture });
    await screen.findByTestId('ops-result');
    expect(backlogMock).toHaveBeenCalledWith(expect.anything(), expect.anything(), 7, 'last_reply');
  });

  it('shows the time in status table and says why business minutes are empty', async () => {
    render(Operations, { workspace: workspaceFixture });
    const rows = await screen.findAllByTestId('time-row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('Billing');
    expect(rows[1]).toHaveTextContent('Pending');
    expect(rows[1]).toHaveTextContent('2 d');
    expect(rows[1]).toHaveTextContent('5 d');
    expect(screen.getByTestId('ops-business-note')).toHaveTextContent('without a business-hours schedule');
  });

  it('shows the business median and 90th percentile when every source has a schedule', async () => {
    const business = { unit: 'minutes' as const, n: 12, mean: 300, median: 240, p90: 960, small_sample: false };
    const report = {
      ...flowFixture.report,
      time_in_status: flowFixture.report.time_in_status.map((row) => ({ ...row, business })),
      business_null_reason: null,
      business_gap: null,
    };
    flowMock.mockResolvedValue({ ...flowFixture, report });
    render(Operations, { workspace: workspaceFixture });
    const rows = await screen.findAllByTestId('time-row');
    expect(rows[1]).toHaveTextContent('4 h');
    expect(rows[1]).toHaveTextContent('16 h');
    expect(screen.queryByTestId('ops-business-note')).toBeNull();
  });

  it('formats the handoffs for the locale and lists the transfers', async () => {
    render(Operations, { workspace: workspaceFixture });
    expect(await screen.findByTestId('handoff-solved')).toHaveTextContent('120');
    expect(screen.getByTestId('handoff-groups')).toHaveTextContent('0.35');
    expect(screen.getByTestId('handoff-assignees')).toHaveTextContent('1.2');
    expect(screen.getByTestId('handoff-two')).toHaveTextContent('7.5%');
    const transfers = screen.getAllByTestId('transfer-row');
    expect(transfers[0]).toHaveTextContent('Billing');
    expect(transfers[0]).toHaveTextContent('Tier 2');
    expect(transfers[0]).toHaveTextContent('14');
  });

  it('says how to get a status history when there is none', async () => {
    backlogMock.mockResolvedValue(backlogWithoutHistoryFixture);
    flowMock.mockResolvedValue(flowWithoutHistoryFixture);
    render(Operations, { workspace: workspaceFixture });
    const message = await screen.findByTestId('ops-no-history');
    expect(message).toHaveTextContent('A Zendesk source records its tickets’ history from its next sync');
    expect(message).toHaveTextContent('Freshdesk sources and imported files have none');
    expect(screen.getByTestId('ops-chart-backlog')).toHaveAttribute('data-empty', 'true');
    expect(screen.getByTestId('stuck-empty')).toBeInTheDocument();
    expect(screen.getByTestId('handoff-groups')).toHaveTextContent('—');
  });

  it('lists what changed daily in total, each value in its measure, and asks again on the toggles', async () => {
    render(Operations, { workspace: workspaceFixture });
    const rows = await screen.findAllByTestId('anomaly-row');
    expect(anomaliesMock).toHaveBeenCalledWith({ kind: 'last_4_full_weeks' }, { ...request, every: 'day', by: null });
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Tickets created');
    expect(rows[0]).toHaveTextContent('Email');
    expect(rows[0]).toHaveTextContent('180');
    expect(rows[0]).toHaveTextContent('+85');
    expect(rows[0]).toHaveTextContent('6.2');
    expect(rows[1]).toHaveTextContent('All tickets');
    expect(rows[2]).toHaveTextContent('(none)');
    expect(rows[2]).toHaveTextContent('31.0%');
    expect(rows[2]).toHaveTextContent('-21.0 pp');
    const notScored = screen.getByTestId('anomalies-not-scored');
    expect(notScored).not.toHaveAttribute('open');
    expect(notScored).toHaveTextContent('1 series not scored');
    expect(notScored).toHaveTextContent('CSAT · Chat: too few ratings in a typical day');
    await fireEvent.click(screen.getByTestId('ops-anomaly-every-week'));
    await fireEvent.click(screen.getByTestId('ops-anomaly-by-group'));
    await waitFor(() =>
      expect(anomaliesMock).toHaveBeenLastCalledWith(expect.anything(), expect.objectContaining({ every: 'week', by: 'group' })),
    );
    expect(backlogMock).toHaveBeenCalledTimes(1);
    expect(loadOperations(localStorage, operationsKey(workspaceFixture.id))).toMatchObject({
      anomalyEvery: 'week',
      anomalyBy: 'group',
    });
  });

  it('judges the feedback themes only when asked, shows their shares in points, and their words as text', async () => {
    const themesMock = vi.mocked(ipc.themeAnomalies);
    themesMock.mockReset();
    themesMock.mockResolvedValue(themeAnomalyFixture);
    render(Operations, { workspace: workspaceFixture });
    await screen.findAllByTestId('anomaly-row');
    expect(themesMock).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('ops-themes-run'));
    const rows = await screen.findAllByTestId('theme-anomaly-row');
    expect(themesMock).toHaveBeenCalledWith({ kind: 'last_4_full_weeks' }, { ...request, every: 'day', by: null });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('<b>refund</b> · not received EN');
    expect(rows[0]!.querySelector('b')).toBeNull();
    expect(rows[0]).toHaveTextContent('30.0%');
    expect(rows[0]).toHaveTextContent('+20.0 pp');
    expect(rows[0]).toHaveTextContent('30 of 100');
    expect(screen.getByTestId('themes-not-scored')).toHaveTextContent('Themes not scored: 1');
    await fireEvent.click(screen.getByTestId('ops-anomaly-every-week'));
    await waitFor(() => expect(themesMock).toHaveBeenLastCalledWith(expect.anything(), expect.objectContaining({ every: 'week' })));
  });

  it('says nothing moved when no anomaly is found', async () => {
    anomaliesMock.mockResolvedValue(noAnomalyFixture);
    render(Operations, { workspace: workspaceFixture });
    expect(await screen.findByTestId('anomalies-empty')).toHaveTextContent('Nothing moved beyond its usual pattern.');
    expect(screen.queryByTestId('anomalies-not-scored')).toBeNull();
  });

  it('opens Explore around an anomaly, and lists its tickets', async () => {
    const onexplore = vi.fn();
    vi.mocked(ipc.ticketList).mockResolvedValue({ total: 0, offset: 0, rows: [] });
    render(Operations, { workspace: workspaceFixture, onexplore });
    const rows = await screen.findAllByTestId('anomaly-row');
    await fireEvent.click(within(rows[0]!).getByTestId('anomaly-explore'));
    expect(onexplore).toHaveBeenCalledOnce();
    expect(takePendingQuery()).toMatchObject({
      kpi: 'tickets_created',
      by: 'channel',
      every: 'day',
      period: { kind: 'custom', from: '2025-02-26', to: '2025-03-26' },
    });
    await fireEvent.click(within(rows[0]!).getByTestId('anomaly-tickets'));
    await waitFor(() =>
      expect(vi.mocked(ipc.ticketList)).toHaveBeenCalledWith(
        expect.objectContaining({ kpi: 'tickets_created', key: 'email', period: '2025-03-12' }),
      ),
    );
    expect(await screen.findByRole('dialog')).toHaveTextContent('Tickets created · Email');
  });

  it('lists the tickets behind a backlog number, a time-in-status row and a transfer from their buttons', async () => {
    vi.mocked(ipc.flowTickets).mockResolvedValue({ total: 0, offset: 0, rows: [] });
    render(Operations, { workspace: workspaceFixture });
    const table = await screen.findByTestId('ops-backlog-table');
    const counts = within(table).getAllByTestId('backlog-count');
    const bar = counts.find((b) => b.dataset.band === '3' && b.closest('tr')?.dataset.period === '2025-03-10');
    await fireEvent.click(bar!);
    await waitFor(() =>
      expect(vi.mocked(ipc.flowTickets)).toHaveBeenCalledWith(
        { kind: 'last_4_full_weeks' },
        { ...request, every: 'week', by: null },
        { kind: 'backlog', period: '2025-03-10', band: 'seven_to_thirty_days', age_from: 'created' },
        expect.objectContaining({ offset: 0 }),
      ),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Backlog on');
    expect(dialog).toHaveTextContent('7–30 days');
    await fireEvent.keyDown(dialog, { key: 'Escape' });

    const timeRows = await screen.findAllByTestId('time-tickets');
    await fireEvent.click(timeRows[0]!);
    await waitFor(() =>
      expect(vi.mocked(ipc.flowTickets)).toHaveBeenLastCalledWith(
        { kind: 'last_4_full_weeks' },
        { ...request, every: null, by: 'group' },
        { kind: 'status_time', key: '11', status: 'open' },
        expect.anything(),
      ),
    );
    const transfers = screen.getAllByTestId('transfer-tickets');
    await fireEvent.click(transfers[1]!);
    await waitFor(() =>
      expect(vi.mocked(ipc.flowTickets)).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.anything(),
        { kind: 'transfer', from: '12', to: '11' },
        expect.anything(),
      ),
    );
    expect(await screen.findByRole('dialog')).toHaveTextContent('Moved from Tier 2 to Billing');
  });

  it('shows the core’s error with a retry', async () => {
    backlogMock.mockRejectedValue({ code: 'internal', message: 'boom' });
    render(Operations, { workspace: workspaceFixture });
    expect(await screen.findByText('Could not load the operations reports')).toBeInTheDocument();
  });
  it('forecasts four daily weeks with its backtest beside the chart, both charts exporting', async () => {
    render(Operations, { workspace: workspaceFixture });
    const section = await screen.findByTestId('ops-forecast');
    expect(section.querySelector('h2')).toHaveTextContent('Forecast');
    expect(forecastMock).toHaveBeenCalledWith(expect.objectContaining({ horizon_weeks: 4, granularity: 'day', by: null }));
    const chart = await within(section).findByTestId('ops-chart-forecast');
    expect(chart).toHaveTextContent('Arrivals forecast');
    expect(within(chart).getByTestId('export-menu')).toBeInTheDocument();
    expect(within(section).getByTestId('backtest-model-mase')).toHaveTextContent('0.74');
    expect(within(section).getByTestId('backtest-model-smape')).toHaveTextContent('18.2%');
    const staffingChart = await screen.findByTestId('ops-chart-staffing');
    expect(staffingChart).toHaveTextContent('Agents to schedule');
    expect(within(staffingChart).getByTestId('export-menu')).toBeInTheDocument();
    await fireEvent.click(within(section).getByTestId('ops-forecast-granularity-hour'));
    await waitFor(() => expect(forecastMock).toHaveBeenLastCalledWith(expect.objectContaining({ granularity: 'hour' })));
  });

  it('says the core’s reason instead of scores when the history is too short', async () => {
    const reason = 'the history is too short to backtest';
    const series = forecastFixture.forecast.series[0]!;
    const unscored = {
      ...series,
      backtest: { folds: 0, model: { mase: null, smape: null }, baseline: { mase: null, smape: null }, reason },
    };
    forecastMock.mockResolvedValue({ ...forecastFixture, forecast: { ...forecastFixture.forecast, series: [unscored] } });
    render(Operations, { workspace: workspaceFixture });
    expect(await screen.findByTestId('backtest-reason')).toHaveTextContent(reason);
    expect(screen.queryByTestId('backtest-model-mase')).toBeNull();
  });

  it('sends edited staffing inputs, keeps them for the workspace and shows the core’s refusal inline', async () => {
    render(Operations, { workspace: workspaceFixture });
    await screen.findByTestId('ops-chart-staffing');
    staffingMock.mockRejectedValue({ code: 'invalid_input', message: 'the average handle time must be more than 0 seconds, not 0' });
    await fireEvent.input(screen.getByTestId('ops-staffing-aht_seconds'), { target: { value: '0' } });
    await waitFor(() =>
      expect(staffingMock).toHaveBeenLastCalledWith(
        expect.objectContaining({ granularity: 'hour' }),
        expect.objectContaining({ aht_seconds: 0, target_percent: 80, target_seconds: 60 }),
      ),
    );
    expect(await screen.findByTestId('ops-staffing-error')).toHaveTextContent('handle time must be more than 0');
    const stored = JSON.parse(localStorage.getItem(`deskbench.operations.forecast.${workspaceFixture.id}`) ?? '{}');
    expect(stored.staffing.aht_seconds).toBe(0);
    // Text that is no number is marked and never sent.
    const calls = staffingMock.mock.calls.length;
    await fireEvent.input(screen.getByTestId('ops-staffing-shrinkage'), { target: { value: 'abc' } });
    expect(screen.getByTestId('ops-staffing-shrinkage')).toHaveAttribute('aria-invalid', 'true');
    expect(staffingMock.mock.calls.length).toBe(calls);
  });
});

describe('Operations choices', () => {
  it('takes only whole days from 1 on', () => {
    expect(parseStuckDays('7')).toBe(7);
    expect(parseStuckDays(' 30 ')).toBe(30);
    for (const bad of ['', '0', '-1', '2.5', 'x', '99999']) expect(parseStuckDays(bad)).toBeNull();
  });

  it('falls back to the defaults field by field on damaged storage', () => {
    const storage = { getItem: () => JSON.stringify({ every: 'year', by: 'group', owner: 'x', stuckDays: -3 }) };
    expect(loadOperations(storage, 'k')).toEqual({ ...DEFAULT_OPERATIONS_QUERY, by: 'group' });
    expect(loadOperations({ getItem: () => JSON.stringify({ ageFrom: 'solved' }) }, 'k').ageFrom).toBe('created');
    const badAnomaly = { getItem: () => JSON.stringify({ anomalyEvery: 'month', anomalyBy: 'tag' }) };
    expect(loadOperations(badAnomaly, 'k')).toEqual(DEFAULT_OPERATIONS_QUERY);
    expect(loadOperations({ getItem: () => '{' }, 'k')).toEqual(DEFAULT_OPERATIONS_QUERY);
    expect(loadOperations({ getItem: () => JSON.stringify({ by: 'field:7' }) }, 'k').by).toBeNull();
  });

  it('has every chart and series id of the flow charts in all three languages', () => {
    const ids = [
      'nav.operations',
      'chart.backlogByAge',
      'chart.backlogByReplyAge',
      'chart.backlogByGroup',
      'ops.ageFrom',
      'ops.ageFrom.created',
      'ops.ageFrom.last_reply',
      'series.ageNoReply',
      'series.ageUnder1d',
      'series.age1to3d',
      'series.age3to7d',
      'series.age7to30d',
      'series.ageOver30d',
      'chart.timeInStatus',
      'series.status.new',
      'series.status.open',
      'series.status.pending',
      'series.status.hold',
      'chart.transfers',
      'series.transfers',
      'ops.anomalies',
      'ops.anomalies.none',
      'ops.anomalies.all',
      'ops.forecast',
      'ops.staffing',
      'chart.forecast',
      'chart.staffing',
      'series.arrivals',
      'series.forecast80',
      'series.forecast95',
    ];
    for (const dictionary of [en, ko, ru]) {
      for (const id of ids) expect(Object.hasOwn(dictionary, id), id).toBe(true);
    }
    expect([en['nav.operations'], ko['nav.operations'], ru['nav.operations']]).toEqual(['Operations', '운영', 'Операции']);
  });

});
