import { describe, expect, it } from 'vitest';

import { nullReasonAt } from '../chart/nullReasons';
import { createFormatter } from '../format';
import { createTranslator } from '../i18n/translate';
import type { ChartSeries, ChartSpec } from '../ipc';
import { nullReasonNotes } from './nullNotes';

const f = createFormatter('en', createTranslator('en'));
const reason = { code: 'column_not_imported', reason: 'no first reply column' } as const;

const series = (name: string, values: (number | null)[], reasons?: (typeof reason | null)[]): ChartSeries => ({
  name,
  values,
  dashed: false,
  ...(reasons ? { null_reasons: reasons } : {}),
});

const bySource = (s: ChartSeries[], kind: 'text' | 'date' = 'text'): ChartSpec => ({
  kind: 'bar',
  title: 'kpi.first_reply_time',
  subtitle: null,
  x: kind === 'text' ? { kind, labels: ['Support', 'Jira export'] } : { kind, labels: ['2025-03-03', '2025-03-10'] },
  unit: 'minutes',
  series: s,
  value_labels: false,
});

describe('null reasons on charts', () => {
  it('gives a reason only for a null value that has one', () => {
    const s = series('Total', [30, null], [null, reason]);
    expect(nullReasonAt(s, 0, f)).toBeNull();
    expect(nullReasonAt(s, 1, f)).toBe('No value: The imported file had no column for this KPI.');
    expect(nullReasonAt(series('Total', [null, null]), 1, f), 'an empty period').toBeNull();
  });

  it('lists each category with its reason under a table of groups', () => {
    expect(nullReasonNotes(bySource([series('Total', [30, null], [null, reason])]), f)).toEqual([
      'Jira export: No value: The imported file had no column for this KPI.',
    ]);
  });

  it('names the series once over dates, whatever the number of buckets', () => {
    const spec = bySource([series('Jira export', [null, null], [reason, reason]), series('Support', [30, 40])], 'date');
    expect(nullReasonNotes(spec, f)).toEqual(['Jira export: No value: The imported file had no column for this KPI.']);
  });
});
