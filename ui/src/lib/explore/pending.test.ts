import { describe, expect, it } from 'vitest';

import { queryForRow, setPendingQuery, takePendingQuery } from './pending';
import { toKpiRequest } from './query';

describe('pending Explore query', () => {
  it('is taken once', () => {
    const query = queryForRow({
      by: 'group',
      key: '360001',
      kpi: 'csat',
      period: { kind: 'last_90_days' },
      hours: 'business',
    });
    setPendingQuery(query);
    expect(takePendingQuery()).toEqual(query);
    expect(takePendingQuery()).toBeNull();
  });

  it('opens the sorted KPI week by week, filtered to the row', () => {
    const query = queryForRow({
      by: 'assignee',
      key: '101',
      kpi: null,
      period: { kind: 'custom', from: '2025-03-01', to: '2025-03-31' },
      hours: 'calendar',
    });
    expect(query).toEqual({
      kpi: 'tickets_solved',
      by: null,
      every: 'week',
      hours: 'calendar',
      tz: null,
      period: { kind: 'custom', from: '2025-03-01', to: '2025-03-31' },
      filters: { assignee: ['101'] },
    });
    expect(toKpiRequest(query)).toMatchObject({ filters: ['assignee=101'], kpis: ['tickets_solved'], every: 'week' });
  });
});
