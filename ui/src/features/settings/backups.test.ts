/// <reference types="node" />
// The backup screens against the real engine (src/test/engine.ts): what the window shows and
// sends, with real backups made into the test server's own folder. What a backup is (verified,
// restorable, refused when bad) is tested in Rust and end to end (tests/e2e/backup.test.mjs).

import { copyFileSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { RestoreCredential } from '../../ipc';
import { fileSize } from '../../lib/dates';
import { GOOD, OTHER_GOOD, renderApp } from '../../test/app';
import { newCase, openNotebook, throughIntake } from '../../test/cases';
import { testEngine, type TestEngine } from '../../test/engine';

/** Backs the notebook up into the server's backup folder: the folder, and the file's name. */
async function backUp(engine: TestEngine): Promise<{ folder: string; file: string }> {
  await engine.dialogs({ folder: true });
  const status = await engine.chooseBackupFolder();
  const made = await engine.backUpNow();
  return { folder: status!.folder!, file: made.file };
}

/**
 * A notebook of 3 cases (2 open) and 3 notes (2 session notes and a process note), backed up;
 * then a new, different notebook (passphrase `OTHER_GOOD`, locked) with that backup in its
 * backup folder, as when a backup is brought to a new laptop. Answers that notebook's engine,
 * and the backup's file name and recovery code.
 */
async function backupOfAnotherNotebook(): Promise<{ engine: TestEngine; code: string; file: string }> {
  const first = testEngine({ passphrase: GOOD, unlocked: true, today: '2025-03-10' });
  const { recoveryGroups } = await first.ready;
  const ada = await first.createCase({ input: newCase('Ada Example') });
  await throughIntake(first, ada);
  await first.recordProcessNote({ caseId: ada.id, input: { body: 'My own reaction to the first session.', writtenOn: '2025-03-03' } });
  const ben = await first.createCase({ input: newCase('Ben Sample') });
  await throughIntake(first, ben);
  const unsigned = await first.unsignedNotes({ caseId: ben.id });
  const signNotes = unsigned.flatMap((n) => (n.kind === 'note_to_sign' ? [{ sessionId: n.sessionId, lateReason: 'Written up late.' }] : []));
  await first.closeCase({
    id: ben.id,
    input: { closedOn: '2025-03-05', reason: 'goals_achieved', dischargeSummary: 'Goals met after the intake.', signNotes },
  });
  await first.createCase({ input: newCase('Cleo Test') });
  const made = await backUp(first);
  // The server deletes a notebook's folders when the next one is made: the backup is kept aside.
  const aside = mkdtempSync(join(tmpdir(), 'casebook-backup-kept-'));
  copyFileSync(join(made.folder, made.file), join(aside, made.file));

  // The server holds one notebook at a time: this one replaces the first. Its calendar is two
  // days earlier, so the backup it makes itself when it locks sorts before the one brought in,
  // which the backup-file dialog then picks as the newest.
  const engine = testEngine({ passphrase: OTHER_GOOD, unlocked: true, today: '2025-03-08' });
  await engine.ready;
  await engine.dialogs({ folder: true, backupFile: true });
  const status = await engine.chooseBackupFolder();
  copyFileSync(join(aside, made.file), join(status!.folder!, made.file));
  await engine.lockQuietly();
  return { engine, code: recoveryGroups.join('-'), file: made.file };
}

function credentials(engine: TestEngine): RestoreCredential[] {
  return engine.calls
    .filter((c) => c.command === 'previewRestore')
    .map((c) => (c.args as { credential: RestoreCredential }).credential);
}

describe('backups', () => {
  it('asks for a backup on the home screen and leads to Settings when no folder is chosen', async () => {
    const { user } = renderApp({ passphrase: GOOD, unlocked: true });
    const banner = await screen.findByTestId('backup-banner');
    expect(banner).toHaveTextContent('no backup yet');
    await user.click(within(banner).getByTestId('backup-banner-settings'));
    await screen.findByTestId('settings-view');
    expect(await screen.findByTestId('backup-last')).toHaveTextContent('No backup yet.');
  });

  it('chooses the folder in the shell dialog, backs up, and shows the last verified backup', async () => {
    const { user, engine } = await openNotebook();
    await user.click(await screen.findByTestId('nav-settings'));
    expect(await screen.findByTestId('backup-now')).toBeDisabled();
    await engine.dialogs({ folder: false });
    await user.click(screen.getByTestId('backup-choose-folder'));
    expect(screen.queryByTestId('backup-folder')).not.toBeInTheDocument();
    expect((await engine.backupStatus()).folder).toBeNull();
    await engine.dialogs({ folder: true });
    await user.click(screen.getByTestId('backup-choose-folder'));
    const folder = (await engine.backupStatus()).folder!;
    expect(folder).toMatch(/\/backups$/);
    expect(await screen.findByTestId('backup-folder')).toHaveTextContent(folder);
    await user.click(screen.getByTestId('backup-now'));
    expect(await screen.findByTestId('backup-done')).toHaveTextContent('Backed up and verified');
    // The place shown is the folder's name (a drive's label when it is on one).
    expect(screen.getByTestId('backup-last')).toHaveTextContent('Last verified backup: just now on “backups”');
    const status = await engine.backupStatus();
    expect(status.last?.file).toMatch(/^casebook-backup-.*\.cbbackup$/);
    expect(screen.getByTestId('backup-done')).toHaveTextContent(status.last!.file);
    expect(engine.calls.filter((c) => c.command === 'chooseBackupFolder').every((c) => c.args === undefined)).toBe(true);
  });

  it('shows a failed backup prominently and a bad preference at its field', async () => {
    const { user, engine } = await openNotebook();
    await user.click(await screen.findByTestId('nav-settings'));
    await engine.dialogs({ folder: true });
    await user.click(await screen.findByTestId('backup-choose-folder'));
    // A full disk is not something the test can make: the engine's answer is stood in for.
    engine.failNext('backUpNow', { kind: 'storage', message: "The backup folder's disk is full, so no backup was made." });
    await user.click(await screen.findByTestId('backup-now'));
    expect(await screen.findByTestId('error-banner')).toHaveTextContent('disk is full');
    expect((await engine.backupStatus()).last).toBeNull();
    await user.clear(screen.getByTestId('backup-keep'));
    await user.type(screen.getByTestId('backup-keep'), '0');
    await user.click(within(screen.getByTestId('backups')).getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('error-keep')).toHaveTextContent('Keep between 1 and 100 backups.');
    expect(screen.getByTestId('backup-keep')).toHaveAttribute('aria-invalid', 'true');
    expect((await engine.backupStatus()).keep).toBe(10);
  });
});

describe('restore from a backup', () => {
  it('chooses the file, opens it with its passphrase, shows what it holds, and restores on confirmation', async () => {
    const { engine, file } = await backupOfAnotherNotebook();
    const { user } = renderApp({}, { engine });
    await user.click(await screen.findByTestId('restore-start'));
    await user.click(await screen.findByTestId('restore-choose'));
    expect(await screen.findByTestId('restore-file')).toHaveTextContent(file);
    await user.type(screen.getByTestId('restore-passphrase'), 'wrong one entirely');
    await user.click(screen.getByTestId('restore-open'));
    expect(await screen.findByTestId('error-passphrase')).toHaveTextContent('does not open this backup');
    await user.clear(screen.getByTestId('restore-passphrase'));
    await user.type(screen.getByTestId('restore-passphrase'), GOOD);
    await user.click(screen.getByTestId('restore-open'));
    expect(await screen.findByTestId('restore-cases')).toHaveTextContent('3 cases (2 open)');
    expect(screen.getByTestId('restore-notes')).toHaveTextContent('3 notes');
    expect(screen.getByTestId('restore-replaces')).toHaveTextContent('different notebook');
    expect(credentials(engine).at(-1)).toEqual({ kind: 'passphrase', passphrase: GOOD });
    expect(engine.count('confirmRestore')).toBe(0);
    await user.click(screen.getByTestId('restore-confirm'));
    await screen.findByTestId('app-shell');
    // The notebook is now the backup's.
    expect((await engine.listCases({ filter: {}, limit: null })).items.map((c) => c.clientName).sort()).toEqual(['Ada Example', 'Ben Sample', 'Cleo Test']);
  });

  it('sends the recovery code with a new passphrase, and cancelling forgets the backup', async () => {
    const { engine, code } = await backupOfAnotherNotebook();
    const { user } = renderApp({}, { engine });
    await user.click(await screen.findByTestId('restore-start'));
    await user.click(await screen.findByTestId('restore-choose'));
    await user.click(await screen.findByRole('button', { name: 'Use the recovery code instead' }));
    await user.type(screen.getByTestId('restore-code'), code);
    await user.type(screen.getByTestId('restore-new-passphrase'), 'copper kettle evening rain');
    await user.click(screen.getByTestId('restore-open'));
    await screen.findByTestId('restore-preview');
    expect(credentials(engine).at(-1)).toEqual({
      kind: 'recoveryCode',
      recoveryCode: code,
      newPassphrase: 'copper kettle evening rain',
    });
    await user.click(screen.getByTestId('restore-cancel'));
    expect(engine.count('cancelRestore')).toBe(1);
    await screen.findByTestId('unlock-form');
    // Nothing was restored: the notebook still opens with its own passphrase, and only with it.
    await expect(engine.unlock({ passphrase: GOOD })).rejects.toMatchObject({ kind: 'wrong_passphrase' });
    await engine.unlock({ passphrase: OTHER_GOOD });
    expect(await engine.listCases({ filter: {}, limit: null })).toEqual({ items: [], total: 0 });
  });
});

/** The files in `folder` and its subfolders, and their total size. */
function walk(folder: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      const inner = walk(path);
      files += inner.files;
      bytes += inner.bytes;
    } else {
      files += 1;
      bytes += statSync(path).size;
    }
  }
  return { files, bytes };
}

