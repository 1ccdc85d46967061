/** The note an export leaves under its menu reads in the UI's language, also after a change. */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';

import * as ipc from '../../lib/ipc';
import { setLocale } from '../../lib/i18n/locale.svelte';
import { overviewFixture } from '../../test/fixtures';
import ExportMenu from './ExportMenu.svelte';

vi.mock(import('../../lib/ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  exportChart: vi.fn(),
}));

describe('the export note', () => {
  afterEach(() => setLocale('en'));

  it('follows a change of language', async () => {
    vi.mocked(ipc.exportChart).mockResolvedValue('/home/ana/Volume.png');
    const spec = overviewFixture.charts.volume;
    render(ExportMenu, { data: { kind: 'chart', spec }, chart: spec, name: 'Volume' });
    await fireEvent.click(screen.getByTestId('export-png'));
    const status = screen.getByTestId('export-status');
    await waitFor(() => expect(status.textContent).toContain('Volume.png'));
    const english = status.textContent;
    setLocale('ru');
    await waitFor(() => expect(status.textContent).not.toBe(english));
    expect(status.textContent).toContain('Volume.png');
  });
});
