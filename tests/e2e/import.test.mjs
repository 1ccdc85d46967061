// The Import dialog in the real app: DESKBENCH_IMPORT_FILE stands in for the open dialog
// and names the Help Scout fixture, whose spam row has a status no table maps. The
// preview shows how the file was read and the row it would skip; the import replaces the
// demo, and the Overview counts the file's tickets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { cliJson, demoWorkspace, launch, removeDirs, root, tempDir } from './app.mjs';

const FILE = join(root, 'tests/fixtures/import/helpscout.csv');

let workspace, config;
let browser, stop, byId, waitFor, setDate;

before(async () => {
  workspace = demoWorkspace('import', { tickets: 500, seed: 5 });
  config = tempDir('config');
  ({ browser, stop, byId, waitFor, setDate } = await launch({
    env: { DESKBENCH_WORKSPACE: workspace, DESKBENCH_CONFIG_DIR: config, DESKBENCH_IMPORT_FILE: FILE },
  }));
});

after(async () => {
  await stop?.();
  removeDirs(workspace, config);
});

/** The Overview's "tickets created" headline for March 2025, the fixture's month. */
async function ticketsCreatedInMarch2025() {
  await (await byId('nav-overview')).click();
  await waitFor('kpi-card');
  const label = await waitFor('range-label');
  await (await byId('period-preset')).selectByAttribute('value', 'custom');
  await setDate(await byId('range-from'), '2025-03-01');
  await setDate(await byId('range-to'), '2025-03-31');
  await (await byId('range-apply')).click();
  await browser.waitUntil(async () => /2025/.test(await label.getText()), {
    timeout: 30000,
    timeoutMsg: 'the range label never showed March 2025',
  });
  const card = await browser.$('[data-testid="kpi-card"][data-kpi="tickets_created"]');
  await browser.waitUntil(async () => (await (await byId('overview')).getAttribute('aria-busy')) === 'false', {
    timeout: 30000,
    timeoutMsg: 'the Overview never finished loading',
  });
  return card.getAttribute('data-headline');
}

/** Waits until the element with test id `id` has `attribute` equal to `value`. */
async function until(id, attribute, value, what) {
  const el = await waitFor(id);
  await browser.waitUntil(async () => (await el.getAttribute(attribute)) === value, { timeout: 60000, timeoutMsg: what });
}

test('the preview shows how the file reads and the row it skips; the import changes the Overview', async () => {
  const before = await ticketsCreatedInMarch2025();
  assert.notEqual(before, '2', 'the demo has no two tickets in March 2025');

  await (await byId('nav-sources')).click();
  await (await waitFor('import-open')).click();
  await waitFor('import-dialog');
  assert.equal(await (await waitFor('import-file')).getText(), 'helpscout.csv');
  await (await waitFor('import-preset')).selectByAttribute('value', 'helpscout');
  await (await byId('import-tz')).selectByAttribute('value', 'UTC');

  await until('import-count-skipped', 'data-value', '1', 'the preview never counted the spam row as skipped');
  assert.equal(await (await byId('import-delimiter')).getText(), '","');
  assert.equal(await (await byId('import-encoding')).getText(), 'UTF-8');
  assert.equal(await (await byId('import-zone')).getText(), 'UTC');
  const skipped = await browser.$('[data-testid="import-skipped"] li');
  assert.equal(await skipped.getAttribute('data-code'), 'unknown_status');
  assert.match(await skipped.getText(), /spam/);
  assert.match(await skipped.getText(), /3/, 'with its line');
  const previewRows = await browser.$$('[data-testid="import-preview"] tbody tr');
  assert.equal(previewRows.length, 2, 'the two rows that import, as mapped');
  assert.equal(cliJson(workspace, 'status').workspace.is_demo, true, 'a preview writes nothing');

  await (await byId('import-run')).click();
  await until('import-count-ticketsNew', 'data-value', '2', 'the import never reported two new tickets');
  await waitFor('import-done');
  await (await byId('import-close')).click();

  const status = cliJson(workspace, 'status');
  assert.equal(status.workspace.is_demo, false, 'the import replaced the demo');
  assert.equal(status.counts.tickets, 2);
  assert.equal(await ticketsCreatedInMarch2025(), '2', 'the Overview counts the imported tickets');
});
