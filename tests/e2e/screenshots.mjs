// Regenerates the README's screenshots with the app's own chart export: the Overview's
// charts of the demo workspace in Korean and Russian, as PNG at slide size. Run under a
// display after building the app: `xvfb-run -a node tests/e2e/screenshots.mjs`.
import { renameSync } from 'node:fs';
import { join } from 'node:path';

import { choose, demoWorkspace, launch, removeDirs, root, tempDir } from './app.mjs';

const out = join(root, 'docs/screenshots');
const CHARTS = ['volume', 'first_reply', 'csat', 'arrivals'];
const workspace = demoWorkspace('shots', { seed: 7 });
const exports = tempDir('shots-out');
const { browser, stop, newFile } = await launch({ env: { DESKBENCH_WORKSPACE: workspace, DESKBENCH_EXPORT_DIR: exports } });
try {
  await browser.$('[data-testid="kpi-card"]').waitForExist({ timeout: 60000 });
  await browser.$('[data-testid="period-preset"]').selectByAttribute('value', 'last_90_days');
  for (const lang of ['ko', 'ru']) {
    await choose(browser, 'language-select', lang);
    await browser.pause(1500);
    for (const chart of CHARTS) {
      const panel = browser.$(`[data-testid="overview-chart-${chart}"]`);
      const file = await newFile(exports, 'png', async () => {
        await panel.$('[data-testid="export-menu"] summary').click();
        await panel.$('[data-testid="export-png"]').click();
      });
      renameSync(join(exports, file), join(out, `overview-${chart}-${lang}.png`));
    }
  }
} finally {
  await stop();
  removeDirs(workspace, exports);
}
