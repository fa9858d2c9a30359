import { screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXISTING, GOOD, OTHER_GOOD, renderApp, unlockWith } from '../../test/app';
import { testEngine } from '../../test/engine';

afterEach(() => {
  vi.useRealTimers();
});

describe('unlocking', () => {
  it('opens the notebook with the right passphrase', async () => {
    const { engine, user } = renderApp(EXISTING);
    await waitFor(() => expect(screen.getByTestId('unlock-passphrase')).toHaveFocus());
    await unlockWith(user);
    expect(engine.count('unlock')).toBe(1);
    expect((await engine.notebookStatus()).unlocked).toBe(true);
  });

  it('says plainly when the passphrase is wrong, clears the field and keeps focus', async () => {
    const { user } = renderApp(EXISTING);
    const input = await screen.findByTestId('unlock-passphrase');
    await user.type(input, 'not my passphrase');
    await user.keyboard('{Enter}');
    const error = await screen.findByTestId('unlock-error');
    expect(error).toHaveTextContent('That passphrase does not open this notebook.');
    expect(error).toHaveAttribute('role', 'alert');
    expect(input).toHaveValue('');
    expect(input).toHaveFocus();
    expect(input).toHaveAttribute('aria-describedby', expect.stringContaining('unlock-error'));
  });

  it('counts down while throttled, with the button disabled', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    // Seven wrong passphrases, each once the engine's throttle allowed it: the seventh makes the
    // next attempt wait 4 s by the engine's clock; 1 s later, 3 s are left.
    const engine = testEngine(EXISTING);
    for (let i = 1; i <= 7; i++) {
      await expect(engine.unlock({ passphrase: `wrong guess ${i}` })).rejects.toMatchObject({ kind: 'wrong_passphrase' });
      // From the fifth failure on, the next attempt waits 1 s, then 2 s, then 4 s.
      if (i === 5 || i === 6) await engine.advance(2 ** (i - 5));
    }
    await engine.advance(1);
    const before = engine.count('unlock');
    const { user } = renderApp({}, { engine, userOptions: { advanceTimers: vi.advanceTimersByTime } });
    await user.type(await screen.findByTestId('unlock-passphrase'), GOOD);
    await user.click(screen.getByTestId('unlock-submit'));

    const error = await screen.findByTestId('unlock-error');
    expect(error).toHaveTextContent('Too many attempts, try again in 3 s');
    expect(screen.getByTestId('unlock-submit')).toBeDisabled();

    await vi.advanceTimersByTimeAsync(1000);
    expect(screen.getByTestId('unlock-error')).toHaveTextContent('Too many attempts, try again in 2 s');
    await user.keyboard('{Enter}');
    expect(engine.count('unlock') - before).toBe(1);

    await vi.advanceTimersByTimeAsync(2100);
    await engine.advance(3);
    expect(screen.queryByTestId('unlock-error')).not.toBeInTheDocument();
    expect(screen.getByTestId('unlock-submit')).toBeEnabled();
    await user.click(screen.getByTestId('unlock-submit'));
    expect(await screen.findByTestId('app-shell')).toBeInTheDocument();
  });

  it('is throttled by the engine rule after five wrong passphrases', async () => {
    const { user } = renderApp(EXISTING);
    const input = await screen.findByTestId('unlock-passphrase');
    for (let i = 0; i < 5; i++) {
      await user.type(input, `wrong guess ${i}`);
      await user.click(screen.getByTestId('unlock-submit'));
      await waitFor(() => expect(input).toHaveValue(''));
    }
    await user.type(input, GOOD);
    await user.click(screen.getByTestId('unlock-submit'));
    // The fifth refusal stays on screen until the engine's answer to the sixth attempt replaces it.
    await waitFor(() => {
      expect(screen.getByTestId('unlock-error')).toHaveTextContent(/Too many attempts, try again in \d+ s/);
      expect(screen.getByTestId('unlock-submit')).toBeDisabled();
    });
    expect(screen.queryByTestId('app-shell')).not.toBeInTheDocument();
  });

  it('shows a damaged notebook prominently', async () => {
    const { engine, user } = renderApp(EXISTING);
    engine.failNext('unlock', {
      kind: 'corrupt',
      message: 'The notebook file is damaged. Restore it from a backup; Casebook will not write to it.',
    });
    await user.type(await screen.findByTestId('unlock-passphrase'), GOOD);
    await user.click(screen.getByTestId('unlock-submit'));
    expect(await screen.findByTestId('error-banner')).toHaveTextContent('The notebook is damaged');
  });
});

