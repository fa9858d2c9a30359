// The notebook's life through the real window: create, recovery code, lock, wrong passphrase,
// unlock, change passphrase, Ctrl+L, unlock with the new one, recovery code with a new passphrase.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, createNotebook, unlockWith, firstFrameAgainstLive, until, PASSPHRASE, NEW_PASSPHRASE, THIRD_PASSPHRASE } from './app.mjs';
import { Keys, Session } from './webdriver.mjs';
import { processTree } from './memory.mjs';

test('a notebook is created, locked, unlocked, re-keyed and recovered from the window', async () => {
  const app = await launch();
  const s = app.session;
  try {
    await app.shot('01-lock-screen-new');
    // The shell wrote the status into the page, so the first frame was already this screen.
    const from = await s.execute(`return performance.getEntriesByName('casebook:status').map((m) => m.detail);`);
    assert.deepEqual(from, ['page']);
    // A weak passphrase is refused before anything is created.
    await (await s.waitFor('[data-testid="create-passphrase"]')).type('password123');
    await (await s.find('[data-testid="create-confirm"]')).type('password123');
    await (await s.find('[data-testid="create-submit"]')).click();
    await s.waitFor('[data-testid="error-passphrase"]');
    await (await s.find('[data-testid="create-passphrase"]')).clear();
    await (await s.find('[data-testid="create-confirm"]')).clear();

    const code = await createNotebook(s);
    assert.match(code, /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    await app.shot('03-home');

    // Lock with the button: the lock screen, and nothing of the notebook in the page.
    await (await s.find('[data-testid="lock-button"]')).click();
    await s.waitFor('[data-testid="unlock-form"]');
    await app.shot('04-lock-screen-existing');

    await unlockWith(s, 'not the passphrase');
    const message = await s.waitForText('[data-testid="unlock-error"]', (t) => t.length > 0);
    assert.match(message, /passphrase/i);
    await app.shot('05-wrong-passphrase');

    await unlockWith(s, PASSPHRASE);
    await s.waitFor('[data-testid="app-shell"]');

    // Change the passphrase in Settings.
    await (await s.find('[data-testid="nav-settings"]')).click();
    await s.waitFor('[data-testid="settings-view"]');
    await (await s.find('[data-testid="change-old"]')).type(PASSPHRASE);
    await (await s.find('[data-testid="change-new"]')).type(NEW_PASSPHRASE);
    await (await s.find('[data-testid="change-confirm"]')).type(NEW_PASSPHRASE);
    await (await s.find('[data-testid="change-submit"]')).click();
    await s.waitFor('[data-testid="change-done"]', { timeout: 20000 });
    await app.shot('06-settings');

    // Lock with Ctrl+L; the old passphrase no longer opens, the new one does.
    await s.chord(Keys.CONTROL, 'l');
    await s.waitFor('[data-testid="unlock-form"]');
    await unlockWith(s, PASSPHRASE);
    await s.waitForText('[data-testid="unlock-error"]', (t) => t.length > 0);
    await unlockWith(s, NEW_PASSPHRASE);
    await s.waitFor('[data-testid="app-shell"]');
    await (await s.find('[data-testid="lock-button"]')).click();

    // The recovery code opens it and requires a new passphrase.
    await (await s.waitFor('[data-testid="use-recovery"]')).click();
    await (await s.waitFor('[data-testid="recovery-code-input"]')).type(code.toLowerCase());
    await (await s.find('[data-testid="recovery-new-passphrase"]')).type(THIRD_PASSPHRASE);
    await (await s.find('[data-testid="recovery-new-confirm"]')).type(THIRD_PASSPHRASE);
    await app.shot('07-recovery');
    await (await s.find('[data-testid="recovery-submit"]')).click();
    await s.waitFor('[data-testid="app-shell"]', { timeout: 20000 });
    await (await s.find('[data-testid="lock-button"]')).click();
    await unlockWith(s, NEW_PASSPHRASE);
    await s.waitForText('[data-testid="unlock-error"]', (t) => t.length > 0);
    await unlockWith(s, THIRD_PASSPHRASE);
    await s.waitFor('[data-testid="app-shell"]');
  } finally {
    await app.close();
  }
});

test("the window's first frame is the lock screen the app then draws, for a new and an existing notebook", async () => {
  const app = await launch();
  let s = app.session;
  try {
    // A new notebook: the create screen, drawn from the page's HTML before the app's code ran.
    let seen = await firstFrameAgainstLive(s);
    assert.equal(seen.frame, 'create', `the first frame came from the page: ${JSON.stringify(seen.drawn)}`);
    assert.equal(seen.first, seen.live);
    assert.equal(seen.inert, false, 'the live screen takes input');
    await createNotebook(s);
    await s.end();
    // The app must be gone, or the next one would hand over to it as a second instance.
    await until('the app to exit', () => processTree(app.notebook).length === 0);
    // The same notebook again: the unlock screen, and its form works.
    s = await Session.start({ application: process.env.CASEBOOK_E2E_APP, args: ['--notebook', app.notebook] });
    await s.waitFor('[data-testid="lock-screen"]', { timeout: 30000 });
    seen = await firstFrameAgainstLive(s);
    assert.equal(seen.frame, 'unlock', `the first frame came from the page: ${JSON.stringify(seen.drawn)}`);
    assert.equal(seen.first, seen.live);
    assert.equal(await s.execute(`return document.querySelectorAll('#unlock-passphrase').length;`), 1);
    await unlockWith(s, PASSPHRASE);
    await s.waitFor('[data-testid="app-shell"]');
  } finally {
    // The second session is this test's own (`close` ends the first and removes the folder).
    if (s !== app.session) await s.end();
    await app.close();
  }
});
