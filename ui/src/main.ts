import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('Casebook: the #app element is missing from index.html');

// Linux (WebKitGTK) gets font stacks of the fonts Linux has: see `:root.linux` in app.css.
if (/Linux/.test(navigator.userAgent) && !/Android/.test(navigator.userAgent)) {
  document.documentElement.classList.add('linux');
}

// Marks read by the window bench (tests/e2e/bench): when the page's code ran and when the app
// was mounted, beside the navigation's own timings.
performance.mark('casebook:script');
// The lock screen public/first-frame.js drew from the page before this code loaded: the app draws
// the same screen live in its place, in this task and its microtasks (the session takes the page's
// status synchronously on mount), so no frame falls between the two.
if (target.dataset.firstFrame !== undefined) {
  target.replaceChildren();
  target.removeAttribute('inert');
  delete target.dataset.firstFrame;
}
const app = mount(App, { target });
performance.mark('casebook:mounted');
export default app;
