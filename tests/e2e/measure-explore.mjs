// Measures Explore in the real app on a large workspace: from pressing Ctrl+2 to the
// first chart drawn, and the ticket list of the largest bar of a 90-day breakdown by
// status up to its first rows, using the spans the UI records (explore:ipc,
// explore:draw, tickets:open). Not a test: it prints figures. Use a release build and
// a workspace made beforehand, for example:
//
//   cargo build --release --workspace --bins
//   target/release/deskbench --workspace /tmp/ws-1m demo --tickets 1000000
//   xvfb-run -a --server-args="-screen 0 1440x900x24" node tests/e2e/measure-explore.mjs /tmp/ws-1m
//
// DESKBENCH_APP picks another binary (default: target/release/deskbench-app).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { launch, root } from './app.mjs';

const app = process.env.DESKBENCH_APP ?? join(root, 'target/release/deskbench-app');
const workspace = process.argv[2];
if (!workspace || !existsSync(join(workspace, 'deskbench.sqlite'))) {
  console.error('usage: node tests/e2e/measure-explore.mjs WORKSPACE_DIR (a workspace with deskbench.sqlite)');
  process.exit(2);
}

const { browser, stop, byId, ...session } = await launch({ application: app, env: { DESKBENCH_WORKSPACE: workspace } });
// A large workspace answers slowly: wait longer than the tests do.
const waitFor = (id) => session.waitFor(id, 600000);
const settled = () => session.settled('explore', 120000);

/** The latest span recorded under `name`: its duration and end on the page's clock. */
async function span(name) {
  let entry = null;
  await browser.waitUntil(
    async () => {
      entry = await browser.execute((n) => {
        const last = performance.getEntriesByName(n, 'measure').at(-1);
        return last ? { duration: last.duration, end: last.startTime + last.duration } : null;
      }, name);
      return entry !== null;
    },
    { timeout: 120000, timeoutMsg: `the UI never recorded ${name}` },
  );
  return entry;
}

const clearSpans = () => browser.execute(() => performance.clearMeasures());
const ms = (value) => `${Math.round(value)} ms`;

try {
  // Opening a workspace for the first time builds its frame (and saves a snapshot);
  // the Overview's cards say it is ready.
  const opening = Date.now();
  await waitFor('kpi-card');
  console.log(`workspace open to the Overview's cards: ${ms(Date.now() - opening)}`);

  await clearSpans();
  const pressed = await browser.execute(() => performance.now());
  await browser.keys(['Control', '2']);
  await waitFor('explore-chart');
  const ipc = await span('explore:ipc');
  const draw = await span('explore:draw');
  console.log(
    `Ctrl+2 to Explore's first chart drawn: ${ms(draw.end - pressed)} ` +
      `(kpi_chart round trip ${ms(ipc.duration)}, draw ${ms(draw.duration)} with the 300 ms entrance animation)`,
  );

  await clearSpans();
  await (await byId('period-preset')).selectByAttribute('value', 'last_90_days');
  await (await byId('explore-kpi')).selectByAttribute('value', 'tickets_created');
  await (await byId('explore-by')).selectByAttribute('value', 'status');
  await settled();
  const regrouped = await span('explore:ipc');
  // The bars are read once the chart has finished drawing the new result.
  await browser.waitUntil(
    () => browser.execute(() => performance.getEntriesByName('explore:draw', 'measure').length > 0),
    { timeout: 60000 },
  );
  const chart = await waitFor('explore-chart');
  let largest;
  let area = -1;
  for (const bar of await chart.$$('svg path[fill="#4c6ef5"]')) {
    const { width, height } = await bar.getSize();
    if (width * height > area) [largest, area] = [bar, width * height];
  }
  await clearSpans();
  await largest.click();
  const count = await waitFor('ticket-count');
  await browser.waitUntil(async () => (await count.getAttribute('data-total')) !== '', { timeout: 120000 });
  const opened = await span('tickets:open');
  const total = Number(await count.getAttribute('data-total'));
  console.log(
    `tickets created by status, last 90 days: kpi_chart round trip ${ms(regrouped.duration)}; ` +
      `the largest bar's list of ${total.toLocaleString('en')} tickets, open to first rows ${ms(opened.duration)}`,
  );
} finally {
  await stop();
}
