/**
 * A chart's image export draws what the chart shows: with its value labels when they are
 * on, so the PNG or SVG of a labelled Explore chart is labelled too.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as ipc from '../../lib/ipc';
import { overviewFixture } from '../../test/fixtures';
import SpecChart from './SpecChart.svelte';

vi.mock(import('../../lib/ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  exportChart: vi.fn(),
}));

const exportMock = vi.mocked(ipc.exportChart);

async function exportPng(valueLabels: boolean): Promise<ipc.ChartSpec | undefined> {
  render(SpecChart, { spec: overviewFixture.charts.volume, name: 'Volume', emptyText: '—', testid: 'chart', valueLabels });
  await fireEvent.click(screen.getByTestId('export-png'));
  await waitFor(() => expect(exportMock).toHaveBeenCalled());
  return exportMock.mock.lastCall?.[0];
}

describe('a chart’s image export', () => {
  beforeEach(() => {
    exportMock.mockReset();
    exportMock.mockResolvedValue(null);
  });

  it('asks for every value labelled when the chart shows its labels', async () => {
    expect((await exportPng(true))?.value_labels).toBe(true);
  });

  it('leaves the spec as it came without them', async () => {
    const sent = await exportPng(false);
    expect(sent).toEqual(overviewFixture.charts.volume);
    expect(sent?.value_labels).toBeUndefined();
  });
});
