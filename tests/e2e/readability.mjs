// Readability of every screen in the real app, measured in its web view: no horizontal
// overflow of the page, and no chart, table or card wider than its container or cut off by
// the window; chart text (the ECharts SVG's `text`) at 11 CSS px or more and all other
// text at 12 px or more; chart labels and text at a WCAG contrast of 4.5:1 or more
// against what they are drawn on; every chart's SVG as large as its box. Shared by
// readability.test.mjs (a 1366×768 window) and readability-4k.test.mjs (a 4K screen at
// 200%), which also save screenshots of each screen, language and theme.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Key } from 'webdriverio';

import { choose, demoWorkspace, launch, removeDirs, tempDir } from './app.mjs';

export const MIN_CHART_PX = 11;
export const MIN_TEXT_PX = 12;
export const MIN_CONTRAST = 4.5;

/** The six screens in shortcut order (Ctrl+1…6) and what shows each has drawn. */
export const SCREENS = [
  { key: '1', name: 'overview', ready: '[data-testid="overview-chart-volume"] svg text' },
  { key: '2', name: 'explore', ready: '[data-testid="explore-chart"] svg text' },
  { key: '3', name: 'feedback', ready: '[data-testid="feedback-chart-themes"] svg text' },
  { key: '4', name: 'people', ready: '[data-testid="people-result"] tbody tr' },
  { key: '5', name: 'operations', ready: '[data-testid="ops-result"] h2' },
  { key: '6', name: 'sources', ready: '[data-testid="sync-history"]' },
];

/** Starts the app on a fresh demo workspace; `env` is added to the app's environment. */
export async function startApp(env = {}) {
  const workspace = demoWorkspace('readability', { tickets: 4000, seed: 11 });
  const app = await launch({ env: { ...env, DESKBENCH_WORKSPACE: workspace } });
  const { browser } = app;
  await browser.$('[data-testid="kpi-card"]').waitForExist({ timeout: 60000, timeoutMsg: 'the app never showed the Overview' });
  // The web view keeps its settings between runs: start from English.
  await choose(browser, 'language-select', 'en');
  const stop = async () => {
    await app.stop();
    removeDirs(workspace);
  };
  return { browser, stop };
}

/** The UI's languages; every screen is read in each. */
export const LANGUAGES = ['en', 'ko', 'ru'];

/** Switches the UI's language and waits until the page has it. */
export async function setLanguage(browser, lang) {
  await choose(browser, 'language-select', lang);
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === lang, {
    timeout: 10000,
    timeoutMsg: `the page never switched to ${lang}`,
  });
}

/** Switches theme and waits until the page has it. */
export async function setTheme(browser, theme) {
  await choose(browser, 'theme-select', theme);
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.theme)) === theme, {
    timeout: 10000,
    timeoutMsg: `the ${theme} theme never applied`,
  });
}

/**
 * Opens a screen with its shortcut and waits until it has answered and drawn, its fonts
 * are loaded and its charts have stopped changing (their entrance animation is over).
 */
export async function openScreen(browser, screen) {
  await browser.keys([Key.Ctrl, screen.key]);
  await browser.$(`[data-testid="${screen.name}"]`).waitForExist({ timeout: 30000, timeoutMsg: `${screen.name} never opened` });
  await browser.$(screen.ready).waitForExist({ timeout: 60000, timeoutMsg: `${screen.name} never drew its content` });
  await browser.waitUntil(
    () => browser.execute((name) => document.querySelector(`[data-testid="${name}"]`)?.getAttribute('aria-busy') !== 'true', screen.name),
    { timeout: 60000, timeoutMsg: `${screen.name} never finished loading` },
  );
  await settle(browser);
}

/**
 * Waits until fonts are in, every chart box has drawn its SVG (a chart made again for a
 * new language has none for a moment) and the charts' SVG is the same on two looks in a row.
 */
