// The Sources screen in the real app against the fake Freshdesk on 127.0.0.1: pick
// Freshdesk in the connect form, see a wrong API key refused in plain words, connect
// with the right one (the key goes to the OS keychain), replace the demo, sync with the
// same progress as Zendesk, and see each stream's row and the account's tickets in the
// Overview; then the fake Zendesk beside it, both synced by one Sync.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { cliJson, demoWorkspace, launch, removeDirs, root, tempDir } from './app.mjs';

const fakeBin = join(root, 'target/debug/fake-freshdesk');
const fakeZendeskBin = join(root, 'target/debug/fake-zendesk');
const TICKETS = 200;
/** The key the fake accepts. */
const API_KEY = 'fake-api-key';
/** The fake's tickets are created in the two years before 2026. */
const FROM = '2024-01-01';
const TO = '2025-12-31';

let fake, fakeUrl, zendesk, zendeskUrl;

/** Starts a fake helpdesk binary and resolves with the address its first line names. */
function serve(bin, args) {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = new Promise((resolveUrl, reject) => {
    child.stdout.on('data', (chunk) => {
      const found = /(http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString())?.[1];
      if (found) resolveUrl(found);
    });
    child.on('exit', (code) => reject(new Error(`${bin} exited with ${code}`)));
  });
  return { child, url };
}
let workspace, config;
let browser, stop, byId, waitFor, setDate;

before(async () => {
  let url;
  ({ child: fake, url } = serve(fakeBin, ['--tickets', String(TICKETS)]));
  fakeUrl = await url;
  workspace = demoWorkspace('sources-freshdesk', { tickets: 2000, seed: 5 });
  config = tempDir('config');
  ({ browser, stop, byId, waitFor, setDate } = await launch({
    env: { DESKBENCH_WORKSPACE: workspace, DESKBENCH_CONFIG_DIR: config },
  }));
});

after(async () => {
  await stop?.();
  fake?.kill('SIGTERM');
  zendesk?.kill('SIGTERM');
  removeDirs(workspace, config);
});

/** The connect form's result line once it says something matching `pattern`. */
async function resultMatching(pattern, what) {
  const result = await byId('connect-result');
  await browser.waitUntil(async () => pattern.test(await result.getText()), { timeout: 30000, timeoutMsg: what });
  return result.getText();
}

test('a Freshdesk account connects from the form, a wrong key is refused in plain words', async () => {
  await waitFor('kpi-card');
  await (await byId('nav-sources')).click();
  await waitFor('connect-form');
  await (await byId('connect-kind')).selectByAttribute('value', 'freshdesk');
  assert.match(await (await byId('connect-help')).getText(), /Where to find the API key/);
  assert.equal(await (await byId('connect-email')).isExisting(), false, 'Freshdesk needs no email');
  await (await byId('connect-name')).setValue('fresh');
  await (await byId('connect-address')).setValue(fakeUrl);
  await (await byId('connect-token')).setValue('not-the-key');
  await (await byId('connect-test')).click();
  assert.match(await resultMatching(/API key/, 'a wrong key was never reported'), /API key was refused/);

  await (await byId('connect-token')).clearValue();
  await (await byId('connect-token')).setValue(API_KEY);
  await (await byId('connect-test')).click();
  await resultMatching(/works/, 'Test connection never accepted the right key');

  await (await byId('connect-submit')).click();
  await (await waitFor('demo-replace-dialog')).$('[data-testid="confirm-accept"]').click();
  const card = await waitFor('source-card');
  assert.equal(await card.getAttribute('data-source'), 'fresh');
  assert.equal(await card.getAttribute('data-kind'), 'freshdesk');
  assert.equal(await (await byId('demo-badge')).isExisting(), false, 'the demo badge is gone');
});

