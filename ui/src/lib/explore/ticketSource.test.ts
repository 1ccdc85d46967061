import { describe, expect, it, vi } from 'vitest';

import * as ipc from '../ipc';
import type { KpiRequest } from '../ipc';
import { fetchTickets, ticketExport, type TicketSource } from './ticketSource';

vi.mock(import('../ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  flowTickets: vi.fn(),
}));

const request: KpiRequest = { from: null, to: null, tz: null, every: 'week', by: null, filters: [], kpis: [], hours: null, top: null };
const flow: TicketSource = {
  kind: 'flow',
  period: { kind: 'last_4_full_weeks' },
  request,
  what: { kind: 'backlog', period: '2025-03-10', band: 'one_to_three_days' },
};

describe('a flow figure’s ticket source', () => {
  it('asks the core for a page with the report’s period and request', async () => {
    vi.mocked(ipc.flowTickets).mockResolvedValue({ total: 3, offset: 0, rows: [] });
    const list = await fetchTickets(flow, { sort: 'id', search: '', offset: 100, limit: 100 });
    expect(list.total).toBe(3);
    expect(ipc.flowTickets).toHaveBeenCalledWith({ kind: 'last_4_full_weeks' }, request, flow.what, {
      sort: 'id',
      offset: 100,
      limit: 100,
      search: null,
    });
  });

  it('exports every ticket of the list in its order and search', () => {
    expect(ticketExport(flow, '-created_at', 'refund')).toEqual({
      kind: 'flow_tickets',
      period: { kind: 'last_4_full_weeks' },
      request,
      what: flow.what,
      sort: '-created_at',
      search: 'refund',
    });
  });
});
