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

  it('shows CSAT as a percentage with counts and interval, its change in points', () => {
    const view = buildCardView(card('csat'), f);
    expect(view.headline).toBe('87.3%');
    expect(view.details).toEqual(['262 good / 38 bad', '95% CI 83.1%–90.6%']);
    // +2.34 pp on 300 ratings is within the noise: shown, grey, and said so.
    expect(view.change).toMatchObject({ text: '+2.3 pp', arrow: '▲', tone: 'neutral', noise: true });
    expect(view.changeLabel).toBe('+2.3 pp compared with the previous period, within the noise, not a clear change');
  });

  it('colours a clear CSAT drop in points, never as a relative change', () => {
    // 85.8% → 83.6%: −2.2 pp (a relative change would say −2.6%).
    const drop: KpiCard = { ...card('csat'), change: { value: 0.836 - 0.858, unit: 'points', clear: true } };
    expect(buildCardView(drop, f).change).toMatchObject({ text: '-2.2 pp', tone: 'bad', noise: false });
  });

  it('shows the weekly trend instead of a change for KPIs that depend on now', () => {
    const view = buildCardView(card('tickets_unsolved'), f);
    expect(view.trend?.values).toEqual([40, 61, 96]);
    expect(view.trend?.label).toContain('Not compared with the previous period');
    expect(view.trend?.label).toContain('40, 61, 96');
    expect(view.change.text).toBe('—');
    // No "previous period" line either: it would mislead the same way.
    expect(view.details).toEqual([]);
  });

  it('marks a headline on a small sample', () => {
    expect(buildCardView(card('csat'), f).smallSample).toBeNull();
    const few: KpiCard = {
      ...card('csat'),
      current: { value: 0.875, n: 8, good: 7, bad: 1, ci_low: 0.529, ci_high: 0.978, small_sample: true },
      small_sample: true,
    };
    expect(buildCardView(few, f).smallSample).toBe('Small sample: n = 8, too few to read reliably');
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