describe('export everything', () => {
  it('warns that the export is plaintext before the folder dialog, and says what was written', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      await engine.createCase({ input: newCase('Ada Example') });
      await engine.createCase({ input: newCase('Ben Sample') });
    });
    await user.click(await screen.findByTestId('nav-settings'));
    await user.click(await screen.findByTestId('export-everything-start'));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('plain text, with names');
    expect(engine.count('exportEverything')).toBe(0);
    await engine.dialogs({ folder: false });
    await user.click(screen.getByTestId('export-everything-confirm'));
    await expect.poll(() => engine.count('exportEverything')).toBe(1);
    expect(screen.queryByTestId('export-everything-done')).not.toBeInTheDocument();
    expect(await engine.written()).toEqual([]);
    await engine.dialogs({ folder: true });
    await user.click(screen.getByTestId('export-everything-confirm'));
    const done = await screen.findByTestId('export-everything-done');
    const written = await engine.written();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^casebook-export-\d{4}-\d{2}-\d{2}-\d{6}$/);
    const folder = done.querySelector('.path')!.textContent!;
    expect(folder).toMatch(new RegExp(`/exports/${written[0]}$`));
    const { files, bytes } = walk(folder);
    expect(done).toHaveTextContent(`Exported 2 cases in ${files} files (${fileSize(bytes)}) to ${folder}`);
    expect(engine.count('exportEverything')).toBe(2);
  });
});
