// The Sources screen in the real app against the fake Zendesk on 127.0.0.1: connect
// (the token goes to the OS keychain, here a gnome-keyring in a private D-Bus session),
// replace the demo, sync with live progress, and see the workspace change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { remote } from 'webdriverio';

const root = resolve(import.meta.dirname, '../..');
const app = join(root, 'target/debug/deskbench-app');
const cli = join(root, 'target/debug/deskbench');
const fakeBin = join(root, 'target/debug/fake-zendesk');
const workspace = mkdtempSync(join(tmpdir(), 'deskbench-e2e-sources-'));
// Where the app keeps the hosts the user confirmed (connecting confirms the fake's), so
// the user's own configuration folder is left alone.
const config = mkdtempSync(join(tmpdir(), 'deskbench-e2e-config-'));
const TICKETS = 300;

/** A port nothing listens on right now. */
async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

let fake;
let driver;
let browser;
let fakeUrl;

before(async () => {
  const port = await freePort();
  fakeUrl = `http://127.0.0.1:${port}`;
  fake = spawn(fakeBin, ['--port', String(port), '--tickets', String(TICKETS), '--page-size', '1000'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolveReady, reject) => {
    fake.stdout.on('data', (chunk) => chunk.toString().includes('serving') && resolveReady());
    fake.on('exit', (code) => reject(new Error(`fake-zendesk exited with ${code}`)));
  });
  execFileSync(cli, ['--workspace', workspace, 'demo', '--tickets', '2000', '--seed', '3'], { stdio: 'inherit' });
  driver = spawn('tauri-driver', [], {
    env: { ...process.env, DESKBENCH_WORKSPACE: workspace, DESKBENCH_CONFIG_DIR: config },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await new Promise((r) => setTimeout(r, 1500));
  browser = await remote({
    hostname: '127.0.0.1',
    port: 4444,
    logLevel: 'warn',
    capabilities: { 'wdio:enforceWebDriverClassic': true, 'tauri:options': { application: app } },
  });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.kill('SIGTERM');
  fake?.kill('SIGTERM');
  rmSync(workspace, { recursive: true, force: true });
  rmSync(config, { recursive: true, force: true });
});

const byId = (id) => browser.$(`[data-testid="${id}"]`);

async function waitFor(id, timeout = 60000) {
  const el = await byId(id);
  await el.waitForExist({ timeout, timeoutMsg: `${id} never appeared` });
  return el;
}

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
  const status = JSON.parse(execFileSync(cli, ['--workspace', workspace, 'status', '--format', 'json']).toString());
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
  for (const [id, value] of [['range-from', '2025-01-01'], ['range-to', '2025-12-31']]) {
    await browser.execute((e, v) => {
      e.value = v;
      e.dispatchEvent(new Event('input', { bubbles: true }));
      e.dispatchEvent(new Event('change', { bubbles: true }));
    }, await inExplore(id), value);
  }
  await (await inExplore('range-apply')).click();
  await browser.waitUntil(async () => (await explore.getAttribute('aria-busy')) === 'false', {
    timeout: 30000,
    timeoutMsg: 'Explore never finished loading the custom range',
  });
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
