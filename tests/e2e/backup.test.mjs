// Backups and restore through the real window (issue 10): set the backup folder, make a case, back
// up, see "Last verified backup", wreck the notebook's files, restore from the lock screen, and
// find the case again. The app starts with `--backup-dir` (a test-only option), which stands in
// for the folder and file dialogs that WebDriver cannot drive.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, createNotebook, setValue, PASSPHRASE, click, type } from './app.mjs';

/** The case rows' text, read from the DOM (names included whatever their styling). */
async function rows(s) {
  await s.waitFor('[data-testid="case-row"]', { timeout: 30000 });
  return s.execute(`return [...document.querySelectorAll('[data-testid="case-row"]')].map((r) => r.textContent).join('|');`, []);
}

test('a backup is made and verified, and restores a wrecked notebook from the lock screen', async () => {
  const backups = mkdtempSync(join(tmpdir(), 'casebook-e2e-usb-'));
  const exports = mkdtempSync(join(tmpdir(), 'casebook-e2e-everything-'));
  const app = await launch({ args: ['--backup-dir', backups, '--export-dir', exports] });
  const s = app.session;
  try {
    await createNotebook(s);
    // No backup yet: the home screen asks, calmly, with one button.
    const reminder = await s.waitForText('[data-testid="backup-banner-message"]', (t) => t.length > 0);
    assert.match(reminder, /no backup yet/i);
    await app.shot('backup-01-home-reminder');

    await s.waitForText('[data-testid="cases-view"]', (t) => t.includes('No cases yet'));
    await click(s, 'new-case');
    await s.waitFor('[data-testid="difficulty-erectile_dysfunction"]');
    await type(s, 'client-fullName', 'Robin Restorecase');
    await setValue(s, '[data-testid="client-ageBand"]', '35_44');
    await click(s, 'difficulty-erectile_dysfunction');
    await click(s, 'create-case');
    await s.waitForText('[data-testid="case-title"]', (t) => t.includes('Robin Restorecase'));

    await click(s, 'nav-settings');
    await click(s, 'backup-choose-folder');
    await s.waitForText('[data-testid="backup-folder"]', (t) => t.includes(backups));
    await click(s, 'backup-now');
    const done = await s.waitForText('[data-testid="backup-done"]', (t) => /verified/.test(t), { timeout: 60000 });
    assert.match(done, /casebook-backup-.*\.cbbackup/);
    const last = await s.waitForText('[data-testid="backup-last"]', (t) => /Last verified backup/.test(t));
    assert.match(last, /just now on “casebook-e2e-usb-/);
    await app.shot('backup-02-settings');
    const files = readdirSync(backups).filter((f) => f.endsWith('.cbbackup'));
    assert.equal(files.length, 1, 'one verified backup, nothing half-written beside it');
    assert.equal(readdirSync(backups).length, 1);

    await click(s, 'nav-cases');
    assert.match(await rows(s), /Robin Restorecase/);
    assert.equal((await s.findAll('[data-testid="backup-banner"]')).length, 0, 'no reminder after a backup');
    await click(s, 'lock-button');
    await s.waitFor('[data-testid="unlock-form"]');

    // The laptop's notebook is wrecked: its database is overwritten with zeros.
    const db = join(app.notebook, 'notebook.db');
    writeFileSync(db, Buffer.alloc(statSync(db).size));
    await (await s.waitFor('[data-testid="unlock-passphrase"]')).fill(PASSPHRASE);
    await click(s, 'unlock-submit');
    await s.waitForText('[data-testid="error-banner"]', (t) => /damaged|restore/i.test(t), { timeout: 20000 });
    await app.shot('backup-03-wrecked');

    // Restore from the lock screen: choose, open with the passphrase, see, confirm.
    await click(s, 'restore-start');
    await click(s, 'restore-choose');
    await s.waitForText('[data-testid="restore-file"]', (t) => t.includes(files[0]));
    await type(s, 'restore-passphrase', 'not the passphrase');
    await click(s, 'restore-open');
    await s.waitForText('[data-testid="error-passphrase"]', (t) => /does not open this backup/.test(t), {
      timeout: 20000,
    });
    await (await s.find('[data-testid="restore-passphrase"]')).fill(PASSPHRASE);
    await click(s, 'restore-open');
    const cases = await s.waitForText('[data-testid="restore-cases"]', (t) => t.length > 0, { timeout: 30000 });
    assert.match(cases, /^1 case \(1 open\)/);
    assert.match(await (await s.find('[data-testid="restore-replaces"]')).text(), /set-aside/);
    await app.shot('backup-04-restore-preview');
    await click(s, 'restore-confirm');
    await s.waitFor('[data-testid="app-shell"]', { timeout: 30000 });
    assert.match(await rows(s), /Robin Restorecase/);
    await app.shot('backup-05-restored');
    const aside = readdirSync(join(app.notebook, 'set-aside'));
    assert.equal(aside.length, 1, 'the wrecked notebook is kept aside, not deleted');

    // The whole notebook out: a warning first, then every record as JSON and the case as files.
    await click(s, 'nav-settings');
    // The backup it came from is the last verified backup of what the notebook now holds.
    await s.waitForText('[data-testid="backup-last"]', (t) => /Last verified backup/.test(t));
    await click(s, 'export-everything-start');
    await s.waitForText('[role="alertdialog"]', (t) => /plain text/.test(t));
    await app.shot('backup-06-export-everything-warning');
    await click(s, 'export-everything-confirm');
    await s.waitForText('[data-testid="export-everything-done"]', (t) => /Exported 1 case in 4 files/.test(t), {
      timeout: 60000,
    });
    const [folder] = readdirSync(exports);
    const json = JSON.parse(readFileSync(join(exports, folder, 'notebook.json'), 'utf8'));
    assert.equal(json.format, 'casebook-notebook-export');
    const people = json.tables.person;
    assert.ok(people.rows.some((r) => r.includes('Robin Restorecase')), 'the client is in the JSON');
    const caseFiles = readdirSync(join(exports, folder, 'cases')).sort();
    assert.deepEqual(caseFiles.map((f) => f.replace(/^case-\d+-/, '')), ['robin-restorecase.md', 'robin-restorecase.pdf']);
  } catch (err) {
    await app.shot('backup-zz-failure');
    throw err;
  } finally {
    await app.close();
    rmSync(backups, { recursive: true, force: true });
    rmSync(exports, { recursive: true, force: true });
  }
});
