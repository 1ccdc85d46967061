// Regenerates the README's screenshots with the app's own chart export: the Overview's
// charts of the demo workspace in Korean and Russian, as PNG at slide size. Run under a
// display after building the app: `xvfb-run -a node tests/e2e/screenshots.mjs`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launch, root } from './app.mjs';

const out = join(root, 'docs/screenshots');
const workspace = mkdtempSync(join(tmpdir(), 'deskbench-shots-'));
const exports = mkdtempSync(join(tmpdir(), 'deskbench-shots-out-'));
const CHARTS = ['volume', 'first_reply', 'csat', 'arrivals'];

execFileSync(join(root, 'target/debug/deskbench'), ['--workspace', workspace, 'demo', '--seed', '7'], {
  stdio: 'inherit',
});
const { browser, stop } = await launch({ env: { DESKBENCH_WORKSPACE: workspace, DESKBENCH_EXPORT_DIR: exports } });
try {
  await browser.$('[data-testid="kpi-card"]').waitForExist({ timeout: 60000 });
  await browser.$('[data-testid="period-preset"]').selectByAttribute('value', 'last_90_days');
  for (const lang of ['ko', 'ru']) {
    await browser.$('[data-testid="language-select"]').selectByAttribute('value', lang);
    await browser.pause(1500);
    for (const chart of CHARTS) {
      const before = new Set(readdirSync(exports));
      const panel = browser.$(`[data-testid="overview-chart-${chart}"]`);
      await panel.$('[data-testid="export-menu"] summary').click();
      await panel.$('[data-testid="export-png"]').click();
      let file;
      await browser.waitUntil(() => (file = readdirSync(exports).find((f) => !before.has(f))), { timeout: 30000 });
      renameSync(join(exports, file), join(out, `overview-${chart}-${lang}.png`));
    }
  }
} finally {
  await stop();
  rmSync(workspace, { recursive: true, force: true });
  rmSync(exports, { recursive: true, force: true });
}
