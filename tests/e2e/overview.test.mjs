// The real app, built and driven through tauri-driver + WebKitWebDriver: the Overview's
// KPI cards must show exactly what `deskbench kpi` prints for the same workspace and range,
// and Export → Copy image puts a slide-sized PNG on the display's clipboard (read back with
// xclip). Run under a display (xvfb-run); scripts/test.sh builds the binaries first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

import { cliJson, demoWorkspace, lastFourFullWeeks, launch, removeDirs } from './app.mjs';

/** The number a card shows for a KPI, taken from the CLI's contract JSON. */
function headline(kpis, id) {
  const v = kpis[id];
  if ('median' in v) return v.median;
  return v.value;
}

let workspace;
let browser, stop, setDate;

const cliKpis = (...args) => cliJson(workspace, 'kpi', ...args).kpis;

before(async () => {
  workspace = demoWorkspace('overview', { tickets: 4000, seed: 7 });
  ({ browser, stop, setDate } = await launch({ env: { DESKBENCH_WORKSPACE: workspace } }));
});

after(async () => {
  await stop?.();
  removeDirs(workspace);
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

test('the default cards equal `deskbench kpi` for the last 4 full weeks', async () => {
  assertCardsMatch(await readCards(), cliKpis(...lastFourFullWeeks()));
});

test('a rolling period draws its cut first week apart, with a legend note', async () => {
  const volume = await browser.$('[data-testid="overview-chart-volume"]');
  assert.ok(!(await volume.getHTML()).includes('Partial period'), 'whole weeks have no partial bucket');
  await browser.$('[data-testid="period-preset"]').selectByAttribute('value', 'last_90_days');
  await browser.waitUntil(async () => (await volume.getHTML()).includes('Partial period'), {
    timeout: 30000,
    timeoutMsg: 'the volume chart never noted a partial week',
  });
  assert.match(await volume.getHTML(), /stroke-dasharray/, 'the step into the partial week is dashed');
});

test('CSAT changes in points, unsolved tickets show a trend instead of a change', async () => {
  await readCards();
  const csat = await browser.$('[data-testid="kpi-card"][data-kpi="csat"] [data-testid="kpi-change"] .tabular');
  assert.match(await csat.getText(), /^[+-]?\d+\.\d pp$/, 'a share changes in percentage points');
  const unsolved = await browser.$('[data-testid="kpi-card"][data-kpi="tickets_unsolved"]');
  assert.ok(!(await unsolved.$('[data-testid="kpi-change"]').isExisting()), 'no change for a KPI that depends on now');
  assert.ok(await unsolved.$('[data-testid="kpi-trend"]').isExisting(), 'its weekly trend instead');
});

/** Sets a custom range and waits until the range label shows it. */
async function customRange(fromDate, toDate) {
  const label = await browser.$('[data-testid="range-label"]');
  const before = await label.getText();
  await (await browser.$('[data-testid="period-preset"]')).selectByAttribute('value', 'custom');
  await setDate(await browser.$('[data-testid="range-from"]'), fromDate);
  await setDate(await browser.$('[data-testid="range-to"]'), toDate);
  await browser.$('[data-testid="range-apply"]').click();
  await browser.waitUntil(async () => (await label.getText()) !== before, {
    timeout: 30000,
    timeoutMsg: 'the range label never changed to the custom range',
  });
}

test('a headline on a small sample carries the mark, as the CLI flags it', async () => {
  // One weekday of a 4,000-ticket demo: a handful of tickets and ratings. The demo is laid
  // out from the moment it was made, so the first of these days that the CLI flags is used.
  const cards = ['tickets_created', 'tickets_solved', 'tickets_unsolved', 'first_reply_time', 'full_resolution_time', 'csat'];
  const flags = (day) => {
    const kpis = cliKpis('--from', day, '--to', day);
    return cards.map((id) => [id, kpis[id].small_sample === true]);
  };
  const days = ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-10', '2026-03-11', '2026-03-12'];
  const day = days.find((d) => flags(d).some(([, small]) => small));
  assert.ok(day, 'one of the days has a small sample');
  await customRange(day, day);
  await readCards();
  const flagged = flags(day);
  for (const [id, small] of flagged) {
    const mark = browser.$(`[data-testid="kpi-card"][data-kpi="${id}"] [data-testid="small-sample"]`);
    assert.equal(await mark.isExisting(), small, `${id}: the mark follows the CLI's small_sample`);
  }
});

test('a custom range shows the CLI numbers for that range', async () => {
  const label = await browser.$('[data-testid="range-label"]');
  const before = await label.getText();
  const select = await browser.$('[data-testid="period-preset"]');
  await select.selectByAttribute('value', 'custom');
  const from = await browser.$('[data-testid="range-from"]');
  const to = await browser.$('[data-testid="range-to"]');
  await setDate(from, '2026-01-01');
  await setDate(to, '2026-03-31');
  await browser.$('[data-testid="range-apply"]').click();
  await browser.waitUntil(async () => (await label.getText()) !== before, {
    timeout: 30000,
    timeoutMsg: 'the range label never changed to the custom range',
  });
  assertCardsMatch(await readCards(), cliKpis('--from', '2026-01-01', '--to', '2026-03-31'));
});

/** Runs xclip on this X display's clipboard; its output, or null when it fails. */
function xclip(...args) {
  const run = spawnSync('xclip', ['-selection', 'clipboard', ...args], { timeout: 10000 });
  if (run.error) throw run.error;
  return run.status === 0 ? run.stdout : null;
}

/** The types the clipboard's owner offers (empty while nobody owns it). */
function clipboardTargets() {
  return (xclip('-t', 'TARGETS', '-o')?.toString() ?? '').split('\n').filter(Boolean);
}

test('Export → Copy image puts a 1920×1080 PNG of the chart on the clipboard', async () => {
  // Start from a clipboard holding text only, so the image can only come from the app.
  const clear = spawnSync('xclip', ['-selection', 'clipboard', '-i'], { input: 'before the copy', stdio: ['pipe', 'ignore', 'ignore'], timeout: 10000 });
  assert.equal(clear.status, 0, 'xclip set the clipboard');
  await browser.waitUntil(() => clipboardTargets().length > 0, { timeout: 10000, timeoutMsg: 'xclip never took the clipboard' });
  assert.ok(!clipboardTargets().includes('image/png'), 'no image on the clipboard before the copy');
  const panel = await browser.$('[data-testid="overview-chart-volume"]');
  await panel.$('[data-testid="export-menu"] summary').click();
  await panel.$('[data-testid="export-copy"]').click();
  const status = await panel.$('[data-testid="export-status"] .ok');
  await status.waitForExist({ timeout: 30000, timeoutMsg: 'the copy never reported success' });
  // The app owns the clipboard (X11 hands the bytes over on request), so read it while the
  // app runs.
  await browser.waitUntil(() => clipboardTargets().includes('image/png'), {
    timeout: 30000,
    timeoutMsg: 'the clipboard never offered image/png',
  });
  const png = xclip('-t', 'image/png', '-o');
  assert.ok(png, 'xclip read the image');
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR', 'the first chunk is IHDR');
  assert.deepEqual({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }, { width: 1920, height: 1080 });
  assert.ok(png.length > 10000, `the image has content (${png.length} bytes)`);
});
