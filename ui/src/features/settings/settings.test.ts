import { screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { GOOD, OTHER_GOOD, renderApp } from '../../test/app';
import type { TestEngine } from '../../test/engine';

async function openSettings(settings = { therapistName: '', autoLockMinutes: 10, practiceName: '', registrationNumber: '', practiceContact: '', dateFormat: 'day_month_year' as const }) {
  const app = renderApp({ passphrase: GOOD, unlocked: true, settings });
  await app.user.click(await screen.findByTestId('nav-settings'));
  await screen.findByTestId('settings-view');
  return app;
}

describe('settings', () => {
  it('shows the stored settings, saves changes and confirms', async () => {
    const { engine, user } = await openSettings();
    const name = screen.getByTestId('settings-name');
    const minutes = screen.getByTestId('settings-autolock');
    expect(name).toHaveValue('');
    expect(minutes).toHaveValue(10);
    expect(screen.getByLabelText('Your name')).toBe(name);

    await user.type(name, '  Dr Amara Naidoo ');
    await user.clear(minutes);
    await user.type(minutes, '25');
    await user.click(screen.getByTestId('settings-save'));

    expect(await screen.findByTestId('settings-saved')).toHaveTextContent('Settings saved');
    expect(await engine.getSettings()).toEqual({ therapistName: 'Dr Amara Naidoo', autoLockMinutes: 25, practiceName: '', registrationNumber: '', practiceContact: '', dateFormat: 'day_month_year' });
    expect(name).toHaveValue('Dr Amara Naidoo');
    expect(screen.getByTestId('app-shell')).toHaveTextContent('Dr Amara Naidoo');

    // Editing again withdraws the confirmation.
    await user.type(name, '!');
    expect(screen.queryByTestId('settings-saved')).not.toBeInTheDocument();
  });

  it('saves the practice details that head a referral letter', async () => {
    const { engine, user } = await openSettings();
    await user.type(screen.getByLabelText('Practice name'), 'Harbour Therapy Rooms');
    await user.type(screen.getByLabelText('Registration number'), 'HPCSA PS 0123456');
    await user.type(screen.getByLabelText('How a doctor reaches you'), '021 555 0100');
    await user.click(screen.getByTestId('settings-save'));
    await screen.findByTestId('settings-saved');
    expect(await engine.getSettings()).toMatchObject({
      practiceName: 'Harbour Therapy Rooms',
      registrationNumber: 'HPCSA PS 0123456',
      practiceContact: '021 555 0100',
    });
  });

  it('refuses an auto-lock time out of range before sending', async () => {
    const { engine, user } = await openSettings();
    const minutes = screen.getByTestId('settings-autolock');
    await user.clear(minutes);
    await user.type(minutes, '0');
    await user.click(screen.getByTestId('settings-save'));
    const error = await screen.findByTestId('error-autoLockMinutes');
    expect(error).toHaveTextContent('Choose between 1 and 240 minutes.');
    expect(minutes).toHaveAttribute('aria-invalid', 'true');
    expect(minutes).toHaveAttribute('aria-describedby', expect.stringContaining(error.id));
    expect(minutes).toHaveFocus();
    expect(engine.count('updateSettings')).toBe(0);
    expect(screen.queryByTestId('settings-saved')).not.toBeInTheDocument();
  });

  it("shows the engine's refusal at the field it names", async () => {
    const { engine, user } = await openSettings();
    engine.failNext('updateSettings', {
      kind: 'invalid',
      field: 'therapistName',
      message: 'The name cannot hold control characters.',
    });
    await user.type(screen.getByTestId('settings-name'), 'Dr A');
    await user.click(screen.getByTestId('settings-save'));
    expect(await screen.findByTestId('error-therapistName')).toHaveTextContent('cannot hold control characters');
    expect(screen.getByTestId('settings-name')).toHaveFocus();
    expect(screen.queryByTestId('settings-saved')).not.toBeInTheDocument();
  });

  it('returns to the lock screen when saving finds the notebook locked', async () => {
    const { engine, user } = await openSettings();
    await engine.lockQuietly();
    await user.click(screen.getByTestId('settings-save'));
    expect(await screen.findByTestId('lock-screen')).toBeInTheDocument();
    expect(screen.queryByTestId('settings-view')).not.toBeInTheDocument();
  });
});

describe('changing the passphrase', () => {
  /** The engine's notebook opens with `opens` and not with `not` (checked last: the window is left as it was). */
  async function expectPassphrase(engine: TestEngine, opens: string, not: string) {
    await engine.lockQuietly();
    await expect(engine.unlock({ passphrase: not })).rejects.toMatchObject({ kind: 'wrong_passphrase' });
    await engine.advance(60); // past any wait the throttle asks for
    await engine.unlock({ passphrase: opens });
    expect((await engine.notebookStatus()).unlocked).toBe(true);
  }

  async function fill(user: Awaited<ReturnType<typeof openSettings>>['user'], old: string, next: string, again = next) {
    await user.type(screen.getByTestId('change-old'), old);
    await user.type(screen.getByTestId('change-new'), next);
    await user.type(screen.getByTestId('change-confirm'), again);
    await user.click(screen.getByTestId('change-submit'));
  }

  it('changes it and says so', async () => {
    const { engine, user } = await openSettings();
    await fill(user, GOOD, OTHER_GOOD);
    expect(await screen.findByTestId('change-done')).toHaveTextContent('Passphrase changed');
    expect(engine.count('changePassphrase')).toBe(1);
    expect(screen.getByTestId('change-old')).toHaveValue('');
    expect(screen.getByTestId('change-new')).toHaveValue('');
    expect(screen.getByTestId('change-confirm')).toHaveValue('');
    await expectPassphrase(engine, OTHER_GOOD, GOOD);
  });

  it('says at the field when the current passphrase is wrong', async () => {
    const { engine, user } = await openSettings();
    await fill(user, 'not the passphrase', OTHER_GOOD);
    const error = await screen.findByTestId('error-oldPassphrase');
    expect(error).toHaveTextContent('The current passphrase is not right.');
    expect(screen.getByTestId('change-old')).toHaveValue('');
    expect(screen.getByTestId('change-old')).toHaveFocus();
    expect(screen.queryByTestId('change-done')).not.toBeInTheDocument();
    await expectPassphrase(engine, GOOD, OTHER_GOOD);
  });

  it('refuses a weak or mismatched new passphrase before sending', async () => {
    const { engine, user } = await openSettings();
    await fill(user, GOOD, 'short');
    expect(await screen.findByTestId('error-newPassphrase')).toHaveTextContent('at least 10 characters');
    await user.clear(screen.getByTestId('change-new'));
    await user.clear(screen.getByTestId('change-confirm'));
    await user.type(screen.getByTestId('change-new'), OTHER_GOOD);
    await user.type(screen.getByTestId('change-confirm'), 'violet-otter-mosaic-18');
    await user.click(screen.getByTestId('change-submit'));
    await waitFor(() => expect(screen.getByTestId('error-confirm')).toHaveTextContent('not the same'));
    expect(engine.count('changePassphrase')).toBe(0);
  });

  it('shows a throttled change with a countdown', async () => {
    const { engine, user } = await openSettings();
    // Ten wrong current passphrases, each once the engine's throttle allowed it: the next attempt
    // waits 32 s by the engine's clock; 2 s later, 30 s are left.
    for (let i = 1; i <= 10; i++) {
      await expect(engine.changePassphrase({ oldPassphrase: `wrong guess ${i}`, newPassphrase: OTHER_GOOD })).rejects.toMatchObject({
        kind: 'invalid',
        field: 'oldPassphrase',
      });
      if (i >= 5 && i < 10) await engine.advance(2 ** (i - 5));
    }
    await engine.advance(2);
    await fill(user, GOOD, OTHER_GOOD);
    expect(await screen.findByTestId('change-error')).toHaveTextContent('Too many attempts, try again in 30 s');
    expect(screen.getByTestId('change-submit')).toBeDisabled();
    expect(engine.calls.at(-1)).toEqual({ command: 'changePassphrase', args: { oldPassphrase: GOOD, newPassphrase: OTHER_GOOD } });
    // The refused change changed nothing.
    await engine.advance(30);
    await expectPassphrase(engine, GOOD, OTHER_GOOD);
  });
});
