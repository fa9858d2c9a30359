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
const app = mount(App, { target });
performance.mark('casebook:mounted');
export default app;