test('a sync shows live progress, then a row per stream and the account in the KPIs', async () => {
  await (await byId('sync-now')).click();
  const result = await waitFor('sync-result', 120000);
  await browser.waitUntil(async () => (await result.getAttribute('data-outcome')) === 'succeeded', {
    timeout: 120000,
    timeoutMsg: 'the Freshdesk sync did not succeed',
  });
  // The progress panel followed each stream, as for Zendesk, and keeps its totals.
  for (const stream of ['tickets', 'conversations', 'contacts', 'ticket_fields']) {
    const live = await browser.$(`[data-testid="sync-source"][data-source="fresh"] [data-testid="sync-stream"][data-stream="${stream}"]`);
    assert.equal(await live.getAttribute('data-phase'), 'done', `${stream} was followed to its end`);
  }
  const liveTickets = await browser.$('[data-testid="sync-stream"][data-stream="tickets"]');
  assert.ok(Number(await liveTickets.getAttribute('data-records')) > 0, 'the tickets stream counted its records');
  for (const stream of ['tickets', 'conversations', 'contacts', 'agents', 'satisfaction_ratings', 'business_hours']) {
    const state = await browser.$(`[data-testid="stream-table"] [data-stream="${stream}"] [data-state]`);
    assert.equal(await state.getAttribute('data-state'), 'complete', `the ${stream} stream has its row, complete`);
  }
  const archive = await browser.$('[data-testid="stream-table"] [data-stream="archived_tickets"] [data-state]');
  assert.equal(await archive.getAttribute('data-state'), 'skipped', 'the archive has its row, skipped with the reason');
  const status = cliJson(workspace, 'status');
  assert.ok(status.counts.tickets > 0, 'the tickets are stored');

  await (await byId('nav-overview')).click();
  await (await browser.$('[data-testid="period-preset"]')).selectByAttribute('value', 'custom');
  await setDate(await browser.$('[data-testid="range-from"]'), FROM);
  await setDate(await browser.$('[data-testid="range-to"]'), TO);
  await browser.$('[data-testid="range-apply"]').click();
  const expected = cliJson(workspace, 'kpi', '--from', FROM, '--to', TO).kpis.tickets_created.value;
  assert.ok(expected > 0, 'the fake account has tickets in the range');
  const created = await browser.$('[data-testid="kpi-card"][data-kpi="tickets_created"]');
  await browser.waitUntil(async () => Number(await created.getAttribute('data-headline')) === expected, {
    timeout: 60000,
    timeoutMsg: `the Overview never showed the account's ${expected} tickets created`,
  });
});

test('a Zendesk source beside the Freshdesk one: both cards, one Sync brings both', async () => {
  let url;
  ({ child: zendesk, url } = serve(fakeZendeskBin, ['--port', '0', '--tickets', '100', '--page-size', '1000']));
  zendeskUrl = await url;
  await (await byId('nav-sources')).click();
  await waitFor('connect-form');
  await (await byId('connect-kind')).selectByAttribute('value', 'zendesk');
  await (await byId('connect-name')).setValue('zen');
  await (await byId('connect-address')).setValue(zendeskUrl);
  await (await byId('connect-email')).setValue('admin@example.com');
  await (await byId('connect-token')).setValue('secret-token');
  await (await byId('connect-submit')).click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="source-card"]')).length === 2, {
    timeout: 30000,
    timeoutMsg: 'the Zendesk source never joined the Freshdesk one',
  });
  const kinds = [];
  for (const card of await browser.$$('[data-testid="source-card"]')) kinds.push(await card.getAttribute('data-kind'));
  assert.deepEqual(kinds.sort(), ['freshdesk', 'zendesk']);

  await (await byId('sync-now')).click();
  for (const source of ['fresh', 'zen']) {
    const result = await browser.$(`[data-testid="sync-source"][data-source="${source}"] [data-testid="sync-result"]`);
    await result.waitForExist({ timeout: 120000, timeoutMsg: `${source} never reported its result` });
    await browser.waitUntil(async () => (await result.getAttribute('data-outcome')) === 'succeeded', {
      timeout: 120000,
      timeoutMsg: `${source} did not sync`,
    });
  }
  const status = cliJson(workspace, 'status');
  assert.deepEqual(status.workspace.sources.map((s) => s.kind).sort(), ['freshdesk', 'zendesk'], 'both sources are kept');
  for (const source of status.workspace.sources) assert.ok(source.last_synced_at > 0, `${source.name} synced`);
});
