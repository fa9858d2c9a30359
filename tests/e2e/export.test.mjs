// A de-identified supervision summary of a demo case, exported through the real window as
// Markdown and as PDF. The app starts with `--export-dir` (a test-only option), so the save
// dialog, which WebDriver cannot drive, is skipped and the files land in a known folder; the test
// then reads them and checks that the client's name is gone and the headings are there. A word the
// engine cannot place is flagged, and the export waits until the therapist decides on it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, scrollTo, click } from './app.mjs';

const CLIENT = 'Blake Specimen';

function pdftotext(file) {
  try {
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', timeout: 20000 });
  } catch {
    return null; // no poppler-utils here
  }
}

/** Previews, confirms, and waits for the saved message; answers the file written. */
async function exportAs(s, dir, format) {
  await click(s, `export-format-${format}`);
  await click(s, 'export-preview-button');
  await s.waitFor('[data-testid="export-preview"]', { timeout: 30000 });
  await click(s, 'export-write');
  await click(s, 'export-confirm');
  const done = await s.waitForText('[data-testid="export-done"]', (t) => /Saved/.test(t), { timeout: 30000 });
  assert.match(done, /Saved \(\d+ bytes, \d+ redactions\)/);
  const extension = format === 'pdf' ? '.pdf' : '.md';
  const files = readdirSync(dir).filter((f) => f.endsWith(extension));
  assert.equal(files.length, 1, `one ${extension} file written`);
  return join(dir, files[0]);
}

test('a de-identified supervision summary is exported as Markdown and PDF', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-export-'));
  const app = await launch({ args: ['--export-dir', dir] });
  const s = app.session;
  try {
    await click(s, 'open-demo');
    await s.waitForText('[data-testid="demo-passphrase"]', (t) => t.length > 0, { timeout: 30000 });
    await click(s, 'demo-continue');
    await s.waitFor('[data-testid="case-row"]');
    await s.execute(
      `[...document.querySelectorAll('[data-testid="case-row"]')].find((r) => r.textContent.includes(arguments[0]))?.click();`,
      [CLIENT],
    );
    await s.waitForText('[data-testid="case-title"]', (t) => t.includes(CLIENT));

    await click(s, 'export-button');
    await s.waitFor('[data-testid="export-dialog"]');

    // The question is required.
    await click(s, 'export-preview-button');
    await s.waitFor('[data-testid="error-question"]');
    assert.equal((await s.findAll('[data-testid="export-preview"]')).length, 0);
    await (await s.find('[data-testid="export-question"]')).type('How do I help Blake keep the focus on anxiety rather than performance at Heronfield, with Marlowe watching?');

    // Markdown: the preview marks every redaction; nothing is written before confirming.
    await click(s, 'export-format-markdown');
    await click(s, 'export-preview-button');
    // The client's name in the question itself is found and highlighted.
    await s.waitFor('[data-testid="export-preview"] [data-testid="redaction"]', { timeout: 30000 });
    const preview = await (await s.find('[data-testid="export-preview"]')).property('textContent');
    assert.ok(!preview.includes(CLIENT), 'the preview is de-identified');
    const heading = (await (await s.find('[data-testid="export-preview"] [data-section="question"] h4')).text()).trim();
    assert.ok(heading.length > 0);

    // The therapist selects a word the engine could not know and redacts it everywhere.
    const before = (await s.findAll('[data-testid="export-preview"] [data-testid="redaction"]')).length;
    await s.execute(`
      const root = document.querySelector('[data-testid="export-preview"] [data-section="question"]');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode())) {
        const at = node.data.indexOf('Heronfield');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'Heronfield'.length);
        const selection = document.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        break;
      }
    `);
    await s.waitFor('[data-testid="redact-selection"]:not([disabled])');
    await click(s, 'redact-selection');
    await s.waitForText('[data-testid="export-preview"] [data-section="question"]', (t) => !t.includes('Heronfield'), { timeout: 30000 });
    const after = (await s.findAll('[data-testid="export-preview"] [data-testid="redaction"]')).length;
    assert.ok(after > before, 'the therapist\'s redaction is highlighted');

    // "Marlowe" is in no dictionary and the notebook does not hold it: a flag, shown as written,
    // and the export waits for the therapist's decision.
    await s.waitForText('[data-testid="flag-count"]', (t) => /1 to review/.test(t));
    const flag = await s.find('[data-testid="export-preview"] [data-testid="flag"]');
    assert.equal((await flag.text()).trim(), 'Marlowe');
    assert.equal(await (await s.find('[data-testid="export-write"]')).property('disabled'), true, 'export waits for the flag');
    await click(s, 'mark-next');
    await s.waitForText('[data-testid="current-mark"]', (t) => t.includes('Marlowe') && /dictionary/.test(t));
    await scrollTo(s, '[data-testid="export-preview"]');
    const bar = await s.execute(`return document.querySelector('[data-testid="current-mark"]').getBoundingClientRect().top`);
    assert.ok(bar >= 0, 'the review bar stays in view while reading');
    await app.shot('export-01-preview');
    await click(s, 'current-accept');
    await s.waitForText('[data-testid="flag-count"]', (t) => /Nothing left to review/.test(t), { timeout: 30000 });
    await s.waitForText('[data-testid="export-preview"] [data-section="question"]', (t) => !t.includes('Marlowe'));
    assert.equal(await (await s.find('[data-testid="export-write"]')).property('disabled'), false, 'decided: the export is open');
    assert.equal(readdirSync(dir).length, 0, 'nothing written before confirming');

    const md = readFileSync(await exportAs(s, dir, 'markdown'), 'utf8');
    assert.ok(!md.includes(CLIENT), 'the Markdown does not name the client');
    assert.ok(!md.includes('Blake'), "the Markdown does not hold the client's first name");
    assert.ok(md.includes(heading), `the Markdown has the "${heading}" heading`);
    assert.ok(md.includes('keep the focus on anxiety'), 'the Markdown holds the question');
    assert.ok(!md.includes('Heronfield'), "the therapist's own redaction holds in the file");
    assert.ok(!md.includes('Marlowe'), 'the accepted flag is redacted in the file');
    await app.shot('export-02-done');

    // PDF.
    const pdfFile = await exportAs(s, dir, 'pdf');
    const pdf = readFileSync(pdfFile);
    assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
    const text = pdftotext(pdfFile);
    if (text !== null) {
      assert.ok(!text.includes(CLIENT), 'the PDF does not name the client');
      assert.ok(!text.includes('Blake'), "the PDF does not hold the client's first name");
      assert.ok(!text.includes('Heronfield'), "the therapist's own redaction holds in the PDF");
      assert.ok(text.replace(/\s+/g, ' ').includes(heading), `the PDF has the "${heading}" heading`);
    }
  } catch (err) {
    await app.shot('export-zz-failure');
    const shown = await s.execute(`return document.querySelector('[data-testid="export-dialog"]')?.innerText ?? ''`);
    console.log(`The export section at the failure:\n${shown}`);
    throw err;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
