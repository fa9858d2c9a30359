// The real backend speaks the contract: snake_case command names, camelCase argument names, and
// every rejection arrives as an ErrorReply.

import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
const listen = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke }));
vi.mock('@tauri-apps/api/event', () => ({ listen }));

const { tauriBackend } = await import('./tauri');

describe('tauriBackend', () => {
  beforeEach(() => {
    invoke.mockReset();
    listen.mockReset();
    invoke.mockResolvedValue(null);
  });

  it('calls each command by its name with camelCase arguments', async () => {
    const settings = { therapistName: 'Dr A. Naidoo', autoLockMinutes: 10 };
    await tauriBackend.notebookStatus();
    await tauriBackend.createNotebook({ passphrase: 'p1' });
    await tauriBackend.unlock({ passphrase: 'p2' });
    await tauriBackend.unlockWithRecovery({ recoveryCode: 'c', newPassphrase: 'p3' });
    await tauriBackend.lock();
    await tauriBackend.changePassphrase({ oldPassphrase: 'o', newPassphrase: 'n' });
    await tauriBackend.getSettings();
    await tauriBackend.updateSettings({ settings });
    await tauriBackend.touch();
    expect(invoke.mock.calls).toEqual([
      ['notebook_status', undefined],
      ['create_notebook', { passphrase: 'p1' }],
      ['unlock', { passphrase: 'p2' }],
      ['unlock_with_recovery', { recoveryCode: 'c', newPassphrase: 'p3' }],
      ['lock', undefined],
      ['change_passphrase', { oldPassphrase: 'o', newPassphrase: 'n' }],
      ['get_settings', undefined],
      ['update_settings', { settings }],
      ['touch', undefined],
    ]);
  });

  it('passes ErrorReply rejections through and wraps anything else', async () => {
    const reply = { kind: 'wrong_passphrase', message: 'That passphrase does not open this notebook.' };
    invoke.mockRejectedValueOnce(reply);
    await expect(tauriBackend.unlock({ passphrase: 'x' })).rejects.toBe(reply);
    invoke.mockRejectedValueOnce('command touch not allowed');
    await expect(tauriBackend.touch()).rejects.toMatchObject({ kind: 'storage' });
  });

  it('listens to notebook-locked and hands over the payload', async () => {
    const unlisten = vi.fn();
    listen.mockResolvedValue(unlisten);
    const handler = vi.fn();
    const stop = await tauriBackend.onNotebookLocked(handler);
    expect(listen).toHaveBeenCalledWith('notebook-locked', expect.any(Function));
    const forward = listen.mock.calls[0]![1] as (event: { payload: unknown }) => void;
    forward({ payload: { reason: 'idle' } });
    expect(handler).toHaveBeenCalledWith({ reason: 'idle' });
    expect(stop).toBe(unlisten);
  });
});
