import { screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../ipc';
import { GOOD, OTHER_GOOD, renderApp } from '../../test/app';

async function openSettings() {
  const app = renderApp({ passphrase: GOOD, unlocked: true });
  await app.user.click(await screen.findByTestId('nav-settings'));
  await screen.findByTestId('settings-view');
  return app;
}

describe('verify notebook, the audit log and the recovery code', () => {
  it('reports every check passed', async () => {
    const { user } = await openSettings();
    await user.click(screen.getByTestId('verify-button'));
    const report = await screen.findByTestId('verify-report');
    expect(within(report).getByTestId('verify-ok')).toHaveTextContent('The notebook is intact.');
    const checks = within(report).getAllByTestId('verify-check');
    expect(checks).toHaveLength(4);
    for (const c of checks) expect(c).toHaveAttribute('data-passed', 'true');
  });

  it('reports a damaged notebook with the advice to restore from a backup', async () => {
    const { user, engine } = await openSettings();
    const damaged: VerificationReport = {
      passed: false,
      checks: [
        { check: 'database_integrity', passed: true, summary: 'The structure is intact.', problems: [], advice: null },
        {
          check: 'cipher_integrity',
          passed: false,
          summary: 'Some pages do not decrypt.',
          problems: ['page 3'],
          advice: 'Restore the notebook from your most recent backup.',
        },
      ],
      auditEntries: 0,
      advice: 'Restore the notebook from your most recent backup.',
      tookMs: 4_130,
    };
    engine.verifyNotebook = async () => damaged;
    await user.click(screen.getByTestId('verify-button'));
    const report = await screen.findByTestId('verify-report');
    expect(within(report).queryByTestId('verify-ok')).not.toBeInTheDocument();
    expect(report).toHaveTextContent('The notebook is damaged.');
    expect(report).toHaveTextContent('Restore the notebook from your most recent backup.');
    expect(report).toHaveTextContent('Encrypted pages: failed');
    expect(report).toHaveTextContent('page 3');
    expect(within(report).getByTestId('verify-took')).toHaveTextContent('Checked in 4.1 s.');
  });

  it('shows a progress bar and the seconds while it reads', async () => {
    const { user, engine } = await openSettings();
    let finish: (r: VerificationReport) => void = () => {};
    const answer = await engine.verifyNotebook();
    engine.verifyNotebook = () => new Promise((resolve) => (finish = resolve));
    await user.click(screen.getByTestId('verify-button'));
    const running = await screen.findByTestId('verify-running');
    expect(within(running).getByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByTestId('verify-button')).toBeDisabled();
    expect(await screen.findByText(/Reading every page · 1 s/, undefined, { timeout: 3000 })).toBeInTheDocument();
    finish({ ...answer, tookMs: 65_400 });
    expect(await screen.findByTestId('verify-took')).toHaveTextContent('Checked in 1 min 5 s.');
    expect(screen.queryByTestId('verify-running')).toBeNull();
  });

  it('pages through the audit log, newest first', async () => {
    const { user, engine } = await openSettings();
    // The notebook's creation is entry 1; 104 practitioners added make entries 2 to 105.
    for (let i = 1; i <= 104; i++) {
      await engine.addPractitioner({ input: { kind: 'gp', name: `Dr Practitioner ${i}` } });
    }
    await user.click(screen.getByTestId('audit-show'));
    const rows = await screen.findAllByTestId('audit-entry');
    expect(rows).toHaveLength(100);
    expect(rows[0]).toHaveTextContent('105');
    expect(rows[0]).toHaveTextContent('Added Dr Practitioner 104 (GP) to your practitioners');
    expect(rows[99]).toHaveTextContent('Added Dr Practitioner 5 (GP) to your practitioners');
    expect(screen.getByText('Page 1 of 2 · 105 entries')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Older →' }));
    expect(await screen.findByText('Notebook created')).toBeInTheDocument();
    const older = screen.getAllByTestId('audit-entry');
    expect(older).toHaveLength(5);
    expect(older[0]).toHaveTextContent('Added Dr Practitioner 4 (GP) to your practitioners');
    expect(engine.calls.filter((c) => c.command === 'auditLog').map((c) => c.args)).toEqual([{ page: 0 }, { page: 1 }]);
  });

  it('makes a new recovery code with the passphrase and shows it once', async () => {
    const { user, engine } = await openSettings();
    const before = (await engine.ready).recoveryGroups.join('-');
    await user.click(screen.getByTestId('recovery-new'));
    await user.type(screen.getByTestId('recovery-passphrase'), 'not the passphrase');
    await user.click(screen.getByTestId('recovery-replace'));
    expect(await screen.findByText('The passphrase is not right.')).toBeInTheDocument();

    await user.type(screen.getByTestId('recovery-passphrase'), GOOD);
    await user.click(screen.getByTestId('recovery-replace'));
    const code = await screen.findByTestId('recovery-code');
    const shown = code.textContent!;
    expect(shown).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(shown).not.toBe(before);
    expect(screen.getByTestId('recovery-continue')).toBeDisabled();
    await user.click(screen.getByTestId('recovery-saved'));
    await user.click(screen.getByTestId('recovery-continue'));
    expect(screen.queryByTestId('recovery-code')).not.toBeInTheDocument();
    expect(screen.getByText('New recovery code in use. The old one no longer works.')).toBeInTheDocument();

    // The code shown is the engine's new one: the old code no longer opens the notebook, the new one does.
    await engine.lockQuietly();
    await expect(engine.unlockWithRecovery({ recoveryCode: before, newPassphrase: OTHER_GOOD })).rejects.toMatchObject({
      kind: 'wrong_passphrase',
      message: 'That recovery code does not open this notebook.',
    });
    await engine.unlockWithRecovery({ recoveryCode: shown, newPassphrase: OTHER_GOOD });
    expect((await engine.notebookStatus()).unlocked).toBe(true);
  });
});
