// A record that can be trusted, through the real window: the therapist's name in Settings, an
// intake session note signed and then shown locked, an addendum shown with the original, and
// Verify notebook passing. Screenshots of the signed note and the report land in artifacts/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, createNotebook, setValue, scrollTo, clickWhenSteady, click, type } from './app.mjs';

test('a signed note is locked, takes an addendum, and the notebook verifies', async () => {
  const app = await launch();
  const s = app.session;
  try {
    await createNotebook(s);

    // The name that signatures carry.
    await click(s, 'nav-settings');
    const name = await s.waitFor('[data-testid="settings-name"]');
    await name.fill('Dr Jordan Signer');
    await click(s, 'settings-save');
    await s.waitFor('[data-testid="settings-saved"]');

    // A case and its intake session note.
    await click(s, 'nav-cases');
    await click(s, 'new-case');
    await type(s, 'client-fullName', 'Quinn Recordcase');
    await click(s, 'difficulty-erectile_dysfunction');
    await click(s, 'create-case');
    await s.waitFor('[data-testid="case-page"]');
    await click(s, 'section-intake');
    await click(s, 'write-intake-session');
    await setValue(s, '[data-testid="session-start"]', '09:00');
    await setValue(s, '[data-testid="session-end"]', '09:50');
    const parts = await s.findAll('[data-testid="session-form"] textarea[name^="body."]');
    await parts[0].type('Original words of the intake note.');
    await click(s, 'session-save');
    await s.waitFor('[data-testid="intake-session-recorded"]');

    // Open the note, sign it: locked, no correcting any more.
    await click(s, 'section-sessions');
    await click(s, 'session-row');
    await s.waitFor('[data-testid="session-detail"]');
    assert.ok(await s.find('[data-testid="session-edit"]'), 'an unsigned note can be corrected');
    await click(s, 'sign-button');
    const badge = await s.waitForText('[data-testid="signed-badge"]', (t) => t.includes('Signed by Dr Jordan Signer'));
    assert.match(badge, /Signed and locked/);
    await s.waitGone('[data-testid="session-edit"]');
    assert.equal((await s.findAll('[data-testid="sign-button"]')).length, 0);

    // An addendum, shown under the original, which stays.
    await click(s, 'addendum-button');
    await type(s, 'addendum-reason', 'Wrong start time');
    await type(s, 'addendum-body', 'The session started at 09:10, not 09:00.');
    await click(s, 'addendum-save');
    const item = await s.waitForText('[data-testid="addendum-item"]', (t) => t.includes('Wrong start time'));
    assert.match(item, /09:10/);
    const detail = await (await s.find('[data-testid="session-detail"]')).property('textContent');
    assert.ok(detail.includes('Original words of the intake note.'), 'the original stays visible');
    await scrollTo(s, '[data-testid="signing"]');
    await app.shot('record-01-signed-note');

    // The case history lists what happened, never what was written.
    await click(s, 'section-history');
    const history = await s.waitForText('[data-testid="case-history"]', (t) => /Signed/i.test(t));
    assert.ok(!history.includes('09:10, not 09:00'), 'the history holds no content');

    // Verify notebook.
    await click(s, 'nav-settings');
    await clickWhenSteady(s, '[data-testid="verify-button"]');
    await s.waitFor('[data-testid="verify-report"]', { timeout: 30000 });
    await s.waitFor('[data-testid="verify-ok"]');
    const checks = await s.findAll('[data-testid="verify-check"]');
    assert.ok(checks.length >= 3, 'each check is reported');
    await scrollTo(s, '[data-testid="verify-report"]');
    await app.shot('record-02-verify-report');
  } catch (err) {
    await app.shot('record-zz-failure');
    const shown = await s.execute(`return document.querySelector('[data-testid="settings-view"]')?.innerText.slice(-1500) ?? ''`);
    console.log(`The settings at the failure:\n${shown}`);
    throw err;
  } finally {
    await app.close();
  }
});
