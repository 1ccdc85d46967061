import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as ipc from '../../lib/ipc';
import ImportDialog from './ImportDialog.svelte';

// Only the IPC layer is replaced; the dialog's logic, formatting and i18n are real.
vi.mock(import('../../lib/ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  importOptions: vi.fn(),
  pickImportFile: vi.fn(),
  previewImport: vi.fn(),
  runImport: vi.fn(),
  cancelImport: vi.fn(),
}));

const options: ipc.ImportOptions = {
  presets: [
    { name: 'generic', title: 'Generic', note: null, survey: false, built_in: true, statuses: [] },
    {
      name: 'helpscout',
      title: 'Help Scout',
      note: null,
      survey: false,
      built_in: true,
      statuses: [{ value: 'closed', state: 'solved' }],
    },
  ],
  fields: ['id', 'subject', 'status', 'created_at'],
  states: ['new', 'open', 'pending', 'hold', 'solved', 'closed'],
};

function view(over: Partial<ipc.ImportView> = {}): ipc.ImportView {
  return {
    file: { format: 'csv', encoding: 'UTF-16LE', delimiter: 'tab', sheet: null },
    source: 'helpscout-export',
    new_source: true,
    survey: false,
    dry_run: true,
    date_format: '%Y-%m-%d %H:%M:%S',
    zone: 'UTC',
    columns: [
      ['Number', 'id'],
      ['Subject', 'subject'],
      ['Status', 'status'],
    ],
    preview_fields: ['id', 'subject'],
    preview: [['2001', '<img src=x onerror="window.__hit=1">']],
    counts: {
      rows: 1250,
      tickets_new: 1248,
      tickets_updated: 0,
      ratings: 0,
      ratings_unmatched: 0,
      neutral_excluded: 0,
      skipped: 2,
      skipped_unlisted: 0,
      footer_lines: 0,
    },
    skipped: [{ code: 'unknown_status', subject: 'spam', count: 2, lines: [3, 9], example: 'unknown status "spam"' }],
    unknown_statuses: ['spam'],
    saved_preset: null,
    problem: null,
    ...over,
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(ipc.importOptions).mockResolvedValue(options);
  vi.mocked(ipc.pickImportFile).mockResolvedValue({ name: 'export.csv', bytes: 2048 });
  vi.mocked(ipc.previewImport).mockResolvedValue(view());
  vi.mocked(ipc.runImport).mockResolvedValue(view({ dry_run: false }));
  vi.mocked(ipc.cancelImport).mockResolvedValue();
});

describe('ImportDialog', () => {
  it('previews the picked file: detection, counts, skipped rows by reason, cells as text', async () => {
    render(ImportDialog, { open: true, isDemo: false });
    expect(await screen.findByTestId('import-file')).toHaveTextContent('export.csv');
    expect(await screen.findByTestId('import-encoding')).toHaveTextContent('UTF-16LE');
    expect(screen.getByTestId('import-delimiter')).toHaveTextContent('tab');
    expect(screen.getByTestId('import-count-rows')).toHaveTextContent('1,250');
    const skipped = within(screen.getByTestId('import-skipped')).getByText(/spam/);
    expect(skipped).toHaveTextContent('Unknown status “spam”');
    expect(screen.getByTestId('import-skipped')).toHaveTextContent('lines 3, 9');
    const table = screen.getByTestId('import-preview');
    expect(table).toHaveTextContent('<img src=x onerror="window.__hit=1">');
    expect(table.querySelector('img')).toBeNull();
    expect(vi.mocked(ipc.previewImport).mock.calls[0]?.[0].preset).toBe('generic');
  });

  it('maps an unknown status in the status table and imports what the preview showed', async () => {
    render(ImportDialog, { open: true, isDemo: false });
    await screen.findByTestId('import-skipped');
    const spam = screen.getAllByTestId('import-status-state').find((s) => s.dataset.status === 'spam');
    expect(spam).toBeDefined();
    await fireEvent.change(spam as HTMLSelectElement, { target: { value: 'closed' } });
    await waitFor(() => expect(ipc.previewImport).toHaveBeenCalledTimes(2));
    expect(vi.mocked(ipc.previewImport).mock.calls[1]?.[0].statuses).toEqual([{ value: 'spam', state: 'closed' }]);
    await waitFor(() => expect(screen.getByTestId('import-run')).toBeEnabled());
    await fireEvent.click(screen.getByTestId('import-run'));
    expect(await screen.findByTestId('import-done')).toHaveTextContent('helpscout-export');
    expect(vi.mocked(ipc.runImport).mock.calls[0]?.[0].statuses).toEqual([{ value: 'spam', state: 'closed' }]);
  });

  it('closes when the open dialog is dismissed, and Cancel stops a running import', async () => {
    vi.mocked(ipc.pickImportFile).mockResolvedValueOnce(null);
    const dismissed = render(ImportDialog, { open: true, isDemo: false });
    await waitFor(() => expect(screen.queryByTestId('import-dialog')).not.toHaveAttribute('open'));
    dismissed.unmount();

    vi.mocked(ipc.runImport).mockReturnValue(new Promise(() => {}));
    render(ImportDialog, { open: true, isDemo: true });
    await waitFor(() => expect(screen.getByTestId('import-run')).toBeEnabled());
    expect(screen.getByText(/replaces the demo data/)).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('import-run'));
    await fireEvent.click(await screen.findByTestId('import-cancel'));
    expect(ipc.cancelImport).toHaveBeenCalled();
  });
});
