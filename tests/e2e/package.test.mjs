// The installed package (scripts/package-test.sh unpacks the .deb into a scratch root and runs
// this against its binary): the files a desktop needs are there, and the packaged binary starts
// and shows the lock screen. Skipped when no unpacked package is given.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './app.mjs';

test('the .deb holds the app, its desktop entry and icons, and the app starts', async (t) => {
  const root = process.env.CASEBOOK_PACKAGE_ROOT;
  if (!root) {
    t.skip('no unpacked package (run scripts/package-test.sh)');
    return;
  }
  // `casebook` (the launcher, which the desktop entry runs) starts `casebook-app` beside it.
  for (const name of ['casebook', 'casebook-app']) {
    const binary = join(root, 'usr/bin', name);
    assert.ok(existsSync(binary), `usr/bin/${name}`);
    assert.ok(statSync(binary).mode & 0o111, `${name} is executable`);
  }
  assert.ok(statSync(join(root, 'usr/bin/casebook')).size < 2 * 1024 * 1024, 'the launcher is small');
  const desktop = readdirSync(join(root, 'usr/share/applications')).filter((f) => f.endsWith('.desktop'));
  assert.equal(desktop.length, 1, 'one desktop entry');
  const entry = readFileSync(join(root, 'usr/share/applications', desktop[0]), 'utf8');
  assert.match(entry, /^Exec=casebook/m);
  assert.match(entry, /^Name=Casebook/m);
  const icons = join(root, 'usr/share/icons/hicolor');
  const sizes = readdirSync(icons).filter((d) => existsSync(join(icons, d, 'apps')));
  assert.ok(sizes.length >= 2, `icons in several sizes: ${sizes}`);

  const app = await launch();
  try {
    const title = await app.session.execute('return document.title');
    assert.equal(title, 'Casebook');
    await app.session.waitFor('[data-testid="create-passphrase"]', { timeout: 20000 });
    await app.shot('package-01-lock-screen');
  } finally {
    await app.close();
  }
});
