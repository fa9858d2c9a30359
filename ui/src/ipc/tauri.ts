// The real backend: each method is one Tauri command. This file and `index.ts` are the only
// places that import `@tauri-apps/api`. Argument names are camelCase, as Tauri expects for
// snake_case Rust parameters.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Backend, NotebookLocked } from './backend';
import type { NotebookStatus, RecoveryCodeView, Settings } from './bindings';
import { asErrorReply } from './errors';

type Command =
  | 'notebook_status'
  | 'create_notebook'
  | 'unlock'
  | 'unlock_with_recovery'
  | 'lock'
  | 'change_passphrase'
  | 'get_settings'
  | 'update_settings'
  | 'touch';

async function call<T>(command: Command, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw asErrorReply(error);
  }
}

export const tauriBackend: Backend = {
  notebookStatus: () => call<NotebookStatus>('notebook_status'),
  createNotebook: ({ passphrase }) => call<RecoveryCodeView>('create_notebook', { passphrase }),
  unlock: ({ passphrase }) => call<NotebookStatus>('unlock', { passphrase }),
  unlockWithRecovery: ({ recoveryCode, newPassphrase }) =>
    call<NotebookStatus>('unlock_with_recovery', { recoveryCode, newPassphrase }),
  lock: () => call<NotebookStatus>('lock'),
  changePassphrase: ({ oldPassphrase, newPassphrase }) =>
    call<null>('change_passphrase', { oldPassphrase, newPassphrase }),
  getSettings: () => call<Settings>('get_settings'),
  updateSettings: ({ settings }) => call<Settings>('update_settings', { settings }),
  touch: () => call<null>('touch'),
  onNotebookLocked: (handler) =>
    listen<NotebookLocked>('notebook-locked', (event) => handler(event.payload)),
};
