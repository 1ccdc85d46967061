// Explore in the real app (tauri-driver + WebKitWebDriver under Xvfb): a KPI by a
// dimension with a filter shows exactly what `deskbench kpi` prints; a bar opens as many
// tickets as it counts; PNG and SVG export write slide-sized files with the chart's
// labels; Korean, Russian and the dark theme switch live. Along the way it prints the
// spans the UI records in the web view (explore:ipc, explore:draw, tickets:open).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { choose, cliJson, demoWorkspace, lastFourFullWeeks, launch, pngSize, removeDirs, tempDir } from './app.mjs';

let workspace, exports;
let browser, stop, byId, waitFor, settled, newFile;

before(async () => {
  workspace = demoWorkspace('explore', { tickets: 4000, seed: 11 });
  exports = tempDir('explore-exports');
  ({ browser, stop, byId, waitFor, settled, newFile } = await launch({
    env: { DESKBENCH_WORKSPACE: workspace, DESKBENCH_EXPORT_DIR: exports },
  }));
});

after(async () => {
  await stop?.();
  removeDirs(workspace, exports);
});

function cliGroups(...args) {
  const { groups } = cliJson(workspace, 'kpi', '--kpi', 'tickets_solved', '--by', 'channel', ...lastFourFullWeeks(), ...args);
  return Object.fromEntries(groups.map((g) => [g.label, g.kpis.tickets_solved.value]));
}

/** The table view's numbers: {category label: value}. */
async function tableValues() {
  const table = await waitFor('explore-table');
  const rows = await table.$$('tbody tr');
  const values = {};
  for (const row of rows) {
    const cell = await row.$('td[data-series="0"]');
    values[await row.getAttribute('data-label')] = Number(await cell.getAttribute('data-value'));
  }
  return values;
}

test('Explore shows the CLI numbers for a KPI by channel, then with a filter', async () => {
  await waitFor('kpi-card');
  await (await byId('nav-explore')).click();
  await (await waitFor('explore-kpi')).selectByAttribute('value', 'tickets_solved');
  await (await byId('explore-by')).selectByAttribute('value', 'channel');
  await settled('explore', 30000);
  await (await byId('view-table')).click();
  assert.deepEqual(await tableValues(), cliGroups());

  const filter = await byId('filter-priority');
  await filter.$('summary').click();
  // Values load when the menu opens; tick the one whose text says urgent.
  await browser.waitUntil(
    () =>
      browser.execute(() => {
        const labels = document.querySelectorAll('[data-testid="filter-priority"] label');
        const urgent = [...labels].find((l) => /urgent/i.test(l.textContent ?? ''));
        urgent?.querySelector('input')?.click();
        return Boolean(urgent);
      }),
    { timeout: 20000, timeoutMsg: 'the priority filter never offered urgent' },
  );
  await filter.$('summary').click();
  await settled('explore', 30000);
  assert.deepEqual(await tableValues(), cliGroups('--where', 'priority=urgent'));
});

/** Forgets the spans recorded so far under these names. */
function clearSpans(...names) {
  return browser.execute((list) => list.forEach((name) => performance.clearMeasures(name)), names);
}

/** The latest span the UI recorded under `name`, in milliseconds, once there is one. */
async function span(name) {
  let ms = null;
  await browser.waitUntil(
    async () => {
      ms = await browser.execute((n) => performance.getEntriesByName(n, 'measure').at(-1)?.duration ?? null, name);
      return ms !== null;
    },
    { timeout: 30000, timeoutMsg: `the UI never recorded ${name}` },
  );
  return Math.round(ms * 10) / 10;
}

/**
 * Draws the result as bars (from the table view, so the chart is drawn afresh) and opens
 * the largest bar's tickets; returns the list's group, its total, and the spans the UI
 * recorded on the way with the bars and rows involved. The list stays open.
 */
