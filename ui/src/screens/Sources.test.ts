import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import * as ipc from '../lib/ipc';
import { SyncSession } from '../lib/sync/session.svelte';
import {
  demoSourcesFixture,
  freshdeskSourceFixture,
  NOW_MS,
  runsFixture,
  sourcesFixture,
  workspaceFixture,
  zendeskWorkspaceFixture,
} from '../test/fixtures';
import Sources from './Sources.svelte';

// Only the IPC layer is replaced; the session, reducer, formatting and i18n are real.
vi.mock(import('../lib/ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  listSources: vi.fn(),
  syncHistory: vi.fn(),
  syncSources: vi.fn(),
  cancelSync: vi.fn(),
  removeSource: vi.fn(),
  confirmSourceHost: vi.fn(),
  testConnection: vi.fn(),
  connectSource: vi.fn(),
}));

/** A sync the test drives: push progress events, then settle it. */
function controllableSync() {
  let emit: (progress: ipc.SyncProgress) => void = () => {};
  let settle: { resolve: (results: ipc.SourceSyncResult[]) => void; reject: (reason: unknown) => void } | undefined;
  vi.mocked(ipc.syncSources).mockImplementation((_full, onProgress) => {
    emit = onProgress;
    return new Promise((resolve, reject) => (settle = { resolve, reject }));
  });
  return {
    send: (event: ipc.SyncEvent, source = 'Acme support') => emit({ source, event }),
    finish: (results: ipc.SourceSyncResult[]) => settle?.resolve(results),
    fail: (reason: unknown) => settle?.reject(reason),
  };
}

function setup(workspace = zendeskWorkspaceFixture) {
  const onworkspace = vi.fn();
  const session = new SyncSession();
  render(Sources, { workspace, session, onworkspace });
  return { onworkspace, session };
}

