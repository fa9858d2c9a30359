// Shared by the build-time renderer (render.ts) and the page's loader (public/first-frame.js
// repeats these two values, its test checking they agree; the window test's helper in
// tests/e2e/app.mjs repeats them too, and fails if they differ).

/** Stands for the notebook's folder in the rendered frames; the loader puts the real one in. */
export const FIRST_FRAME_FOLDER = 'casebook-first-frame-folder';

/** The frames, each a `<template id="first-frame-NAME">` in the built index.html. */
export type FirstFrameName = 'unlock' | 'demo' | 'create';
