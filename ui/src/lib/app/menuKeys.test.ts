import { describe, expect, it } from 'vitest';

import { menuKey } from './menuKeys';

describe('menu keys', () => {
  it('wrap the arrows and jump with Home and End', () => {
    expect(menuKey('ArrowDown', 2, 3)).toEqual({ move: 0 });
    expect(menuKey('ArrowUp', 0, 3)).toEqual({ move: 2 });
    expect(menuKey('ArrowDown', -1, 3), 'from no entry, the first').toEqual({ move: 0 });
    expect(menuKey('Home', 2, 3)).toEqual({ move: 0 });
    expect(menuKey('End', 0, 3)).toEqual({ move: 2 });
  });

  it('close on Escape and Tab, choose on Enter and Space, and leave other keys alone', () => {
    expect(menuKey('Escape', 1, 3)).toEqual({ close: 'escape' });
    expect(menuKey('Tab', 1, 3)).toEqual({ close: 'tab' });
    expect(menuKey(' ', 1, 3)).toEqual({ choose: true });
    expect(menuKey('a', 1, 3)).toBeNull();
  });
});
