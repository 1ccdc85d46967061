import { describe, expect, it } from 'vitest';

import { cardsFixture } from '../../test/fixtures';
import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import type { KpiCard, RateValue } from '../ipc';
import { buildCardView } from './cardView';
import { leftOutText, nullReasonText } from './support';

const en = createFormatter('en', createTranslator('en'));
const ko = createFormatter('ko', createTranslator('ko'));
const ru = createFormatter('ru', createTranslator('ru'));

const reopens = (current: RateValue): KpiCard => {
  const base = cardsFixture.find((c) => c.kpi === 'tickets_created');
  if (!base) throw new Error('fixture');
  return { ...base, kpi: 'reopen_rate', current, headline: current.value ?? null, previous_headline: null, change: null };
};

const freshdeskOnly = reopens({
  value: null,
  n: 0,
  small_sample: false,
  null_reason: { code: 'not_in_freshdesk_api', reason: 'Freshdesk tells only when a ticket was last reopened' },
  left_out: [{ source: 'Desk', code: 'not_in_freshdesk_api', reason: 'Freshdesk tells only when a ticket was last reopened' }],
});

describe('null reasons', () => {
  it('says why a value is null in each language, from its code', () => {
    const reason = { code: 'not_in_freshdesk_api', reason: 'English from the core' } as const;
    expect(nullReasonText(reason, en)).toBe('No value: Freshdesk’s API does not provide the data for this KPI.');
    expect(nullReasonText(reason, ko)).toBe('값 없음: Freshdesk API는 이 KPI에 필요한 데이터를 제공하지 않습니다.');
    expect(nullReasonText(reason, ru)).toBe('Нет значения: API Freshdesk не даёт данных для этого показателя.');
    expect(nullReasonText(null, en)).toBeNull();
  });

  it('names the sources a value leaves out', () => {
    const left = [
      { source: 'Desk', code: 'not_in_freshdesk_api', reason: '' },
      { source: 'Jira export', code: 'not_in_file_imports', reason: '' },
    ] as const;
    expect(leftOutText([...left], en)).toBe('Leaves out Desk, Jira export: they do not provide this KPI.');
    expect(leftOutText([], en)).toBeNull();
    expect(leftOutText(undefined, en)).toBeNull();
  });

  it('shows a dash and the reason as text under the headline of a card', () => {
    const view = buildCardView(freshdeskOnly, en);
    expect(view.headline).toBe('—');
    expect(view.hasData).toBe(false);
    expect(view.nullReason).toBe('No value: Freshdesk’s API does not provide the data for this KPI.');
    expect(view.details).toEqual([view.nullReason]);
    expect(view.leftOut, 'the reason already says it').toBeNull();
  });

  it('adds the sources left out under a card that has a value', () => {
    const view = buildCardView(
      reopens({
        value: 0.5,
        n: 40,
        small_sample: false,
        left_out: [{ source: 'Desk', code: 'not_in_freshdesk_api', reason: '' }],
      }),
      ru,
    );
    expect(view.nullReason).toBeNull();
    expect(view.details.at(-1)).toBe('Без учёта: Desk — эти источники не дают этот показатель.');
  });

  it('keeps "no data" for an empty period with no reason', () => {
    const view = buildCardView(reopens({ value: null, n: 0, small_sample: false }), en);
    expect(view.details).toEqual(['No data in this period']);
    expect(view.leftOut).toBeNull();
  });
});
