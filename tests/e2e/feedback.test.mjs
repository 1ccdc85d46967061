// Feedback in the real app (tauri-driver + WebKitWebDriver under Xvfb): Ctrl+3 opens it;
// its theme cards count exactly what `deskbench feedback --format json` counts for the
// same range, language and source; a theme opens as many tickets as it counts; the themes
// chart exports as a slide-sized PNG; two themes merged from a card's menu are one theme
// (for the CLI too) until the merge is undone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Key } from 'webdriverio';

import { cliJson, demoWorkspace, launch, pngSize, removeDirs, tempDir } from './app.mjs';

let workspace, exports;
let browser, stop, byId, waitFor, settled, newFile;

before(async () => {
  workspace = demoWorkspace('feedback', { tickets: 4000, seed: 11 });
  exports = tempDir('feedback-exports');
  ({ browser, stop, byId, waitFor, settled, newFile } = await launch({
    env: { DESKBENCH_WORKSPACE: workspace, DESKBENCH_EXPORT_DIR: exports },
  }));
});

after(async () => {
  await stop?.();
  removeDirs(workspace, exports);
});

/** {theme id: tickets} as the CLI reports it for the range the screen shows. */
async function cliThemes(...args) {
  const result = await waitFor('feedback-result');
  const from = await result.getAttribute('data-from');
  const to = await result.getAttribute('data-to');
  const { themes } = cliJson(workspace, 'feedback', '--from', from, '--to', to, ...args);
  return Object.fromEntries(themes.map((t) => [t.id, t.count]));
}

/** {theme id: tickets} of every card, after showing them all. */
async function cardThemes() {
  const more = await byId('themes-more');
  if ((await more.isExisting()) && (await more.getText()).startsWith('Show all')) await more.click();
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
  await settled('feedback');
  const all = await cardThemes();
  assert.ok(Object.keys(all).length > 0, 'the demo has themes');
  assert.deepEqual(all, await cliThemes('--source', 'all'));

  await (await byId('feedback-lang-ko')).click();
  await (await byId('feedback-source-tickets')).click();
  await settled('feedback');
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

test('the themes chart exports as a slide-sized PNG', async () => {
  const panel = await waitFor('feedback-chart-themes');
  const file = await newFile(exports, 'png', async () => {
    await panel.$('[data-testid="export-menu"] summary').click();
    await panel.$('[data-testid="export-png"]').click();
  });
  const png = join(exports, file);
  assert.deepEqual(pngSize(png), { width: 1920, height: 1080 });
  assert.ok(readFileSync(png).length > 10000, 'the PNG has content');
  assert.match(file, /^Largest themes by tickets /, 'named after the chart and its range');
});

/** The card of theme `id`. */
const cardOf = (id) => browser.$(`[data-testid="theme-card"][data-theme-id="${id}"]`);

/** Runs the theme menu's `item` on theme `id`'s card, from the keyboard. */
async function themeMenu(id, item) {
  const menu = await (await cardOf(id)).$('[data-testid="theme-menu"]');
  await menu.click();
  await (await browser.$(`[data-testid="theme-menu-${item}"]`)).waitForDisplayed({ timeout: 10000 });
  await (await browser.$(`[data-testid="theme-menu-${item}"]`)).click();
}

test('two themes merged from a card’s menu are one theme, as the CLI reports it, until undone', async () => {
  await settled('feedback');
  const before = await cardThemes();
  const [first, second] = Object.keys(before);
  assert.ok(second, 'the Korean tickets have two themes to merge');
  await themeMenu(first, 'merge');
  // Every card has its merge dialog; the one to use is the one that opened.
  const dialog = await browser.$('dialog[open][data-testid="theme-merge"]');
  await dialog.waitForExist({ timeout: 10000, timeoutMsg: 'the merge dialog never opened' });
  await (await dialog.$(`[data-testid="theme-merge-pick"][data-theme-id="${second}"]`)).click();
  await (await dialog.$('[data-testid="theme-merge-confirm"]')).click();
  await browser.waitUntil(async () => (await browser.$('[data-kind="merged"]')).isExisting(), {
    timeout: 60000,
    timeoutMsg: 'no merged theme after the merge',
  });
  await settled('feedback');
  const merged = await cardThemes();
  assert.equal(Object.keys(merged).length, Object.keys(before).length - 1, 'one theme fewer');
  assert.deepEqual(merged, await cliThemes('--lang', 'ko', '--source', 'tickets'), 'kept for the CLI too');
  const mergedId = await browser.execute(() =>
    document.querySelector('[data-kind="merged"]')?.closest('[data-testid="theme-card"]')?.getAttribute('data-theme-id'),
  );
  assert.ok(merged[mergedId] >= Math.max(before[first], before[second]), 'holds both themes’ tickets');

  await themeMenu(mergedId, 'undo');
  await browser.waitUntil(async () => !(await (await browser.$('[data-kind="merged"]')).isExisting()), {
    timeout: 60000,
    timeoutMsg: 'the merge was not undone',
  });
  await settled('feedback');
  assert.deepEqual(await cardThemes(), before, 'as before the merge');
});

/** The texts an SVG draws, in order, trimmed, with XML entities read back. */
function svgTexts(svg) {
  const entities = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].trim().replace(/&(amp|lt|gt|quot|apos|#39);/g, (e) => entities[e]),
  );
}

test('the drivers chart reads in points with interval whiskers, on screen and in its SVG with its context', async () => {
  await (await byId('feedback-lang-all')).click();
  await (await byId('feedback-source-all')).click();
  await settled('feedback');
  const panel = await waitFor('feedback-chart-drivers');
  await panel.scrollIntoView();
  const onScreen = () =>
    browser.execute(() =>
      [...document.querySelectorAll('[data-testid="feedback-chart-drivers"] svg text')].map((t) => t.textContent ?? ''),
    );
  await browser.waitUntil(async () => (await onScreen()).some((t) => / pp$/.test(t)), {
    timeout: 30000,
    timeoutMsg: 'the drivers chart never drew an axis in points',
  });
  assert.ok((await onScreen()).includes('Whiskers: 95% interval'), 'the legend says what the whiskers are');

  const file = await newFile(exports, 'svg', async () => {
    await panel.$('[data-testid="export-menu"] summary').click();
    await panel.$('[data-testid="export-svg"]').click();
  });
  const svg = readFileSync(join(exports, file), 'utf8');
  const drawn = svgTexts(svg);
  assert.match(drawn[0], /^CSAT against the rest of the ratings/, 'the title comes first');
  const subtitle = drawn.slice(1, 4).join(' ');
  assert.match(subtitle, /, \d{4}/, `the period with its year: ${subtitle}`);
  assert.ok(subtitle.includes(' · UTC · '), `the demo's zone: ${subtitle}`);
  assert.match(subtitle, /n = [\d,]+/, `the ratings: ${subtitle}`);
  assert.ok(subtitle.includes('Data as of'), `how fresh the data is: ${subtitle}`);
  for (const note of ['Better than the rest', 'Worse than the rest', 'Whiskers: 95% interval']) {
    assert.ok(drawn.includes(note), `the legend: ${note}`);
  }
  assert.ok(drawn.some((t) => /^[+-]?\d+\.\d pp$/.test(t)), 'each driver’s difference in points');
  assert.ok((svg.match(/<polyline/g) ?? []).length >= 2, 'whiskers are drawn');
});
