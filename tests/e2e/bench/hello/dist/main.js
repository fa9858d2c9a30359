// The same mark as Casebook's lock screen (LockLayout.svelte): when the first frame with the page's
// text was drawn (the first task after it), read by the window bench to time both starts without
// WebDriver's polling.
requestAnimationFrame(() => setTimeout(() => performance.mark('casebook:lock-drawn'), 0));
