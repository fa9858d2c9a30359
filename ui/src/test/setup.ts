import '@testing-library/jest-dom/vitest';
import { afterEach, vi } from 'vitest';

// jsdom lays nothing out, so it has no scrolling; the window scrolls sections into view.
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

// Tests that pin the calendar (`vi.useFakeTimers({ toFake: ['Date'] })`) get the real one back.
afterEach(() => {
  vi.useRealTimers();
});
