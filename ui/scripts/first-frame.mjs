// After `vite build`: writes the lock screen's first frame into dist/index.html (issue 13's cold
// start). The frames are rendered from the app's own components (src/first-frame/render.ts,
// built for Node here), one <template> per status the page can start in; the app's module is
// preloaded instead of run, and public/first-frame.js draws the frame that fits the status the
// shell wrote into the page, then starts the app after that frame.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const ui = fileURLToPath(new URL('..', import.meta.url));
const out = `${ui}node_modules/.casebook-first-frame`;
const page = `${ui}dist/index.html`;

await build({
  root: ui,
  logLevel: 'warn',
  build: { ssr: 'src/first-frame/render.ts', outDir: out, emptyOutDir: true, copyPublicDir: false },
});
const { firstFrames } = await import(pathToFileURL(`${out}/render.js`).href);
const frames = Object.entries(firstFrames());
rmSync(out, { recursive: true, force: true });

const html = readFileSync(page, 'utf8');
const entryTag = /<script type="module" crossorigin src="(\.\/assets\/index-[\w-]+\.js)"><\/script>/;
const entry = entryTag.exec(html)?.[1];
if (!entry) throw new Error('first-frame: dist/index.html has no entry module script to defer');
if (!html.includes('</body>')) throw new Error('first-frame: dist/index.html has no </body>');

// The frame is only looked at: no test id, so a test never finds an element about to be replaced,
// and none of the markers Svelte leaves for hydration (the app mounts afresh).
const bare = (markup) => markup.replace(/ data-testid="[^"]*"/g, '').replace(/<!--[^]*?-->/g, '');
const templates = frames.map(([name, markup]) => `<template id="first-frame-${name}">${bare(markup)}</template>`).join('');
writeFileSync(
  page,
  html
    .replace(entryTag, `<link rel="modulepreload" crossorigin href="${entry}">`)
    .replace('</body>', `${templates}<script src="./first-frame.js" data-entry="${entry}"></script></body>`),
);
console.log(`first-frame: ${frames.length} frames written into dist/index.html`);
