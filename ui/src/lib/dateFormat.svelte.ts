// The date format the window writes dates in: the notebook's preference (Settings > Preferences).
// The open notebook's screen (features/home/Home.svelte) sets it when the settings load or are
// saved and puts the default back when it closes, so the lock screen never shows a notebook's
// choice. It is module state, not context, because every view formats dates through the plain
// functions of `dates.ts`; a template or `$derived` that formats a date reads it, and so follows a
// change at once.

import type { DateFormat } from '../ipc';

/** What a notebook from before the choice shows, and what the lock screen shows. */
export const DEFAULT_DATE_FORMAT: DateFormat = 'day_month_year';

const current = $state<{ format: DateFormat }>({ format: DEFAULT_DATE_FORMAT });

/** The format in use now (reactive). */
export function dateFormat(): DateFormat {
  return current.format;
}

/** Uses `format` from now on; nothing (a closed notebook) means the default. */
export function setDateFormat(format: DateFormat | null | undefined): void {
  current.format = format ?? DEFAULT_DATE_FORMAT;
}
