// The backend the window talks to: the real shell. The UI's tests hand the window another
// `Backend` (the real engine over a pipe, `src/test/engine.ts`) through App's props instead.

import { tauriBackend } from './tauri';

export type * from './backend';
export { asErrorReply, isErrorReply } from './errors';

export const backend = tauriBackend;
