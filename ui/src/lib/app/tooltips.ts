/**
 * Native `title` tooltips ("Export (Ctrl+E)", "Open … in Explore") stay on screen after
 * their control is used: the web view keeps one up until the pointer leaves. Once for
 * every control, a click or a key press that acts on an element with a title moves the
 * title aside, which takes the tooltip down, and puts it back when the pointer leaves or
 * focus moves on, so the next hover shows it again.
 */
const STASH = 'data-title-hidden';

function hide(target: EventTarget | null): void {
  const element = target instanceof Element ? target.closest('[title]') : null;
  const title = element?.getAttribute('title');
  if (!element || !title) return;
  element.setAttribute(STASH, title);
  element.removeAttribute('title');
  const restore = (): void => {
    element.removeEventListener('pointerleave', restore);
    element.removeEventListener('focusout', restore);
    const stashed = element.getAttribute(STASH);
    element.removeAttribute(STASH);
    // A title set meanwhile (the control's text changed) wins over the old one.
    if (stashed !== null && !element.hasAttribute('title')) element.setAttribute('title', stashed);
  };
  element.addEventListener('pointerleave', restore);
  element.addEventListener('focusout', restore);
}

/** Installs the behaviour on `root`; returns its removal. */
export function dismissTooltipsOnAction(root: Document): () => void {
  const onclick = (event: Event): void => hide(event.target);
  const onkeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' || event.key === ' ') hide(event.target);
  };
  root.addEventListener('click', onclick, true);
  root.addEventListener('keydown', onkeydown, true);
  return () => {
    root.removeEventListener('click', onclick, true);
    root.removeEventListener('keydown', onkeydown, true);
  };
}
