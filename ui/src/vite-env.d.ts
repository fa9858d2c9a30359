/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set (to anything) to preview the window in a browser against the in-memory backend. */
  readonly VITE_FAKE_BACKEND?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
