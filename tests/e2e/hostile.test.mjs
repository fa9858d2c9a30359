// The page is untrusted (RELIABILITY.md R24, R27, R20): a script in the real window calls the
// commands directly, as an attacker's injected script would, with extra arguments, wrong types,
// huge and odd strings and paths aimed at the notebook's own files. Every answer is the typed
// error shape (never a framework string, never an echo of the value), nothing is written where it
// should not be, and the notebook's key files are byte-identical afterwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, createNotebook } from './app.mjs';

const CANARY = 'Zqx Canary Vuyelwa';
const KINDS = ['locked', 'wrong_passphrase', 'throttled', 'not_found', 'invalid', 'workflow', 'conflict', 'storage', 'corrupt', 'incompatible'];

/** Runs the calls in the page, one after another; answers { ok, value } or { ok: false, error }. */
async function invokeAll(s, calls) {
  return s.executeAsync(
    `const done = arguments[arguments.length - 1];
     const calls = arguments[0];
     (async () => {
       const out = [];
       for (const [command, args, hugeBytes] of calls) {
         let payload = args;
         if (hugeBytes) payload = { ...args, input: 'x'.repeat(hugeBytes) };
         try {
           out.push({ ok: true, value: await window.__TAURI_INTERNALS__.invoke(command, payload) });
         } catch (error) {
           out.push({ ok: false, error });
         }
       }
       return out;
     })().then(done, (e) => done([{ ok: false, error: String(e) }]));`,
    [calls],
  );
}

function assertTyped(answer, label) {
  if (answer.ok) return;
  const e = answer.error;
  assert.equal(typeof e, 'object', `${label}: a typed error, not ${JSON.stringify(e)}`);
  assert.ok(e !== null && KINDS.includes(e.kind), `${label}: kind ${JSON.stringify(e)}`);
  assert.equal(typeof e.message, 'string', label);
  assert.ok(!JSON.stringify(e).includes('Canary'), `${label}: the error echoes the input: ${JSON.stringify(e)}`);
}

