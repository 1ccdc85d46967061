import { describe, expect, it } from 'vitest';

import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import type { StreamProgress } from './progress';
import { describeSkipped, sortByStream, streamLabel } from './streams';
import { formatEta, formatWait, resultView, streamRowView } from './view';

const en = createFormatter('en', createTranslator('en'));
const ko = createFormatter('ko', createTranslator('ko'));
const ru = createFormatter('ru', createTranslator('ru'));
const plain = (text: string) => text.replace(/[\u00a0\u2009\u202f]/g, ' ');

const row = (patch: Partial<StreamProgress>): StreamProgress => ({
  stream: 'tickets',
  phase: 'running',
  records: 0,
  pages: 0,
  problems: 0,
  etaSeconds: null,
  wait: null,
  skipReason: null,
  backFill: null,
  ...patch,
});

describe('formatEta', () => {
  it.each([
    [0, 'less than a minute left'],
    [59, 'less than a minute left'],
    [60, 'about 1 min left'],
    [110, 'about 2 min left'],
    [3900, 'about 1 h 5 min left'],
    [2 * 86400, 'about 2 d left'],
  ])('%s s → %s', (seconds, expected) => {
    expect(formatEta(seconds, en)).toBe(expected);
  });

  it('is translated', () => {
    expect(formatEta(110, ko)).toBe('약 2분 남음');
    expect(formatEta(110, ru)).toBe('осталось около 2 мин');
    expect(formatEta(10, ru)).toBe('осталось меньше минуты');
  });

  it('says nothing for a nonsense estimate', () => {
    expect(formatEta(Number.NaN, en)).toBe('');
    expect(formatEta(-5, en)).toBe('');
  });
});

describe('formatWait', () => {
  it('explains each kind of wait, rounding seconds up', () => {
    expect(formatWait({ seconds: 5.2, reason: 'rate_limited', budget: null, detail: null }, en)).toBe(
      'waiting 6 s — rate-limited by the server',
    );
    expect(formatWait({ seconds: 1, reason: 'pacing', budget: null, detail: null }, en)).toBe(
      'waiting 1 s — staying within the API’s rate limit',
    );
    expect(formatWait({ seconds: 4, reason: 'retry', budget: null, detail: 'HTTP 503' }, en)).toBe(
      'retrying in 4 s (HTTP 503)',
    );
    expect(formatWait({ seconds: 90, reason: 'retry', budget: null, detail: null }, en)).toBe('retrying in 2 min');
    expect(formatWait({ seconds: 6, reason: 'rate_limited', budget: null, detail: null }, ko)).toBe(
      '6초 대기 중 — 서버의 요청 한도에 도달함',
    );
  });

  it('names the budget a pacing wait keeps under', () => {
    const exports = { kind: 'incremental_exports', limit: 10, window_seconds: 60 } as const;
    const account = { kind: 'account', limit: 700, window_seconds: 60 } as const;
    expect(formatWait({ seconds: 6, reason: 'pacing', budget: exports, detail: null }, en)).toBe(
      'waiting 6 s — Zendesk’s Incremental Exports budget, 10 per minute',
    );
    expect(formatWait({ seconds: 2, reason: 'pacing', budget: account, detail: null }, en)).toBe(
      'waiting 2 s — the account’s Zendesk API budget, 700 per minute',
    );
    expect(formatWait({ seconds: 6, reason: 'pacing', budget: exports, detail: null }, ru)).toBe(
      'ожидание 6 с — лимит инкрементального экспорта Zendesk, 10 в минуту',
    );
    expect(formatWait({ seconds: 6, reason: 'pacing', budget: { ...exports, window_seconds: 2 }, detail: null }, ko)).toBe(
      '6초 대기 중 — Zendesk 증분 내보내기 한도, 2초당 10회',
    );
  });

  it('names Freshdesk’s budgets too', () => {
    const credits = { kind: 'account_credits', limit: 200, window_seconds: 60 } as const;
    const list = { kind: 'tickets_list', limit: 20, window_seconds: 60 } as const;
    expect(formatWait({ seconds: 3, reason: 'pacing', budget: credits, detail: null }, en)).toBe(
      'waiting 3 s — the account’s Freshdesk API credits, 200 per minute',
    );
    expect(formatWait({ seconds: 3, reason: 'pacing', budget: list, detail: null }, ru)).toBe(
      'ожидание 3 с — лимит списка обращений Freshdesk, 20 в минуту',
    );
  });
});

