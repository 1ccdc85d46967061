import { describe, expect, it, vi } from 'vitest';

import { emptyFeedbackFixture, feedbackFixture, markupTheme, refundTheme } from '../../test/feedbackFixtures';
import { fetchTickets, ticketExport } from '../explore/ticketSource';
import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import * as ipc from '../ipc';
import type { ChartContext } from '../ipc';
import { DEFAULT_FEEDBACK_QUERY, feedbackValueScope, toFeedbackRequest } from './query';
import {
  analysedTexts,
  changeView,
  csatView,
  driverLabel,
  emptyReason,
  excerpt,
  focusedTitle,
  languageCounts,
  quoteText,
  localizeFeedbackCharts,
  modelView,
  coveredLanguages,
  trendLabel,
} from './view';

vi.mock(import('../ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  feedbackTickets: vi.fn(),
  ticketList: vi.fn(),
}));

const en = createFormatter('en', createTranslator('en'));
const ru = createFormatter('ru', createTranslator('ru'));
const ko = createFormatter('ko', createTranslator('ko'));
/** Intl's narrow no-break spaces and minus signs, as plain characters, for readable expectations. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-');

describe('feedback query', () => {
  it('sends the language and source, leaves the range to the period', () => {
    expect(toFeedbackRequest(DEFAULT_FEEDBACK_QUERY)).toEqual({
      from: null,
      to: null,
      tz: null,
      filters: [],
      lang: null,
      source: 'all',
    });
    const request = toFeedbackRequest({
      ...DEFAULT_FEEDBACK_QUERY,
      lang: 'ko',
      source: 'csat',
      tz: 'Asia/Seoul',
      filters: { priority: ['urgent'], channel: [null, 'email'] },
    });
    expect(request).toMatchObject({ lang: 'ko', source: 'csat', tz: 'Asia/Seoul' });
    expect(request.filters).toEqual(['channel=(none)', 'channel=email', 'priority=urgent']);
  });

  it('counts filter values over the period, zone and filters, whatever texts are chosen', () => {
    const query = {
      ...DEFAULT_FEEDBACK_QUERY,
      period: { kind: 'last_full_month' as const },
      tz: 'Asia/Seoul',
      filters: { priority: ['urgent'] },
    };
    const scope = feedbackValueScope(query);
    expect(scope.period).toEqual({ kind: 'last_full_month' });
    expect(scope.request).toMatchObject({ tz: 'Asia/Seoul', filters: ['priority=urgent'], kpis: [], by: null });
    expect(feedbackValueScope({ ...query, lang: 'ru', source: 'csat' }), 'texts are not tickets').toEqual(scope);
  });
});

describe('feedback view', () => {
  it('counts texts per language with other, and only the chosen language when one is', () => {
    expect(languageCounts(feedbackFixture.comments)).toEqual([
      { lang: 'en', count: 80 },
      { lang: 'ko', count: 25 },
      { lang: 'ru', count: 10 },
      { lang: 'other', count: 5 },
    ]);
    expect(analysedTexts(feedbackFixture)).toBe(120);
    expect(analysedTexts({ ...feedbackFixture, lang: 'ko' })).toBe(25);
  });

  it('says why a period is empty, so the hint fits the choice', () => {
    expect(emptyReason(feedbackFixture)).toBeNull();
    expect(emptyReason({ ...emptyFeedbackFixture, source: 'csat' })).toBe('csat');
    expect(emptyReason({ ...emptyFeedbackFixture, lang: 'ru' })).toBe('lang');
    expect(emptyReason(emptyFeedbackFixture)).toBe('any');
    // Texts in other languages do not make a Korean-only view non-empty.
    expect(emptyReason({ ...feedbackFixture, lang: 'ko', comments: { ...feedbackFixture.comments, by_lang: { en: 9, ko: 0, ru: 0, other: 0 } } })).toBe('lang');
  });

  it('shows CSAT with its interval and n, and nothing without ratings', () => {
    expect(csatView(refundTheme.csat, en)).toEqual({ value: '80.0%', interval: { low: '49.0%', high: '94.0%' }, n: '10' });
    expect(csatView(markupTheme.csat, en)).toBeNull();
  });

  it('shows a change in signed percentage points, significant only when tested so', () => {
    expect(changeView(refundTheme.change, en)).toEqual({ text: '+7.1 pp', direction: 'up', arrow: '▲', significant: true });
    expect(plain(changeView({ ...refundTheme.change, delta: -0.02, p_value: 0.3 }, ru).text)).toBe('-2,0 п. п.');
    expect(changeView(markupTheme.change, ko)).toMatchObject({ text: '0.0%p', direction: 'flat', significant: false });
  });

  it('names drivers with their dimension and leaves the value as written', () => {
    const t = createTranslator('ru');
    expect(driverLabel({ dimension: 'channel', label: 'email' }, t)).toBe('Канал: email');
    expect(driverLabel({ dimension: 'theme', label: '<b>x</b>' }, t)).toBe('Тема: <b>x</b>');
    expect(driverLabel({ dimension: 'field:42', label: 'Gold' }, createTranslator('en'))).toBe('field:42: Gold');
  });

  it('translates the charts and names driver bars, keeping theme labels', () => {
    const charts = localizeFeedbackCharts(feedbackFixture.charts, feedbackFixture.drivers.effects, createTranslator('en'));
    expect(charts.drivers.title).toBe('CSAT against the rest of the ratings');
    expect(charts.drivers.x.labels).toEqual(['Theme: refund · charged twice', 'Channel: email']);
    expect(charts.sentiment.series.map((s) => s.name)).toEqual(['Positive', 'Neutral', 'Negative']);
    expect(charts.themes.x.labels).toEqual(['refund · charged twice', '<b>환불</b> · 결제']);
    expect(charts.themes.x.keys).toEqual(['en-1', 'ko-1']);
    // A chart that no longer matches the effects keeps its own labels.
    const stale = localizeFeedbackCharts(feedbackFixture.charts, [], createTranslator('en'));
    expect(stale.drivers.x.labels).toEqual(['refund · charged twice', 'email']);
  });

  it('names the one agent or group a chart is filtered to in its title, as exports state it', () => {
    const context: ChartContext = {
      kpi: 'csat',
      from: '2025-03-03',
      to: '2025-03-16',
      tz: 'UTC',
      hours: 'calendar',
      filters: [
        { dimension: 'channel', label: null, values: ['Email'] },
        { dimension: 'group', label: null, values: ['Billing'] },
      ],
      n: 40,
      as_of: null,
    };
    const charts = { ...feedbackFixture.charts, drivers: { ...feedbackFixture.charts.drivers, context } };
    const localized = localizeFeedbackCharts(charts, feedbackFixture.drivers.effects, createTranslator('en'));
    expect(localized.drivers.title).toBe('CSAT against the rest of the ratings — Billing');
    expect(localized.drivers.context, 'the context goes with the exported spec').toEqual(context);
    const agent = { ...context, filters: [...context.filters, { dimension: 'assignee', label: null, values: ['Dana Kim'] }] };
    expect(focusedTitle('Themes', agent)).toBe('Themes — Dana Kim');
    const two = { ...context, filters: [{ dimension: 'group', label: null, values: ['Billing', 'Sales'] }] };
    expect(focusedTitle('Themes', two)).toBe('Themes');
    expect(focusedTitle('Themes', undefined)).toBe('Themes');
  });

  it('describes sentiment models and trends', () => {
    expect(modelView(feedbackFixture.sentiment.models[0]!, en)).toEqual({
      lang: 'en',
      method: 'Classifier trained on rated comments',
      accuracy: '84.0%',
      balanced: '80.0%',
      tested: '75',
      training: 'Trained on 300 rated comments',
    });
    expect(modelView(feedbackFixture.sentiment.models[1]!, en).training).toBe(
      'Not enough rated comments to train (30 good and 8 bad; 30 of each needed)',
    );
    expect(coveredLanguages(feedbackFixture.sentiment.models, en)).toBe('English');
    expect(trendLabel(refundTheme, 'week', en)).toBe('Tickets by week: 8, 2, 2');
  });

  it('sets a ticket quote’s subject off its message', () => {
    expect(quoteText({ kind: 'ticket', text: 'Login fails\n\nHi,\n\nit loops.' })).toBe('Login fails — Hi, it loops.');
    expect(quoteText({ kind: 'csat', text: 'Slow.\n\nVery slow.' })).toBe('Slow. Very slow.');
  });

  it('cuts long texts at a word, on one line', () => {
    expect(excerpt('short\n\ntext')).toBe('short text');
    const long = 'word '.repeat(100);
    const cut = excerpt(long, 50);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(51);
    expect(cut).not.toMatch(/wor…$/);
  });
});

describe('ticket sources', () => {
  it('asks the feedback list or the KPI list for a page', async () => {
    vi.mocked(ipc.feedbackTickets).mockResolvedValue({ total: 0, offset: 0, rows: [] });
    vi.mocked(ipc.ticketList).mockResolvedValue({ total: 0, offset: 0, rows: [] });
    const page = { sort: '-id', search: '', offset: 200, limit: 200 };
    await fetchTickets({ kind: 'feedback', what: { theme: 'en-1' } }, page);
    expect(ipc.feedbackTickets).toHaveBeenCalledWith({ theme: 'en-1' }, { sort: '-id', offset: 200, limit: 200, search: null });
    const request = { query: { ...toFeedbackRequest(DEFAULT_FEEDBACK_QUERY), every: null, by: null, kpis: [], hours: null, top: null }, kpi: 'csat', key: null, period: null };
    await fetchTickets({ kind: 'kpi', request }, { ...page, search: 'refund' });
    expect(ipc.ticketList).toHaveBeenCalledWith({ ...request, sort: '-id', search: 'refund', offset: 200, limit: 200 });
  });

  it('exports what the list shows', () => {
    expect(ticketExport({ kind: 'feedback', what: { duplicate: 'dup-1' } }, null, 'x')).toEqual({
      kind: 'feedback_tickets',
      what: { duplicate: 'dup-1' },
      sort: null,
      search: 'x',
    });
  });
});
