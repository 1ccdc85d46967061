import { describe, expect, it } from 'vitest';

import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import type { SeriesForecast } from '../ipc';
import {
  backtestFigures,
  DEFAULT_FORECAST_CHOICES,
  forecastKey,
  loadForecastChoices,
  parseNumber,
  storeForecastChoices,
  toForecastRequest,
  toStaffingRequest,
} from './forecast';

function memory(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
  } as Storage;
}

function series(mase: number | null, reason: string | null): SeriesForecast {
  return {
    key: null,
    label: 'All tickets',
    history_total: 100,
    points: [],
    backtest: {
      folds: 3,
      model: { mase, smape: mase === null ? null : 12.5 },
      baseline: { mase: 1, smape: 20 },
      reason,
    },
  };
}

describe('forecast choices', () => {
  it('ask the core for the horizon, slot and breakdown, and staffing per hour of all tickets', () => {
    const choices = { ...DEFAULT_FORECAST_CHOICES, horizonWeeks: 6, granularity: 'day' as const, by: 'group' as const };
    expect(toForecastRequest(choices)).toEqual({
      horizon_weeks: 6,
      granularity: 'day',
      by: 'group',
      tz: null,
      filters: [],
      until: null,
    });
    expect(toStaffingRequest(choices)).toMatchObject({ horizon_weeks: 6, granularity: 'hour', by: null });
  });

  it('are kept per workspace, a bad stored field taking its default', () => {
    const storage = memory();
    const key = forecastKey('w1');
    const staffing = { ...DEFAULT_FORECAST_CHOICES.staffing, aht_seconds: 420 };
    storeForecastChoices(storage, key, { ...DEFAULT_FORECAST_CHOICES, horizonWeeks: 8, staffing });
    expect(loadForecastChoices(storage, key)).toEqual({ ...DEFAULT_FORECAST_CHOICES, horizonWeeks: 8, staffing });
    storage.setItem(key, JSON.stringify({ horizonWeeks: 13, granularity: 'minute', staffing: { shrinkage: 'x' } }));
    expect(loadForecastChoices(storage, key)).toEqual(DEFAULT_FORECAST_CHOICES);
    storage.setItem(key, '{broken');
    expect(loadForecastChoices(storage, key)).toEqual(DEFAULT_FORECAST_CHOICES);
    expect(loadForecastChoices(storage, forecastKey('w2'))).toEqual(DEFAULT_FORECAST_CHOICES);
  });

  it('send a field only when it is a number; its range is the core’s to check', () => {
    expect(parseNumber(' 300 ')).toBe(300);
    expect(parseNumber('-1')).toBe(-1);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
  });
});

describe('backtest figures', () => {
  const f = createFormatter('en', createTranslator('en'));

  it('show MASE and sMAPE of the model and the seasonal-naive for the locale', () => {
    expect(backtestFigures(series(0.8125, null), f)).toEqual({
      model: { mase: '0.81', smape: '12.5%' },
      baseline: { mase: '1', smape: '20.0%' },
    });
  });

  it('give way to the core’s reason when the history is too short to score', () => {
    expect(backtestFigures(series(null, 'too short'), f)).toBeNull();
  });
});
