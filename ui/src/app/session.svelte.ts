// Which screen the window shows, and the only place that decides it. Locked means the window
// holds nothing of the notebook: every screen past the lock owns its data (settings, and later
// cases) in components that unmount when the screen changes, so dropping the screen drops the
// data with it.

import type { Backend, DemoNotebookView, ErrorReply, NotebookStatus } from '../ipc';
import { asErrorReply } from '../ipc';

export const IDLE_NOTE = 'Locked after inactivity';
export const LOCKED_NOTE = 'The notebook was locked. Unlock it to continue.';
export const DAMAGED_NOTE =
  'Casebook found damage in the notebook file and locked it without writing to it. Unlock to see what is damaged, or restore the notebook from a backup.';

/** The note for a lock the shell made by itself (`idle`, `damaged`). */
function noteFor(reason: string): string {
  if (reason === 'idle') return IDLE_NOTE;
  if (reason === 'damaged') return DAMAGED_NOTE;
  return LOCKED_NOTE;
}

export type Screen =
  | { name: 'starting' }
  /** `notebook_status` itself failed: nothing else can be shown. */
  | { name: 'unavailable'; error: ErrorReply }
  | { name: 'locked'; status: NotebookStatus; note: string | null }
  /** Just created: the recovery code, shown once. */
  | { name: 'recovery-code'; status: NotebookStatus; groups: string[] }
  /** The demo notebook was just made: its (fictional) passphrase is shown before its cases. */
  | { name: 'demo-ready'; status: NotebookStatus; demo: DemoNotebookView }
  | { name: 'open'; status: NotebookStatus };

export class Session {
  screen = $state<Screen>({ name: 'starting' });

  constructor(private readonly backend: Backend) {}

  get unlocked(): boolean {
    return this.screen.name === 'open' || this.screen.name === 'recovery-code' || this.screen.name === 'demo-ready';
  }

  /** The open (or last open) notebook is the fictional demo. */
  get demo(): boolean {
    return 'status' in this.screen && this.screen.status.demo;
  }

  get folder(): string {
    return 'status' in this.screen ? this.screen.status.folder : '';
  }

  /**
   * `note`: why the notebook is locked, when the shell restarted the page after a lock. `early`:
   * the status the shell wrote into the page (`statusFromPage`), shown at once so the first frame
   * is the lock screen; the engine is asked all the same, and its answer wins if they differ.
   */
  async start(note: string | null = null, early: NotebookStatus | null = null): Promise<void> {
    this.screen = early ? this.screenFor(early, note) : { name: 'starting' };
    // What the state holds (a proxy of the object given), to know later whether it was replaced.
    const first = this.screen;
    // Read by the window bench and the end-to-end tests: when the first status was known, and from where.
    if (early) performance.mark('casebook:status', { detail: 'page' });
    try {
      const status = await this.backend.notebookStatus();
      if (!early) performance.mark('casebook:status', { detail: 'engine' });
      // The therapist may already have moved on from the first screen: then it is not replaced.
      if (this.screen !== first) return;
      if (early && sameStatus(early, status)) return;
      this.screen = this.screenFor(status, note);
    } catch (error) {
      if (this.screen === first) this.screen = { name: 'unavailable', error: asErrorReply(error) };
    }
  }

  private screenFor(status: NotebookStatus, note: string | null): Screen {
    return status.unlocked ? { name: 'open', status } : { name: 'locked', status, note };
  }

  created(status: NotebookStatus, groups: string[]): void {
    this.screen = { name: 'recovery-code', status, groups };
  }

  /** The recovery code has been written down; it is not kept anywhere after this. */
  recoverySaved(): void {
    if (this.screen.name === 'recovery-code') this.screen = { name: 'open', status: this.screen.status };
  }

  /** `open_demo_notebook` answered: the demo is open; its passphrase is shown first. */
  demoOpened(demo: DemoNotebookView): void {
    this.screen = {
      name: 'demo-ready',
      demo,
      status: { exists: true, unlocked: true, folder: demo.folder, demo: true },
    };
  }

  /** Leaves the demo's passphrase screen for its cases. */
  demoSeen(): void {
    if (this.screen.name === 'demo-ready') this.screen = { name: 'open', status: this.screen.status };
  }

  opened(status: NotebookStatus): void {
    this.screen = { name: 'open', status: { ...status, unlocked: true } };
  }

  /** The therapist locks (button or shortcut). The window forgets first, then tells the shell. */
  async lock(): Promise<void> {
    const folder = this.folder;
    this.showLock(null, folder);
    try {
      const status = await this.backend.lock();
      if (this.screen.name === 'locked') this.screen = { ...this.screen, status };
    } catch (error) {
      this.showLock(asErrorReply(error).message, folder);
    }
  }

  /** The shell locked by itself (the `notebook-locked` event): idle, or damage found. */
  lockedByShell(reason: string): void {
    if (this.screen.name === 'locked' || this.screen.name === 'starting') return;
    this.showLock(noteFor(reason), this.folder);
  }

  /**
   * Every failed call passes through here: `locked` means the notebook is gone, whatever screen
   * asked, so the window returns to the lock screen. Answers the error as an `ErrorReply`.
   */
  failed(error: unknown): ErrorReply {
    const reply = asErrorReply(error);
    if (reply.kind === 'locked' && this.unlocked) this.showLock(LOCKED_NOTE, this.folder);
    return reply;
  }

  private showLock(note: string | null, folder: string): void {
    const demo = this.demo;
    this.screen = { name: 'locked', status: { exists: true, unlocked: false, folder, demo }, note };
  }
}

function sameStatus(a: NotebookStatus, b: NotebookStatus): boolean {
  return a.exists === b.exists && a.unlocked === b.unlocked && a.folder === b.folder && a.demo === b.demo;
}

/**
 * The notebook's status as the shell wrote it into the page (`<meta name="casebook-status">`, see
 * src-tauri/src/first_page.rs), or null when it is missing or not a status. The element is
 * removed once read.
 */
export function statusFromPage(doc: Document): NotebookStatus | null {
  const meta = doc.querySelector('meta[name="casebook-status"]');
  if (!meta) return null;
  const content = meta.getAttribute('content') ?? '';
  meta.remove();
  try {
    const value: unknown = JSON.parse(content);
    if (typeof value !== 'object' || value === null) return null;
    const { exists, unlocked, folder, demo } = value as Record<string, unknown>;
    if (typeof exists !== 'boolean' || typeof unlocked !== 'boolean' || typeof demo !== 'boolean') return null;
    if (typeof folder !== 'string') return null;
    return { exists, unlocked, folder, demo };
  } catch {
    return null;
  }
}

/**
 * After a lock the shell ends the page's web process and loads the page again with
 * `#locked=<reason>`: the note the lock screen shows, read once and then removed from the URL.
 */
export function lockNoteFromUrl(location: Location, history: History): string | null {
  const reason = /^#locked=(\w+)$/.exec(location.hash)?.[1];
  if (reason === undefined) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return reason === 'idle' || reason === 'damaged' ? noteFor(reason) : null;
}
