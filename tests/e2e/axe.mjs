// Accessibility checks in the real window with axe-core. The script comes from the repository's
// node_modules (a devDependency of the root package.json, installed by `npm ci`): nothing is
// fetched while the tests run. It is injected into the page through WebDriver's executeScript,
// again whenever the page was replaced (a lock reloads it).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The impacts a test fails on. */
export const BLOCKING = ['serious', 'critical'];

/** Puts axe into the current page unless it is already there. */
export async function injectAxe(s) {
  const present = await s.execute(`return typeof window.axe === 'object' && typeof window.axe.run === 'function';`);
  if (present) return;
  await s.execute(`${AXE_SOURCE}\n;return typeof window.axe === 'object';`);
  const ready = await s.execute(`return typeof window.axe === 'object' && typeof window.axe.run === 'function';`);
  if (!ready) throw new Error('axe-core did not load into the page');
}

/**
 * Runs axe on the whole page and answers its violations, each with the rule, its impact, the help
 * text and every failing node's CSS target and summary. `only` limits the run to some rules
 * (e.g. ['color-contrast']).
 */
export async function axeViolations(s, { only = null } = {}) {
  await injectAxe(s);
  // Colour contrast reads every text node's computed colours: slow under software rendering.
  await s.cmd('POST', '/timeouts', { script: 120000 });
  const options = { resultTypes: ['violations'] };
  if (only) options.runOnly = { type: 'rule', values: only };
  const answer = await s.executeAsync(
    `const done = arguments[arguments.length - 1];
     window.axe
       .run(document, arguments[0])
       .then((results) =>
         done({
           violations: results.violations.map((v) => ({
             id: v.id,
             impact: v.impact,
             help: v.help,
             nodes: v.nodes.map((n) => ({
               target: n.target.map(String).join(' '),
               impact: n.impact,
               summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 400),
               html: n.html.slice(0, 200),
             })),
           })),
         }),
       )
       .catch((error) => done({ error: String(error && error.stack || error) }));`,
    [options],
  );
  if (answer.error) throw new Error(`axe failed: ${answer.error}`);
  return answer.violations;
}

/** The violations of `BLOCKING` impact, as readable lines (empty when there are none). */
export function describe(violations, impacts = BLOCKING) {
  const lines = [];
  for (const v of violations) {
    const nodes = v.nodes.filter((n) => impacts.includes(n.impact ?? v.impact));
    if (nodes.length === 0) continue;
    lines.push(`${v.id} (${v.impact}): ${v.help}`);
    for (const n of nodes) lines.push(`    ${n.target}\n      ${n.summary}\n      ${n.html}`);
  }
  return lines;
}

/**
 * Forces the dark palette whatever the system asks: the app's colours follow only
 * `prefers-color-scheme`, which WebDriver cannot emulate in WebKitGTK, so the rules inside every
 * `@media (prefers-color-scheme: dark)` block are copied, unconditionally, to the end of their
 * style sheet through the CSSOM (and `color-scheme: dark` set on the root). `lightTheme` removes
 * them again.
 */
export async function darkTheme(s) {
  const [copied, before, after] = await s.execute(
    `const bg = () => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim();
     if (window.__e2eDark) return [window.__e2eDark.length, '', bg()];
     const before = bg();
     const added = [];
     for (const sheet of [...document.styleSheets]) {
       let rules;
       try { rules = [...sheet.cssRules]; } catch { continue; }
       for (const rule of rules) {
         if (!(rule instanceof CSSMediaRule)) continue;
         if (!/prefers-color-scheme:\\s*dark/.test(rule.media.mediaText)) continue;
         for (const inner of [...rule.cssRules]) {
           const at = sheet.insertRule(inner.cssText, sheet.cssRules.length);
           added.push(sheet.cssRules[at]);
         }
       }
     }
     document.documentElement.style.colorScheme = 'dark';
     window.__e2eDark = added;
     return [added.length, before, bg()];`,
  );
  if (!copied) throw new Error('no dark palette found in the style sheets');
  if (before === after) throw new Error(`the dark palette did not apply (--bg stayed ${after})`);
}

export async function lightTheme(s) {
  await s.execute(
    `for (const rule of window.__e2eDark ?? []) {
       const sheet = rule.parentStyleSheet;
       const at = sheet ? [...sheet.cssRules].indexOf(rule) : -1;
       if (at >= 0) sheet.deleteRule(at);
     }
     window.__e2eDark = null;
     document.documentElement.style.colorScheme = '';`,
  );
}
