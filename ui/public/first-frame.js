// @ts-check
// The window's first frame (issue 13's cold start). The built index.html holds the lock screen
// already rendered (scripts/first-frame.mjs) and preloads the app's module without running it.
// This script, last in the page, draws the lock screen that fits the status the shell wrote into
// the page, inert, and starts the app after that frame is drawn; the app then replaces it with
// the same screen, live (main.ts). Without a status (the dev server, a busy engine), an open
// notebook or a lock's note in the URL, it draws nothing and starts the app at once.
(() => {
  const script = document.currentScript;
  const given = script instanceof HTMLScriptElement ? script.dataset.entry : undefined;
  if (!given) return;
  const entry = given;

  /** The frame for the page's status, or null when the app should draw the first screen itself. */
  function chosenFrame() {
    if (location.hash !== '') return null;
    const meta = document.querySelector('meta[name="casebook-status"]');
    if (!meta) return null;
    try {
      const status = JSON.parse(meta.getAttribute('content') ?? '');
      if (typeof status !== 'object' || status === null || status.unlocked !== false) return null;
      // The same checks as the app's (statusFromPage), or it would start from another screen.
      if (typeof status.folder !== 'string' || typeof status.demo !== 'boolean') return null;
      if (status.exists === false) return { name: 'create', folder: status.folder };
      if (status.exists !== true) return null;
      return { name: status.demo ? 'demo' : 'unlock', folder: status.folder };
    } catch {
      return null;
    }
  }

  /** Draws the frame into #app: its name, or null when there is none to draw. */
  function draw() {
    const frame = chosenFrame();
    const app = document.getElementById('app');
    const template = frame && document.getElementById(`first-frame-${frame.name}`);
    if (!frame || !app || !(template instanceof HTMLTemplateElement)) return null;
    // The same font stacks as the app's (main.ts), or the frame would not look like it.
    if (/Linux/.test(navigator.userAgent) && !/Android/.test(navigator.userAgent)) {
      document.documentElement.classList.add('linux');
    }
    const content = /** @type {DocumentFragment} */ (template.content.cloneNode(true));
    const placeholder = 'casebook-first-frame-folder';
    for (const el of content.querySelectorAll(`[title="${placeholder}"]`)) el.setAttribute('title', frame.folder);
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeValue === placeholder) node.nodeValue = frame.folder;
    }
    app.setAttribute('inert', '');
    app.dataset.firstFrame = frame.name;
    app.replaceChildren(content);
    return frame.name;
  }

  let started = false;
  function start() {
    if (started) return;
    started = true;
    const module = document.createElement('script');
    module.type = 'module';
    module.crossOrigin = 'anonymous';
    module.src = entry;
    document.head.append(module);
  }

  const drawn = draw();
  if (drawn === null) {
    start();
    return;
  }
  // The first task after the frame: read by the window bench, like the hello world's mark.
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.mark('casebook:lock-drawn', { detail: { from: 'first-frame', frame: drawn } });
      start();
    }, 0),
  );
  // A window that is not drawn (hidden, minimised) gets no animation frame: start all the same.
  setTimeout(start, 300);
})();
