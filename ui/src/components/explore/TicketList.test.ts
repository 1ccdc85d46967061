import { render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';

import * as ipc from '../../lib/ipc';
import TicketList from './TicketList.svelte';

// Only the IPC layer is replaced.
vi.mock(import('../../lib/ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  ticketList: vi.fn(),
  dimensionValues: vi.fn(),
}));

const LONG_GROUP = 'Enterprise onboarding and migrations — EMEA second line';

const row: ipc.TicketRow = {
  source_id: 1,
  id: 4102,
  subject: 'Cannot export invoices',
  status: 'open',
  priority: 'high',
  channel: 'web',
  group: LONG_GROUP,
  assignee: 'Dana Kim',
  created_at: 1_740_000_000,
  solved_at: null,
  first_reply_minutes: 42,
  full_resolution_minutes: null,
  replies: 2,
  reopens: 0,
  url: null,
};

const LABELS: Record<string, ipc.DimensionValue[]> = {
  status: [{ key: 'open', label: 'Open', tickets: 9 }],
  priority: [{ key: 'high', label: 'High', tickets: 9 }],
  channel: [
    { key: 'web', label: 'Web form', tickets: 9 },
    { key: null, label: '(none)', tickets: 1 },
  ],
};

describe('ticket list', () => {
  it('names status, priority and channel as the chart does, and shows cut texts whole on hover and focus', async () => {
    vi.mocked(ipc.ticketList).mockResolvedValue({ total: 1, offset: 0, rows: [row] });
    vi.mocked(ipc.dimensionValues).mockImplementation((dimension) => Promise.resolve(LABELS[dimension] ?? []));
    const request = { query: {} as ipc.KpiRequest, kpi: 'tickets_created', key: null, period: null };
    render(TicketList, { source: { kind: 'kpi', request }, title: 'Tickets created', onclose: vi.fn() });
    const rows = await screen.findByTestId('ticket-rows');
    await waitFor(() => expect(rows.querySelector('.cell.channel')).toHaveTextContent('Web form'));
    expect(rows.querySelector('.cell.status')).toHaveTextContent('Open');
    expect(rows.querySelector('.cell.priority')).toHaveTextContent('High');
    const group = rows.querySelector('.cell.group');
    expect(group).toHaveAttribute('title', LONG_GROUP);
    expect(group, 'the whole text is in the cell for screen readers').toHaveTextContent(LONG_GROUP);
    // Without an Open button the row itself takes keyboard focus, which shows its texts whole.
    expect(rows.querySelector('[role="row"]')).toHaveAttribute('tabindex', '0');
  });

  it('shows an imported ticket by the id its file gave it', async () => {
    vi.mocked(ipc.ticketList).mockResolvedValue({ total: 1, offset: 0, rows: [{ ...row, file_id: 'JSM-123' }] });
    vi.mocked(ipc.dimensionValues).mockResolvedValue([]);
    const request = { query: {} as ipc.KpiRequest, kpi: 'tickets_created', key: null, period: null };
    render(TicketList, { source: { kind: 'kpi', request }, title: 'Tickets created', onclose: vi.fn() });
    const rows = await screen.findByTestId('ticket-rows');
    await waitFor(() => expect(rows.querySelector('.cell.id')).toHaveTextContent('JSM-123'));
  });

  it('shows the stored values when the labels cannot be had', async () => {
    vi.mocked(ipc.ticketList).mockResolvedValue({ total: 1, offset: 0, rows: [{ ...row, url: 'https://x.example/1' }] });
    vi.mocked(ipc.dimensionValues).mockRejectedValue({ code: 'internal', message: 'database is locked' });
    const request = { query: {} as ipc.KpiRequest, kpi: 'tickets_created', key: null, period: null };
    render(TicketList, { source: { kind: 'kpi', request }, title: 'Tickets created', onclose: vi.fn() });
    const rows = await screen.findByTestId('ticket-rows');
    await waitFor(() => expect(rows.querySelector('.cell.channel')).toHaveTextContent('web'));
    expect(rows.querySelector('[role="row"]')).not.toHaveAttribute('tabindex');
  });
});