describe('Sources screen', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW_MS);
    for (const mock of [
      ipc.listSources,
      ipc.syncHistory,
      ipc.syncSources,
      ipc.cancelSync,
      ipc.removeSource,
      ipc.confirmSourceHost,
    ]) {
      vi.mocked(mock).mockReset();
    }
    vi.mocked(ipc.listSources).mockResolvedValue(sourcesFixture);
    vi.mocked(ipc.syncHistory).mockResolvedValue(runsFixture);
    vi.mocked(ipc.cancelSync).mockResolvedValue();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows each source with its settings, last sync and streams in order', async () => {
    setup();
    const card = await screen.findByTestId('source-card');
    expect(card).toHaveAttribute('data-source', 'Acme support');
    for (const text of ['Acme support', 'Zendesk', 'https://acme.zendesk.com', 'admin@acme.test', 'API token', 'America/New_York']) {
      expect(card).toHaveTextContent(text);
    }
    expect(within(card).getByTestId('source-last-synced')).toHaveTextContent('Last synced 5 minutes ago');
    const rows = within(card).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.dataset.stream)).toEqual(['tickets', 'users', 'satisfaction_ratings']);
    expect(rows[2]).toHaveTextContent('Satisfaction ratings');
    expect(rows[2]).toHaveTextContent('Never');
    expect(rows[2]).toHaveTextContent('Zendesk refused access (403)');
    expect(rows[2]).toHaveTextContent('Failed');
    expect(rows[0]).toHaveTextContent('5 minutes ago');
    expect(rows[0]).toHaveTextContent('12,000');
    expect(rows[0]).toHaveTextContent('Complete');
    expect(screen.getAllByTestId('history-row')).toHaveLength(3);
    expect(screen.getByTestId('sync-now')).toBeEnabled();
    expect(screen.getByTestId('sync-now')).toHaveAttribute('title', 'Download what changed since the last sync');
    expect(screen.getByTestId('sync-now')).not.toHaveAttribute('aria-describedby');
  });

  it('shows a Zendesk and a Freshdesk source side by side, each stream with its state', async () => {
    vi.mocked(ipc.listSources).mockResolvedValue([...sourcesFixture, freshdeskSourceFixture]);
    setup();
    await screen.findAllByTestId('source-card');
    const cards = screen.getAllByTestId('source-card');
    expect(cards.map((card) => card.dataset.kind)).toEqual(['zendesk', 'freshdesk']);
    const freshdesk = cards[1]!;
    expect(freshdesk).toHaveTextContent('Freshdesk');
    const rows = within(freshdesk).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.dataset.stream)).toEqual(['tickets', 'conversations', 'satisfaction_ratings']);
    expect(rows[1]).toHaveTextContent('Conversations');
    expect(rows[1]).toHaveTextContent('Resumes at the next sync');
    expect(rows[2]).toHaveTextContent('Skipped');
    expect(rows[2]).toHaveTextContent('the plan does not include satisfaction ratings');
    expect(screen.getByTestId('sync-now')).toBeEnabled();
  });

  it('explains the demo and cannot sync it', async () => {
    vi.mocked(ipc.listSources).mockResolvedValue(demoSourcesFixture);
    vi.mocked(ipc.syncHistory).mockResolvedValue([]);
    setup(workspaceFixture);
    const demo = await screen.findByTestId('demo-card');
    expect(demo).toHaveTextContent('Demo helpdesk');
    expect(demo).toHaveTextContent('Connecting a Zendesk account replaces the demo data');
    expect(screen.queryByTestId('source-card')).toBeNull();
    for (const id of ['sync-now', 'sync-full']) {
      const button = screen.getByTestId(id);
      expect(button).toBeDisabled();
      expect(button).toHaveAttribute('title', 'Connect a source first');
      expect(button).toHaveAccessibleDescription('Connect a source first');
    }
    expect(screen.getByText('Connect a Zendesk or Freshdesk account to sync.')).toBeInTheDocument();
    expect(await screen.findByTestId('history-empty')).toBeInTheDocument();
  });

  it('says so when there is no source at all', async () => {
    vi.mocked(ipc.listSources).mockResolvedValue([]);
    setup({ ...zendeskWorkspaceFixture, sources: [] });
    expect(await screen.findByTestId('sources-empty')).toHaveTextContent('No sources yet.');
  });

  it('shows live progress per stream, cancels, then summarises and reloads the history', async () => {
    const sync = controllableSync();
    setup();
    await screen.findByTestId('source-card');
    await fireEvent.click(screen.getByTestId('sync-now'));
    expect(ipc.syncSources).toHaveBeenCalledWith(false, expect.any(Function));

    const panel = await screen.findByTestId('sync-progress');
    expect(panel).toHaveTextContent('Sync in progress');
    expect(panel).toHaveTextContent('Waiting for its turn');
    expect(screen.getByTestId('sync-now')).toBeDisabled();
    expect(screen.getByTestId('source-remove')).toBeDisabled();
    expect(screen.getByTestId('source-remove')).toHaveAccessibleDescription('Wait until the sync has finished');

    sync.send({ event: 'stream_started', stream: 'users' });
    sync.send({ event: 'stream_finished', stream: 'users', records: 400 });
    sync.send({ event: 'stream_started', stream: 'tickets' });
    sync.send({ event: 'page', stream: 'tickets', records: 12400, pages: 13, problems: 2, eta_seconds: 110 });
    sync.send({ event: 'stream_skipped', stream: 'satisfaction_ratings', reason: 'not on this plan' });

    const row = (stream: string) => panel.querySelector<HTMLElement>(`[data-testid="sync-stream"][data-stream="${stream}"]`);
    await waitFor(() => expect(row('tickets')).toHaveTextContent('12,400 records · 13 pages'));
    expect(row('tickets')).toHaveTextContent('about 2 min left');
    expect(row('tickets')).toHaveTextContent('2 unreadable records skipped');
    expect(row('tickets')?.querySelector('[role="progressbar"]')).not.toBeNull();
    expect(row('users')).toHaveAttribute('data-phase', 'done');
    expect(row('users')).toHaveTextContent('✓');
    expect(row('users')).toHaveTextContent('400 records');
    expect(row('satisfaction_ratings')).toHaveTextContent('skipped: not on this plan');

    sync.send({ event: 'waiting', stream: 'tickets', seconds: 6, reason: 'rate_limited', budget: null, detail: null });
    await waitFor(() => expect(row('tickets')).toHaveTextContent('waiting 6 s — rate-limited by the server'));
    sync.send({ event: 'waiting', stream: 'tickets', seconds: 2, reason: 'retry', budget: null, detail: 'HTTP 503' });
    await waitFor(() => expect(row('tickets')).toHaveTextContent('retrying in 2 s (HTTP 503)'));
    const exports = { kind: 'incremental_exports', limit: 10, window_seconds: 60 } as const;
    sync.send({ event: 'waiting', stream: 'tickets', seconds: 5, reason: 'pacing', budget: exports, detail: null });
    await waitFor(() =>
      expect(row('tickets')).toHaveTextContent('waiting 5 s — Zendesk’s Incremental Exports budget, 10 per minute'),
    );

    await fireEvent.click(screen.getByTestId('sync-cancel'));
    expect(ipc.cancelSync).toHaveBeenCalledTimes(1);
    expect(await screen.findByTestId('sync-cancelling')).toHaveTextContent('Cancelling… pages already stored are kept.');
    expect(screen.getByTestId('sync-cancel')).toBeDisabled();

    vi.mocked(ipc.syncHistory).mockClear();
    sync.finish([{ source: 'Acme support', outcome: 'cancelled', records: 12800, problems: 2, skipped: [], error: null }]);
    const result = await screen.findByTestId('sync-result');
    expect(result).toHaveAttribute('data-outcome', 'cancelled');
    expect(result).toHaveTextContent('Cancelled; 12,800 records kept');
    expect(panel).toHaveTextContent('Sync finished');
    expect(row('tickets')).toHaveAttribute('data-phase', 'stopped');
    await waitFor(() => expect(ipc.syncHistory).toHaveBeenCalled());
    expect(screen.getByTestId('sync-now')).toBeEnabled();

    await fireEvent.click(screen.getByTestId('sync-dismiss'));
    expect(screen.queryByTestId('sync-progress')).toBeNull();
  });

  it('shows a failed source with the core error', async () => {
    const sync = controllableSync();
    setup();
    await screen.findByTestId('source-card');
    await fireEvent.click(screen.getByTestId('sync-now'));
    sync.finish([
      {
        source: 'Acme support',
        outcome: 'failed',
        records: 0,
        problems: 0,
        skipped: [],
        error: 'Zendesk refused the credentials (401): check the email and the API token',
      },
    ]);
    expect(await screen.findByTestId('sync-result')).toHaveTextContent(
      'Failed: Zendesk refused the credentials (401): check the email and the API token',
    );
  });

  it('shows why the sync could not run at all', async () => {
    const sync = controllableSync();
    setup();
    await screen.findByTestId('source-card');
    await fireEvent.click(screen.getByTestId('sync-now'));
    sync.fail({ code: 'invalid_input', message: 'a sync is already running' });
    expect(await screen.findByTestId('sync-error')).toHaveTextContent('The sync could not run: a sync is already running');
  });

  it('asks before a full resync', async () => {
    controllableSync();
    setup();
    await screen.findByTestId('source-card');
    await fireEvent.click(screen.getByTestId('sync-full'));
    const dialog = screen.getByTestId('full-resync-dialog') as HTMLDialogElement;
    await waitFor(() => expect(dialog.open).toBe(true));
    expect(dialog).toHaveTextContent('downloaded again from the beginning');
    expect(ipc.syncSources).not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByTestId('confirm-accept'));
    expect(ipc.syncSources).toHaveBeenCalledWith(true, expect.any(Function));
    expect(await screen.findByTestId('sync-progress')).toHaveTextContent('Full resync in progress');
  });

  it('asks before sending a token to an unconfirmed address, then syncs', async () => {
    const unconfirmed = [{ ...sourcesFixture[0]!, base_url: 'https://evil.example', host_confirmed: false }];
    vi.mocked(ipc.listSources).mockResolvedValue(unconfirmed);
    vi.mocked(ipc.confirmSourceHost).mockResolvedValue();
    controllableSync();
    setup();
    await screen.findByTestId('source-card');
    await fireEvent.click(screen.getByTestId('sync-now'));
    const dialog = screen.getByTestId('host-confirm-dialog') as HTMLDialogElement;
    await waitFor(() => expect(dialog.open).toBe(true));
    expect(within(dialog).getByTestId('host-name')).toHaveTextContent('Acme support');
    expect(within(dialog).getByTestId('host-url')).toHaveTextContent('https://evil.example');
    expect(ipc.syncSources).not.toHaveBeenCalled();

    await fireEvent.click(within(dialog).getByTestId('confirm-cancel'));
    await waitFor(() => expect(dialog.open).toBe(false));
    expect(ipc.confirmSourceHost).not.toHaveBeenCalled();
    expect(ipc.syncSources).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId('sync-now'));
    await waitFor(() => expect(dialog.open).toBe(true));
    await fireEvent.click(within(dialog).getByTestId('confirm-accept'));
    await waitFor(() => expect(ipc.syncSources).toHaveBeenCalledWith(false, expect.any(Function)));
    expect(ipc.confirmSourceHost).toHaveBeenCalledWith('Acme support', 'https://evil.example');
  });

  it('asks when the core refuses an address the list showed as confirmed', async () => {
    vi.mocked(ipc.syncSources).mockRejectedValueOnce({ code: 'unconfirmed_host', message: 'confirm that address first' });
    setup();
    await screen.findByTestId('source-card');
    vi.mocked(ipc.listSources).mockResolvedValue([{ ...sourcesFixture[0]!, host_confirmed: false }]);
    await fireEvent.click(screen.getByTestId('sync-now'));
    const dialog = screen.getByTestId('host-confirm-dialog') as HTMLDialogElement;
    await waitFor(() => expect(dialog.open).toBe(true));
    expect(within(dialog).getByTestId('host-url')).toHaveTextContent('https://acme.zendesk.com');
  });

  it('removes a source only after confirmation (Esc cancels)', async () => {
    const after = { ...zendeskWorkspaceFixture, sources: [] };
    vi.mocked(ipc.removeSource).mockResolvedValue(after);
    const { onworkspace } = setup();
    const card = await screen.findByTestId('source-card');
    await fireEvent.click(within(card).getByTestId('source-remove'));
    const dialog = screen.getByTestId('remove-dialog') as HTMLDialogElement;
    await waitFor(() => expect(dialog.open).toBe(true));
    expect(dialog).toHaveTextContent('Remove Acme support?');
    expect(dialog).toHaveTextContent('All data synced from Acme support will be deleted from this computer');

    await fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(dialog.open).toBe(false));
    expect(ipc.removeSource).not.toHaveBeenCalled();

    await fireEvent.click(within(card).getByTestId('source-remove'));
    await waitFor(() => expect(dialog.open).toBe(true));
    await fireEvent.click(within(dialog).getByTestId('confirm-accept'));
    await waitFor(() => expect(onworkspace).toHaveBeenCalledWith(after));
    expect(ipc.removeSource).toHaveBeenCalledWith('Acme support');
  });

  it('shows a load error with a working Retry', async () => {
    vi.mocked(ipc.listSources).mockRejectedValueOnce({ code: 'workspace', message: 'database is locked' });
    setup();
    expect(await screen.findByRole('alert')).toHaveTextContent('database is locked');
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('source-card')).toBeInTheDocument();
  });
});
