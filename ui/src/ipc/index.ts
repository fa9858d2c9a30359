// The backend the window talks to. The real shell everywhere, except under Vitest and in a
// browser preview built with `VITE_FAKE_BACKEND` set, where the in-memory fake stands in.
// Both conditions are compile-time constants, so a release build leaves the fake out.

import type { Backend } from './backend';
import { FakeBackend } from './fake';
import { tauriBackend } from './tauri';

export type * from './backend';
export { asErrorReply, isErrorReply } from './errors';

function activeBackend(): Backend {
  if (import.meta.env.MODE === 'test') return new FakeBackend();
  // A preview answers a little slowly, as Argon2id does, so busy states can be seen.
  if (import.meta.env.VITE_FAKE_BACKEND) return new FakeBackend({ latencyMs: 350 });
  return tauriBackend;
}

export const backend: Backend = activeBackend();
