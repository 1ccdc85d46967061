// The real app, built and driven through tauri-driver + WebKitWebDriver: the Overview's
// KPI cards must show exactly what `deskbench kpi` prints for the same workspace and range.
// Run under a display (xvfb-run); scripts/test.sh builds the binaries first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { remote } from 'webdriverio';

const root = resolve(import.meta.dirname, '../..');
const app = join(root, 'target/debug/deskbench-app');
const cli = join(root, 'target/debug/deskbench');
const workspace = mkdtempSync(join(tmpdir(), 'deskbench-e2e-'));

/** The number a card shows for a KPI, taken from the CLI's contract JSON. */
function headline(kpis, id) {
  const v = kpis[id];
  if ('median' in v) return v.median;
  return v.value;
}

function cliKpis(...args) {
  const out = execFileSync(cli, ['--workspace', workspace, 'kpi', '--format', 'json', ...args]);
  return JSON.parse(out.toString()).kpis;
}

let driver;
let browser;

before(async () => {
  execFileSync(cli, ['--workspace', workspace, 'demo', '--tickets', '4000', '--seed', '7'], { stdio: 'inherit' });
  driver = spawn('tauri-driver', [], {
    env: { ...process.env, DESKBENCH_WORKSPACE: workspace },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await new Promise((r) => setTimeout(r, 1500));
  browser = await remote({
    hostname: '127.0.0.1',
    port: 4444,
    logLevel: 'warn',
    capabilities: {
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: app },
    },
  });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  // SIGTERM lets tauri-driver stop WebKitWebDriver too (SIGKILL would orphan it).
  driver?.kill('SIGTERM');
  rmSync(workspace, { recursive: true, force: true });
});

/** Waits for the six cards and returns {kpi: headline string}. */
async function readCards() {
  await browser.waitUntil(async () => (await browser.$$('[data-testid="kpi-card"]')).length === 6, {
    timeout: 60000,
    timeoutMsg: 'the Overview never showed six KPI cards',
  });
  const cards = {};
  for (const card of await browser.$$('[data-testid="kpi-card"]')) {
    cards[await card.getAttribute('data-kpi')] = await card.getAttribute('data-headline');
  }
  return cards;
}

function assertCardsMatch(cards, kpis) {
  for (const id of ['tickets_created', 'tickets_solved', 'tickets_unsolved', 'first_reply_time', 'full_resolution_time', 'csat']) {
    const expected = headline(kpis, id);
    const shown = cards[id];
    if (expected === null) assert.equal(shown, '', `${id}: no data in the CLI, none in the app`);
    else assert.equal(Number(shown), expected, `${id}: the card shows what the CLI prints`);
  }
}

test('the Overview opens on the demo workspace with the demo badge', async () => {
  await readCards();
  assert.ok(await browser.$('[data-testid="demo-badge"]').isDisplayed(), 'the demo badge is visible');
  for (const chart of ['volume', 'first_reply', 'resolution', 'csat', 'sla', 'arrivals']) {
    assert.ok(await browser.$(`[data-testid="overview-chart-${chart}"]`).isExisting(), `the ${chart} chart is there`);
  }
  assert.match(await browser.getTitle(), /Deskbench/);
});

test('the default cards equal `deskbench kpi` for the last 30 days', async () => {
  assertCardsMatch(await readCards(), cliKpis());
});

test('a custom range shows the CLI numbers for that range', async () => {
  const label = await browser.$('[data-testid="range-label"]');
  const before = await label.getText();
  const select = await browser.$('[data-testid="period-preset"]');
  await select.selectByAttribute('value', 'custom');
  const from = await browser.$('[data-testid="range-from"]');
  const to = await browser.$('[data-testid="range-to"]');
  // Date inputs take the ISO value through script: typing depends on the locale's format.
  for (const [el, value] of [[from, '2026-01-01'], [to, '2026-03-31']]) {
    await browser.execute((e, v) => {
      e.value = v;
      e.dispatchEvent(new Event('input', { bubbles: true }));
      e.dispatchEvent(new Event('change', { bubbles: true }));
    }, el, value);
  }
  await browser.$('[data-testid="range-apply"]').click();
  await browser.waitUntil(async () => (await label.getText()) !== before, {
    timeout: 30000,
    timeoutMsg: 'the range label never changed to the custom range',
  });
  assertCardsMatch(await readCards(), cliKpis('--from', '2026-01-01', '--to', '2026-03-31'));
});
