// The real backend: each method is one command of the engine's table, sent to the shell by its
// exact name (`commands.ts`, generated from the table). This file and `index.ts` are the only
// places that import `@tauri-apps/api`. The page opens no dialog and names no path: exports ask
// for the place in the shell's own dialogs.

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Backend, NotebookLocked } from './backend';
import { commandClient } from './commands';
import { asErrorReply } from './errors';

export const tauriBackend: Backend = {
  ...commandClient(async (command, args) => {
    try {
      return await invoke(command, args);
    } catch (error) {
      throw asErrorReply(error);
    }
  }),
  onNotebookLocked: (handler) => listen<NotebookLocked>('notebook-locked', (event) => handler(event.payload)),
};
