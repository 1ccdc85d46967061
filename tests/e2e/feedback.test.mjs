// Feedback in the real app (tauri-driver + WebKitWebDriver under Xvfb): Ctrl+3 opens it;
// its theme cards count exactly what `deskbench feedback --format json` counts for the
// same range, language and source; a theme opens as many tickets as it counts; the themes
// chart exports as a slide-sized PNG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Key, remote } from 'webdriverio';

const root = resolve(import.meta.dirname, '../..');
const app = join(root, 'target/debug/deskbench-app');
const cli = join(root, 'target/debug/deskbench');
const workspace = mkdtempSync(join(tmpdir(), 'deskbench-e2e-feedback-'));
const exports = mkdtempSync(join(tmpdir(), 'deskbench-e2e-feedback-out-'));

let driver;
let browser;

before(async () => {
  execFileSync(cli, ['--workspace', workspace, 'demo', '--tickets', '4000', '--seed', '11'], { stdio: 'inherit' });
  driver = spawn('tauri-driver', [], {
    env: { ...process.env, DESKBENCH_WORKSPACE: workspace, DESKBENCH_EXPORT_DIR: exports },
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
  rmSync(workspace, { recursive: true, force: true });
  rmSync(exports, { recursive: true, force: true });
});

const byId = (id) => browser.$(`[data-testid="${id}"]`);

async function waitFor(id, timeout = 60000) {
  const el = await byId(id);
  await el.waitForExist({ timeout, timeoutMsg: `${id} never appeared` });
  return el;
}

/** Waits until the screen has answered its latest query. */
async function settled() {
  await browser.waitUntil(async () => (await (await byId('feedback')).getAttribute('aria-busy')) === 'false', {
    timeout: 60000,
    timeoutMsg: 'Feedback never finished loading',
  });
}

/** {theme id: tickets} as the CLI reports it for the range the screen shows. */
async function cliThemes(...args) {
  const result = await waitFor('feedback-result');
  const from = await result.getAttribute('data-from');
  const to = await result.getAttribute('data-to');
  const out = execFileSync(cli, [
    '--workspace', workspace, 'feedback', '--format', 'json', '--from', from, '--to', to, ...args,
  ]);
  return Object.fromEntries(JSON.parse(out.toString()).themes.map((t) => [t.id, t.count]));
}

/** {theme id: tickets} of every card, after showing them all. */
async function cardThemes() {
  const more = await byId('themes-more');
  if (await more.isExisting()) await more.click();
  return browser.execute(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="theme-card"]')].map((card) => [
        card.getAttribute('data-theme-id'),
        Number(card.getAttribute('data-count')),
      ]),
    ),
  );
}

test('Ctrl+3 opens Feedback, whose themes count what the CLI counts', async () => {
  await waitFor('kpi-card');
  await browser.keys([Key.Ctrl, '3']);
  await waitFor('feedback');
  await waitFor('theme-card');
  await settled();
  const all = await cardThemes();
  assert.ok(Object.keys(all).length > 0, 'the demo has themes');
  assert.deepEqual(all, await cliThemes('--source', 'all'));

  await (await byId('feedback-lang-ko')).click();
  await (await byId('feedback-source-tickets')).click();
  await settled();
  await waitFor('theme-card');
  const korean = await cardThemes();
  assert.ok(Object.keys(korean).every((id) => id.startsWith('ko-')), 'only Korean themes');
  assert.deepEqual(korean, await cliThemes('--lang', 'ko', '--source', 'tickets'));
});

test('a theme opens as many tickets as it counts', async () => {
  const card = await waitFor('theme-card');
  const count = Number(await card.getAttribute('data-count'));
  await card.$('header button').click();
  await waitFor('ticket-list');
  const total = await waitFor('ticket-count');
  await browser.waitUntil(async () => (await total.getAttribute('data-total')) !== '', { timeout: 30000 });
  assert.equal(Number(await total.getAttribute('data-total')), count, 'the list holds the theme’s tickets');
  await browser.keys('Escape');
  await (await byId('ticket-list')).waitForDisplayed({ reverse: true, timeout: 10000 });
});

function pngSize(file) {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG', `${file} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the themes chart exports as a slide-sized PNG', async () => {
  const before = new Set(readdirSync(exports));
  const panel = await waitFor('feedback-chart-themes');
  await panel.$('[data-testid="export-menu"] summary').click();
  await panel.$('[data-testid="export-png"]').click();
  let file;
  await browser.waitUntil(
    () => {
      file = readdirSync(exports).find((name) => !before.has(name) && name.endsWith('.png'));
      return Boolean(file);
    },
    { timeout: 30000, timeoutMsg: 'no .png file was written' },
  );
  const png = join(exports, file);
  assert.deepEqual(pngSize(png), { width: 1920, height: 1080 });
  assert.ok(readFileSync(png).length > 10000, 'the PNG has content');
  assert.match(file, /^Largest themes by tickets /, 'named after the chart and its range');
});