async function openLargestBar() {
  // The chart's data is the last `kpi_chart` answer; switching views never asks again.
  const ipc = await span('explore:ipc');
  await (await byId('view-table')).click();
  await waitFor('explore-table');
  await clearSpans('explore:draw', 'tickets:open');
  await (await byId('view-bar')).click();
  const chart = await waitFor('explore-chart');
  // The bars are the SVG paths in the first series colour (one series: no legend swatch).
  await browser.waitUntil(async () => (await chart.$$('svg path[fill="#4c6ef5"]')).length > 0, {
    timeout: 20000,
    timeoutMsg: 'no bar was drawn',
  });
  const draw = await span('explore:draw');
  const bars = await chart.$$('svg path[fill="#4c6ef5"]');
  let tallest;
  let largest = -1;
  for (const bar of bars) {
    const { width, height } = await bar.getSize();
    if (width * height > largest) [tallest, largest] = [bar, width * height];
  }
  await tallest.click();
  const list = await waitFor('ticket-list');
  const count = await waitFor('ticket-count');
  await browser.waitUntil(async () => (await count.getAttribute('data-total')) !== '', { timeout: 30000 });
  const opened = await span('tickets:open');
  const rows = await browser.execute(
    () => document.querySelectorAll('[data-testid="ticket-rows"] [role="row"] [role="cell"]:first-child:not(.placeholder)').length,
  );
  const label = (await (await list.$('h2')).getText()).split(' · ')[1];
  const total = Number(await count.getAttribute('data-total'));
  console.log(
    `Explore spans: kpi_chart round trip (explore:ipc) ${ipc} ms; ${bars.length} bars drawn, setOption to ` +
      `finished with the 300 ms entrance animation (explore:draw) ${draw} ms; the largest bar's list ` +
      `(${label}: ${total} tickets, ${rows} rows on screen) open to first rows (tickets:open) ${opened} ms`,
  );
  return { list, label, total };
}

async function closeList(list) {
  await browser.keys('Escape');
  await list.waitForDisplayed({ reverse: true, timeout: 10000 });
}

test('a bar opens as many tickets as it counts', async () => {
  const values = await tableValues();
  const { list, label, total } = await openLargestBar();
  assert.ok(label in values, `the list is of one group (${label})`);
  assert.equal(total, values[label], `the ${label} list has as many tickets as its bar`);
  await closeList(list);
});

/** Exports the chart through the menu item `testid`; the path of the file written. */
async function exportAs(testid, extension) {
  const file = await newFile(exports, extension, async () => {
    const menu = await waitFor('export-menu');
    // A press that lands while the screen still settles (a list just closed) can leave the
    // menu shut: open it until its item can be pressed.
    await browser.waitUntil(
      async () => {
        if ((await menu.getAttribute('open')) === null) await menu.$('summary').click();
        return (await byId(testid)).isClickable();
      },
      { timeout: 10000, timeoutMsg: `the export menu never offered ${testid}` },
    );
    await (await byId(testid)).click();
  });
  return join(exports, file);
}

test('PNG and SVG export write slide-sized files with the chart’s labels', async () => {
  const png = await exportAs('export-png', 'png');
  assert.deepEqual(pngSize(png), { width: 1920, height: 1080 });
  assert.ok(readFileSync(png).length > 10000, 'the PNG has content');
  const svg = readFileSync(await exportAs('export-svg', 'svg'), 'utf8');
  assert.match(svg, /<svg/);
  assert.match(svg, /Tickets solved/, 'the SVG carries the title');
  for (const label of Object.keys(await cliGroups('--where', 'priority=urgent'))) {
    assert.ok(svg.includes(label), `the SVG names the ${label} group`);
  }
  assert.ok(existsSync(exports));
});

test('Korean and Russian translate the screen; the dark theme applies', async () => {
  await choose(browser, 'language-select', 'ko');
  await browser.waitUntil(async () => (await (await byId('nav-explore')).getText()).includes('탐색'), { timeout: 10000 });
  assert.equal(await (await browser.$('h1')).getText(), '탐색');
  await choose(browser, 'language-select', 'ru');
  await browser.waitUntil(async () => (await (await byId('nav-explore')).getText()).includes('Анализ'), { timeout: 10000 });
  await choose(browser, 'language-select', 'en');

  await choose(browser, 'theme-select', 'dark');
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.theme)) === 'dark', {
    timeout: 10000,
  });
  await choose(browser, 'theme-select', 'light');
  assert.equal(await browser.execute(() => document.documentElement.dataset.theme), 'light');
});

test('the largest bar of a 90-day breakdown by assignee opens its tickets', async () => {
  await (await byId('filter-priority')).$('summary').click();
  await (await byId('filter-priority')).$('button.clear').click();
  await (await byId('filter-priority')).$('summary').click();
  await (await byId('period-preset')).selectByAttribute('value', 'last_90_days');
  await (await byId('explore-kpi')).selectByAttribute('value', 'tickets_created');
  await (await byId('explore-by')).selectByAttribute('value', 'assignee');
  await settled('explore', 30000);
  await (await byId('view-table')).click();
  const values = await tableValues();
  const { list, label, total } = await openLargestBar();
  assert.equal(total, values[label], `the ${label} list has as many tickets as its bar`);
  await closeList(list);
});
