/** Keyboard shortcut helpers shared by the shell and the period picker. */

/** True when a key press belongs to a text field or select, not to a global shortcut. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** R (no modifiers, outside fields) or F5: reload data instead of the whole page. */
export function isRefreshShortcut(event: KeyboardEvent): boolean {
  if (event.key === 'F5') return true;
  const plain = !event.altKey && !event.ctrlKey && !event.metaKey;
  return plain && (event.key === 'r' || event.key === 'R') && !isEditableTarget(event.target);
}

/** The digit of Alt+1..Alt+9 (by physical key, so layouts and Alt-symbols do not matter). */
export function altDigit(event: KeyboardEvent): number | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  const match = /^Digit([1-9])$/.exec(event.code);
  return match ? Number(match[1]) : null;
}

/**
 * The digit of Ctrl+1..9 (⌘1..9 on macOS), which switch screens. Alt+digits already pick
 * Overview periods, so screens use the browser-tab convention instead.
 */
export function screenDigit(event: KeyboardEvent): number | null {
  if (event.altKey || event.shiftKey || !(event.ctrlKey || event.metaKey)) return null;
  const match = /^Digit([1-9])$/.exec(event.code);
  return match ? Number(match[1]) : null;
}
