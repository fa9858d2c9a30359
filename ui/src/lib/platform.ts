// The lock shortcut: Ctrl+L, or ⌘L on a Mac. Both modifiers work everywhere; the label follows
// the platform so the hint matches the keyboard in front of the therapist.

export function isMac(): boolean {
  const nav = globalThis.navigator;
  if (!nav) return false;
  return /Mac|iPhone|iPad/.test(nav.platform || nav.userAgent);
}

export function lockShortcutLabel(): string {
  return isMac() ? '⌘L' : 'Ctrl+L';
}

export function isLockShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.altKey &&
    !event.shiftKey &&
    event.key.toLowerCase() === 'l'
  );
}

/** The search shortcut: Ctrl+K, or ⌘K on a Mac. */
export function searchShortcutLabel(): string {
  return isMac() ? '⌘K' : 'Ctrl+K';
}

export function isSearchShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.altKey &&
    !event.shiftKey &&
    event.key.toLowerCase() === 'k'
  );
}
