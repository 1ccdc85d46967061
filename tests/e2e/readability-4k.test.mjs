// Readability on a 4K laptop screen at 200%: the app under GDK_SCALE=2 on a 3840×2160
// display, its window at 1920×1080 (device pixel ratio 2); the same checks as at 1366×768,
// and every chart's SVG fills its box after the resize. Needs that display, so the normal
// end-to-end run skips it; scripts/test.sh runs it on its own:
//   DESKBENCH_E2E_4K=1 xvfb-run -a --server-args="-screen 0 3840x2160x24" \
//     node --test tests/e2e/readability-4k.test.mjs
import assert from 'node:assert/strict';

import { readabilitySuite } from './readability.mjs';

const enabled = process.env.DESKBENCH_E2E_4K === '1';

readabilitySuite({
  label: '3840x2160@2x',
  env: { GDK_SCALE: '2' },
  skip: enabled ? false : 'needs a 3840×2160 display and DESKBENCH_E2E_4K=1 (scripts/test.sh runs it)',
  prepare: async (browser) => {
    await browser.setWindowRect(0, 0, 1920, 1080);
    const view = await browser.execute(() => ({
      ratio: window.devicePixelRatio,
      width: window.innerWidth,
      height: window.innerHeight,
      screen: `${screen.width}×${screen.height}`,
    }));
    console.log(`4K: device pixel ratio ${view.ratio}, viewport ${view.width}×${view.height} CSS px, screen ${view.screen} CSS px`);
    assert.equal(view.ratio, 2, 'GDK_SCALE=2 gives a device pixel ratio of 2');
    assert.equal(view.width, 1920, 'the window is 1920 CSS px wide');
    // The window's menu bar takes a little of the 1080.
    assert.ok(view.height >= 1000 && view.height <= 1080, `the viewport is about 1080 CSS px high (${view.height})`);
  },
});
