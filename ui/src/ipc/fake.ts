// An in-memory backend that keeps the engine's rules, for Vitest and for previewing the window in
// a plain browser (`VITE_FAKE_BACKEND=1`). It is honest on purpose: new passphrases are checked
// like the engine checks them (length, blank, zxcvbn), a wrong passphrase or recovery code counts
// towards the same throttle (five free failures, then 1 s doubling to a minute), a wrong current
// passphrase on change is an `invalid` error on `oldPassphrase`, settings are validated with the
// engine's bounds, and every data call answers `locked` while locked. Tests can also inject any
// error once (`failNext`) and play the shell's idle lock (`lockForIdle`).

import type { Backend, NotebookLocked } from './backend';
import type { ErrorReply, NotebookStatus, RecoveryCodeView, Settings } from './bindings';
import { loadRater, refusal } from '../lib/passphrase';
import { CODE_SHAPE, codeGroups as groups, normalizeCode, randomCode } from '../lib/recovery';

export type FakeCommand =
  | 'notebookStatus'
  | 'createNotebook'
  | 'unlock'
  | 'unlockWithRecovery'
  | 'lock'
  | 'changePassphrase'
  | 'getSettings'
  | 'updateSettings'
  | 'touch';

export interface FakeOptions {
  /** The notebook's passphrase; when given, the notebook exists. */
  passphrase?: string;
  /** Its recovery code (any spelling the engine accepts); random when not given. */
  recoveryCode?: string;
  unlocked?: boolean;
  settings?: Settings;
  folder?: string;
  /** Delay of every answer, to see busy states in a preview. */
  latencyMs?: number;
  /** The clock of the throttle, in milliseconds. */
  now?: () => number;
}

const FREE_ATTEMPTS = 5;
const MAX_DELAY_SECS = 60;
const MAX_NAME_CHARS = 120;

export const DEFAULT_SETTINGS: Settings = { therapistName: '', autoLockMinutes: 10 };

export class FakeBackend implements Backend {
  /** Every call, in order, with its arguments: tests check what crossed and how often. */
  readonly calls: { command: FakeCommand; args?: unknown }[] = [];

  private passphrase: string | null;
  private recovery: string;
  private unlocked: boolean;
  private settings: Settings;
  private readonly folder: string;
  private readonly latencyMs: number;
  private readonly now: () => number;
  private failures = 0;
  private lastFailure: number | null = null;
  private readonly injected = new Map<FakeCommand, ErrorReply>();
  private readonly lockListeners = new Set<(event: NotebookLocked) => void>();

  constructor(options: FakeOptions = {}) {
    this.passphrase = options.passphrase ?? null;
    this.recovery = options.recoveryCode
      ? (normalizeCode(options.recoveryCode) ?? randomCode())
      : randomCode();
    this.unlocked = (options.unlocked ?? false) && this.passphrase !== null;
    this.settings = { ...(options.settings ?? DEFAULT_SETTINGS) };
    this.folder = options.folder ?? '/home/therapist/.local/share/casebook';
    this.latencyMs = options.latencyMs ?? 0;
    this.now = options.now ?? (() => Date.now());
  }

  // ---- test controls -------------------------------------------------------------------------

  /** The next call of `command` rejects with `reply`, whatever its arguments. */
  failNext(command: FakeCommand, reply: ErrorReply): void {
    this.injected.set(command, reply);
  }

  /** What the shell does when the idle timer fires: lock, then send `notebook-locked`. */
  lockForIdle(): void {
    this.unlocked = false;
    for (const listener of this.lockListeners) listener({ reason: 'idle' });
  }

  /** Locks without telling the window, as when the engine locks itself on its next call. */
  lockQuietly(): void {
    this.unlocked = false;
  }

  /** The recovery code in groups, as the engine would have shown it at creation. */
  get recoveryGroups(): string[] {
    return groups(this.recovery);
  }

  get currentPassphrase(): string | null {
    return this.passphrase;
  }

  get isUnlocked(): boolean {
    return this.unlocked;
  }

  count(command: FakeCommand): number {
    return this.calls.filter((c) => c.command === command).length;
  }

  // ---- the commands --------------------------------------------------------------------------

  async notebookStatus(): Promise<NotebookStatus> {
    await this.begin('notebookStatus');
    return this.status();
  }

  async createNotebook(args: { passphrase: string }): Promise<RecoveryCodeView> {
    await this.begin('createNotebook', args);
    await checkNewPassphrase(args.passphrase, 'passphrase');
    if (this.passphrase !== null) {
      throw reply('conflict', 'A notebook already exists in this folder.');
    }
    this.passphrase = args.passphrase;
    this.recovery = randomCode();
    this.settings = { ...DEFAULT_SETTINGS };
    this.unlocked = true;
    return { groups: groups(this.recovery) };
  }

