/**
 * A `<details>` used as a popover (filter menus, export, saved views): Escape or a press
 * outside closes it. Escape gives focus back to the summary that opened it; a press
 * outside leaves focus where it lands, or on the summary when it would otherwise be lost.
 */
export function popover(details: HTMLDetailsElement): { destroy: () => void } {
  const summary = (): HTMLElement | null => details.querySelector('summary');

  function onkeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !details.open) return;
    // Only the popover closes, not a dialog around it.
    event.stopPropagation();
    event.preventDefault();
    details.open = false;
    summary()?.focus();
  }

  function onpointerdown(event: PointerEvent): void {
    if (!details.open || (event.target instanceof Node && details.contains(event.target))) return;
    const focusInside = details.contains(document.activeElement);
    details.open = false;
    if (!focusInside) return;
    // After the press has moved focus (to what was pressed, or to nothing).
    setTimeout(() => {
      if (document.activeElement === null || document.activeElement === document.body) summary()?.focus();
    });
  }

  details.addEventListener('keydown', onkeydown);
  document.addEventListener('pointerdown', onpointerdown, true);
  return {
    destroy() {
      details.removeEventListener('keydown', onkeydown);
      document.removeEventListener('pointerdown', onpointerdown, true);
    },
  };
}
