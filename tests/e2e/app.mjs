// Starts the built app under tauri-driver and opens a WebDriver session on it, with what
// every end-to-end file needs around it: the CLI, temporary folders and demo workspaces,
// and the session's look-ups by test id.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { remote } from 'webdriverio';

export const root = resolve(import.meta.dirname, '../..');
export const debugApp = join(root, 'target/debug/deskbench-app');
const debugCli = join(root, 'target/debug/deskbench');

/** Runs the CLI on `workspace`; what it prints. */
export function cli(workspace, ...args) {
  return execFileSync(debugCli, ['--workspace', workspace, ...args]).toString();
}

/** `--from/--to` of the app's default period, the last 4 full weeks (Monday to Sunday) before this one, in UTC (the demo's zone). */
export function lastFourFullWeeks() {
  const now = new Date();
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysSinceMonday);
  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  return ['--from', day(monday - 28 * 86_400_000), '--to', day(monday - 86_400_000)];
}

/** Runs a CLI command with `--format json` on `workspace`; its answer. */
export function cliJson(workspace, command, ...args) {
  return JSON.parse(cli(workspace, command, '--format', 'json', ...args));
}

/** A new empty folder under the system's temporary folder. */
export function tempDir(name) {
  return mkdtempSync(join(tmpdir(), `deskbench-e2e-${name}-`));
}

/** A new temporary workspace holding the demo helpdesk (the CLI's ticket count by default). */
export function demoWorkspace(name, { seed, tickets }) {
  const workspace = tempDir(name);
  const count = tickets === undefined ? [] : ['--tickets', String(tickets)];
  execFileSync(debugCli, ['--workspace', workspace, 'demo', ...count, '--seed', String(seed)], { stdio: 'inherit' });
  return workspace;
}

/** Removes the folders that were made (a failed start may leave some undefined). */
export function removeDirs(...dirs) {
  for (const dir of dirs.filter(Boolean)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Chooses `value` in the page-drawn picker with test id `id` (the language and theme
 * menus): opens its list and clicks the option.
 */
export async function choose(browser, id, value) {
  await browser.$(`[data-testid="${id}"]`).click();
  await browser.$(`[data-testid="${id}-option-${value}"]`).click();
}

/** Width and height of a PNG file. */
export function pngSize(file) {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG', `${file} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Launches `application` with `env` added to its environment (DESKBENCH_WORKSPACE and
 * the like). Returns the session's `browser`, `stop` (ends the session and the driver)
 * and the helpers below bound to the session.
 */
export async function launch({ application = debugApp, env = {} } = {}) {
  const driver = spawn('tauri-driver', [], {
    env: { ...process.env, XDG_DATA_HOME: webViewData(), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await new Promise((r) => setTimeout(r, 1500));
  try {
    const browser = await remote({
      hostname: '127.0.0.1',
      port: 4444,
      logLevel: 'warn',
      capabilities: { 'wdio:enforceWebDriverClassic': true, 'tauri:options': { application } },
    });
    const stop = async () => {
      const started = descendants(driver.pid);
      await browser.deleteSession().catch(() => {});
      // SIGTERM lets tauri-driver stop WebKitWebDriver too (SIGKILL would orphan it); the
      // app or its web processes may still outlive them, and would hold the test's output
      // open, so everything started under the driver is ended by id too.
      driver.kill('SIGTERM');
      for (const pid of started) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
    };
    return { browser, stop, ...helpers(browser) };
  } catch (error) {
    driver.kill('SIGTERM');
    throw error;
  }
}

let dataHome;

/**
 * The web view's data folder (its local storage: language, theme, saved views) for this
 * test file: kept across the file's launches, never shared with another file, so a file
 * that ends in Korean or dark cannot change what the next one reads.
 */
function webViewData() {
  if (!dataHome) {
    dataHome = tempDir('web-view-data');
    process.on('exit', () => rmSync(dataHome, { recursive: true, force: true }));
  }
  return dataHome;
}

/** The ids of every process started under `pid`, as `ps` lists them now. */
function descendants(pid) {
  const children = new Map();
  for (const row of execFileSync('ps', ['-e', '-o', 'pid=,ppid=']).toString().trim().split('\n')) {
    const [child, parent] = row.trim().split(/\s+/).map(Number);
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found = [...(children.get(pid) ?? [])];
  for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]) ?? []));
  return found;
}

function helpers(browser) {
  const byId = (id) => browser.$(`[data-testid="${id}"]`);

  /** The element with test id `id`, once it exists. */
  const waitFor = async (id, timeout = 60000) => {
    const el = await byId(id);
    await el.waitForExist({ timeout, timeoutMsg: `${id} never appeared` });
    return el;
  };

  /** Waits until the screen with test id `id` has answered its latest query. */
  const settled = (id, timeout = 60000) =>
    browser.waitUntil(async () => (await (await byId(id)).getAttribute('aria-busy')) === 'false', {
      timeout,
      timeoutMsg: `${id} never finished loading`,
    });

  /** Sets a date input: the ISO value through script, since typing follows the locale's format. */
  const setDate = (input, value) =>
    browser.execute(
      (e, v) => {
        e.value = v;
        e.dispatchEvent(new Event('input', { bubbles: true }));
        e.dispatchEvent(new Event('change', { bubbles: true }));
      },
      input,
      value,
    );

  /** Runs `action`, then waits for the new `.extension` file it writes into `dir`; its name. */
  const newFile = async (dir, extension, action) => {
    const before = new Set(readdirSync(dir));
    await action();
    let file;
    await browser.waitUntil(
      () => {
        file = readdirSync(dir).find((name) => !before.has(name) && name.endsWith(`.${extension}`));
        return Boolean(file);
      },
      { timeout: 30000, timeoutMsg: `no .${extension} file was written` },
    );
    return file;
  };

  return { byId, waitFor, settled, setDate, newFile };
}
