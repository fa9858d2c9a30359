// Focus on mount, as an action: the `autofocus` attribute is unreliable when a form is swapped in
// after load, and Svelte rightly warns about it.

export function autofocus(node: HTMLElement, enabled: boolean = true): void {
  if (enabled) queueMicrotask(() => node.focus());
}
