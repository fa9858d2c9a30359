import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/svelte';
import { afterEach, beforeAll, vi } from 'vitest';

// jsdom lays nothing out, so it has no scrolling; the window scrolls sections into view.
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

// Tests that pin the calendar (`vi.useFakeTimers({ toFake: ['Date'] })`) get the real one back.
afterEach(() => {
  vi.useRealTimers();
});

// The open notebook's screens load apart from the lock screen (App.svelte): the first test of a
// file that opens them waits for Vite to transform that code, seconds on 2 cores under load (more
// since the search dialog joined them: 5 s was seen), so waits get more room (and tests more
// time, in vite.config.ts).
configure({ asyncUtilTimeout: 10000 });

// And before a file's first test, that chunk is loaded once with time of its own (Vite caches the
// transform for the files after), so no test's own wait includes compiling the notebook screens.
beforeAll(() => import('../features/home/Home.svelte'), 120_000);

// jsdom has <dialog> without its modal methods: enough of them for the window's dialogs.
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new Event('close'));
  };
}
