// Starts the built app under tauri-driver and opens a WebDriver session on it, for the
// scripts and shared helpers of the end-to-end folder.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { remote } from 'webdriverio';

export const root = resolve(import.meta.dirname, '../..');
export const debugApp = join(root, 'target/debug/deskbench-app');

/**
 * Launches `application` with `env` added to its environment (DESKBENCH_WORKSPACE and
 * the like); `stop` ends the session and the driver.
 */
export async function launch({ application = debugApp, env = {} } = {}) {
  const driver = spawn('tauri-driver', [], {
    env: { ...process.env, ...env },
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
      await browser.deleteSession().catch(() => {});
      driver.kill('SIGTERM');
    };
    return { browser, stop };
  } catch (error) {
    driver.kill('SIGTERM');
    throw error;
  }
}
