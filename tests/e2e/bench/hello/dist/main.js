// The same mark as Casebook's lock screen (LockLayout.svelte): when the first frame with the page's
// text began, read by the window bench to time both starts without WebDriver's polling.
requestAnimationFrame(() => performance.mark('casebook:lock-drawn'));
