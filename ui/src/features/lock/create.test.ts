import { screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { RecoveryCodeView } from '../../ipc';
import { GOOD, OTHER_GOOD, renderApp } from '../../test/app';
import { testEngine } from '../../test/engine';

describe('creating a notebook', () => {
  it('is offered when there is no notebook, with the folder shown', async () => {
    const { engine } = renderApp();
    const { folder } = await engine.ready;
    expect(await screen.findByTestId('create-form')).toBeInTheDocument();
    expect(screen.getByTestId('lock-screen')).toHaveTextContent(folder);
    expect(screen.getByText('Casebook')).toBeInTheDocument();
    expect(screen.queryByTestId('unlock-form')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('create-passphrase')).toHaveFocus());
  });

  it('refuses a short passphrase before sending it', async () => {
    const { engine, user } = renderApp();
    await user.type(await screen.findByTestId('create-passphrase'), 'Tr0ub4d!');
    await user.type(screen.getByTestId('create-confirm'), 'Tr0ub4d!');
    await user.click(screen.getByTestId('create-submit'));
    const error = await screen.findByTestId('error-passphrase');
    expect(error).toHaveTextContent('Use at least 10 characters');
    expect(error).toHaveAttribute('role', 'alert');
    expect(screen.getByTestId('create-passphrase')).toHaveAttribute(
      'aria-describedby',
      expect.stringContaining(error.id),
    );
    expect(screen.getByTestId('create-passphrase')).toHaveFocus();
    expect(engine.count('createNotebook')).toBe(0);
  });

  it('refuses a very weak passphrase before sending it, and the meter says so while typing', async () => {
    const { engine, user } = renderApp();
    await user.type(await screen.findByTestId('create-passphrase'), 'password123');
    await waitFor(() => expect(screen.getByTestId('strength-meter')).toHaveTextContent('Very weak'));
    await user.type(screen.getByTestId('create-confirm'), 'password123');
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('error-passphrase')).toHaveTextContent('very easy to guess');
    expect(engine.count('createNotebook')).toBe(0);
  });

  it('rates a good passphrase as good or strong', async () => {
    const { user } = renderApp();
    await user.type(await screen.findByTestId('create-passphrase'), GOOD);
    await waitFor(() => expect(screen.getByTestId('strength-meter')).toHaveTextContent(/Good|Strong/));
  });

  it('refuses two passphrases that differ', async () => {
    const { engine, user } = renderApp();
    await user.type(await screen.findByTestId('create-passphrase'), GOOD);
    await user.type(screen.getByTestId('create-confirm'), 'harbour lantern quietlx');
    expect(screen.getByTestId('error-confirm')).toHaveTextContent('not the same');
    await user.click(screen.getByTestId('create-submit'));
    expect(screen.getByTestId('create-confirm')).toHaveFocus();
    expect(engine.count('createNotebook')).toBe(0);
  });

  it('sends the passphrase once, shows the recovery code, and continues only once it is written down', async () => {
    // What the engine answered, to compare with what the window shows.
    const engine = testEngine();
    const made: RecoveryCodeView[] = [];
    const create = engine.createNotebook;
    engine.createNotebook = async (args) => {
      const answer = await create(args);
      made.push(answer);
      return answer;
    };
    const { user } = renderApp({}, { engine });
    await user.type(await screen.findByTestId('create-passphrase'), GOOD);
    await user.type(screen.getByTestId('create-confirm'), GOOD);
    await user.click(screen.getByTestId('create-submit'));

    const code = await screen.findByTestId('recovery-code');
    expect(engine.calls.map((c) => c.command)).toEqual(['notebookStatus', 'createNotebook']);
    expect(engine.calls[1]!.args).toEqual({ passphrase: GOOD });

    expect(made).toHaveLength(1);
    const groups = made[0]!.groups;
    expect(code.textContent).toBe(groups.join('-'));
    expect(code.textContent).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(code.getAttribute('aria-label')).toContain(groups[0]!.split('').join(' '));
    expect(screen.getByTestId('recovery-code-screen')).toHaveTextContent(
      'If you forget your passphrase, this code is the only way back in.',
    );

    const proceed = screen.getByTestId('recovery-continue');
    expect(proceed).toBeDisabled();
    await user.click(proceed);
    expect(screen.queryByTestId('app-shell')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('recovery-saved'));
    expect(proceed).toBeEnabled();
    await user.click(proceed);
    expect(await screen.findByTestId('app-shell')).toBeInTheDocument();
    // The list answers after the screen is drawn.
    await waitFor(() => expect(screen.getByTestId('cases-view')).toHaveTextContent('No cases yet'));
    expect(screen.queryByTestId('recovery-code')).not.toBeInTheDocument();

    // The code shown is the one that opens the notebook, and the passphrase sent is its passphrase.
    expect(await engine.notebookStatus()).toMatchObject({ exists: true, unlocked: true });
    await engine.lockQuietly();
    await engine.unlock({ passphrase: GOOD });
    await engine.lockQuietly();
    await engine.unlockWithRecovery({ recoveryCode: code.textContent!, newPassphrase: OTHER_GOOD });
    expect((await engine.notebookStatus()).unlocked).toBe(true);
  });

  it("shows the engine's refusal at the passphrase field", async () => {
    const { engine, user } = renderApp();
    engine.failNext('createNotebook', { kind: 'invalid', field: 'passphrase', message: 'Use at most 1024 characters.' });
    await user.type(await screen.findByTestId('create-passphrase'), GOOD);
    await user.type(screen.getByTestId('create-confirm'), GOOD);
    await user.click(screen.getByTestId('create-submit'));
    expect(await screen.findByTestId('error-passphrase')).toHaveTextContent('Use at most 1024 characters.');
    expect(screen.getByTestId('create-form')).toBeInTheDocument();
  });

  it('shows a storage failure prominently', async () => {
    const { engine, user } = renderApp();
    engine.failNext('createNotebook', {
      kind: 'storage',
      message: 'The notebook cannot be written: its file or folder is read-only.',
    });
    await user.type(await screen.findByTestId('create-passphrase'), GOOD);
    await user.type(screen.getByTestId('create-confirm'), GOOD);
    await user.click(screen.getByTestId('create-submit'));
    const banner = await screen.findByTestId('error-banner');
    expect(banner).toHaveAttribute('role', 'alert');
    expect(banner).toHaveTextContent('read-only');
  });
});
