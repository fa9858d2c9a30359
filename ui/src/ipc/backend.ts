// The window's whole view of the engine: one typed method per command of the engine's command
// table (generated into `commands.ts`), plus the one event the shell sends. Components receive a
// `Backend` (from context) and never see how it is carried, so the same screens run against the
// real shell (`tauri.ts`) and, in the UI's tests, against the real engine over a pipe
// (`src/test/engine.ts`).
//
// Every method may reject with an `ErrorReply` (see `errors.ts`), and with nothing else. Argument
// names follow the table's convention: `id` for the record's own id, `caseId` for its case, and
// `input` for what a form sends.

import type { Commands } from './commands';

export type * from './bindings';
export type { CommandName, Commands } from './commands';
export type { WorkflowReply } from './errors';

/** Payload of the `notebook-locked` event, sent when the shell locks the notebook by itself. */
export interface NotebookLocked {
  reason: 'idle' | 'damaged' | (string & {});
}

export interface Backend extends Commands {
  /** Subscribes to `notebook-locked`; resolves to the function that unsubscribes. */
  onNotebookLocked(handler: (event: NotebookLocked) => void): Promise<() => void>;
}
