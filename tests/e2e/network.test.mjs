// Nothing leaves the machine, not even a name lookup (RELIABILITY.md R22, R23, R26). The app runs
// under `strace -f` (the app and every WebKit process it starts); a script injected into the real
// window tries every way out a page has: fetch, XHR, an image, an iframe, a srcdoc frame, a
// preconnect and a dns-prefetch link, a link clicked in place and in a new window, location,
// window.open, a form post, a WebSocket and a beacon. Afterwards the trace must show no connect
// to a non-loopback address, nothing to port 53 anywhere, and the resolver's configuration never
// read (glibc reads /etc/resolv.conf before its first lookup). A control first runs a real lookup
// (`getent hosts`) under the same trace, with every send failed by strace so nothing leaves, to
// show the detector sees one. (The name-service cache socket is not counted: GLib looks up the
// user's name through it too.) Skipped, with the reason printed, only where ptrace is not allowed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, createNotebook } from './app.mjs';
import { processTree } from './memory.mjs';

function ptraceWorks() {
  try {
    execFileSync('strace', ['-f', '-qq', '-o', '/dev/null', 'true'], { timeout: 10000 });
    return true;
  } catch {
    return false;
  }
}

const TRACE = ['-f', '-qq', '-s', '200', '-e', 'trace=connect,sendto,sendmsg,sendmmsg,openat'];

/** The detector sees a real lookup: `getent hosts` traced, its sends failed so nothing leaves. */
function controlLookupIsSeen(dir) {
  const log = join(dir, 'control');
  try {
    execFileSync('strace', [...TRACE, '-e', 'inject=connect,sendto,sendmsg,sendmmsg:error=ENETUNREACH', '-o', log,
      'getent', 'hosts', 'casebook-control.invalid-canary.example'], { timeout: 20000 });
  } catch {
    // getent fails to resolve, as it must with every send refused.
  }
  return leaks(readFileSync(log, 'utf8')).length > 0;
}

const HOSTS = Array.from({ length: 14 }, (_, i) => `casebook-leak-${i}.invalid-canary.example`);

/** The lines of a trace that show data leaving: non-loopback connects, port 53, NSS sockets. */
export function leaks(trace) {
  const bad = [];
  for (const line of trace.split('\n')) {
    if (/openat\(.*"\/etc\/resolv\.conf"/.test(line)) bad.push(line);
    if (!/\b(connect|sendto|sendmsg|sendmmsg)\(/.test(line)) continue;
    if (/htons\(53\)/.test(line)) bad.push(line);
    else if (/systemd\/resolve|io\.systemd\.Resolve/.test(line)) bad.push(line);
    else if (/sa_family=AF_INET,/.test(line) && !/inet_addr\("127\./.test(line)) bad.push(line);
    else if (/sa_family=AF_INET6,/.test(line) && !/inet_pton\(AF_INET6, "::1"\)/.test(line)) bad.push(line);
  }
  return bad;
}

test('an injected script cannot make the app look up a name or leave loopback', async (t) => {
  if (!ptraceWorks()) {
    t.skip('strace cannot trace here (ptrace is not permitted): R26 not checked on this machine');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'casebook-strace-'));
  assert.ok(controlLookupIsSeen(dir), 'the detector sees a name lookup made under strace');
  const log = join(dir, 'trace');
  const wrapper = join(dir, 'casebook-traced');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nexec strace ${TRACE.join(' ')} -o '${log}' '${process.env.CASEBOOK_E2E_APP}' "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  const previous = process.env.CASEBOOK_E2E_APP;
  process.env.CASEBOOK_E2E_APP = wrapper;
  const app = await launch();
  process.env.CASEBOOK_E2E_APP = previous;
  const s = app.session;
  try {
    await createNotebook(s);
    const tried = await s.executeAsync(
      `const done = arguments[arguments.length - 1];
       const hosts = arguments[0];
       const url = (i) => 'https://' + hosts[i] + '/canary';
       const attempts = [];
       const attempt = (name, f) => { try { f(); attempts.push(name); } catch (e) { attempts.push(name + ': ' + e); } };
       attempt('fetch', () => fetch(url(0)).catch(() => {}));
       attempt('xhr', () => { const x = new XMLHttpRequest(); x.open('GET', url(1)); x.send(); });
       attempt('img', () => { const i = new Image(); i.src = url(2); document.body.appendChild(i); });
       attempt('iframe', () => { const f = document.createElement('iframe'); f.src = url(3); document.body.appendChild(f); });
       attempt('srcdoc', () => { const f = document.createElement('iframe'); f.srcdoc = '<img src="' + url(4) + '">'; document.body.appendChild(f); });
       attempt('preconnect', () => { const l = document.createElement('link'); l.rel = 'preconnect'; l.href = url(5); document.head.appendChild(l); });
       attempt('dns-prefetch', () => { const l = document.createElement('link'); l.rel = 'dns-prefetch'; l.href = '//' + hosts[6]; document.head.appendChild(l); });
       attempt('websocket', () => { new WebSocket('wss://' + hosts[7] + '/'); });
       attempt('beacon', () => navigator.sendBeacon(url(8), 'x'));
       attempt('link-blank', () => { const a = document.createElement('a'); a.href = url(9); a.target = '_blank'; document.body.appendChild(a); a.click(); });
       attempt('window.open', () => window.open(url(10)));
       attempt('form', () => { const f = document.createElement('form'); f.method = 'post'; f.action = url(11); document.body.appendChild(f); f.submit(); });
       attempt('link-here', () => { const a = document.createElement('a'); a.href = url(12); document.body.appendChild(a); a.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })); a.click(); });
       setTimeout(() => { attempt('location', () => { location.href = url(13); }); setTimeout(() => done(attempts), 3000); }, 1500);`,
      [HOSTS],
    );
    assert.equal(tried.length, 14, JSON.stringify(tried));
    // The window is still the app, and still works.
    await s.waitFor('[data-testid="app-shell"]', { timeout: 10000 });
    const href = await s.execute('return location.href');
    assert.match(href, /^(tauri:\/\/localhost|http:\/\/tauri\.localhost)/);
    await app.shot('network-01-after-injection');
  } finally {
    // Ending the session stops strace, which may leave the traced app running: end it too, so
    // the next test's app is not taken for a second instance of this one.
    const left = processTree(app.notebook);
    await app.close();
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const traces = readdirSync(dir).filter((f) => f === 'trace').map((f) => readFileSync(join(dir, f), 'utf8'));
  const trace = traces.join('\n');
  rmSync(dir, { recursive: true, force: true });
  assert.ok(/connect\(/.test(trace), 'the trace saw the app connect to something (its display): strace worked');
  const found = leaks(trace);
  console.log(`R26: ${trace.split('\n').length} traced network calls; ${found.length} leaving loopback or looking up a name`);
  assert.deepEqual(found, [], 'network traffic left loopback or a name was looked up');
});
