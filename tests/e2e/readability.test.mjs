// Readability in the real app at 1366×768, the smallest laptop screen in common use: each
// screen (Ctrl+1…6) in each language, in the light and the dark theme, measured in the web view (see
// readability.mjs); screenshots go to a temporary folder the log names.
import assert from 'node:assert/strict';

import { readabilitySuite } from './readability.mjs';

readabilitySuite({
  label: '1366x768',
  prepare: async (browser) => {
    await browser.setWindowRect(0, 0, 1366, 768);
    const view = await browser.execute(() => ({ width: window.innerWidth, height: window.innerHeight }));
    console.log(`1366×768 window: viewport ${view.width}×${view.height} CSS px (the window's menu bar takes the rest)`);
    assert.equal(view.width, 1366, 'the window is 1366 CSS px wide');
  },
});
