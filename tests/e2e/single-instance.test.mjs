// A second launch does not start a second writer: it hands over to the running window and exits.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { launch, createNotebook } from './app.mjs';

function run(application, args, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(application, args, { stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ exited: false });
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ exited: true, code });
    });
  });
}

test('a second launch exits and the first window keeps working', async () => {
  const app = await launch();
  const s = app.session;
  try {
    await createNotebook(s);
    const second = await run(process.env.CASEBOOK_E2E_APP, ['--notebook', app.notebook], 15000);
    assert.ok(second.exited, 'the second instance must not stay open');
    // The first window is untouched and still answers.
    await (await s.find('[data-testid="nav-settings"]')).click();
    await s.waitFor('[data-testid="settings-view"]');
  } finally {
    await app.close();
  }
});
