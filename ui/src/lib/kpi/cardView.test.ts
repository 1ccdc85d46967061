import { describe, expect, it } from 'vitest';

import { cardsFixture } from '../../test/fixtures';
import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import type { KpiCard, KpiId } from '../ipc';
import { buildCardView, KPI_ORDER, orderCards } from './cardView';

const f = createFormatter('en', createTranslator('en'));
const card = (kpi: KpiId): KpiCard => {
  const found = cardsFixture.find((c) => c.kpi === kpi);
  if (!found) throw new Error(kpi);
  return found;
};

describe('buildCardView', () => {
  it('formats a count with its previous value', () => {
    const view = buildCardView(card('tickets_created'), f);
    expect(view).toMatchObject({
      title: 'Tickets created',
      headline: '1,234',
      rawHeadline: '1234',
      hasData: true,
      details: ['Previous period: 1,100'],
    });
    // Created tickets rising is not good news here (higher_is_better: false, target: null, target_status: null).
    expect(view.change).toMatchObject({ tone: 'bad', arrow: '▲', text: '+12.2%' });
  });

  it('humanises durations with p90 and n', () => {
    const view = buildCardView(card('first_reply_time'), f);
    expect(view.headline).toBe('1 h 25 min');
    expect(view.rawHeadline).toBe('85.2');
    expect(view.details).toEqual(['p90 5 h 10 min · n = 1,100']);
    expect(view.change).toMatchObject({ tone: 'good', arrow: '▼', text: '-10.3%' });
  });

  it('shows CSAT as a percentage with counts and interval', () => {
    const view = buildCardView(card('csat'), f);
    expect(view.headline).toBe('87.3%');
    expect(view.details).toEqual(['262 good / 38 bad', '95% CI 83.1%–90.6%']);
    expect(view.change.tone).toBe('good');
  });

  it('shows a dash and "No data" when the headline is null', () => {
    const view = buildCardView(card('full_resolution_time'), f);
    expect(view).toMatchObject({ headline: '—', rawHeadline: '', hasData: false, details: ['No data in this period'] });
    expect(view.change).toMatchObject({ tone: 'neutral', text: '—' });
    expect(view.changeLabel).toBe('No comparison with the previous period');
  });

  it('keeps a zero headline (not "no data")', () => {
    const zero: KpiCard = { ...card('tickets_unsolved'), headline: 0, current: { value: 0 } };
    expect(buildCardView(zero, f)).toMatchObject({ headline: '0', rawHeadline: '0', hasData: true });
  });
});

describe('orderCards', () => {
  it('puts the six KPIs in display order', () => {
    expect(orderCards(cardsFixture).map((c) => c.kpi)).toEqual(KPI_ORDER);
  });
});
