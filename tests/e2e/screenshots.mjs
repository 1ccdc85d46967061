// Regenerates the README's screenshots: the Overview's charts of the demo workspace
// exported by the app itself (PNG at slide size) in Korean and Russian, and the window of
// four screens at 1440×900 in each language and theme shown. Run under a display after
// building the app: `xvfb-run -a node tests/e2e/screenshots.mjs`.
import { renameSync } from 'node:fs';
import { join } from 'node:path';

import { choose, demoWorkspace, launch, removeDirs, root, tempDir } from './app.mjs';
import { SCREENS, openScreen, setTheme } from './readability.mjs';

const out = join(root, 'docs/screenshots');
const CHARTS = ['volume', 'first_reply', 'csat', 'arrivals'];
/** Each screen shot as a reader of that language would see it. */
const WINDOWS = [
  { screen: 'overview', lang: 'en', theme: 'light' },
  { screen: 'explore', lang: 'en', theme: 'dark' },
  { screen: 'feedback', lang: 'ko', theme: 'light' },
  { screen: 'people', lang: 'ru', theme: 'dark' },
];
const workspace = demoWorkspace('shots', { seed: 7 });
const exports = tempDir('shots-out');
const { browser, stop, newFile } = await launch({ env: { DESKBENCH_WORKSPACE: workspace, DESKBENCH_EXPORT_DIR: exports } });
try {
  await browser.$('[data-testid="kpi-card"]').waitForExist({ timeout: 60000 });
  // The windows first, so no export's note is in them; then the exports of the Overview.
  await browser.setWindowRect(0, 0, 1440, 900);
  for (const { screen, lang, theme } of WINDOWS) {
    await choose(browser, 'language-select', lang);
    await setTheme(browser, theme);
    await openScreen(browser, SCREENS.find((s) => s.name === screen));
    if (screen === 'explore') {
      // A breakdown with its values written on the bars.
      await browser.$('[data-testid="explore-kpi"]').selectByAttribute('value', 'first_reply_time');
      await browser.$('[data-testid="explore-by"]').selectByAttribute('value', 'group');
      await browser.execute(() => document.querySelector('[data-testid="explore-labels"]')?.click());
      await openScreen(browser, SCREENS.find((s) => s.name === screen));
    }
    if (screen === 'feedback') {
      // The themes of the language shown.
      await browser.$(`[data-testid="feedback-lang-${lang}"]`).click();
      await openScreen(browser, SCREENS.find((s) => s.name === screen));
    }
    await browser.saveScreenshot(join(out, `screen-${screen}-${lang}-${theme}.png`));
  }
  await openScreen(browser, SCREENS[0]);
  await setTheme(browser, 'light');
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
  await setTheme(browser, 'light').catch(() => {});
  await choose(browser, 'theme-select', 'system').catch(() => {});
  await choose(browser, 'language-select', 'en').catch(() => {});
  await stop();
  removeDirs(workspace, exports);
}
