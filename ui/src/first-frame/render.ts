// The lock screen's first frame, rendered at build time (scripts/first-frame.mjs) from the very
// components the app mounts, so the window can draw it from the page's HTML before the app's code
// has loaded (issue 13's cold start). Never bundled into the window: it runs in Node.

import { render } from 'svelte/server';
import type { NotebookStatus } from '../ipc';
import LockScreen from '../features/lock/LockScreen.svelte';
import { FIRST_FRAME_FOLDER, type FirstFrameName } from './names';

function lockScreen(status: NotebookStatus): string {
  return render(LockScreen, { props: { status } }).body;
}

/** The lock screen for each status the page can start in, its folder left as a placeholder. */
export function firstFrames(): Record<FirstFrameName, string> {
  const base = { unlocked: false, folder: FIRST_FRAME_FOLDER };
  return {
    unlock: lockScreen({ ...base, exists: true, demo: false }),
    demo: lockScreen({ ...base, exists: true, demo: true }),
    create: lockScreen({ ...base, exists: false, demo: false }),
  };
}
