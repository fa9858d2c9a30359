// A text area that grows with its text, as an action: `<textarea use:autosize={value}>`. CSS
// `field-sizing: content` would do it, but WebKitGTK 2.4x does not support it. The `rows` stay the
// smallest height; the area grows as lines are typed, pasted, restored from a draft or prefilled
// (the action's argument is the value, so a change from code resizes it too), and when its width
// changes. The scroll positions around it are kept, so the page does not jump while typing.

/** The elements that scroll around `node`, with their positions, to put back after measuring. */
function scrollers(node: HTMLElement): [Element, number][] {
  const found: [Element, number][] = [];
  for (let at = node.parentElement; at; at = at.parentElement) {
    if (at.scrollTop !== 0) found.push([at, at.scrollTop]);
  }
  const page = document.scrollingElement;
  if (page && page.scrollTop !== 0 && !found.some(([e]) => e === page)) found.push([page, page.scrollTop]);
  return found;
}

export function fit(node: HTMLTextAreaElement): void {
  const kept = scrollers(node);
  const style = getComputedStyle(node);
  const border = (parseFloat(style.borderTopWidth) || 0) + (parseFloat(style.borderBottomWidth) || 0);
  node.style.height = 'auto';
  const content = node.scrollHeight;
  // Not laid out (hidden, or a test's document without layout): leave the rows to decide.
  if (content === 0) {
    node.style.removeProperty('height');
    node.style.removeProperty('overflow-y');
    return;
  }
  node.style.height = `${content + border}px`;
  node.style.overflowY = 'hidden';
  for (const [element, top] of kept) element.scrollTop = top;
}

export function autosize(node: HTMLTextAreaElement, _value?: string) {
  let width = node.clientWidth;
  const onInput = () => fit(node);
  node.addEventListener('input', onInput);
  // Wrapping changes with the width (a resized window, a column that opens beside it).
  const observer =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(() => {
          if (node.clientWidth !== width) {
            width = node.clientWidth;
            fit(node);
          }
        });
  observer?.observe(node);
  queueMicrotask(() => fit(node));
  return {
    update(_next?: string) {
      // After the DOM has the new value.
      queueMicrotask(() => fit(node));
    },
    destroy() {
      node.removeEventListener('input', onInput);
      observer?.disconnect();
    },
  };
}
