/**
 * The keys of a menu or listbox the page draws (the language picker, a theme card's
 * menu): arrows wrap, Home and End jump, Escape closes and gives focus back, Tab closes
 * and lets focus move on, Enter and Space choose. And a press outside closes it.
 */
export type MenuKeyAction = { move: number } | { close: 'escape' | 'tab' } | { choose: true } | null;

/** What `key` does in a list of `count` entries whose active one is `at` (-1: none). */
export function menuKey(key: string, at: number, count: number): MenuKeyAction {
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return { move: at >= last ? 0 : at + 1 };
    case 'ArrowUp':
      return { move: at <= 0 ? last : at - 1 };
    case 'Home':
      return { move: 0 };
    case 'End':
      return { move: last };
    case 'Escape':
      return { close: 'escape' };
    case 'Tab':
      return { close: 'tab' };
    case 'Enter':
    case ' ':
      return { choose: true };
    default:
      return null;
  }
}

export interface MenuHandlers {
  move: (to: number) => void;
  hide: (returnFocus: boolean) => void;
  /** Absent where entries are buttons, which Enter and Space press themselves. */
  choose?: () => void;
}

/** Handles a key pressed in the open menu. */
export function onMenuKey(event: KeyboardEvent, at: number, count: number, on: MenuHandlers): void {
  const action = menuKey(event.key, at, count);
  if (!action) return;
  if ('move' in action) {
    on.move(action.move);
  } else if ('close' in action) {
    if (action.close === 'tab') {
      // Focus moves on as Tab takes it.
      on.hide(false);
      return;
    }
    // The menu is closed here; the screen's own Esc handling must not see it.
    event.stopPropagation();
    on.hide(true);
  } else {
    if (!on.choose) return;
    on.choose();
  }
  event.preventDefault();
}

/** Calls `onoutside` on a press anywhere outside `root`; returns the cleanup (for an `$effect`). */
export function pressOutside(root: HTMLElement | undefined, onoutside: () => void): () => void {
  const onpointerdown = (event: PointerEvent): void => {
    if (!(event.target instanceof Node) || !root?.contains(event.target)) onoutside();
  };
  document.addEventListener('pointerdown', onpointerdown);
  return () => document.removeEventListener('pointerdown', onpointerdown);
}
