// The real backend speaks the contract: snake_case command names, camelCase argument names, and
// every rejection arrives as an ErrorReply.

/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
const listen = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke }));
vi.mock('@tauri-apps/api/event', () => ({ listen }));

const { tauriBackend } = await import('./tauri');
const { COMMANDS } = await import('./commands');

describe('tauriBackend', () => {
  beforeEach(() => {
    invoke.mockReset();
    listen.mockReset();
    invoke.mockResolvedValue(null);
  });

  it('calls each command by its name with camelCase arguments', async () => {
    const settings = { therapistName: 'Dr A. Naidoo', autoLockMinutes: 10, practiceName: '', registrationNumber: '', practiceContact: '', dateFormat: 'day_month_year' as const };
    await tauriBackend.notebookStatus();
    await tauriBackend.createNotebook({ passphrase: 'p1' });
    await tauriBackend.unlock({ passphrase: 'p2' });
    await tauriBackend.unlockWithRecovery({ recoveryCode: 'c', newPassphrase: 'p3' });
    await tauriBackend.replaceRecoveryCode({ passphrase: 'p4' });
    await tauriBackend.lock();
    await tauriBackend.changePassphrase({ oldPassphrase: 'o', newPassphrase: 'n' });
    await tauriBackend.getSettings();
    await tauriBackend.updateSettings({ settings });
    await tauriBackend.touch();
    expect(invoke.mock.calls).toEqual([
      ['notebook_status', {}],
      ['create_notebook', { passphrase: 'p1' }],
      ['unlock', { passphrase: 'p2' }],
      ['unlock_with_recovery', { recoveryCode: 'c', newPassphrase: 'p3' }],
      ['replace_recovery_code', { passphrase: 'p4' }],
      ['lock', {}],
      ['change_passphrase', { oldPassphrase: 'o', newPassphrase: 'n' }],
      ['get_settings', {}],
      ['update_settings', { settings }],
      ['touch', {}],
    ]);
  });

  it('has a method for every command of the engine table, sending its exact name and arguments', async () => {
    const methods = Object.keys(COMMANDS) as (keyof typeof COMMANDS)[];
    expect(methods.length).toBeGreaterThan(80);
    for (const method of methods) {
      const [command, argNames] = COMMANDS[method];
      const args = Object.fromEntries(argNames.map((name, i) => [name, i + 1]));
      invoke.mockClear();
      await (tauriBackend[method] as (a: unknown) => Promise<unknown>)(args);
      expect(invoke.mock.calls, method).toEqual([[command, args]]);
    }
    expect(COMMANDS.createCase).toEqual(['create_case', ['input']]);
  });

  it('reaches exactly the commands the shell registers and the window is granted, and no other', () => {
    const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
    const client = Object.values(COMMANDS).map(([command]) => command).sort();
    const names = read('../../../src-tauri/src/command_names.rs').split('COMMAND_ARGS')[0]!;
    const registered = [...names.matchAll(/^    "(\w+)",$/gm)].map((m) => m[1]).sort();
    const granted = (JSON.parse(read('../../../src-tauri/capabilities/default.json')).permissions as string[])
      .filter((p) => p.startsWith('allow-'))
      .map((p) => p.slice('allow-'.length).replaceAll('-', '_'))
      .sort();
    expect(client.length).toBeGreaterThan(80);
    expect(registered).toEqual(client);
    expect(granted).toEqual(client);
    for (const [command, args] of Object.values(COMMANDS)) {
      const row = new RegExp(`\\("${command}", &\\[([^\\]]*)\\]\\)`).exec(read('../../../src-tauri/src/command_names.rs'));
      expect(row, command).not.toBeNull();
      expect([...row![1]!.matchAll(/"(\w+)"/g)].map((m) => m[1]), command).toEqual([...args]);
    }
    expect(COMMANDS.addPartner).toEqual(['add_partner', ['caseId', 'input']]);
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

  it('sends no path with an export: the shell asks where to save', async () => {
    const request = { caseId: 1, options: {}, format: 'pdf', paper: 'a4', fingerprint: 'f' };
    await tauriBackend.exportSupervisionSummary({ request } as never);
    expect(invoke).toHaveBeenCalledWith('export_supervision_summary', { request });
    invoke.mockResolvedValueOnce(null);
    expect(await tauriBackend.exportReferralLetter({ request } as never)).toBeNull();
    expect(JSON.stringify(invoke.mock.calls)).not.toContain('path');
  });
});
