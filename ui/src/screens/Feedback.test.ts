import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as ipc from '../lib/ipc';
import { emptyFeedbackFixture, feedbackFixture } from '../test/feedbackFixtures';
import { workspaceFixture } from '../test/fixtures';
import Feedback from './Feedback.svelte';

// Only the IPC layer is replaced; formatting, i18n and components are real.
vi.mock(import('../lib/ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  feedback: vi.fn(),
  feedbackTickets: vi.fn(),
  exploreDimensions: vi.fn(),
  dimensionValues: vi.fn(),
  openTicket: vi.fn(),
  openArticle: vi.fn(),
  removeThemeEdit: vi.fn(),
}));

const feedbackMock = vi.mocked(ipc.feedback);
const ticketsMock = vi.mocked(ipc.feedbackTickets);

const row = (id: number): ipc.TicketRow => ({
  source_id: 1,
  id,
  subject: `Subject ${id}`,
  status: 'solved',
  priority: null,
  channel: 'email',
  group: null,
  assignee: null,
  created_at: 1741000000,
  solved_at: null,
  first_reply_minutes: null,
  full_resolution_minutes: null,
  replies: null,
  reopens: null,
  url: null,
});

describe('Feedback screen', () => {
  beforeEach(() => {
    feedbackMock.mockReset();
    feedbackMock.mockResolvedValue(feedbackFixture);
    ticketsMock.mockReset();
    ticketsMock.mockResolvedValue({ total: 12, offset: 0, rows: [row(3801), row(3802)] });
    vi.mocked(ipc.exploreDimensions).mockResolvedValue([{ name: 'channel', label: null }]);
    vi.mocked(ipc.dimensionValues).mockReset();
    vi.mocked(ipc.dimensionValues).mockResolvedValue([{ key: 'email', label: 'Email', tickets: 505 }]);
    vi.mocked(ipc.openTicket).mockReset();
  });

  it('counts a filter menu’s values over the screen’s period and zone, as Explore does', async () => {
    render(Feedback, { workspace: workspaceFixture });
    const menu = (await screen.findByTestId('filter-channel')) as HTMLDetailsElement;
    menu.open = true;
    await fireEvent(menu, new Event('toggle'));
    expect(await within(menu).findByTestId('filter-count')).toHaveTextContent('505');
    expect(menu).toHaveTextContent('Email');
    expect(vi.mocked(ipc.dimensionValues)).toHaveBeenLastCalledWith('channel', {
      period: { kind: 'last_4_full_weeks' },
      request: { from: null, to: null, tz: null, every: null, by: null, filters: [], kpis: [], hours: null, top: null },
    });
  });

  it('asks for all languages and texts over the last 4 full weeks, then for the chosen ones', async () => {
    render(Feedback, { workspace: workspaceFixture });
    await screen.findAllByTestId('theme-card');
    expect(feedbackMock).toHaveBeenCalledWith(
      { kind: 'last_4_full_weeks' },
      { from: null, to: null, tz: null, filters: [], lang: null, source: 'all' },
    );
    await fireEvent.click(screen.getByTestId('feedback-lang-ko'));
    await fireEvent.click(screen.getByTestId('feedback-source-csat'));
    await waitFor(() =>
      expect(feedbackMock).toHaveBeenLastCalledWith(
        { kind: 'last_4_full_weeks' },
        expect.objectContaining({ lang: 'ko', source: 'csat' }),
      ),
    );
    expect(screen.getByTestId('feedback-lang-ko')).toHaveAttribute('aria-checked', 'true');
  });

  it('summarises texts per language, other included', async () => {
    render(Feedback, { workspace: workspaceFixture });
    const summary = await screen.findByTestId('feedback-summary');
    expect(summary).toHaveTextContent('120 texts');
    expect(summary).toHaveTextContent('English 80');
    expect(summary).toHaveTextContent('other 5');
    expect(summary).toHaveTextContent('40 rating comments, 80 ticket subjects and first messages');
  });

  it('shows theme cards with CSAT, change, three quotes and the article, all as text', async () => {
    render(Feedback, { workspace: workspaceFixture });
    const [refund, markup] = await screen.findAllByTestId('theme-card');
    expect(refund).toHaveAttribute('data-count', '12');
    expect(within(refund!).getByTestId('theme-csat')).toHaveTextContent('80.0% n = 10 (49.0%–94.0%)');
    expect(within(refund!).getByTestId('theme-change')).toHaveTextContent('▲ +7.1 pp');
    expect(refund!.querySelectorAll('q')).toHaveLength(3);
    expect(within(refund!).getByTestId('theme-article')).toHaveTextContent('How refunds work');
    expect(within(refund!).getByRole('img')).toHaveAccessibleName('Tickets by week: 8, 2, 2');
    // Customer text is never markup.
    expect(refund!.querySelector('img')).toBeNull();
    expect(refund).toHaveTextContent('<img src=x onerror="alert(1)"> refund please');
    expect(markup!.querySelector('b')).toBeNull();
    expect(within(markup!).getByRole('button', { name: '<b>환불</b> · 결제' })).toBeInTheDocument();
    expect(within(markup!).getByTestId('theme-no-article')).toHaveTextContent('No help-center article');
    expect(within(markup!).getByTestId('theme-csat')).toHaveTextContent('no ratings');
  });

  it('opens a theme’s tickets in the ticket list, which pages, sorts and exports them', async () => {
    render(Feedback, { workspace: workspaceFixture });
    const [refund] = await screen.findAllByTestId('theme-card');
    await fireEvent.click(refund!);
    const list = await screen.findByTestId('ticket-list');
    await waitFor(() => expect(within(list).getByTestId('ticket-count')).toHaveAttribute('data-total', '12'));
    expect(ticketsMock).toHaveBeenCalledWith({ theme: 'en-1' }, { sort: null, offset: 0, limit: 200, search: null });
    expect(within(list).getByRole('heading', { name: 'refund · charged twice' })).toBeInTheDocument();
    await fireEvent.click(within(list).getByRole('button', { name: /^ID/ }));
    await waitFor(() => expect(ticketsMock).toHaveBeenLastCalledWith({ theme: 'en-1' }, expect.objectContaining({ sort: '-id' })));
  });

  it('opens a covering article in the browser without opening the theme', async () => {
    render(Feedback, { workspace: workspaceFixture });
    const [refund] = await screen.findAllByTestId('theme-card');
    await fireEvent.click(within(refund!).getByRole('button', { name: 'How refunds work' }));
    expect(ipc.openArticle).toHaveBeenCalledWith('https://acme.zendesk.com/hc/articles/77');
    expect(ticketsMock).not.toHaveBeenCalled();
    expect(screen.queryByTestId('ticket-list')).toBeNull();
  });

  it('opens a cluster’s tickets and a quote’s ticket in the helpdesk', async () => {
    render(Feedback, { workspace: workspaceFixture });
    await fireEvent.click(await screen.findByTestId('duplicate-row'));
    await screen.findByTestId('ticket-list');
    expect(ticketsMock).toHaveBeenCalledWith({ duplicate: 'dup-1' }, expect.anything());
    await fireEvent.keyDown(screen.getByTestId('ticket-list'), { key: 'Escape' });

    await fireEvent.click(screen.getByRole('button', { name: '#3801' }));
    expect(ipc.openTicket).toHaveBeenCalledWith(1, 3801);
    expect(ticketsMock).toHaveBeenCalledTimes(1);
  });

  it('lists drivers with their interval, words, emerging themes, sentiment models and gaps', async () => {
    render(Feedback, { workspace: workspaceFixture });
    const drivers = await screen.findAllByTestId('driver-row');
    expect(drivers[0]).toHaveTextContent('Theme');
    expect(drivers[0]).toHaveTextContent('-46.7 pp');
    expect(drivers[0]).toHaveTextContent('-72.0 pp to -15.0 pp');
    expect(drivers[1]).toHaveTextContent('Channel');
    expect(screen.getByTestId('driver-words')).toHaveTextContent('charged twice');
    expect(screen.getByTestId('feedback-drivers')).toHaveTextContent('Overall CSAT 75.0% of 40 ratings');
    expect(screen.getAllByTestId('emerging-row')[1]).toHaveTextContent('возврат');
    expect(screen.getByTestId('sentiment-models')).toHaveTextContent('84.0%');
    expect(screen.getByTestId('kb-gap-row')).toHaveTextContent('none found');
    // Every table exports its data; the charts export too.
    for (const id of ['feedback-themes', 'feedback-emerging', 'feedback-drivers', 'feedback-duplicates', 'feedback-gaps']) {
      expect(within(screen.getByTestId(id)).getAllByTestId('export-menu').length).toBeGreaterThan(0);
    }
    expect(within(screen.getByTestId('feedback-chart-themes')).getByTestId('export-menu')).toBeInTheDocument();
    expect(within(screen.getByTestId('feedback-chart-sentiment')).getByTestId('export-menu')).toBeInTheDocument();
  });

  it('lists kept theme edits with what each does here, and removes one', async () => {
    const { unmount } = render(Feedback, { workspace: workspaceFixture });
    await screen.findAllByTestId('theme-card');
    expect(screen.queryByTestId('feedback-edits')).toBeNull();
    unmount();

    feedbackMock.mockResolvedValue({
      ...feedbackFixture,
      edits: [
        { id: 3, lang: 'en', kind: 'merged', words: 'Access', outcome: 'applied' },
        { id: 5, lang: 'en', kind: 'split_off', words: '<b>zebra</b>', outcome: 'phrase_in_no_text' },
      ],
    });
    vi.mocked(ipc.removeThemeEdit).mockResolvedValue();
    render(Feedback, { workspace: workspaceFixture });
    const [merge, split] = await screen.findAllByTestId('theme-edit-row');
    if (!merge || !split) throw new Error('two edits are listed');
    expect(merge).toHaveTextContent('Merge named “Access”');
    expect(merge).toHaveTextContent('Applied');
    expect(split).toHaveTextContent('Split by “<b>zebra</b>”');
    expect(split).toHaveTextContent('No text of the theme says the phrase');
    const calls = feedbackMock.mock.calls.length;
    await fireEvent.click(within(split).getByTestId('theme-edit-remove'));
    expect(ipc.removeThemeEdit).toHaveBeenCalledWith(5);
    await waitFor(() => expect(feedbackMock.mock.calls.length).toBeGreaterThan(calls));
  });

  it('suggests what to change when a period has no rating comments, and offers retry on errors', async () => {
    feedbackMock.mockResolvedValueOnce({ ...emptyFeedbackFixture, source: 'csat' });
    const { unmount } = render(Feedback, { workspace: workspaceFixture });
    expect(await screen.findByTestId('feedback-empty')).toHaveTextContent(
      'No rating comments in this period — widen the range or choose tickets as the source.',
    );
    expect(screen.queryByTestId('theme-card')).toBeNull();
    unmount();

    feedbackMock.mockRejectedValueOnce({ code: 'internal', message: 'the analysis failed' });
    render(Feedback, { workspace: workspaceFixture });
    expect(await screen.findByTestId('error-state')).toHaveTextContent('the analysis failed');
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('theme-card')).toHaveLength(2);
  });

  it('shows the loading state before the first answer', async () => {
    feedbackMock.mockReturnValueOnce(new Promise(() => {}));
    render(Feedback, { workspace: workspaceFixture });
    expect(await screen.findByTestId('loading-state')).toHaveTextContent('Reading what customers wrote…');
  });
});
