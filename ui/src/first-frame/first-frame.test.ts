// The page's loader (public/first-frame.js): which lock screen it draws from the page before the
// app's code runs, with what folder, and when it starts the app. The frames' likeness to the live
// lock screen is checked in the real window (tests/e2e/notebook.test.mjs).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import source from '../../public/first-frame.js?raw';
import { FIRST_FRAME_FOLDER } from './names';

const ENTRY = './assets/index-test.js';

function page(status: unknown): void {
  document.head.innerHTML = '';
  if (status !== undefined) {
    const meta = document.createElement('meta');
    meta.name = 'casebook-status';
    meta.content = typeof status === 'string' ? status : JSON.stringify(status);
    document.head.append(meta);
  }
  const frame = (name: string) =>
    `<template id="first-frame-${name}"><div class="layout"><h1>${name}</h1>` +
    `<p class="folder"><span title="${FIRST_FRAME_FOLDER}">${FIRST_FRAME_FOLDER}</span></p></div></template>`;
  document.body.innerHTML = `<div id="app"></div>${frame('unlock')}${frame('demo')}${frame('create')}`;
}

/** Runs the loader as the page's last script, with `data-entry` as the build writes it. */
function load(entry: string | null = ENTRY): void {
  const script = document.createElement('script');
  if (entry !== null) script.dataset.entry = entry;
  Object.defineProperty(document, 'currentScript', { value: script, configurable: true });
  try {
    new Function(source)();
  } finally {
    Reflect.deleteProperty(document, 'currentScript');
  }
}

const app = () => document.getElementById('app') as HTMLElement;
const started = () => [...document.head.querySelectorAll('script')].map((s) => [s.type, s.getAttribute('src')]);
const afterFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 10)));
const status = (over: Record<string, unknown> = {}) => ({
  exists: true,
  unlocked: false,
  folder: '/home/ana/Casebook',
  demo: false,
  ...over,
});

describe('the first frame', () => {
  beforeEach(() => {
    window.location.hash = '';
  });
  afterEach(() => {
    window.location.hash = '';
    document.head.innerHTML = '';
    document.body.innerHTML = '';
    document.documentElement.className = '';
  });

  it('draws the unlock screen, inert, and starts the app only after that frame', async () => {
    page(status());
    load();
    expect(app().querySelector('h1')?.textContent).toBe('unlock');
    expect(app().hasAttribute('inert')).toBe(true);
    expect(app().dataset.firstFrame).toBe('unlock');
    expect(started()).toEqual([]);
    await afterFrame();
    expect(started()).toEqual([['module', ENTRY]]);
    // Only once, though the fallback timer fires later too.
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(started()).toHaveLength(1);
  });

  it('draws the demo and the create screens for their statuses', () => {
    page(status({ demo: true }));
    load();
    expect(app().dataset.firstFrame).toBe('demo');
    page(status({ exists: false }));
    load();
    expect(app().dataset.firstFrame).toBe('create');
  });

  it('puts the folder in as text, whatever it holds', () => {
    const folder = `/home/a"b'<img src=x onerror=alert(1)>&amp;/Casebook`;
    page(status({ folder }));
    load();
    const span = app().querySelector('.folder span') as HTMLElement;
    expect(span.textContent).toBe(folder);
    expect(span.title).toBe(folder);
    expect(app().querySelector('img')).toBeNull();
    expect(app().innerHTML).not.toContain(FIRST_FRAME_FOLDER);
  });

  it.each([
    ['no status in the page', undefined],
    ['an open notebook', status({ unlocked: true })],
    ['a status that is not JSON', '{"exists": tru'],
    ['a status that is not an object', '"locked"'],
    ['no folder', { exists: true, unlocked: false, demo: false }],
    ['an unknown existence', status({ exists: 'yes' })],
    ['an unlocked flag that is not false', status({ unlocked: null })],
    ['a demo flag that is not true or false', status({ demo: 'no' })],
  ])('draws nothing and starts the app at once for %s', (_, given) => {
    page(given);
    load();
    expect(app().childNodes).toHaveLength(0);
    expect(app().hasAttribute('inert')).toBe(false);
    expect(started()).toEqual([['module', ENTRY]]);
  });

  it("leaves a lock's note to the app, which draws the screen with it", () => {
    window.location.hash = '#locked=idle';
    page(status());
    load();
    expect(app().childNodes).toHaveLength(0);
    expect(started()).toEqual([['module', ENTRY]]);
  });

  it('starts the app at once when the page lacks the frame', () => {
    page(status());
    document.getElementById('first-frame-unlock')?.remove();
    load();
    expect(app().childNodes).toHaveLength(0);
    expect(started()).toEqual([['module', ENTRY]]);
  });

  it('does nothing without the entry to start', () => {
    page(status());
    load(null);
    expect(app().childNodes).toHaveLength(0);
    expect(started()).toEqual([]);
  });

  it('names the same placeholder as the renderer', () => {
    expect(source).toContain(`'${FIRST_FRAME_FOLDER}'`);
  });
});
