// Something a screen reads from the notebook when it opens: loading, loaded, or failed (shown as
// a banner; `locked` goes back to the lock screen through the session instead).

import type { ErrorReply } from '../ipc';
import type { Session } from '../app/session.svelte';

export class Loaded<T> {
  value = $state<T | undefined>(undefined);
  failure = $state<ErrorReply | null>(null);
  loading = $state(true);

  constructor(
    private readonly session: Session,
    private readonly fetch: () => Promise<T>,
  ) {}

  async load(): Promise<T | undefined> {
    this.loading = true;
    try {
      const value = await this.fetch();
      this.value = value;
      this.failure = null;
      return value;
    } catch (error) {
      const reply = this.session.failed(error);
      if (reply.kind !== 'locked') this.failure = reply;
      return undefined;
    } finally {
      this.loading = false;
    }
  }
}
