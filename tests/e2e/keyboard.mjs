// Driving the window with the keyboard alone: keys pressed through WebDriver's actions (real key
// events to whatever has focus, never a click), and what has focus read back from the page.

import assert from 'node:assert/strict';
import { Keys } from './webdriver.mjs';

/** Presses keys one after another (each down then up) on whatever has focus. */
export async function press(s, ...keys) {
  const actions = [];
  for (const k of keys) actions.push({ type: 'keyDown', value: k }, { type: 'keyUp', value: k });
  await s.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  await s.cmd('DELETE', '/actions').catch(() => {});
}

/** Types text, one key per character, into whatever has focus. */
export async function typeKeys(s, text) {
  await press(s, ...[...text]);
}

/** Shift+Tab. */
export async function shiftTab(s) {
  await s.cmd('POST', '/actions', {
    actions: [
      {
        type: 'key',
        id: 'keyboard',
        actions: [
          { type: 'keyDown', value: Keys.SHIFT },
          { type: 'keyDown', value: Keys.TAB },
          { type: 'keyUp', value: Keys.TAB },
          { type: 'keyUp', value: Keys.SHIFT },
        ],
      },
    ],
  });
  await s.cmd('DELETE', '/actions').catch(() => {});
}

/**
 * What has focus: a description for messages, its test id, whether it matches `selector`, and
 * whether its focus is visible (it matches :focus-visible and draws an outline or a box shadow).
 */
export async function focused(s, selector = null) {
  return s.execute(
    `const el = document.activeElement;
     if (!el || el === document.body || el === document.documentElement) return { none: true, label: 'body' };
     const style = getComputedStyle(el);
     const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
     const shadow = style.boxShadow && style.boxShadow !== 'none';
     const text = (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || el.name || '')
       .replace(/\\s+/g, ' ').trim().slice(0, 60);
     const testid = el.dataset.testid || el.closest('[data-testid]')?.dataset.testid || '';
     return {
       none: false,
       key: el.tagName + '#' + (el.id || '') + '|' + testid + '|' + (el.name || '') + '|' + text,
       label: el.tagName.toLowerCase() + (el.type ? '[' + el.type + ']' : '') + (testid ? ' {' + testid + '}' : '') + ' "' + text + '"',
       testid: el.dataset.testid || null,
       matches: arguments[0] ? el.matches(arguments[0]) : false,
       // WebKit focuses a part (day, hour) inside a date or time field: the field itself then
       // matches :focus, not :focus-visible, and the app draws its ring on :focus.
       focusVisible: el.matches(':focus-visible') || (/^(date|time|datetime-local)$/.test(el.type) && el.matches(':focus')),
       drawn: Boolean(outline || shadow),
       outline: style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor,
       shadow: style.boxShadow,
     };`,
    [selector],
  );
}

/** Fails unless what has focus shows it. */
export function assertVisible(info) {
  assert.ok(!info.none, 'something has focus');
  assert.ok(info.focusVisible, `focus on ${info.label} matches :focus-visible`);
  assert.ok(info.drawn, `focus on ${info.label} is drawn (outline ${info.outline}; box-shadow ${info.shadow})`);
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`, checking at every step
 * that focus moved and is visible. Fails, naming the path, when it is not reached in `max` steps
 * or focus stays stuck on one element (a trap). Answers the path taken.
 */
export async function tabTo(s, selector, { back = false, max = 80 } = {}) {
  const path = [];
  let still = 0;
  let last = null;
  for (let i = 0; i < max; i++) {
    if (back) await shiftTab(s);
    else await press(s, Keys.TAB);
    const info = await focused(s, selector);
    path.push(info.label);
    if (!info.none) assertVisible(info);
    // A date or time field takes one Tab per part (day, month, year) without leaving the input.
    if (last !== null && info.key === last) {
      still += 1;
      assert.ok(still < 4, `focus is stuck on ${info.label} (a trap): ${path.join(' → ')}`);
    } else {
      still = 0;
    }
    last = info.key;
    if (info.matches) return path;
  }
  assert.fail(`${selector} not reached with ${back ? 'Shift+Tab' : 'Tab'} in ${max} steps: ${path.join(' → ')}`);
}
