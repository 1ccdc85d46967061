// The Sources screen in the real app against the fake Zendesk on 127.0.0.1: connect
// (the token goes to the OS keychain, here a gnome-keyring in a private D-Bus session),
// replace the demo, sync with live progress, and see the workspace change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { cliJson, demoWorkspace, launch, removeDirs, root, tempDir } from './app.mjs';

const fakeBin = join(root, 'target/debug/fake-zendesk');
const TICKETS = 300;

/** A port nothing listens on right now. */
async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

let fake, fakeUrl;
// `config` is where the app keeps the hosts the user confirmed (connecting confirms the
// fake's), so the user's own configuration folder is left alone.
let workspace, config;
let browser, stop, byId, waitFor, settled, setDate;

before(async () => {
  const port = await freePort();
  fakeUrl = `http://127.0.0.1:${port}`;
  fake = spawn(fakeBin, ['--port', String(port), '--tickets', String(TICKETS), '--page-size', '1000'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolveReady, reject) => {
    fake.stdout.on('data', (chunk) => chunk.toString().includes('serving') && resolveReady());
    fake.on('exit', (code) => reject(new Error(`fake-zendesk exited with ${code}`)));
  });
  workspace = demoWorkspace('sources', { tickets: 2000, seed: 3 });
  config = tempDir('config');
  ({ browser, stop, byId, waitFor, settled, setDate } = await launch({
    env: { DESKBENCH_WORKSPACE: workspace, DESKBENCH_CONFIG_DIR: config },
  }));
});

after(async () => {
  await stop?.();
  fake?.kill('SIGTERM');
  removeDirs(workspace, config);
});

test('connecting a Zendesk account replaces the demo and a sync brings its tickets', async () => {
  await waitFor('kpi-card');
  await (await byId('nav-sources')).click();
  await waitFor('connect-form');
  await (await byId('connect-name')).setValue('fake');
  await (await byId('connect-address')).setValue(fakeUrl);
  await (await byId('connect-email')).setValue('admin@example.com');
  await (await byId('connect-token')).setValue('secret-token');

  await (await byId('connect-test')).click();
  await browser.waitUntil(async () => /admin/.test(await (await byId('connect-result')).getText()), {
    timeout: 30000,
    timeoutMsg: 'Test connection never said who the token belongs to',
  });

  await (await byId('connect-submit')).click();
  await (await waitFor('demo-replace-dialog')).$('[data-testid="confirm-accept"]').click();
  const card = await waitFor('source-card');
  assert.equal(await card.getAttribute('data-source'), 'fake');
  assert.equal(await (await byId('demo-badge')).isExisting(), false, 'the demo badge is gone');

  await (await byId('sync-now')).click();
  const result = await waitFor('sync-result', 120000);
  await browser.waitUntil(async () => (await result.getAttribute('data-outcome')) === 'succeeded', {
    timeout: 120000,
    timeoutMsg: 'the sync did not succeed',
  });
  const status = cliJson(workspace, 'status');
  assert.equal(status.counts.tickets + status.counts.deleted_tickets, TICKETS, 'every ticket of the account is stored');
  assert.equal(status.workspace.is_demo, false);
  assert.ok(await (await waitFor('history-row')).isExisting(), 'the run is in the history');
  const synced = await (await byId('last-synced')).getAttribute('data-synced-at');
  assert.ok(Number(synced) > 0, 'the header shows when the workspace last synced');
});

test('customer markup in a subject shows as text and never runs', async () => {
  await (await byId('nav-explore')).click();
  await (await waitFor('explore-kpi')).selectByAttribute('value', 'tickets_created');
  await (await byId('explore-by')).selectByAttribute('value', '');
  // The fake account's tickets are from the year before 2026.
  const explore = await byId('explore');
  const inExplore = (id) => explore.$(`[data-testid="${id}"]`);
  await (await inExplore('period-preset')).selectByAttribute('value', 'custom');
  await setDate(await inExplore('range-from'), '2025-01-01');
  await setDate(await inExplore('range-to'), '2025-12-31');
  await (await inExplore('range-apply')).click();
  await settled('explore', 30000);
  await (await byId('view-table')).click();
  const cell = await browser.$('[data-testid="explore-table"] td[data-series="0"] button');
  await cell.waitForExist({ timeout: 30000 });
  await cell.click();
  const count = await waitFor('ticket-count');
  await browser.waitUntil(async () => Number(await count.getAttribute('data-total')) > 0, {
    timeout: 30000,
    timeoutMsg: 'the ticket list stayed empty',
  });
  await (await waitFor('ticket-search')).setValue('Dark mode');
  // Rows are re-rendered as the search narrows the list: read the first one afresh.
  const firstSubject = () =>
    browser.execute(() => document.querySelector('[data-testid="ticket-rows"] .cell.subject')?.textContent?.trim() ?? '');
  await browser.waitUntil(async () => (await firstSubject()).includes('Dark mode'), {
    timeout: 30000,
    timeoutMsg: 'the search never found the ticket with markup in its subject',
  });
  assert.equal(
    await firstSubject(),
    'Dark mode <img src=x onerror="window.__deskbenchXss=1"> please <script>window.__deskbenchXss=2</script>',
    'the markup is shown literally',
  );
  const injected = await browser.execute(() => ({
    elements: document.querySelectorAll('[data-testid="ticket-list"] img, [data-testid="ticket-list"] script').length,
    ran: window.__deskbenchXss ?? null,
  }));
  assert.deepEqual(injected, { elements: 0, ran: null }, 'no element was created and nothing ran');
});
