/**
 * What a ticket list lists: the tickets behind a number of an Explore report, of a
 * theme or repetitive-ticket cluster of the last feedback report, or behind a figure of
 * the Operations screen's flow reports (asked with the report's own period and request).
 * The list owns its sort, search and paging; this turns them into the core call and the
 * export.
 */
import {
  feedbackTickets,
  flowTickets,
  ticketList,
  type ExportSource,
  type FeedbackTickets,
  type FlowTickets,
  type KpiRequest,
  type PeriodPreset,
  type TicketList,
  type TicketListRequest,
} from '../ipc';

export type TicketSource =
  | { kind: 'kpi'; request: Omit<TicketListRequest, 'offset' | 'limit' | 'sort' | 'search'> }
  | { kind: 'feedback'; what: FeedbackTickets }
  | { kind: 'flow'; period: PeriodPreset; request: KpiRequest; what: FlowTickets };

export interface TicketPage {
  /** A sort column, `-` in front for descending; null for the core's default (newest first). */
  sort: string | null;
  /** Trimmed search text; empty for none. */
  search: string;
  offset: number;
  limit: number;
}

export function fetchTickets(source: TicketSource, page: TicketPage): Promise<TicketList> {
  const search = page.search || null;
  if (source.kind === 'feedback') {
    return feedbackTickets(source.what, { sort: page.sort, offset: page.offset, limit: page.limit, search });
  }
  if (source.kind === 'flow') {
    const { period, request, what } = source;
    return flowTickets(period, request, what, { sort: page.sort, offset: page.offset, limit: page.limit, search });
  }
  return ticketList({
    ...source.request,
    sort: page.sort,
    search: search ?? undefined,
    offset: page.offset,
    limit: page.limit,
  });
}

/** Every ticket of the list, in its order and search, for data export. */
export function ticketExport(source: TicketSource, sort: string | null, search: string): ExportSource {
  if (source.kind === 'feedback') {
    return { kind: 'feedback_tickets', what: source.what, sort, search: search || null };
  }
  if (source.kind === 'flow') {
    const { period, request, what } = source;
    return { kind: 'flow_tickets', period, request, what, sort, search: search || null };
  }
  return { kind: 'tickets', request: { ...source.request, sort, search: search || undefined, offset: 0, limit: null } };
}
