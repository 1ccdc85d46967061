import { fireEvent } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { dismissTooltipsOnAction } from './tooltips';

describe('tooltips close when their action runs', () => {
  let remove: () => void;
  let button: HTMLButtonElement;

  beforeEach(() => {
    remove = dismissTooltipsOnAction(document);
    button = document.createElement('button');
    button.type = 'button';
    button.title = 'Export (Ctrl+E)';
    button.append(document.createElement('span'));
    document.body.append(button);
  });

  afterEach(() => {
    remove();
    button.remove();
  });

  it('takes the title down on a click (on the control or inside it) and puts it back when the pointer leaves', async () => {
    await fireEvent.click(button.querySelector('span')!);
    expect(button).not.toHaveAttribute('title');
    await fireEvent.pointerLeave(button);
    expect(button).toHaveAttribute('title', 'Export (Ctrl+E)');
  });

  it('does the same for Enter and Space, and puts the title back when focus moves on', async () => {
    for (const key of ['Enter', ' ']) {
      await fireEvent.keyDown(button, { key });
      expect(button, key).not.toHaveAttribute('title');
      await fireEvent.focusOut(button);
      expect(button).toHaveAttribute('title', 'Export (Ctrl+E)');
    }
    await fireEvent.keyDown(button, { key: 'a' });
    expect(button).toHaveAttribute('title', 'Export (Ctrl+E)');
  });

  it('keeps a title set meanwhile rather than the old one', async () => {
    await fireEvent.click(button);
    button.setAttribute('title', 'Exported');
    await fireEvent.pointerLeave(button);
    expect(button).toHaveAttribute('title', 'Exported');
  });
});
