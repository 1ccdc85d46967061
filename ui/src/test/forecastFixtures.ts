/** A forecast and a staffing week as the core answers them, for the Operations screen's tests. */
import type { ForecastScreen, StaffingScreen } from '../lib/ipc';

const days = ['2025-03-01', '2025-03-02', '2025-03-03'];

export const forecastFixture: ForecastScreen = {
  forecast: {
    granularity: 'day',
    tz: 'UTC',
    horizon_weeks: 4,
    by: null,
    history_from: '2024-09-01',
    history_to: '2025-03-01',
    from: '2025-03-02',
    to: '2025-03-29',
    series: [
      {
        key: null,
        label: 'All tickets',
        history_total: 4200,
        points: [{ period: '2025-03-02', value: 30, lo80: 25, hi80: 35, lo95: 22, hi95: 38 }],
        backtest: {
          folds: 4,
          model: { mase: 0.7412, smape: 18.2 },
          baseline: { mase: 1, smape: 24.5 },
          reason: null,
        },
      },
    ],
  },
  chart: {
    kind: 'line',
    title: 'chart.forecast',
    subtitle: null,
    x: { kind: 'date', labels: days },
    unit: 'count',
    series: [
      { name: 'series.arrivals', values: [28, 31, null], dashed: false },
      {
        name: 'series.forecast80',
        values: [null, null, 30],
        band: { low: [null, null, 25], high: [null, null, 35] },
        dashed: true,
      },
      {
        name: 'series.forecast95',
        values: [null, null, 30],
        band: { low: [null, null, 22], high: [null, null, 38] },
        dashed: true,
      },
    ],
  },
};

export const staffingFixture: StaffingScreen = {
  week: {
    inputs: {
      aht_seconds: 300,
      target: { percent: 80, seconds: 60 },
      shrinkage: 0.3,
      max_occupancy: 0.85,
    },
    tz: 'UTC',
    from: '2025-03-02',
    to: '2025-03-29',
    cells: [],
  },
  chart: {
    kind: 'heatmap',
    title: 'chart.staffing',
    subtitle: null,
    x: { kind: 'hour', labels: Array.from({ length: 24 }, (_, h) => String(h)) },
    unit: 'count',
    series: Array.from({ length: 7 }, (_, d) => ({
      name: String(d + 1),
      values: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 18 ? 4 + d : 1)),
      dashed: false,
    })),
  },
};