export async function settle(browser) {
  let last = '';
  await browser.waitUntil(
    async () => {
      const now = await browser.execute(async () => {
        await document.fonts.ready;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const undrawn = [...document.querySelectorAll('main .chart')].some((box) => !box.querySelector('svg'));
        const sizes = [...document.querySelectorAll('main svg')].map((svg) => svg.innerHTML.length).join(',');
        return undrawn ? null : sizes;
      });
      const same = now !== null && now === last;
      last = now;
      return same;
    },
    { timeout: 30000, interval: 400, timeoutMsg: 'the charts never settled' },
  );
}

/**
 * Everything measured on the page as it is, in the page itself (runs in the web view):
 * sizes, overflow, the smallest text and the lowest contrast, chart text and other text
 * apart.
 */
function measurePage() {
  const parse = (value) => {
    const m = /^rgba?\(([^)]+)\)$/.exec(value.trim());
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const over = (top, bottom) => {
    const a = top.a + bottom.a * (1 - top.a);
    const mix = (k) => (a === 0 ? 0 : (top[k] * top.a + bottom[k] * bottom.a * (1 - top.a)) / a);
    return { r: mix('r'), g: mix('g'), b: mix('b'), a };
  };
  const luminance = (c) => {
    const lin = (v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c) => `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  /** The opaque colour behind an element: its and its ancestors' backgrounds, composited. */
  const backdrop = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    return layers.reverse().reduce((base, layer) => over(layer, base), { r: 255, g: 255, b: 255, a: 1 });
  };
  const opacity = (element) => {
    let o = 1;
    for (let e = element; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  /** Inside a closed <details> (laid out but not painted), its summary apart. */
  const collapsed = (element) => {
    for (let d = element.closest('details:not([open])'); d; d = d.parentElement?.closest('details:not([open])')) {
      if (!d.querySelector(':scope > summary')?.contains(element)) return true;
    }
    return false;
  };
  const shown = (element) => {
    if (collapsed(element)) return false;
    const box = element.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) return false;
    const style = getComputedStyle(element);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };
  const describe = (element, text) =>
    `${element.tagName.toLowerCase()}${element.classList.length ? `.${[...element.classList].filter((c) => !c.startsWith('svelte-')).join('.')}` : ''} “${text.trim().replace(/\s+/g, ' ').slice(0, 60)}”`;

  // `content`: the other text inside the screen itself (not the header or navigation).
  const smallest = { chart: null, text: null, content: null };
  const lowest = { chart: null, text: null, content: null };
  const failures = [];
  const counted = { chart: 0, text: 0 };
  const look = (kind, element, text, colour) => {
    counted[kind] += 1;
    const size = parseFloat(getComputedStyle(element).fontSize);
    const kinds = kind === 'text' && element.closest('main') ? [kind, 'content'] : [kind];
    for (const k of kinds) {
      if (!smallest[k] || size < smallest[k].size) smallest[k] = { size, where: describe(element, text) };
    }
    // Empty fields have no text to contrast; disabled controls need no contrast (WCAG 1.4.3).
    if (!text.trim() || element.closest(':disabled, [aria-disabled="true"]')) return;
    const fg = parse(colour);
    if (!fg) {
      failures.push(`${describe(element, text)}: unreadable colour ${colour}`);
      return;
    }
    const bg = backdrop(kind === 'chart' ? element.closest('svg') : element);
    const alpha = fg.a * opacity(element) * (kind === 'chart' ? Number(getComputedStyle(element).fillOpacity || 1) : 1);
    const seen = over({ ...fg, a: alpha }, bg);
    const ratio = Math.round(contrast(seen, bg) * 100) / 100;
    for (const k of kinds) {
      if (!lowest[k] || ratio < lowest[k].ratio) lowest[k] = { ratio, fg: hex(seen), bg: hex(bg), where: describe(element, text) };
    }
  };

  for (const text of document.querySelectorAll('svg text')) {
    if (!shown(text) || !text.textContent.trim()) continue;
    look('chart', text, text.textContent, getComputedStyle(text).fill);
  }
  for (const element of document.body.querySelectorAll('*')) {
    if (element.closest('svg, option, script, style')) continue;
    const own = [...element.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('');
    const control = element.matches('select, textarea, input:not([type="checkbox"], [type="radio"], [type="range"], [type="hidden"])');
    const text = control ? ((element.tagName === 'SELECT' ? element.selectedOptions[0]?.textContent : element.value) ?? '') : own;
    if (!control && !text.trim()) continue;
    if (!shown(element)) continue;
    look('text', element, text, getComputedStyle(element).color);
  }

  // Horizontal overflow: the page, the scrolling content area, and every block.
  const page = document.scrollingElement ?? document.documentElement;
  const viewport = document.documentElement.clientWidth;
  const main = document.querySelector('main');
  const overflow = [];
  if (page.scrollWidth > page.clientWidth) overflow.push(`the page scrolls sideways (${page.scrollWidth} > ${page.clientWidth})`);
  if (main && main.scrollWidth > main.clientWidth) overflow.push(`the content area scrolls sideways (${main.scrollWidth} > ${main.clientWidth})`);
  const blocks = main
    ? main.querySelectorAll('article, table, [role="table"], section, .panel, .card, .chart, .chart > div, .chart svg, .table-scroll, .scroll')
    : [];
  for (const block of blocks) {
    if (!shown(block)) continue;
    const box = block.getBoundingClientRect();
    const name = describe(block, block.getAttribute('data-testid') ?? '');
    const parent = block.parentElement?.getBoundingClientRect();
    if (parent && (box.left < parent.left - 1 || box.right > parent.right + 1)) {
      overflow.push(`${name} is wider than its container (${Math.round(box.left)}–${Math.round(box.right)} in ${Math.round(parent.left)}–${Math.round(parent.right)})`);
    }
    if (box.left < -1 || box.right > viewport + 1) overflow.push(`${name} is cut off by the window (${Math.round(box.left)}–${Math.round(box.right)} of ${viewport})`);
    const scrolls = /(auto|scroll|hidden)/.test(getComputedStyle(block).overflowX);
    if (scrolls && block.scrollWidth > block.clientWidth + 1) {
      overflow.push(`${name} hides part of its content sideways (${block.scrollWidth} > ${block.clientWidth})`);
    }
  }

  // Every ECharts chart's SVG fills its container.
  const charts = [...document.querySelectorAll('main .chart')].map((box) => {
    const svg = box.querySelector('svg');
    const panel = box.closest('[data-testid]')?.getAttribute('data-testid') ?? '?';
    if (!svg) return { panel, fills: false, box: `${box.clientWidth}×${box.clientHeight}`, svg: 'none' };
    const s = svg.getBoundingClientRect();
    const fills = Math.abs(s.width - box.clientWidth) <= 1 && Math.abs(s.height - box.clientHeight) <= 1;
    return { panel, fills, box: `${box.clientWidth}×${box.clientHeight}`, svg: `${Math.round(s.width)}×${Math.round(s.height)}` };
  });

  return {
    devicePixelRatio: window.devicePixelRatio,
    viewport: { width: window.innerWidth, height: window.innerHeight },
    page: { scrollWidth: page.scrollWidth, clientWidth: page.clientWidth },
    counted,
    smallest,
    lowest,
    overflow,
    charts,
    failures,
  };
}

/** Measures the current screen as it stands. */
export function measure(browser) {
  return browser.execute(measurePage);
}

/**
 * Screenshots of the whole content area, a window’s height at a time (at most six),
 * as `<screen>-<theme>-<n>.png` in `folder`.
 */
export async function screenshots(browser, folder, stem) {
  const steps = await browser.execute(() => {
    const main = document.querySelector('main');
    return main ? Math.min(6, Math.ceil(main.scrollHeight / main.clientHeight)) : 1;
  });
  for (let i = 0; i < steps; i += 1) {
    await browser.execute((n) => {
      const main = document.querySelector('main');
      if (main) main.scrollTop = n * main.clientHeight;
    }, i);
    await settle(browser);
    await browser.saveScreenshot(join(folder, `${stem}-${i + 1}.png`));
  }
  await browser.execute(() => document.querySelector('main')?.scrollTo(0, 0));
}

/** Where a size's screenshots go: a new folder under the system's temporary one. */
export function screenshotFolder(size) {
  return tempDir(`readability-${size}`);
}

/** The problems in one measurement, as readable lines (empty when all is well). */
export function problems(m) {
  const out = [...m.failures, ...m.overflow];
  if (m.smallest.chart && m.smallest.chart.size < MIN_CHART_PX) out.push(`chart text of ${m.smallest.chart.size}px: ${m.smallest.chart.where}`);
  if (m.smallest.text && m.smallest.text.size < MIN_TEXT_PX) out.push(`text of ${m.smallest.text.size}px: ${m.smallest.text.where}`);
  for (const kind of ['chart', 'text']) {
    const low = m.lowest[kind];
    if (low && low.ratio < MIN_CONTRAST) out.push(`${kind} contrast ${low.ratio}:1 (${low.fg} on ${low.bg}): ${low.where}`);
  }
  for (const chart of m.charts) {
    if (!chart.fills) out.push(`the ${chart.panel} chart's SVG is ${chart.svg} in a ${chart.box} box`);
  }
  return out;
}

