// Search through the real window (issue 14): a word from a session note typed into Ctrl+K finds
// the note, ranked and marked in its snippet; Enter opens the note with the word highlighted and
// scrolled into view; a typing slip is a plain message; the words are gone after a lock.
// Screenshots of the results and of the highlighted note land in artifacts/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, createNotebook, setValue, unlockWith, PASSPHRASE, click, type } from './app.mjs';
import { Keys } from './webdriver.mjs';

test('a word from a session note is found with Ctrl+K and opens the note highlighted', async () => {
  const app = await launch();
  const s = app.session;
  try {
    await createNotebook(s);

    // A case and its intake session note holding the words.
    await click(s, 'new-case');
    await type(s, 'client-fullName', 'Zoë Searchcase');
    await click(s, 'difficulty-vaginismus');
    await click(s, 'create-case');
    await s.waitFor('[data-testid="case-page"]');
    await click(s, 'section-intake');
    await click(s, 'write-intake-session');
    await setValue(s, '[data-testid="session-start"]', '09:00');
    await setValue(s, '[data-testid="session-end"]', '09:50');
    const parts = await s.findAll('[data-testid="session-form"] textarea[name^="body."]');
    await parts[0].type('She first noticed vaginismus after childbirth, when penetration became frightening.');
    await click(s, 'session-save');
    await s.waitFor('[data-testid="intake-session-recorded"]');
    await click(s, 'nav-cases');
    await s.waitFor('[data-testid="case-row"]');

    // Ctrl+K from anywhere, a word: the note comes back with the word marked.
    await s.chord(Keys.CONTROL, 'k');
    await type(s, 'search-input', 'CHILDBIRTH');
    const hit = await s.waitForText('[data-testid="search-hit"]', (t) => t.includes('childbirth'));
    assert.match(hit, /Session note · Subjective/);
    const marked = await s.execute(
      `return [...document.querySelectorAll('[data-testid="search-hit"] mark')].map((m) => m.textContent);`,
    );
    assert.deepEqual(marked, ['childbirth']);
    // Accents do not matter, and a client's name finds the case.
    await (await s.find('[data-testid="search-input"]')).clear();
    await type(s, 'search-input', 'zoe');
    await s.waitForText('[data-testid="search-hit"]', (t) => t.includes('Case') && t.includes('Client'));
    // A typing slip is a plain sentence, not a database error.
    await (await s.find('[data-testid="search-input"]')).clear();
    await type(s, 'search-input', '"vaginismus after');
    const slip = await s.waitForText('[data-testid="search-dialog"] [data-testid="error-banner"]', (t) => t.length > 0);
    assert.match(slip, /quotation marks/);
    assert.ok(!/fts5|sqlite|syntax/i.test(slip), slip);
    // A phrase, then Enter opens the best hit.
    await (await s.find('[data-testid="search-input"]')).clear();
    await type(s, 'search-input', '"vaginismus after childbirth"');
    await s.waitForText('[data-testid="search-hit"]', (t) => t.includes('childbirth'));
    await app.shot('search-01-results');
    await (await s.find('[data-testid="search-input"]')).type(Keys.ENTER);

    await s.waitGone('[data-testid="search-dialog"]');
    await s.waitFor('[data-testid="session-detail"]');
    const section = await s.execute(`return document.querySelector('[data-testid="case-section"]').dataset.section;`);
    assert.equal(section, 'sessions');
    await s.waitForText('[data-testid="search-marking"]', (t) => /marked below/.test(t));
    const ranges = await s.execute(
      `const h = CSS.highlights.get('search-hit');
       return h ? [...h].map((r) => r.toString()) : null;`,
    );
    assert.deepEqual(ranges, ['vaginismus after childbirth'], 'the phrase is highlighted in the open note');
    const inView = await s.execute(
      `const r = [...CSS.highlights.get('search-hit')][0].getBoundingClientRect();
       return r.top >= 0 && r.bottom <= window.innerHeight;`,
    );
    assert.ok(inView, 'the match is scrolled into view');
    await app.shot('search-02-highlighted-note');

    // Locking drops the search: after unlocking, the dialog opens empty.
    await click(s, 'lock-button');
    await s.waitFor('[data-testid="unlock-form"]');
    await unlockWith(s, PASSPHRASE);
    await s.waitFor('[data-testid="app-shell"]');
    await s.chord(Keys.CONTROL, 'k');
    const input = await s.waitFor('[data-testid="search-input"]');
    assert.equal(await input.property('value'), '');
    const highlights = await s.execute(`return CSS.highlights.size;`);
    assert.equal(highlights, 0);
  } finally {
    await app.close();
  }
});
