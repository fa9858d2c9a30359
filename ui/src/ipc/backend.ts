// The window's whole view of the shell: one typed method per Tauri command, plus the one event the
// shell sends. Components receive a `Backend` (from context) and never see how it is carried, so
// the same screens run against the real shell (`tauri.ts`) and the in-memory fake (`fake.ts`).
//
// Every method may reject with an `ErrorReply` (see `errors.ts`), and with nothing else.

import type { NotebookStatus, RecoveryCodeView, Settings } from './bindings';

export type {
  ErrorKind,
  ErrorReply,
  NotebookStatus,
  PassphraseStrength,
  RecoveryCodeView,
  Settings,
} from './bindings';

/** Payload of the `notebook-locked` event, sent when the shell locks the notebook by itself. */
export interface NotebookLocked {
  reason: 'idle' | (string & {});
}

export interface Backend {
  /** `notebook_status`: whether a notebook exists, whether it is open, and its folder. */
  notebookStatus(): Promise<NotebookStatus>;
  /** `create_notebook`: creates the notebook, leaves it unlocked, returns the recovery code once. */
  createNotebook(args: { passphrase: string }): Promise<RecoveryCodeView>;
  /** `unlock` */
  unlock(args: { passphrase: string }): Promise<NotebookStatus>;
  /** `unlock_with_recovery`: the code proves who you are, and the passphrase is replaced. */
  unlockWithRecovery(args: { recoveryCode: string; newPassphrase: string }): Promise<NotebookStatus>;
  /** `lock`: the shell drops the key. */
  lock(): Promise<NotebookStatus>;
  /** `change_passphrase` */
  changePassphrase(args: { oldPassphrase: string; newPassphrase: string }): Promise<null>;
  /** `get_settings` */
  getSettings(): Promise<Settings>;
  /** `update_settings`: answers the settings as stored (the name trimmed). */
  updateSettings(args: { settings: Settings }): Promise<Settings>;
  /** `touch`: reports activity; answers `locked` when the notebook is locked. */
  touch(): Promise<null>;
  /** Subscribes to `notebook-locked`; resolves to the function that unsubscribes. */
  onNotebookLocked(handler: (event: NotebookLocked) => void): Promise<() => void>;
}
