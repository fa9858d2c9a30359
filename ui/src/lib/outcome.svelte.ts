// What became of a form's last submission: busy, refused at a field, refused by a workflow rule,
// or failed otherwise. One per form. An `invalid` error is shown at the field it names when the
// form has a control of that `name` (and focuses it); otherwise it is shown with the form's
// other alerts. `workflow` is shown as a calm banner at the action; `locked` sends the window
// back to the lock screen (through the session) and shows nothing here. A date field holding text
// that is not a date (lib/DateInput.svelte marks it `data-date-problem`) stops the submission
// before anything is sent, with its reason at the field.

import { tick } from 'svelte';
import type { ErrorReply, WorkflowReply } from '../ipc';
import type { Session } from '../app/session.svelte';

export class Outcome {
  errors = $state<Record<string, string>>({});
  workflow = $state<WorkflowReply | null>(null);
  failure = $state<ErrorReply | null>(null);
  busy = $state(false);
  /** The last submission succeeded (for a confirmation next to the button). */
  done = $state(false);

  constructor(private readonly session: Session) {}

  error(field: string): string | null {
    return this.errors[field] ?? null;
  }

  /** Withdraws the error of the field the therapist edits (wire to the form's `oninput`). */
  edited(event: Event): void {
    this.done = false;
    const target = event.target as HTMLInputElement | null;
    const field = target?.name;
    if (field && this.errors[field]) {
      const { [field]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  reset(): void {
    this.errors = {};
    this.workflow = null;
    this.failure = null;
    this.done = false;
  }

  /**
   * Refuses before sending when a required field is empty (an empty date or time would not even
   * reach the engine); shows each at its field and focuses the first. True when all are filled.
   */
  require(checks: [field: string, filled: boolean, message: string][], form?: HTMLElement | null): boolean {
    if (!this.datesReadable(form)) return false;
    const missing = checks.filter(([, filled]) => !filled);
    if (missing.length === 0) return true;
    this.reset();
    this.errors = Object.fromEntries(missing.map(([field, , message]) => [field, message]));
    const first = missing[0]?.[0];
    if (first && form) {
      void tick().then(() => form.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`)?.focus());
    }
    return false;
  }

  /** Runs the submission; true when it succeeded. */
  async run(action: () => Promise<unknown>, form?: HTMLElement | null): Promise<boolean> {
    if (this.busy) return false;
    if (!this.datesReadable(form)) return false;
    this.reset();
    this.busy = true;
    try {
      await action();
      this.done = true;
      return true;
    } catch (error) {
      this.show(this.session.failed(error), form);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Refuses when a date field of the form holds text that is not a date: an empty value would be
   * sent in its place. Shows each reason at its field and focuses the first. True when none.
   */
  private datesReadable(form: HTMLElement | null | undefined): boolean {
    const unread = [...(form?.querySelectorAll<HTMLInputElement>('[data-date-problem]') ?? [])];
    if (unread.length === 0) return true;
    this.reset();
    this.errors = Object.fromEntries(unread.map((input) => [input.name, input.dataset['dateProblem'] ?? '']));
    void tick().then(() => unread[0]?.focus());
    return false;
  }

  private show(reply: ErrorReply, form: HTMLElement | null | undefined): void {
    if (reply.kind === 'locked') return;
    if (reply.kind === 'workflow') {
      this.workflow = reply;
      return;
    }
    const control =
      reply.kind === 'invalid' && form ? form.querySelector<HTMLElement>(`[name="${CSS.escape(reply.field)}"]`) : null;
    if (control && reply.kind === 'invalid') {
      this.errors = { [reply.field]: reply.message };
      void tick().then(() => control.focus());
    } else {
      this.failure = reply;
    }
  }
}
