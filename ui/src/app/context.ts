// The backend and the session reach every screen through Svelte context, so tests mount the app
// with their own fake and no module state leaks between them.

import { getContext, setContext } from 'svelte';
import type { Backend } from '../ipc';
import type { Session } from './session.svelte';

const BACKEND = Symbol('backend');
const SESSION = Symbol('session');

export function provide(backend: Backend, session: Session): void {
  setContext(BACKEND, backend);
  setContext(SESSION, session);
}

export function useBackend(): Backend {
  return getContext<Backend>(BACKEND);
}

export function useSession(): Session {
  return getContext<Session>(SESSION);
}