  async unlock(args: { passphrase: string }): Promise<NotebookStatus> {
    await this.begin('unlock', args);
    if (this.unlocked) return this.status();
    this.checkThrottle();
    if (this.passphrase === null) throw reply('not_found', 'There is no notebook in this folder yet.');
    if (args.passphrase !== this.passphrase) {
      this.fail();
      throw reply('wrong_passphrase', 'That passphrase does not open this notebook.');
    }
    this.succeed();
    this.unlocked = true;
    return this.status();
  }

  async unlockWithRecovery(args: { recoveryCode: string; newPassphrase: string }): Promise<NotebookStatus> {
    await this.begin('unlockWithRecovery', args);
    await checkNewPassphrase(args.newPassphrase, 'newPassphrase');
    this.checkThrottle();
    if (this.passphrase === null) throw reply('not_found', 'There is no notebook in this folder yet.');
    const code = normalizeCode(args.recoveryCode);
    if (code === null) {
      throw invalid('recoveryCode', CODE_SHAPE);
    }
    if (code !== this.recovery) {
      this.fail();
      throw reply('wrong_passphrase', 'That recovery code does not open this notebook.');
    }
    this.succeed();
    this.passphrase = args.newPassphrase;
    this.unlocked = true;
    return this.status();
  }

  async lock(): Promise<NotebookStatus> {
    await this.begin('lock');
    this.unlocked = false;
    return this.status();
  }

  async changePassphrase(args: { oldPassphrase: string; newPassphrase: string }): Promise<null> {
    await this.begin('changePassphrase', args);
    this.requireOpen();
    await checkNewPassphrase(args.newPassphrase, 'newPassphrase');
    this.checkThrottle();
    if (args.oldPassphrase !== this.passphrase) {
      this.fail();
      throw invalid('oldPassphrase', 'The current passphrase is not right.');
    }
    this.succeed();
    this.passphrase = args.newPassphrase;
    return null;
  }

  async getSettings(): Promise<Settings> {
    await this.begin('getSettings');
    this.requireOpen();
    return { ...this.settings };
  }

  async updateSettings(args: { settings: Settings }): Promise<Settings> {
    await this.begin('updateSettings', args);
    const next = validated(args.settings);
    this.requireOpen();
    this.settings = next;
    return { ...next };
  }

  async touch(): Promise<null> {
    await this.begin('touch');
    this.requireOpen();
    return null;
  }

  async onNotebookLocked(handler: (event: NotebookLocked) => void): Promise<() => void> {
    this.lockListeners.add(handler);
    return () => {
      this.lockListeners.delete(handler);
    };
  }

  // ---- the rules -----------------------------------------------------------------------------

  private async begin(command: FakeCommand, args?: unknown): Promise<void> {
    this.calls.push(args === undefined ? { command } : { command, args: structuredClone(args) });
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const injected = this.injected.get(command);
    if (injected) {
      this.injected.delete(command);
      throw injected;
    }
  }

  private status(): NotebookStatus {
    return { exists: this.passphrase !== null, unlocked: this.unlocked, folder: this.folder };
  }

  private requireOpen(): void {
    if (!this.unlocked) throw reply('locked', 'The notebook is locked. Unlock it to continue.');
  }

  private checkThrottle(): void {
    const extra = this.failures - FREE_ATTEMPTS;
    if (extra < 0 || this.lastFailure === null) return;
    const delayMs = Math.min(2 ** extra, MAX_DELAY_SECS) * 1000;
    const wait = this.lastFailure + delayMs - this.now();
    if (wait > 0) {
      const secs = Math.max(1, Math.ceil(wait / 1000));
      throw {
        kind: 'throttled',
        message: `Too many failed attempts. Try again in ${secs} s.`,
        retryAfterSecs: secs,
      } satisfies ErrorReply;
    }
  }

  private fail(): void {
    this.failures += 1;
    this.lastFailure = this.now();
  }

  private succeed(): void {
    this.failures = 0;
    this.lastFailure = null;
  }
}

function reply(kind: ErrorReply['kind'], message: string): ErrorReply {
  return { kind, message };
}

function invalid(field: string, message: string): ErrorReply {
  return { kind: 'invalid', message, field };
}

async function checkNewPassphrase(passphrase: string, field: string): Promise<void> {
  const why = refusal(passphrase, await loadRater());
  if (why !== null) throw invalid(field, why);
}

function validated(settings: Settings): Settings {
  const therapistName = settings.therapistName.trim();
  if ([...therapistName].length > MAX_NAME_CHARS) {
    throw invalid('therapistName', `Use at most ${MAX_NAME_CHARS} characters.`);
  }
  if (/[\u0000-\u001f\u007f-\u009f]/.test(therapistName)) {
    throw invalid('therapistName', 'The name cannot hold control characters.');
  }
  const minutes = settings.autoLockMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) {
    throw invalid('autoLockMinutes', 'Choose between 1 and 240 minutes.');
  }
  return { therapistName, autoLockMinutes: minutes };
}