test('hostile calls from the page get typed errors and write nothing', async () => {
  const exportDir = mkdtempSync(join(tmpdir(), 'casebook-hostile-export-'));
  const app = await launch({ args: ['--export-dir', exportDir] });
  const s = app.session;
  try {
    await s.cmd('POST', '/timeouts', { script: 180000 });
    await createNotebook(s);
    const keyFiles = ['notebook.key', 'notebook.key.copy'].map((f) => join(app.notebook, f));
    const keysBefore = keyFiles.map((f) => readFileSync(f));
    const [difficulties] = await invokeAll(s, [['list_difficulties', {}]]);
    assert.ok(difficulties.ok, JSON.stringify(difficulties));
    const code = difficulties.value[0].code;
    const today = new Date().toISOString().slice(0, 10);
    const newCase = {
      client: { fullName: CANARY, lacksCapacity: false },
      firstContactOn: today,
      difficulties: [code],
      hasPartner: false,
    };
    const filter = { status: null, stage: null, name: null };
    const count = async () => {
      const [listed] = await invokeAll(s, [['list_cases', { filter }]]);
      assert.ok(listed.ok, JSON.stringify(listed));
      return listed.value.length;
    };
    assert.equal(await count(), 0);

    // An extra top-level argument: refused, and no case is created.
    const [extra] = await invokeAll(s, [['create_case', { input: newCase, owner: CANARY }]]);
    assert.equal(extra.ok, false);
    assertTyped(extra, 'extra argument');
    assert.equal(extra.error.field, 'arguments');
    assert.equal(await count(), 0, 'a refused call created a case');

    // Wrong shapes, huge numbers, NULs, unknown variants and fields, missing arguments.
    const malformed = [
      ['create_case', { input: { ...newCase, client: { ...newCase.client, ageBand: CANARY } } }],
      ['create_case', { input: { ...newCase, [CANARY]: true } }],
      ['create_case', { input: { ...newCase, difficulties: CANARY } }],
      ['create_case', { input: CANARY }],
      ['create_case', {}],
      ['create_case', [newCase]],
      ['create_case', CANARY],
      ['get_case', { id: CANARY }],
      ['get_case', { id: -1 }],
      ['get_case', { id: 1e300 }],
      ['get_case', { id: 2 ** 53 }],
      ['get_case', { id: null }],
      ['list_cases', { filter: { ...filter, status: CANARY } }],
      ['audit_log', { page: -5 }],
      ['update_settings', { settings: { therapistName: CANARY, autoLockMinutes: 1e9 } }],
      ['update_settings', { settings: { therapistName: 'a\u0000b' + CANARY, autoLockMinutes: 10 } }],
      ['sign_record', { record: { kind: CANARY, id: 1 }, input: {} }],
      ['save_draft', { key: CANARY, text: CANARY }],
      ['unlock', { passphrase: 42 }],
      ['touch', { nonsense: CANARY }],
      ['verify_notebook', { x: 1 }],
    ];
    const answers = await invokeAll(s, malformed);
    answers.forEach((a, i) => {
      assertTyped(a, JSON.stringify(malformed[i][0]));
      assert.equal(a.ok, false, `${malformed[i][0]} with ${JSON.stringify(malformed[i][1])} was accepted`);
    });

    // Huge strings: over the 4 MB limit for one call (up to 100 MB), refused before any command.
    const huge = await invokeAll(s, [
      ['create_case', {}, 5 * 1024 * 1024],
      ['save_draft', {}, 100 * 1024 * 1024],
    ]);
    for (const a of huge) {
      assertTyped(a, 'huge');
      assert.equal(a.ok, false);
      assert.match(a.error.message, /too large/);
    }
    assert.equal(await count(), 0);

    // The page cannot aim an export at a file: a path argument is refused outright.
    const [made] = await invokeAll(s, [['create_case', { input: newCase }]]);
    assert.ok(made.ok, `a well-formed call still works: ${JSON.stringify(made)}`);
    const caseId = made.value.id;
    const options = {
      question: 'How to pace the work?',
      sections: ['question'],
      identification: 'de_identified',
      includeProcessNotes: false,
      extraRedactions: [],
      undoneRedactions: [],
    };
    const targets = [
      ...keyFiles,
      join(app.notebook, 'notebook.db'),
      join(exportDir, '..', 'escape.md'),
      '/etc/passwd',
      'relative.md',
    ];
    const exportCalls = targets.flatMap((path) => [
      ['export_supervision_summary', { request: { caseId, options, format: 'markdown', paper: 'a4', fingerprint: 'x' }, path }],
      ['export_referral_letter', { request: { referral: 1, presentingProblem: 'p', question: 'q', paper: 'a4' }, path }],
    ]);
    for (const [i, a] of (await invokeAll(s, exportCalls)).entries()) {
      assertTyped(a, `export ${i}`);
      assert.equal(a.ok, false, `an export with a path was accepted: ${JSON.stringify(exportCalls[i][1].path)}`);
      assert.equal(a.error.field, 'arguments');
    }
    assert.deepEqual(readdirSync(exportDir), [], 'nothing was exported');
    keyFiles.forEach((f, i) => assert.ok(readFileSync(f).equals(keysBefore[i]), `${f} changed`));

    // Every command, with an argument it does not take: typed, and nothing ran.
    const commands = await s.execute(`return Object.keys(window.__TAURI_INTERNALS__ ?? {}).length`);
    assert.ok(commands > 0, 'the IPC bridge is there');
    const all = JSON.parse(readFileSync(new URL('../../src-tauri/capabilities/default.json', import.meta.url), 'utf8'))
      .permissions.filter((p) => p.startsWith('allow-'))
      .map((p) => p.slice('allow-'.length).replaceAll('-', '_'));
    const sweep = await invokeAll(s, all.map((c) => [c, { [CANARY]: CANARY }]));
    sweep.forEach((a, i) => {
      assertTyped(a, all[i]);
      assert.equal(a.ok, false, `${all[i]} accepted an unknown argument`);
    });
    assert.equal(await count(), 1);
    await app.shot('hostile-01-after');
    // The window still works after all that.
    await s.waitFor('[data-testid="app-shell"]');
  } finally {
    await app.close();
    rmSync(exportDir, { recursive: true, force: true });
  }
});