/** One line of figures for the log. */
export function summary(label, m) {
  const size = (x) => (x ? `${x.size}px (${x.where})` : '—');
  const ratio = (x) => (x ? `${x.ratio}:1 (${x.fg} on ${x.bg}, ${x.where})` : '—');
  return (
    `${label}: smallest chart text ${size(m.smallest.chart)}; smallest text ${size(m.smallest.text)}, ` +
    `in the screen ${size(m.smallest.content)}; lowest contrast of chart text ${ratio(m.lowest.chart)}, ` +
    `of text ${ratio(m.lowest.text)}, in the screen ${ratio(m.lowest.content)}; ` +
    `page ${m.page.scrollWidth} of ${m.page.clientWidth}px wide; ${m.counted.chart} chart texts, ${m.counted.text} other texts, ` +
    `${m.charts.length} charts (SVG filling its box: ${m.charts.filter((c) => c.fills).length}); ` +
    `overflow: ${m.overflow.length === 0 ? 'none' : m.overflow.join('; ')}`
  );
}

/**
 * The tests for one window size: each screen in each language, in the light and the dark
 * theme, with a screenshot of each, then the figures of all of them. `prepare(browser)` sizes the
 * window and may check it; `skip` skips them all (with the reason).
 */
export function readabilitySuite({ label, env = {}, prepare, skip = false }) {
  let app;
  let folder;
  const figures = [];

  before(async () => {
    if (skip) return;
    app = await startApp(env);
    await prepare(app.browser);
    folder = screenshotFolder(label);
    console.log(`screenshots at ${label}: ${folder}`);
  });

  after(async () => {
    if (app) {
      await setTheme(app.browser, 'light').catch(() => {});
      await choose(app.browser, 'theme-select', 'system').catch(() => {});
      await setLanguage(app.browser, 'en').catch(() => {});
      await app.stop();
    }
    for (const line of figures) console.log(`${line}`);
  });

  for (const lang of LANGUAGES) {
    for (const theme of ['light', 'dark']) {
      for (const screen of SCREENS) {
        test(`${screen.name} in ${lang} in the ${theme} theme reads well at ${label}`, { skip }, async () => {
          const { browser } = app;
          await setLanguage(browser, lang);
          await setTheme(browser, theme);
          await openScreen(browser, screen);
          const m = await measure(browser);
          figures.push(summary(`${label} ${screen.name} ${lang} ${theme}`, m));
          await screenshots(browser, folder, `${screen.name}-${lang}-${theme}`);
          assert.ok(m.counted.text > 0, 'the screen has text');
          assert.deepEqual(problems(m), [], `${screen.name} (${lang}, ${theme}) at ${label}`);
        });
      }
    }
  }

  return {
    /** The running app's browser, once `before` has run. */
    browser: () => app?.browser,
  };
}
