// One config for the dev server, the release build (ui/dist, loaded by the Tauri shell from its
// own origin) and Vitest. Nothing here may point at a remote origin: the window runs offline
// under a CSP of `default-src 'self'`.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Keeps the bundle free of web addresses. Svelte's runtime errors end with a link to their
 * documentation; the link is rewritten without its scheme (the error code stays readable), and
 * the build fails if any other http(s) address is left, XML namespace names aside. Nothing is
 * ever fetched from these strings, but an offline app should not even carry them.
 */
function offlineBundle(): Plugin {
  const allowed = /^https?:\/\/www\.w3\.org\//;
  return {
    name: 'casebook-offline-bundle',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        let text: string;
        if (file.type === 'chunk') {
          file.code = file.code.replaceAll('https://svelte.dev/e/', 'svelte.dev/e/');
          text = file.code;
        } else if (typeof file.source === 'string') {
          text = file.source;
        } else {
          text = new TextDecoder().decode(file.source);
        }
        const found = (text.match(/https?:\/\/[^\s"'`)<>]*/g) ?? []).filter((url) => !allowed.test(url));
        if (found.length > 0) {
          this.error(`${file.fileName} holds web addresses: ${[...new Set(found)].join(', ')}`);
        }
      }
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [svelte(), svelteTesting(), offlineBundle()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK / WKWebView on Linux and macOS, WebView2 on Windows.
    target: ['es2022', 'safari15', 'chrome105'],
    sourcemap: false,
    // zxcvbn's dictionaries are one large chunk by nature, loaded lazily; the app itself is small.
    chunkSizeWarningLimit: 2048,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['./src/test/setup.ts'],
    // The UI's tests run against the real engine (src/test/engine.ts): built once, here.
    globalSetup: ['./src/test/global-setup.ts'],
    restoreMocks: true,
    // The first test of a file that opens the notebook includes Vite transforming the screens
    // past the lock screen (a chunk of their own): seconds on 2 cores while other files run.
    testTimeout: 15000,
  },
});
