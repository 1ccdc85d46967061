// Operations in the real app (tauri-driver + WebKitWebDriver under Xvfb): Ctrl+5 opens it
// with its sections in order; with a status history the backlog chart is drawn and exports
// as a slide-sized PNG, and without one the screen says how to get it and the empty chart
// offers no export; a backlog bar opened from the keyboard lists as many tickets as it
// counts; the backlog switches to the age since the last public reply and back; the
// stuck-days setting asks again and survives leaving the screen; the "what changed"
// section comes next, then the forecast and the staffing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Key } from 'webdriverio';

import { demoWorkspace, launch, pngSize, removeDirs, tempDir } from './app.mjs';

let workspace, exports;
let browser, stop, byId, waitFor, settled, newFile;

const SECTIONS = ['ops-backlog', 'ops-stuck', 'ops-time', 'ops-handoffs', 'ops-anomalies', 'ops-forecast', 'ops-staffing'];

before(async () => {
  workspace = demoWorkspace('operations', { tickets: 4000, seed: 11 });
  exports = tempDir('operations-exports');
  ({ browser, stop, byId, waitFor, settled, newFile } = await launch({
    env: { DESKBENCH_WORKSPACE: workspace, DESKBENCH_EXPORT_DIR: exports },
  }));
});

after(async () => {
  await stop?.();
  removeDirs(workspace, exports);
});

/** Whether the workspace has no status history: the screen says so instead of drawing. */
async function withoutHistory() {
  return (await byId('ops-no-history')).isExisting();
}

test('Ctrl+5 opens Operations with its sections in order and the backlog or how to get it', async () => {
  await waitFor('kpi-card');
  await browser.keys([Key.Ctrl, '5']);
  await waitFor('operations');
  await waitFor('ops-result');
  await settled('operations');
  const focused = await browser.execute(() => document.activeElement?.textContent);
  assert.equal(focused, 'Operations', 'the heading takes the focus');
  const headings = await browser.execute(
    (ids) => ids.map((id) => document.querySelector(`[data-testid="${id}"] h2`)?.textContent),
    SECTIONS,
  );
  assert.deepEqual(headings, [
    'Backlog over time',
    'Stuck tickets',
    'Time in status',
    'Handoffs',
    'What changed',
    'Forecast',
    'Staffing',
  ]);
  if (await withoutHistory()) {
    assert.match(await (await byId('ops-no-history')).getText(), /next sync/);
  } else {
    await waitFor('ops-chart-backlog');
    await browser.$('[data-testid="ops-chart-backlog"] svg text').waitForExist({ timeout: 30000 });
  }
});

test('the backlog chart exports as a PNG, or offers nothing while empty', async () => {
  const panel = await waitFor('ops-chart-backlog');
  if (await withoutHistory()) {
    const button = await panel.$('[data-testid="export-menu"]');
    assert.equal(await button.getTagName(), 'button');
    assert.equal(await button.isEnabled(), false, 'an empty chart has nothing to export');
    return;
  }
  const file = await newFile(exports, 'png', async () => {
    await panel.$('[data-testid="export-menu"] summary').click();
    await panel.$('[data-testid="export-png"]').click();
  });
  const png = join(exports, file);
  assert.deepEqual(pngSize(png), { width: 1920, height: 1080 });
  assert.ok(readFileSync(png).length > 10000, 'the PNG has content');
  assert.match(file, /^Backlog by age /, 'named after the chart and its range');
});

test('a backlog bar opened from the keyboard lists as many tickets as it counts', async () => {
  if (await withoutHistory()) return;
  const table = await waitFor('ops-backlog-table');
  await table.$('summary').click();
  const bars = await table.$$('[data-testid="backlog-count"]');
  assert.ok(bars.length > 0, 'the demo has a backlog');
  // The last bucket's oldest band that holds tickets: a bar of the chart's top.
  const bar = bars[bars.length - 1];
  const value = Number(await bar.getAttribute('data-value'));
  await bar.scrollIntoView({ block: 'center' });
  await browser.execute((el) => el.focus(), bar);
  await browser.keys('Enter');
  const list = await waitFor('ticket-list');
  assert.match(await list.getText(), /Backlog on/, 'the list says what it lists');
  const total = await waitFor('ticket-count');
  await browser.waitUntil(async () => (await total.getAttribute('data-total')) !== '', { timeout: 30000 });
  assert.equal(Number(await total.getAttribute('data-total')), value, 'the list holds the bar’s tickets');
  await browser.keys('Escape');
  await (await byId('ticket-list')).waitForDisplayed({ reverse: true, timeout: 10000 });
});

test('the backlog ages since the last public reply on request, with its no-reply band', async () => {
  if (await withoutHistory()) return;
  await (await waitFor('ops-age-from-last_reply')).click();
  await settled('operations');
  await browser.waitUntil(
    async () => /since the last public reply/.test(await (await byId('ops-chart-backlog')).getText()),
    { timeout: 30000, timeoutMsg: 'the backlog chart never switched to the age since the last reply' },
  );
  assert.equal(await (await byId('ops-age-from-last_reply')).getAttribute('aria-checked'), 'true');
  await (await byId('ops-age-from-created')).click();
  await settled('operations');
  await browser.waitUntil(async () => /Backlog by age/.test(await (await byId('ops-chart-backlog')).getText()), {
    timeout: 30000,
    timeoutMsg: 'the backlog chart never came back to the age since creation',
  });
});

test('the stuck days are kept when the screen is left and opened again', async () => {
  const input = await waitFor('ops-stuck-days');
  await input.setValue('14');
  await settled('operations');
  await browser.waitUntil(async () => /14 days/.test(await (await byId('ops-stuck')).getText()), {
    timeout: 30000,
    timeoutMsg: 'the stuck list never asked again for 14 days',
  });
  await browser.keys([Key.Ctrl, '1']);
  await waitFor('kpi-card');
  await browser.keys([Key.Ctrl, '5']);
  await settled('operations');
  assert.equal(await (await waitFor('ops-stuck-days')).getValue(), '14');
});
