// Context travels with an exported chart (real app under Xvfb): Explore's chart of solved
// tickets filtered to urgent priority, exported as SVG (drawn as the PNG is), states under
// its title the period with its year, the time zone, the hours and the filter by name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { demoWorkspace, launch, removeDirs, tempDir } from './app.mjs';

let workspace, exports;
let browser, stop, byId, waitFor, settled, newFile;

before(async () => {
  workspace = demoWorkspace('export-context', { tickets: 3000, seed: 5 });
  exports = tempDir('export-context-files');
  ({ browser, stop, byId, waitFor, settled, newFile } = await launch({
    env: { DESKBENCH_WORKSPACE: workspace, DESKBENCH_EXPORT_DIR: exports },
  }));
});

after(async () => {
  await stop?.();
  removeDirs(workspace, exports);
});

/** Ticks the value of the `dimension` filter whose text matches `pattern`. */
async function filterBy(dimension, pattern) {
  const filter = await byId(`filter-${dimension}`);
  await filter.$('summary').click();
  await browser.waitUntil(
    () =>
      browser.execute(
        (dim, source) => {
          const labels = document.querySelectorAll(`[data-testid="filter-${dim}"] label`);
          const match = [...labels].find((l) => new RegExp(source, 'i').test(l.textContent ?? ''));
          match?.querySelector('input')?.click();
          return Boolean(match);
        },
        dimension,
        pattern.source,
      ),
    { timeout: 20000, timeoutMsg: `the ${dimension} filter never offered ${pattern}` },
  );
  await browser.keys('Escape');
  await settled('explore', 30000);
}

/** Exports the chart as SVG through its menu; the file's text. */
async function exportSvg() {
  const file = await newFile(exports, 'svg', async () => {
    const menu = await waitFor('export-menu');
    await menu.$('summary').click();
    await (await byId('export-svg')).click();
  });
  return readFileSync(join(exports, file), 'utf8');
}

/** The texts an SVG draws, in order, trimmed, with XML entities read back. */
function texts(svg) {
  const entities = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].trim().replace(/&(amp|lt|gt|quot|apos|#39);/g, (e) => entities[e]),
  );
}

test('an exported chart’s subtitle holds the period with its year, the zone and the filters by name', async () => {
  await waitFor('kpi-card');
  await (await byId('nav-explore')).click();
  await (await waitFor('explore-kpi')).selectByAttribute('value', 'tickets_solved');
  await settled('explore', 30000);
  await filterBy('priority', /urgent/);

  const drawn = texts(await exportSvg());
  assert.match(drawn[0], /^Tickets solved/, 'the title comes first');
  // The subtitle may wrap; its lines follow the title.
  const subtitle = drawn.slice(1, 4).join(' ');
  const year = new Date().getUTCFullYear();
  assert.match(
    subtitle,
    new RegExp(`^[A-Z][a-z]{2} \\d{1,2}(, \\d{4})? – [A-Z][a-z]{2} \\d{1,2}, (${year}|${year - 1})`),
    `the period with its year: ${subtitle}`,
  );
  assert.ok(subtitle.includes(' · UTC · '), `the demo's zone: ${subtitle}`);
  assert.ok(subtitle.includes('Calendar hours'), `the hours: ${subtitle}`);
  assert.ok(subtitle.includes('Priority: Urgent'), `the filter by name: ${subtitle}`);
  assert.ok(!subtitle.includes('priority=urgent'), 'never the raw code');
  assert.match(subtitle, /n = [\d,]+/, 'the sample size');
  assert.ok(subtitle.includes('Data as of'), 'how fresh the data is');
});
