/** A key pressed in a field is text, not a shortcut. */
export const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Marks an element once its shortcuts listen: the page is visible before its script runs, and a key pressed in
 * between is lost. Browser tests wait for the mark before pressing keys.
 */
export function markShortcutsReady(element: HTMLElement | null): void {
  element?.setAttribute('data-shortcuts', 'ready');
}
