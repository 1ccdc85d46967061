import { describe, expect, it } from 'vitest';

import { workspaceFixture, zendeskWorkspaceFixture } from '../../test/fixtures';
import { START_CHROME, windowTheme } from './chrome';
import { trapTab } from './focus';
import { screenDigit } from './keyboard';
import { screenForDigit, screenFromHash, screenShortcutLabel } from './screens';
import { openingMessage } from './startup';
import { lastSyncedAt, sameWorkspace } from './workspace';

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);

describe('screens', () => {
  it('reads the screen from the hash, defaulting to the Overview', () => {
    expect(screenFromHash('#sources')).toBe('sources');
    expect(screenFromHash('#feedback')).toBe('feedback');
    expect(screenFromHash('#operations')).toBe('operations');
    expect(screenFromHash('#overview')).toBe('overview');
    expect(screenFromHash('')).toBe('overview');
    expect(screenFromHash('#nope')).toBe('overview');
  });

  it('maps Ctrl/⌘ + digit to screens in navigation order', () => {
    expect(screenDigit(key({ code: 'Digit2', ctrlKey: true }))).toBe(2);
    expect(screenDigit(key({ code: 'Digit1', metaKey: true }))).toBe(1);
    expect(screenDigit(key({ code: 'Digit2', altKey: true }))).toBeNull();
    expect(screenDigit(key({ code: 'Digit2', ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(screenDigit(key({ code: 'KeyR', ctrlKey: true }))).toBeNull();
    expect(screenForDigit(1)).toBe('overview');
    expect(screenForDigit(2)).toBe('explore');
    expect(screenForDigit(3)).toBe('feedback');
    expect(screenForDigit(4)).toBe('people');
    expect(screenForDigit(5)).toBe('operations');
    expect(screenForDigit(6)).toBe('sources');
    expect(screenForDigit(7)).toBeNull();
  });

  it('names the shortcut per platform', () => {
    expect(screenShortcutLabel('feedback', 'Linux x86_64')).toBe('Ctrl+3');
    expect(screenShortcutLabel('people', 'Linux x86_64')).toBe('Ctrl+4');
    expect(screenShortcutLabel('operations', 'Linux x86_64')).toBe('Ctrl+5');
    expect(screenShortcutLabel('sources', 'Linux x86_64')).toBe('Ctrl+6');
    expect(screenShortcutLabel('overview', 'MacIntel')).toBe('⌘1');
  });
});

describe('workspace facts', () => {
  it('finds the latest sync of any source', () => {
    expect(lastSyncedAt(workspaceFixture)).toBeNull();
    expect(
      lastSyncedAt({
        sources: [
          { name: 'a', kind: 'zendesk', last_synced_at: 100 },
          { name: 'b', kind: 'zendesk', last_synced_at: null },
          { name: 'c', kind: 'zendesk', last_synced_at: 300 },
        ],
      }),
    ).toBe(300);
  });

  it('compares infos by content', () => {
    expect(sameWorkspace(null, workspaceFixture)).toBe(false);
    expect(sameWorkspace({ ...zendeskWorkspaceFixture }, zendeskWorkspaceFixture)).toBe(true);
    expect(sameWorkspace(workspaceFixture, zendeskWorkspaceFixture)).toBe(false);
  });
});

describe('trapTab', () => {
  it('wraps Tab and Shift+Tab inside the container', () => {
    const box = document.createElement('div');
    const first = document.createElement('button');
    const last = document.createElement('button');
    box.append(first, last);
    document.body.append(box);

    last.focus();
    const forward = key({ key: 'Tab', cancelable: true });
    trapTab(forward, box);
    expect(document.activeElement).toBe(first);
    expect(forward.defaultPrevented).toBe(true);

    const backward = key({ key: 'Tab', shiftKey: true, cancelable: true });
    trapTab(backward, box);
    expect(document.activeElement).toBe(last);

    const middle = key({ key: 'Tab', shiftKey: true, cancelable: true });
    trapTab(middle, box);
    expect(middle.defaultPrevented).toBe(false);
    box.remove();
  });
});

describe('startup', () => {
  it('explains the wait only when the demo is generated', () => {
    expect(openingMessage(true)).toEqual({ title: 'loading.title', detail: 'loading.detail', quiet: false });
    expect(openingMessage(false)).toEqual({ title: 'loading.opening', detail: null, quiet: true });
  });
});

describe('window chrome', () => {
  it('leaves the platform its theme unless the user chose one', () => {
    expect(START_CHROME).toEqual({ locale: 'en', theme: null });
    expect(windowTheme('system')).toBeNull();
    expect(windowTheme('dark')).toBe('dark');
    expect(windowTheme('light')).toBe('light');
  });
});
