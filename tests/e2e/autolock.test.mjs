// Auto-lock: with a 3-second idle limit (a test-only flag), the window returns to the lock
// screen by itself and keeps nothing of the notebook in the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, createNotebook, unlockWith, PASSPHRASE } from './app.mjs';

test('an idle notebook locks itself and the page forgets it', async () => {
  const app = await launch({ args: ['--idle-lock-seconds', '3'] });
  const s = app.session;
  try {
    await createNotebook(s);
    await (await s.find('[data-testid="nav-settings"]')).click();
    const name = await s.waitFor('[data-testid="settings-name"]');
    await name.fill('Dr Canary Idle');
    await (await s.find('[data-testid="settings-save"]')).click();
    await s.waitFor('[data-testid="settings-saved"]');

    await s.waitFor('[data-testid="locked-note"]', { timeout: 15000 });
    await app.shot('08-auto-locked');
    const page = await s.execute('return document.body.innerHTML');
    assert.ok(!page.includes('Canary'), 'the locked page holds no notebook content');

    await unlockWith(s, PASSPHRASE);
    await s.waitFor('[data-testid="app-shell"]');
    await (await s.find('[data-testid="nav-settings"]')).click();
    const saved = await (await s.waitFor('[data-testid="settings-name"]')).property('value');
    assert.equal(saved, 'Dr Canary Idle');
  } finally {
    await app.close();
  }
});
