// Drafts (RELIABILITY.md R11): every free-text editor keeps its text in the encrypted notebook
// while the therapist types, about a second after the last keystroke, so a crash loses nothing.
// One `Drafts` per form: its text areas register their editor keys (`case:12:intake:medical`);
// when the form opens, drafts that differ from what is shown are offered back; once the record
// is saved, the form calls `committed()` and the drafts are discarded. Nothing of the text is
// logged, and a failure to keep a draft never blocks typing.

import { getContext, setContext } from 'svelte';
import type { Backend, DraftView } from '../ipc';
import type { Session } from '../app/session.svelte';

export const DRAFT_DELAY_MS = 1000;

interface Field {
  get: () => string;
  set: (value: string) => void;
}

export class Drafts {
  /** Drafts found when the form opened, waiting for the therapist to restore or discard them. */
  offered = $state<DraftView[]>([]);
  /** The last autosave, for the quiet status next to the save button. */
  status = $state<'idle' | 'saving' | 'kept' | 'failed'>('idle');

  private readonly fields = new Map<string, Field>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Keys with a draft in the notebook (kept now, or found when opening). */
  private readonly kept = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly unchecked = new Set<string>();
  private checking: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly backend: Backend,
    private readonly session: Session,
    private readonly delayMs = DRAFT_DELAY_MS,
  ) {}

  register(key: string, field: Field): () => void {
    this.fields.set(key, field);
    this.unchecked.add(key);
    this.checking ??= setTimeout(() => void this.check(), 0);
    return () => {
      this.flush(key);
      this.fields.delete(key);
    };
  }

  /** The text of `key` changed: keep it once typing pauses. */
  changed(key: string): void {
    if (this.offered.some((d) => d.editorKey === key)) {
      this.offered = this.offered.filter((d) => d.editorKey !== key);
    }
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.keep(key);
      }, this.delayMs),
    );
  }

  /** Puts the offered drafts into their fields. They stay kept until the record is saved. */
  restore(): void {
    for (const draft of this.offered) this.fields.get(draft.editorKey)?.set(draft.body);
    this.offered = [];
  }

  /** Throws the offered drafts away. */
  async dismiss(): Promise<void> {
    const keys = this.offered.map((d) => d.editorKey);
    this.offered = [];
    await this.discard(keys);
  }

  /** The record was saved: pending drafts are dropped and kept ones discarded. */
  async committed(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
    this.offered = [];
    this.status = 'idle';
    await this.discard([...this.kept]);
  }

  /** Keeps at once what is waiting (the form is closing). */
  flush(key?: string): void {
    for (const [k, timer] of [...this.timers]) {
      if (key !== undefined && k !== key) continue;
      clearTimeout(timer);
      this.timers.delete(k);
      void this.keep(k);
    }
  }

  private async keep(key: string): Promise<void> {
    const field = this.fields.get(key);
    if (!field) return;
    this.status = 'saving';
    const saving = this.backend.saveDraft({ editorKey: key, body: field.get() });
    this.inFlight.add(saving);
    try {
      await saving;
      this.kept.add(key);
      this.status = 'kept';
    } catch (error) {
      this.session.failed(error);
      this.status = 'failed';
    } finally {
      this.inFlight.delete(saving);
    }
  }

  private async discard(keys: string[]): Promise<void> {
    for (const key of keys) {
      this.kept.delete(key);
      try {
        await this.backend.discardDraft({ editorKey: key });
      } catch (error) {
        this.session.failed(error);
      }
    }
  }

  private async check(): Promise<void> {
    this.checking = null;
    const keys = [...this.unchecked];
    this.unchecked.clear();
    try {
      const kept = new Set((await this.backend.listDrafts()).map((d) => d.editorKey));
      const found: DraftView[] = [];
      for (const key of keys.filter((k) => kept.has(k))) {
        const draft = await this.backend.loadDraft({ editorKey: key });
        const field = this.fields.get(key);
        if (!draft || !field) continue;
        this.kept.add(key);
        if (draft.body !== field.get()) found.push(draft);
      }
      if (found.length > 0) this.offered = [...this.offered, ...found];
    } catch (error) {
      this.session.failed(error);
    }
  }
}

const DRAFTS = Symbol('drafts');

/** Gives a form's text areas their `Drafts`. */
export function provideDrafts(drafts: Drafts): Drafts {
  setContext(DRAFTS, drafts);
  return drafts;
}

export function useDrafts(): Drafts | undefined {
  return getContext<Drafts | undefined>(DRAFTS);
}