describe('the recovery code', () => {
  async function openRecovery() {
    const app = renderApp(EXISTING);
    await app.user.click(await screen.findByTestId('use-recovery'));
    expect(await screen.findByTestId('recovery-form')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('recovery-code-input')).toHaveFocus());
    return app;
  }

  it('opens the notebook and replaces the passphrase', async () => {
    const { engine, user } = await openRecovery();
    const typed = (await engine.ready).recoveryGroups.join(' ').toLowerCase();
    await user.type(screen.getByTestId('recovery-code-input'), typed);
    await user.type(screen.getByTestId('recovery-new-passphrase'), OTHER_GOOD);
    await user.type(screen.getByTestId('recovery-new-confirm'), OTHER_GOOD);
    await user.click(screen.getByTestId('recovery-submit'));
    expect(await screen.findByTestId('app-shell')).toBeInTheDocument();
    expect(engine.calls.filter((c) => c.command === 'unlockWithRecovery')).toEqual([
      { command: 'unlockWithRecovery', args: { recoveryCode: typed, newPassphrase: OTHER_GOOD } },
    ]);

    await user.click(screen.getByTestId('lock-button'));
    await unlockWith(user, OTHER_GOOD);
  });

  it('says so when the code is wrong', async () => {
    const { user } = await openRecovery();
    await user.type(screen.getByTestId('recovery-code-input'), 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA');
    await user.type(screen.getByTestId('recovery-new-passphrase'), OTHER_GOOD);
    await user.type(screen.getByTestId('recovery-new-confirm'), OTHER_GOOD);
    await user.click(screen.getByTestId('recovery-submit'));
    expect(await screen.findByTestId('recovery-error')).toHaveTextContent(
      'That recovery code does not open this notebook.',
    );
    expect(screen.getByTestId('recovery-code-input')).toHaveFocus();
  });

  it('refuses a malformed code, a weak or mismatched new passphrase before sending', async () => {
    const { engine, user } = await openRecovery();
    const code = (await engine.ready).recoveryGroups.join('-');
    await user.type(screen.getByTestId('recovery-code-input'), 'ABCD-EFGH');
    await user.click(screen.getByTestId('recovery-submit'));
    expect(screen.getByTestId('error-recoveryCode')).toHaveTextContent('32 letters and digits');

    await user.clear(screen.getByTestId('recovery-code-input'));
    await user.type(screen.getByTestId('recovery-code-input'), code);
    await user.type(screen.getByTestId('recovery-new-passphrase'), 'qwertyuiop');
    await user.click(screen.getByTestId('recovery-submit'));
    expect(await screen.findByTestId('error-newPassphrase')).toHaveTextContent('very easy to guess');

    await user.clear(screen.getByTestId('recovery-new-passphrase'));
    await user.type(screen.getByTestId('recovery-new-passphrase'), OTHER_GOOD);
    await user.type(screen.getByTestId('recovery-new-confirm'), `${OTHER_GOOD}!`);
    await user.click(screen.getByTestId('recovery-submit'));
    expect(await screen.findByTestId('error-confirm')).toHaveTextContent('not the same');
    expect(engine.count('unlockWithRecovery')).toBe(0);
  });

  it('goes back to the passphrase form', async () => {
    const { user } = await openRecovery();
    await user.click(screen.getByRole('button', { name: 'Back to passphrase' }));
    expect(await screen.findByTestId('unlock-form')).toBeInTheDocument();
  });
});
