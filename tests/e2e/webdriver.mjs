// A small W3C WebDriver client for the end-to-end tests: just what driving Casebook's window
// needs, over Node's own fetch, so the tests carry no browser-automation dependency.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const Keys = {
  CONTROL: '\uE009',
  NULL: '\uE000',
  ENTER: '\uE007',
  TAB: '\uE004',
  SHIFT: '\uE008',
  ESCAPE: '\uE00C',
  SPACE: '\uE00D',
  UP: '\uE013',
  DOWN: '\uE015',
};

export class WebDriverError extends Error {}

async function call(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok || (json.value && json.value.error)) {
    const v = json.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${v.error ?? response.status}: ${v.message ?? text}`);
  }
  return json.value;
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start({ application, args = [], driver = 'http://127.0.0.1:4444' }) {
    const value = await call(driver, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
    });
    return new Session(driver, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    await this.cmd('DELETE', '').catch(() => {});
  }

  async find(selector) {
    const value = await this.cmd('POST', '/element', { using: 'css selector', value: selector });
    return new Element(this, value[ELEMENT]);
  }

  async findAll(selector) {
    const values = await this.cmd('POST', '/elements', { using: 'css selector', value: selector });
    return values.map((v) => new Element(this, v[ELEMENT]));
  }

  /** Waits until `selector` matches a displayed element. */
  async waitFor(selector, { timeout = 15000 } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    while (Date.now() < deadline) {
      try {
        const el = await this.find(selector);
        if (await el.displayed()) return el;
      } catch (err) {
        last = err;
      }
      await sleep(100);
    }
    throw new WebDriverError(`timed out waiting for ${selector}${last ? `: ${last.message}` : ''}`);
  }

  /** Waits until `selector` matches nothing. */
  async waitGone(selector, { timeout = 15000 } = {}) {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if ((await this.findAll(selector)).length === 0) return;
      await sleep(100);
    }
    throw new WebDriverError(`timed out waiting for ${selector} to go away`);
  }

  /** Waits until the text of `selector` satisfies `predicate`; returns the text. */
  async waitForText(selector, predicate, { timeout = 15000 } = {}) {
    const deadline = Date.now() + timeout;
    let text = '';
    while (Date.now() < deadline) {
      try {
        text = await (await this.find(selector)).text();
        if (predicate(text)) return text;
      } catch {
        // not there yet
      }
      await sleep(100);
    }
    throw new WebDriverError(`timed out waiting for text of ${selector}; last: ${JSON.stringify(text)}`);
  }

  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }

  /** Presses a key chord on the focused element, e.g. chord(Keys.CONTROL, 'l'). */
  async chord(...keys) {
    const actions = [];
    for (const k of keys) actions.push({ type: 'keyDown', value: k });
    for (const k of [...keys].reverse()) actions.push({ type: 'keyUp', value: k });
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions').catch(() => {});
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }

  click() {
    return this.cmd('POST', '/click', {});
  }

  async type(text) {
    await this.cmd('POST', '/value', { text });
  }

  async clear() {
    await this.cmd('POST', '/clear', {});
  }

  /** Clears the field, then types `text`. */
  async fill(text) {
    await this.clear();
    await this.type(text);
  }

  text() {
    return this.cmd('GET', '/text');
  }

  property(name) {
    return this.cmd('GET', `/property/${name}`);
  }

  displayed() {
    return this.cmd('GET', '/displayed');
  }

  enabled() {
    return this.cmd('GET', '/enabled');
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