describe('streamRowView', () => {
  it('shows records and pages while running, with the ETA', () => {
    const view = streamRowView(row({ records: 12400, pages: 13, etaSeconds: 110 }), en);
    expect(view).toMatchObject({
      label: 'Tickets',
      phase: 'running',
      statusLabel: 'In progress',
      counts: '12,400 records · 13 pages',
      note: 'about 2 min left',
      problems: '',
    });
  });

  it('says when a stream reads again from the start to back-fill, in every language', () => {
    const backFill = row({ stream: 'ticket_events', records: 500, pages: 1, etaSeconds: 110, backFill: 'comment_events' });
    expect(streamRowView(backFill, en).note).toBe('reading again from the start once, for the public replies · about 2 min left');
    expect(streamRowView({ ...backFill, etaSeconds: null }, ko).note).toBe('공개 답변을 위해 처음부터 한 번 다시 읽는 중');
    expect(streamRowView({ ...backFill, etaSeconds: null }, ru).note).toBe('читаем заново с начала один раз — ради публичных ответов');
  });

  it('says starting before the first page', () => {
    expect(streamRowView(row({}), en).counts).toBe('Starting…');
  });

  it('uses singular and Russian plural forms', () => {
    expect(streamRowView(row({ records: 1, pages: 1 }), en).counts).toBe('1 record · 1 page');
    expect(plain(streamRowView(row({ records: 12400, pages: 13 }), ru).counts)).toBe('12 400 записей · 13 страниц');
    expect(streamRowView(row({ records: 22, pages: 1 }), ru).counts).toBe('22 записи · 1 страница');
    expect(streamRowView(row({ records: 21, pages: 2, problems: 1 }), ru).problems).toBe('пропущена 1 нечитаемая запись');
  });

  it('shows the wait instead of the ETA', () => {
    const view = streamRowView(
      row({ phase: 'waiting', records: 100, pages: 1, etaSeconds: 500, wait: { seconds: 6, reason: 'rate_limited', budget: null, detail: null } }),
      en,
    );
    expect(view.note).toBe('waiting 6 s — rate-limited by the server');
    expect(view.statusLabel).toBe('Waiting');
  });

  it('shows done, skipped and stopped streams', () => {
    expect(streamRowView(row({ phase: 'done', records: 12500, pages: 13 }), en)).toMatchObject({
      counts: '12,500 records',
      note: '',
      statusLabel: 'Done',
    });
    expect(streamRowView(row({ phase: 'skipped', skipReason: 'not on this plan' }), en)).toMatchObject({
      counts: '',
      note: 'skipped: not on this plan',
    });
    expect(streamRowView(row({ phase: 'stopped', records: 900, pages: 9 }), en).note).toBe('stopped; what was stored is kept');
  });

  it('counts unreadable records only when there are some', () => {
    expect(streamRowView(row({ records: 10, pages: 1, problems: 3 }), en).problems).toBe('3 unreadable records skipped');
    expect(streamRowView(row({ records: 10, pages: 1, problems: 1 }), en).problems).toBe('1 unreadable record skipped');
  });
});

describe('resultView', () => {
  const base = { source: 'Acme', records: 12500, problems: 0, skipped: [], error: null };

  it('summarises each outcome', () => {
    expect(resultView({ ...base, outcome: 'succeeded' }, en)).toEqual({
      tone: 'good',
      text: 'Synced 12,500 records',
      details: [],
    });
    expect(resultView({ ...base, outcome: 'cancelled' }, en).text).toBe('Cancelled; 12,500 records kept');
    expect(
      resultView({ ...base, outcome: 'failed', error: 'Zendesk refused the credentials (401): check the email and the API token' }, en),
    ).toMatchObject({ tone: 'bad', text: 'Failed: Zendesk refused the credentials (401): check the email and the API token' });
  });

  it('lists skipped streams (translated) and unreadable records', () => {
    const view = resultView(
      { ...base, outcome: 'succeeded', problems: 2, skipped: ['satisfaction_ratings: not on this plan', 'odd entry'] },
      en,
    );
    expect(view.details).toEqual([
      'skipped: Satisfaction ratings: not on this plan',
      'skipped: odd entry',
      '2 unreadable records skipped',
    ]);
  });
});

describe('streams', () => {
  const t = createTranslator('en');

  it('translates known streams and keeps unknown names', () => {
    expect(streamLabel('ticket_metric_events', t)).toBe('SLA events');
    expect(streamLabel('articles', createTranslator('ru'))).toBe('Статьи справочного центра');
    expect(streamLabel('macros', t)).toBe('macros');
  });

  it('sorts into display order with unknown streams last', () => {
    const sorted = sortByStream([{ stream: 'zeta' }, { stream: 'account_settings' }, { stream: 'users' }, { stream: 'tickets' }, { stream: 'alpha' }]);
    expect(sorted.map((item) => item.stream)).toEqual(['tickets', 'users', 'account_settings', 'alpha', 'zeta']);
  });

  it('translates the stream part of a skipped entry only', () => {
    expect(describeSkipped('articles: Help Center is off', t)).toBe('Help Center articles: Help Center is off');
    expect(describeSkipped('widgets: gone', t)).toBe('widgets: gone');
    expect(describeSkipped('no separator', t)).toBe('no separator');
  });
});
