/**
 * The Operations screen's forecast and staffing choices (horizon, day or hour, breakdown,
 * the staffing inputs), the core requests they make, how they are kept per workspace, and
 * the backtest's figures for the locale. The core checks the staffing inputs' ranges; here
 * a field only has to be a number to be sent. Pure, so it is unit-tested.
 */
import type { Formatter } from '../format';
import type { Accuracy, ForecastRequest, SeriesForecast, StaffingSettings } from '../ipc';

export type Granularity = 'day' | 'hour';
export const GRANULARITIES: readonly Granularity[] = ['day', 'hour'];
export type ForecastBy = 'none' | 'channel' | 'group';
export const FORECAST_BYS: readonly ForecastBy[] = ['none', 'channel', 'group'];
/** The horizons the core takes, in weeks. */
export const HORIZONS: readonly number[] = Array.from({ length: 12 }, (_, i) => i + 1);
export const STAFFING_FIELDS = ['aht_seconds', 'target_percent', 'target_seconds', 'shrinkage', 'max_occupancy'] as const;
export type StaffingField = (typeof STAFFING_FIELDS)[number];

export interface ForecastChoices {
  horizonWeeks: number;
  granularity: Granularity;
  by: ForecastBy;
  staffing: StaffingSettings;
}

/** Five-minute contacts, 80% answered within a minute, 30% shrinkage, 85% occupancy at most. */
export const DEFAULT_FORECAST_CHOICES: ForecastChoices = {
  horizonWeeks: 4,
  granularity: 'day',
  by: 'none',
  staffing: { aht_seconds: 300, target_percent: 80, target_seconds: 60, shrinkage: 0.3, max_occupancy: 0.85 },
};

function request(horizonWeeks: number, granularity: Granularity, by: ForecastBy): ForecastRequest {
  return { horizon_weeks: horizonWeeks, granularity, by: by === 'none' ? null : by, tz: null, filters: [], until: null };
}

/** The forecast's request, up to yesterday in the workspace's zone. */
export function toForecastRequest(choices: ForecastChoices): ForecastRequest {
  return request(choices.horizonWeeks, choices.granularity, choices.by);
}

/** The staffing's request: all tickets, hourly (the core sets the hours), over the same horizon. */
export function toStaffingRequest(choices: ForecastChoices): ForecastRequest {
  return request(choices.horizonWeeks, 'hour', 'none');
}

/** A field's text as a number, or null when it is none (empty, "abc"). */
export function parseNumber(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : null;
}

export function forecastKey(workspaceId: string): string {
  return `deskbench.operations.forecast.${workspaceId}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The choices stored under `key`, each bad field at its default; never throws. */
export function loadForecastChoices(storage: Pick<Storage, 'getItem'> | undefined, key: string): ForecastChoices {
  let stored: unknown = null;
  try {
    stored = JSON.parse(storage?.getItem(key) ?? 'null');
  } catch {
    // Damaged: start from the defaults.
  }
  const s = isRecord(stored) ? stored : {};
  const d = DEFAULT_FORECAST_CHOICES;
  const saved = isRecord(s.staffing) ? s.staffing : {};
  const staffing = { ...d.staffing };
  for (const field of STAFFING_FIELDS) {
    const value = saved[field];
    if (typeof value === 'number' && Number.isFinite(value)) staffing[field] = value;
  }
  return {
    horizonWeeks: HORIZONS.includes(s.horizonWeeks as number) ? (s.horizonWeeks as number) : d.horizonWeeks,
    granularity: GRANULARITIES.includes(s.granularity as Granularity) ? (s.granularity as Granularity) : d.granularity,
    by: FORECAST_BYS.includes(s.by as ForecastBy) ? (s.by as ForecastBy) : d.by,
    staffing,
  };
}

export function storeForecastChoices(
  storage: Pick<Storage, 'setItem'> | undefined,
  key: string,
  choices: ForecastChoices,
): void {
  try {
    storage?.setItem(key, JSON.stringify(choices));
  } catch {
    // A full or disabled storage only loses the memory of the screen, not the work.
  }
}

export interface AccuracyFigures {
  mase: string;
  smape: string;
}

/** A series' backtest for the locale, the model's and the seasonal-naive's; null with the core's reason when it has none. */
export function backtestFigures(
  series: SeriesForecast,
  f: Formatter,
): { model: AccuracyFigures; baseline: AccuracyFigures } | null {
  const { backtest } = series;
  if (backtest.model.mase === null && backtest.model.smape === null) return null;
  const figures = (accuracy: Accuracy): AccuracyFigures => ({
    mase: accuracy.mase === null ? '—' : f.decimal(accuracy.mase),
    smape: accuracy.smape === null ? '—' : f.percent(accuracy.smape / 100),
  });
  return { model: figures(backtest.model), baseline: figures(backtest.baseline) };
}
