// The backup screens against the engine's rule-free stub: what the window shows and sends. What a
// backup is (verified, restorable, refused when bad) is tested against the engine, in Rust and
// end to end (tests/e2e/backup.test.mjs).

import { screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { SAMPLE_RESTORE_PREVIEW } from '../../ipc/engine';
import { GOOD, renderApp } from '../../test/app';

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
    const { user, engine } = renderApp({ passphrase: GOOD, unlocked: true });
    await user.click(await screen.findByTestId('nav-settings'));
    expect(await screen.findByTestId('backup-now')).toBeDisabled();
    engine.backupDialogFolder = null;
    await user.click(screen.getByTestId('backup-choose-folder'));
    expect(screen.queryByTestId('backup-folder')).not.toBeInTheDocument();
    engine.backupDialogFolder = '/media/therapist/USB DISK';
    await user.click(screen.getByTestId('backup-choose-folder'));
    expect(await screen.findByTestId('backup-folder')).toHaveTextContent('/media/therapist/USB DISK');
    await user.click(screen.getByTestId('backup-now'));
    expect(await screen.findByTestId('backup-done')).toHaveTextContent('Backed up and verified');
    expect(screen.getByTestId('backup-last')).toHaveTextContent('Last verified backup: just now on “USB DISK”');
    expect(engine.calls.filter((c) => c.command === 'chooseBackupFolder').every((c) => c.args === undefined)).toBe(true);
  });

  it('shows a failed backup prominently and a bad preference at its field', async () => {
    const { user, engine } = renderApp({ passphrase: GOOD, unlocked: true });
    await user.click(await screen.findByTestId('nav-settings'));
    await user.click(await screen.findByTestId('backup-choose-folder'));
    engine.failNext('backUpNow', { kind: 'storage', message: "The backup folder's disk is full, so no backup was made." });
    await user.click(await screen.findByTestId('backup-now'));
    expect(await screen.findByTestId('error-banner')).toHaveTextContent('disk is full');
    engine.failNext('setBackupPreferences', { kind: 'invalid', field: 'keep', message: 'Keep between 1 and 100 backups.' });
    await user.click(within(screen.getByTestId('backups')).getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('error-keep')).toHaveTextContent('Keep between 1 and 100');
  });
});

describe('restore from a backup', () => {
  it('chooses the file, opens it with its passphrase, shows what it holds, and restores on confirmation', async () => {
    const { user, engine } = renderApp({ passphrase: GOOD });
    await user.click(await screen.findByTestId('restore-start'));
    await user.click(await screen.findByTestId('restore-choose'));
    expect(await screen.findByTestId('restore-file')).toHaveTextContent('casebook-backup-2026-11-30-171500.cbbackup');
    engine.restorePreviewAnswer = {
      kind: 'invalid',
      field: 'passphrase',
      message: 'That does not open this backup.',
    };
    await user.type(screen.getByTestId('restore-passphrase'), 'wrong one entirely');
    await user.click(screen.getByTestId('restore-open'));
    expect(await screen.findByTestId('error-passphrase')).toHaveTextContent('does not open this backup');
    engine.restorePreviewAnswer = { ...SAMPLE_RESTORE_PREVIEW, lastChangeAt: null, sameNotebook: false };
    await user.clear(screen.getByTestId('restore-passphrase'));
    await user.type(screen.getByTestId('restore-passphrase'), GOOD);
    await user.click(screen.getByTestId('restore-open'));
    expect(await screen.findByTestId('restore-cases')).toHaveTextContent('12 cases (9 open)');
    expect(screen.getByTestId('restore-notes')).toHaveTextContent('214 notes');
    expect(screen.getByTestId('restore-replaces')).toHaveTextContent('different notebook');
    expect(engine.restoreCredentials.at(-1)).toEqual({ kind: 'passphrase', passphrase: GOOD });
    expect(engine.count('confirmRestore')).toBe(0);
    await user.click(screen.getByTestId('restore-confirm'));
    await screen.findByTestId('app-shell');
  });

  it('sends the recovery code with a new passphrase, and cancelling forgets the backup', async () => {
    const { user, engine } = renderApp({ passphrase: GOOD });
    await user.click(await screen.findByTestId('restore-start'));
    await user.click(await screen.findByTestId('restore-choose'));
    await user.click(await screen.findByRole('button', { name: 'Use the recovery code instead' }));
    await user.type(screen.getByTestId('restore-code'), 'ABCD-EFGH');
    await user.type(screen.getByTestId('restore-new-passphrase'), 'copper kettle evening rain');
    await user.click(screen.getByTestId('restore-open'));
    await screen.findByTestId('restore-preview');
    expect(engine.restoreCredentials.at(-1)).toEqual({
      kind: 'recoveryCode',
      recoveryCode: 'ABCD-EFGH',
      newPassphrase: 'copper kettle evening rain',
    });
    await user.click(screen.getByTestId('restore-cancel'));
    expect(engine.count('cancelRestore')).toBe(1);
    await screen.findByTestId('unlock-form');
  });
});

describe('export everything', () => {
  it('warns that the export is plaintext before the folder dialog, and says what was written', async () => {
    const { user, engine } = renderApp({ passphrase: GOOD, unlocked: true });
    await user.click(await screen.findByTestId('nav-settings'));
    await user.click(await screen.findByTestId('export-everything-start'));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('plain text, with names');
    expect(engine.count('exportEverything')).toBe(0);
    engine.fullExportFolder = null;
    await user.click(screen.getByTestId('export-everything-confirm'));
    expect(screen.queryByTestId('export-everything-done')).not.toBeInTheDocument();
    engine.fullExportFolder = '/home/therapist/Documents';
    await user.click(screen.getByTestId('export-everything-confirm'));
    expect(await screen.findByTestId('export-everything-done')).toHaveTextContent(
      'Exported 3 cases in 8 files (512 KB) to /home/therapist/Documents/casebook-export-2026-12-02-101500',
    );
    expect(engine.count('exportEverything')).toBe(2);
  });
});
