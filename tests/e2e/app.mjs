// Starting Casebook for one test: its own temporary notebook folder, a fresh window, screenshots
// saved under tests/e2e/artifacts/ for a person to look at.

import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Session } from './webdriver.mjs';

export const PASSPHRASE = 'harbour lantern quietly';
export const NEW_PASSPHRASE = 'new moon over tidewater';
export const THIRD_PASSPHRASE = 'copper kettle evening rain';

const artifacts = process.env.CASEBOOK_E2E_ARTIFACTS ?? 'tests/e2e/artifacts';

export async function launch({ args = [] } = {}) {
  const application = process.env.CASEBOOK_E2E_APP;
  if (!application) throw new Error('CASEBOOK_E2E_APP must name the built app (see scripts/e2e.sh)');
  const folder = mkdtempSync(join(tmpdir(), 'casebook-e2e-'));
  const notebook = join(folder, 'notebook');
  const session = await Session.start({ application, args: ['--notebook', notebook, ...args] });
  try {
    await session.waitFor('[data-testid="lock-screen"]', { timeout: 30000 });
  } catch (err) {
    await session.end();
    throw err;
  }
  return {
    session,
    folder,
    notebook,
    /** A picture of the virtual display, for a person to look at (not asserted on). */
    shot(name) {
      mkdirSync(artifacts, { recursive: true });
      try {
        execFileSync('import', ['-window', 'root', join(artifacts, `${name}.png`)], { timeout: 10000 });
      } catch {
        // No ImageMagick or no display: the test's assertions do not depend on pictures.
      }
    },
    async close() {
      await session.end();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Creates a notebook through the window and returns the recovery code shown. */
export async function createNotebook(s, passphrase = PASSPHRASE) {
  await (await s.waitFor('[data-testid="create-passphrase"]')).type(passphrase);
  await (await s.find('[data-testid="create-confirm"]')).type(passphrase);
  await (await s.find('[data-testid="create-submit"]')).click();
  const shown = await s.waitFor('[data-testid="recovery-code"]', { timeout: 20000 });
  const code = await shown.property('textContent');
  await (await s.find('[data-testid="recovery-saved"]')).click();
  await (await s.find('[data-testid="recovery-continue"]')).click();
  await s.waitFor('[data-testid="app-shell"]');
  return code.trim();
}

export async function unlockWith(s, passphrase) {
  // A lock ends the page and loads it again (src-tauri's restart_page), so the lock screen the
  // old page drew for a moment can vanish between finding its field and typing into it: then the
  // new page's field is found and filled.
  for (let attempt = 1; ; attempt++) {
    try {
      const field = await s.waitFor('[data-testid="unlock-passphrase"]');
      await field.fill(passphrase);
      await (await s.find('[data-testid="unlock-submit"]')).click();
      return;
    } catch (err) {
      if (attempt >= 3 || !String(err?.message).includes('stale element')) throw err;
    }
  }
}

/**
 * Sets an input's or select's value as a person's choice would, for the controls WebDriver cannot
 * type into portably (time pickers, selects, and date fields, given an ISO date, which they read
 * whatever the date format chosen in Settings): the value, then `input` and `change` events,
 * which Svelte's bindings listen to.
 */
export async function setValue(s, selector, value) {
  await s.waitFor(selector);
  const done = await s.execute(
    `const el = document.querySelector(arguments[0]);
     if (!el) return false;
     el.scrollIntoView({ block: 'center' });
     el.value = arguments[1];
     el.dispatchEvent(new Event('input', { bubbles: true }));
     el.dispatchEvent(new Event('change', { bubbles: true }));
     return true;`,
    [selector, value],
  );
  if (!done) throw new Error(`no element for ${selector}`);
}

/** Chooses the option of a select whose text contains `text`. */
export async function chooseByText(s, selector, text) {
  await s.waitFor(selector);
  const value = await s.execute(
    `const el = document.querySelector(arguments[0]);
     const option = [...el.options].find((o) => o.textContent.includes(arguments[1]));
     return option ? option.value : null;`,
    [selector, text],
  );
  if (value === null) throw new Error(`no option "${text}" in ${selector}`);
  await setValue(s, selector, value);
}

/** A date `days` from today on this computer's calendar, as YYYY-MM-DD. */
export function dayFromToday(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Scrolls an element to the top of its scrolling view (before a screenshot). */
export async function scrollTo(s, selector) {
  await s.execute(`document.querySelector(arguments[0])?.scrollIntoView({ block: 'start' });`, [selector]);
}

/**
 * Clicks an element once the page has stopped moving it: sections that load after the page is
 * drawn push what is below them down, and a click aimed at the old place would land elsewhere.
 */
export async function clickWhenSteady(s, selector, { timeout = 10000 } = {}) {
  await s.waitFor(selector, { timeout });
  const where = () =>
    s.execute(
      `const r = document.querySelector(arguments[0])?.getBoundingClientRect();
       return r ? [Math.round(r.top + window.scrollY), Math.round(r.left)].join(',') : null;`,
      [selector],
    );
  const end = Date.now() + timeout;
  // Steady: in the same place twice in a row, and enabled (a form that is still loading keeps its
  // buttons disabled, and a click on a disabled button does nothing).
  let last = await where();
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await where();
    const enabled = await s.execute(`return !document.querySelector(arguments[0])?.disabled;`, [selector]);
    if (now === last && enabled) break;
    last = now;
  }
  // Centred: the window is a little taller than Xvfb's screen (its title bar), and a click in the
  // strip below the screen's edge is lost.
  await s.execute(`document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' });`, [selector]);
  await (await s.find(selector)).click();
}

/** Clicks the element with this test id, once it is there. */
export async function click(s, testid) {
  await (await s.waitFor(`[data-testid="${testid}"]`)).click();
}

/** Types into the element with this test id, once it is there. */
export async function type(s, testid, text) {
  await (await s.waitFor(`[data-testid="${testid}"]`)).type(text);
}

/** Opens a section of the case page from the case's navigation and waits for it. */
export async function openSection(s, name) {
  await click(s, `section-${name}`);
  await s.waitFor(`[data-testid="case-section"][data-section="${name}"]`);
}

/** Fills the time of the open session note form and its first part; the date stays today. */
export async function writeSession(s, start, end, text) {
  await setValue(s, '[data-testid="session-start"]', start);
  await setValue(s, '[data-testid="session-end"]', end);
  const parts = await s.findAll('[data-testid="session-form"] textarea[name^="body."]');
  await parts[0].type(text);
}

/** Polls `check` every half second until it returns something truthy, which it returns. */
export async function until(what, check, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The page's performance marks, once the app's own lock screen is drawn and working
 * (`casebook:lock-live`, set by LockLayout): each as `{ name, startTime, detail }`.
 */
export async function marksOnceLockLive(s) {
  return s.executeAsync(`
    const done = arguments[arguments.length - 1];
    const read = () => {
      if (performance.getEntriesByName('casebook:lock-live').length === 0) return void setTimeout(read, 10);
      done(performance.getEntriesByType('mark').map(({ name, startTime, detail }) => ({ name, startTime, detail })));
    };
    read();`);
}

/**
 * The lock screen the page drew from its own HTML before the app's code ran
 * (ui/public/first-frame.js), against the one the app drew in its place once it ran, compared
 * node by node: tags, attributes (but test ids, which the first frame leaves out) and text, the
 * notebook's folder standing as the frame's placeholder in both. Waits for the app's screen.
 * `frame` is the first frame's name, or null when the app drew the first.
 */
export async function firstFrameAgainstLive(s) {
  const drawn = (await marksOnceLockLive(s)).filter((m) => m.name === 'casebook:lock-drawn').map((m) => m.detail);
  const frame = drawn[0]?.from === 'first-frame' ? drawn[0].frame : null;
  const seen = await s.execute(
    `
    // Text as it renders: adjacent text nodes (and any comment between them) as one, none if empty.
    const children = (nodes) => {
      let out = '';
      let text = null;
      for (const node of nodes) {
        if (node.nodeType === Node.TEXT_NODE) text = (text ?? '') + node.nodeValue;
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (text) out += JSON.stringify(text);
        text = null;
        out += shape(node);
      }
      return text ? out + JSON.stringify(text) : out;
    };
    const shape = (node) => {
      const attrs = [...node.attributes]
        .filter((a) => a.name !== 'data-testid' && !(a.name === 'value' && a.value === ''))
        .map((a) => a.name + '=' + JSON.stringify(a.value))
        .sort();
      return '<' + node.localName + ' ' + attrs.join(' ') + '>' + children(node.childNodes) + '</>';
    };
    const app = document.getElementById('app');
    const folder = JSON.stringify(app.querySelector('.folder-path').title);
    const live = children(app.childNodes).replaceAll(folder, JSON.stringify('casebook-first-frame-folder'));
    const template = arguments[0] && document.getElementById('first-frame-' + arguments[0]);
    return { first: template ? children(template.content.childNodes) : null, live, inert: app.hasAttribute('inert') };`,
    [frame],
  );
  return { drawn, frame, ...seen };
}
