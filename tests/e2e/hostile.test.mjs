// The page is untrusted (RELIABILITY.md R24, R27, R20): a script in the real window calls the
// commands directly, as an attacker's injected script would, with extra arguments, wrong types,
// huge and odd strings and paths aimed at the notebook's own files. Every answer is the typed
// error shape (never a framework string, never an echo of the value), nothing is written where it
// should not be, and the notebook's key files are byte-identical afterwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
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

/** Every file below `dir` (not following links) that holds `text` in UTF-8 or UTF-16. */
function filesHolding(dir, text) {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  const found = [];
  const walk = (d) => {
    let entries = [];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile() && statSync(path).size < 512 * 1024 * 1024) {
        const bytes = readFileSync(path);
        if (needles.some((n) => bytes.includes(n))) found.push(path);
      }
    }
  };
  if (statSync(dir).isFile()) {
    const bytes = readFileSync(dir);
    if (needles.some((n) => bytes.includes(n))) found.push(dir);
  } else {
    walk(dir);
  }
  return found;
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
  const tmpBefore = new Set(readdirSync(tmpdir()));
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
      return listed.value.total;
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
      ['list_cases', { filter, limit: -1 }],
      ['list_cases', { filter, limit: 2 ** 40 }],
      ['list_cases', { filter, limit: CANARY }],
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

    // R2 with search (issue 14): the canary, the client's name, is searched for and found, and a
    // malformed or oversized search is a typed refusal that does not echo it. The scan at the
    // end checks that no search left it in a file.
    const searches = await invokeAll(s, [
      ['search', { request: { text: CANARY } }],
      ['search', { request: { text: `"${CANARY}` } }],
      ['search', { request: { text: `${CANARY} NEAR(` } }],
      ['search', { request: { text: CANARY.repeat(200_000) } }],
      ['search', { request: { text: CANARY, [CANARY]: true } }],
    ]);
    assert.ok(searches[0].ok && searches[0].value.hits.some((h) => h.caseId === caseId), JSON.stringify(searches[0]));
    for (const [i, a] of searches.slice(1).entries()) {
      assert.equal(a.ok, false, `malformed search ${i} refused`);
      assertTyped(a, `search ${i}`);
      assert.equal(a.error.kind, 'invalid', JSON.stringify(a.error));
    }
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

    // Random JSON for every argument of every command (seeded, so a failure repeats): a typed
    // error or a valid answer, never a framework string, never an echo. Last, as a random
    // passphrase counts as a failed attempt.
    const table = readFileSync(new URL('../../src-tauri/src/command_names.rs', import.meta.url), 'utf8')
      .split('COMMAND_ARGS')[1];
    const argsOf = Object.fromEntries(
      [...table.matchAll(/\("(\w+)", &\[([^\]]*)\]\)/g)].map(([, name, list]) => [name, [...list.matchAll(/"(\w+)"/g)].map((m) => m[1])]),
    );
    assert.equal(Object.keys(argsOf).length, all.length, 'every command has an argument list');
    let seed = 20261201;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = (list) => list[Math.floor(random() * list.length)];
    const value = (depth) => {
      const r = random();
      if (depth > 2 || r < 0.45) return pick([null, true, 0, -1, 7, 2 ** 40, 1.5, '', CANARY, 'open', 'soap', '2025-01-31', '\u0000' + CANARY]);
      if (r < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 5) }, () => [pick(['id', 'kind', 'fullName', 'client', 'body', CANARY]), value(depth + 1)]),
      );
    };
    const skip = new Set(['lock', 'open_demo_notebook', 'create_notebook']);
    const randomCalls = [];
    for (const command of all.filter((c) => !skip.has(c) && argsOf[c].length > 0)) {
      for (let i = 0; i < 8; i++) randomCalls.push([command, Object.fromEntries(argsOf[command].map((a) => [a, value(0)]))]);
    }
    const randomAnswers = await invokeAll(s, randomCalls);
    randomAnswers.forEach((a, i) => assertTyped(a, `${randomCalls[i][0]} ${JSON.stringify(randomCalls[i][1])}`));
    console.log(`R24: ${randomCalls.length} random calls to ${new Set(randomCalls.map((c) => c[0])).size} commands: ${randomAnswers.filter((a) => !a.ok).length} typed refusals, ${randomAnswers.filter((a) => a.ok).length} valid answers, 0 untyped`);
    keyFiles.forEach((f, i) => assert.ok(readFileSync(f).equals(keysBefore[i]), `${f} changed`));
    await app.shot('hostile-01-after');
    // The window still works after all that.
    await s.waitFor('[data-testid="app-shell"]');
  } finally {
    await app.session.end();
  }
  try {
    // R2 and R20 for this session: the canary typed into every call above is on disk nowhere the
    // app wrote (the notebook folder, its data and log folder, WebKit's data and caches, the
    // temporary folder), nor in its standard error; nothing was exported.
    const places = [
      app.notebook,
      process.env.XDG_DATA_HOME,
      process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache', 'org.casebook.desktop'),
      // What appeared in the temporary folder during this test (the app's, WebKit's, ours).
      ...readdirSync(tmpdir()).filter((n) => !tmpBefore.has(n)).map((n) => join(tmpdir(), n)),
    ].filter((p) => p && existsSync(p));
    const holding = places.flatMap((p) => filesHolding(p, CANARY));
    assert.deepEqual(holding, [], 'client text was written in plain text');
    const stderr = join(process.env.CASEBOOK_E2E_ARTIFACTS ?? 'tests/e2e/artifacts', 'tauri-driver.log');
    if (existsSync(stderr)) {
      const text = readFileSync(stderr, 'utf8');
      assert.ok(!text.includes('Canary'), 'client text reached standard error');
      assert.ok(!text.includes('Error reading the log directory'), 'the log folder is created before it is read');
    }
    console.log(`R2/R20: ${places.length} places scanned for the canary: 0 files hold it, 0 lines of stderr`);
  } finally {
    rmSync(app.folder, { recursive: true, force: true });
    rmSync(exportDir, { recursive: true, force: true });
  }
});
