// Explore keeps its work in the real app (tauri-driver + WebKitWebDriver under Xvfb): the
// KPI, breakdown, buckets, period, view and data-labels toggle chosen come back after
// Ctrl+1 → Ctrl+2 and after the app is closed and started again on the same workspace;
// Escape closes the filter popover and gives focus back to its chip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Key } from 'webdriverio';

import { demoWorkspace, launch, removeDirs } from './app.mjs';

let workspace;
let app;

before(async () => {
  workspace = demoWorkspace('explore-state', { tickets: 2000, seed: 17 });
  app = await launch({ env: { DESKBENCH_WORKSPACE: workspace } });
});

after(async () => {
  await app?.stop();
  removeDirs(workspace);
});

const CHOSEN = { kpi: 'tickets_solved', by: 'group', every: 'week', period: 'last_90_days' };

/** What Explore's controls show now. */
async function controls({ byId }) {
  return {
    kpi: await (await byId('explore-kpi')).getValue(),
    by: await (await byId('explore-by')).getValue(),
    every: await (await byId('explore-every')).getValue(),
    period: await (await byId('period-preset')).getValue(),
    line: await (await byId('view-line')).getAttribute('aria-checked'),
    labels: await (await byId('explore-labels')).isSelected(),
  };
}

const expected = { ...CHOSEN, line: 'true', labels: true };

/** Opens Explore with Ctrl+2 and waits for its first answer. */
async function openExplore({ browser, waitFor, settled }) {
  await browser.keys([Key.Ctrl, '2']);
  await waitFor('explore-kpi');
  await settled('explore', 30000);
}

test('Explore state is restored after Ctrl+1 → Ctrl+2 and after a restart', async () => {
  const { browser, byId, waitFor, settled } = app;
  await waitFor('kpi-card');
  await openExplore(app);
  await (await byId('explore-kpi')).selectByAttribute('value', CHOSEN.kpi);
  await (await byId('explore-by')).selectByAttribute('value', CHOSEN.by);
  await (await byId('explore-every')).selectByAttribute('value', CHOSEN.every);
  await (await byId('period-preset')).selectByAttribute('value', CHOSEN.period);
  await (await byId('view-line')).click();
  await (await byId('explore-labels')).click();
  await settled('explore', 30000);
  assert.deepEqual(await controls(app), expected, 'the choices took');

  await browser.keys([Key.Ctrl, '1']);
  await waitFor('kpi-card');
  assert.equal(await (await byId('explore-kpi')).isExisting(), false, 'Explore was left');
  await openExplore(app);
  assert.deepEqual(await controls(app), expected, 'back from the Overview');

  await app.stop();
  app = await launch({ env: { DESKBENCH_WORKSPACE: workspace } });
  await app.waitFor('kpi-card');
  await openExplore(app);
  assert.deepEqual(await controls(app), expected, 'after a restart');
});

test('Esc closes the filter popover and gives focus back to its chip', async () => {
  const { browser, byId } = app;
  const menu = await byId('filter-channel');
  await menu.$('summary').click();
  await browser.waitUntil(() => browser.execute(() => document.querySelector('[data-testid="filter-channel"]').open), {
    timeout: 10000,
    timeoutMsg: 'the channel filter never opened',
  });
  await (await menu.$('input[type="search"]')).click();
  await browser.keys('Escape');
  await browser.waitUntil(
    () => browser.execute(() => !document.querySelector('[data-testid="filter-channel"]').open),
    { timeout: 10000, timeoutMsg: 'Escape left the filter popover open' },
  );
  const focused = await browser.execute(() => document.activeElement?.closest('[data-testid]')?.dataset.testid ?? null);
  assert.equal(focused, 'filter-chip', 'focus is back on the chip that opened the popover');
  const owner = await browser.execute(
    () => document.activeElement?.closest('details')?.getAttribute('data-testid') ?? null,
  );
  assert.equal(owner, 'filter-channel');

  // A press outside closes it too.
  await menu.$('summary').click();
  await (await browser.$('h1')).click();
  await browser.waitUntil(
    () => browser.execute(() => !document.querySelector('[data-testid="filter-channel"]').open),
    { timeout: 10000, timeoutMsg: 'a press outside left the filter popover open' },
  );
});
