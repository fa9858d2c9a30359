// Everyone can use it: axe-core (tests/e2e/axe.mjs) run in the real window on every screen, from
// the lock screen's forms to each section of a case, Settings and the search dialog, in the light
// palette (every rule) and the dark one (colour contrast, with the dark palette forced: see
// darkTheme), with no serious or critical violation allowed; and one case walked from first contact
// to a signed session note with the keyboard alone, focus always visible, never trapped, and Escape
// closing what opened.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  launch,
  setValue,
  chooseByText,
  dayFromToday,
  clickWhenSteady,
  click,
  type,
  openSection,
  writeSession,
  PASSPHRASE,
} from './app.mjs';
import { BLOCKING, axeViolations, darkTheme, describe, lightTheme } from './axe.mjs';
import { Keys, sleep } from './webdriver.mjs';
import { focused, press, tabTo, typeKeys } from './keyboard.mjs';

/**
 * Checks screens one after another and remembers every serious or critical violation, so that one
 * run lists them all; `assertClean` fails the test at the end with the list.
 */
function checker(s, app) {
  const found = [];
  const checked = [];
  // Moderate and minor findings do not fail the test; their rules are listed once at the end.
  const lesser = new Map();
  return {
    async check(name) {
      // Let loads finish and the 120 ms colour transitions end before reading colours.
      await sleep(400);
      const all = await axeViolations(s);
      for (const v of all.filter((v) => !BLOCKING.includes(v.impact))) {
        const rule = `${v.id} (${v.impact})`;
        lesser.set(rule, [...(lesser.get(rule) ?? []), `${name} [${v.nodes.map((n) => n.target).join(', ')}]`]);
      }
      const light = describe(all);
      await darkTheme(s);
      let dark;
      try {
        await sleep(400);
        dark = describe(await axeViolations(s, { only: ['color-contrast'] }));
      } finally {
        await lightTheme(s);
      }
      checked.push(name);
      const lines = [...light.map((l) => `  [light] ${l}`), ...dark.map((l) => `  [dark] ${l}`)];
      if (lines.length > 0) {
        found.push(`${name}:\n${lines.join('\n')}`);
        console.log(`# axe: ${name}\n${lines.join('\n')}`);
        app.shot(`a11y-${name}`);
      }
    },
    assertClean() {
      console.log(`# axe: ${checked.length} screens checked: ${checked.join(', ')}`);
      if (lesser.size > 0) {
        const seen = [...lesser].map(([rule, screens]) => `${rule} on ${screens.join('; ')}`).join('\n#   ');
        console.log(`# axe: moderate or minor, not failing: ${seen}`);
      }
      assert.equal(found.length, 0, `serious or critical accessibility violations:\n${found.join('\n')}`);
    },
  };
}

test('every screen has no serious or critical accessibility violation, light and dark', async () => {
  const backups = mkdtempSync(join(tmpdir(), 'casebook-e2e-a11y-backups-'));
  const exports = mkdtempSync(join(tmpdir(), 'casebook-e2e-a11y-exports-'));
  const app = await launch({ args: ['--backup-dir', backups, '--export-dir', exports] });
  const s = app.session;
  const axe = checker(s, app);
  try {
    // The lock screen: creating a notebook, with its errors, and the recovery code.
    await s.waitFor('[data-testid="create-passphrase"]');
    await axe.check('lock-create');
    await click(s, 'create-submit');
    await s.waitFor('[data-testid="lock-screen"] .field-error');
    await axe.check('lock-create-errors');
    await type(s, 'create-passphrase', PASSPHRASE);
    await type(s, 'create-confirm', PASSPHRASE);
    await click(s, 'create-submit');
    await s.waitFor('[data-testid="recovery-code"]', { timeout: 20000 });
    await axe.check('recovery-code');
    await click(s, 'recovery-saved');
    await click(s, 'recovery-continue');
    await s.waitFor('[data-testid="app-shell"]');
    await s.waitForText('[data-testid="cases-view"]', (t) => t.includes('No cases yet'));
    await axe.check('cases-empty');

    // Settings, each part of it; the name signatures carry, a backup, Verify, the audit log.
    await click(s, 'nav-settings');
    await (await s.waitFor('[data-testid="settings-name"]')).fill('Dr Ash Access');
    await axe.check('settings');
    await click(s, 'settings-save');
    await s.waitFor('[data-testid="settings-saved"]');
    await click(s, 'backup-choose-folder');
    await s.waitForText('[data-testid="backup-folder"]', (t) => t.includes(backups));
    await click(s, 'backup-now');
    await s.waitForText('[data-testid="backup-done"]', (t) => /verified/.test(t), { timeout: 60000 });
    await clickWhenSteady(s, '[data-testid="change-submit"]');
    await s.waitFor('[data-testid="settings-view"] .field-error');
    await clickWhenSteady(s, '[data-testid="recovery-new"]');
    await s.waitFor('[data-testid="recovery-passphrase"]');
    await clickWhenSteady(s, '[data-testid="verify-button"]');
    await s.waitFor('[data-testid="verify-ok"]', { timeout: 30000 });
    await clickWhenSteady(s, '[data-testid="audit-show"]');
    await s.waitFor('[data-testid="audit-entry"]');
    await axe.check('settings-saved-backup-verify-audit-errors');

    // The new case form, empty and with its errors, then the case.
    await click(s, 'nav-cases');
    await click(s, 'new-case');
    await s.waitFor('[data-testid="client-fullName"]');
    await axe.check('new-case');
    await click(s, 'create-case');
    await s.waitFor('[data-testid="new-case"] .field-error');
    await axe.check('new-case-errors');
    await type(s, 'client-fullName', 'Alex Accesscase');
    await setValue(s, '[data-testid="client-ageBand"]', '35_44');
    await click(s, 'difficulty-erectile_dysfunction');
    await type(s, 'referral-source', 'Self-referred');
    await click(s, 'has-partner');
    await click(s, 'create-case');
    await s.waitFor('[data-testid="case-page"]');
    await axe.check('case-overview');
    await openSection(s, 'details');
    await axe.check('case-details');

    // Intake: the section, the session note form, the intake completed.
    await openSection(s, 'intake');
    await axe.check('intake');
    await click(s, 'write-intake-session');
    await s.waitFor('[data-testid="session-form"]');
    await axe.check('intake-session-form');
    await click(s, 'session-save');
    await s.waitFor('[data-testid="session-form"] .field-error');
    await axe.check('intake-session-form-errors');
    await writeSession(s, '09:00', '09:50', 'Describes losing erections with a partner for a year.');
    await click(s, 'session-save');
    await s.waitFor('[data-testid="intake-session-recorded"]');
    await type(s, 'intake-presentingProblem', 'Loses his erection with his partner, not alone.');
    await type(s, 'intake-onsetCourse', 'Gradual, over the last year.');
    await type(s, 'intake-relationship', 'Close, some avoidance of intimacy lately.');
    await click(s, 'intake-complete');
    await axe.check('intake-form');
    await click(s, 'intake-save');
    await s.waitFor('[data-testid="intake-completed"]');
    await axe.check('intake-completed');

    // Partner and consents: the refusal, the consent, the partner's own consent.
    await openSection(s, 'partner');
    await axe.check('partner');
    await type(s, 'partner-fullName', 'Sam Accesscase');
    await click(s, 'partner-save');
    await s.waitForText('[data-testid="workflow-error"]', (t) => t.length > 0);
    await axe.check('partner-refused');
    await type(s, 'involvement-scope', 'The difficulty and the plan may be shared.');
    await click(s, 'secrets-limited');
    await click(s, 'involvement-save');
    await s.waitFor('[data-testid="consent"][data-kind="partner_involvement"][data-status="active"]');
    await click(s, 'partner-save');
    await s.waitForText('[data-testid="partner-name"]', (t) => t.includes('Sam Accesscase'));
    await s.waitFor('[data-testid="own-consent-form"]');
    await axe.check('partner-own-consent');
    await click(s, 'partner-role-collateral');
    await click(s, 'own-consent-save');
    await s.waitGone('[data-testid="own-consent-form"]');
    await axe.check('partner-done');
    await openSection(s, 'consents');
    await axe.check('consents');
    await click(s, 'add-consent');
    await axe.check('consent-form');

    // Medical liaison: the practitioner form, then (with a practitioner) the release form.
    await openSection(s, 'medical');
    await axe.check('medical');
    await clickWhenSteady(s, '[data-testid="add-practitioner"]');
    await s.waitGone('[data-testid="add-practitioner"]');
    await axe.check('medical-practitioner-form');
    await type(s, 'practitioner-name', 'Dr Lee General');
    await click(s, 'practitioner-save');
    await clickWhenSteady(s, '[data-testid="add-release"]');
    await s.waitFor('[data-testid="release-form"]');
    await axe.check('medical-release-form');
    await s.execute(
      `[...document.querySelectorAll('[data-testid="release-form"] button')].find((b) => /^Cancel/.test(b.textContent.trim()))?.click();`,
    );
    await s.waitFor('[data-testid="add-release"]');
    await click(s, 'rule-out-referred');
    await type(s, 'rule-out-note', 'Asked the GP to check vascular causes.');
    await click(s, 'rule-out-save');
    await s.waitForText('[data-testid="rule-out-status"]', (t) => t.includes('Referred'));
    await axe.check('medical-referred');

    // The formulation and the plan, as forms and as saved.
    await openSection(s, 'formulation');
    await s.waitFor('[data-testid="problem-statement"]');
    await type(s, 'problem-statement', 'Loses his erection at penetration with his partner.');
    await chooseByText(s, '[data-testid="factor-add-term"]', 'Performance anxiety');
    await type(s, 'nodal-point', 'Anticipates failure, watches himself, avoids.');
    await type(s, 'treatment-implications', 'Target the spectatoring first.');
    await axe.check('formulation-form');
    await click(s, 'formulation-save');
    await s.waitFor('[data-testid="formulation-summary"]');
    await axe.check('formulation-summary');

    await openSection(s, 'plan');
    await s.waitFor('[data-testid="goal-description"]');
    await type(s, 'goal-description', 'Less worry before intimacy.');
    await type(s, 'goal-measure', 'Self-rated worry 0-10');
    await type(s, 'goal-target', '3 or below');
    await setValue(s, '[name="goals.0.targetOn"]', dayFromToday(56));
    await chooseByText(s, '[data-testid="add-intervention"]', 'Sensate focus, stage 1');
    await click(s, 'intervention-goal-0-0');
    await setValue(s, '[data-testid="review-on"]', dayFromToday(42));
    await (await s.find('[data-testid="agreed-by"] input')).click();
    await axe.check('plan-form');
    await click(s, 'plan-save');
    await s.waitFor('[data-testid="plan-summary"]');
    await axe.check('plan-summary');

    // Sessions: the list, a new note, the saved note, signed, with an addendum form.
    await openSection(s, 'sessions');
    await axe.check('sessions');
    await click(s, 'new-session');
    await s.waitFor('[data-testid="session-form"]');
    await axe.check('session-form');
    await writeSession(s, '17:00', '17:50', 'Practised non-genital touch twice; less pressure.');
    await click(s, 'session-save');
    await s.waitFor('[data-testid="session-detail"]');
    await s.waitFor('[data-testid="sign-button"]');
    await axe.check('session-saved');
    await click(s, 'sign-button');
    await s.waitForText('[data-testid="signed-badge"]', (t) => t.includes('Dr Ash Access'));
    await click(s, 'addendum-button');
    await s.waitFor('[data-testid="addendum-reason"]');
    await axe.check('session-signed-addendum-form');

    // The other records of the case.
    await openSection(s, 'diagnoses');
    await axe.check('diagnoses');
    await click(s, 'add-diagnosis');
    await axe.check('diagnosis-form');
    await openSection(s, 'process');
    await axe.check('process-notes');
    await click(s, 'new-process-note');
    await axe.check('process-note-form');
    await openSection(s, 'measures');
    await s.waitFor('[data-testid="measures-view"]');
    await axe.check('measures-empty');
    await click(s, 'give-measure');
    await chooseByText(s, '[data-testid="measure-choice"]', 'PHQ-9');
    await s.waitFor('[data-testid="item-8-1"]');
    await s.execute(`document.querySelector('[data-testid="item-8-1"]').closest('label').click();`);
    await s.waitFor('[data-testid="risk-prompt"]');
    await axe.check('measure-form-phq9-risk');
    await chooseByText(s, '[data-testid="measure-choice"]', 'FSFI');
    await s.waitFor('[data-testid="score-entry"]');
    await axe.check('measure-form-score-entry');
    await openSection(s, 'history');
    await s.waitFor('[data-testid="case-history"]');
    await axe.check('history');

    // The supervision summary: the form, then its preview.
    await click(s, 'export-button');
    await s.waitFor('[data-testid="export-dialog"]');
    await axe.check('export');
    await type(s, 'export-question', 'How do I keep the focus on anxiety rather than performance?');
    await click(s, 'export-preview-button');
    await s.waitFor('[data-testid="export-preview"]', { timeout: 30000 });
    await axe.check('export-preview');

    // The search dialog: empty, with results, with a typing slip.
    await s.chord(Keys.CONTROL, 'k');
    await s.waitFor('[data-testid="search-input"]');
    await axe.check('search-empty');
    await type(s, 'search-input', 'erection');
    await s.waitFor('[data-testid="search-hit"]');
    await axe.check('search-results');
    await (await s.find('[data-testid="search-input"]')).fill('"erection');
    await s.waitFor('[data-testid="search-dialog"] [data-testid="error-banner"]');
    await axe.check('search-error');
    await s.chord(Keys.ESCAPE);
    await s.waitGone('[data-testid="search-dialog"]');

    // Closing: the form, then the closed case, read-only.
    await openSection(s, 'closing');
    await axe.check('closing');
    await type(s, 'discharge-summary', 'Worry reduced; relapse plan agreed.');
    await click(s, 'close-case');
    await s.waitFor('[data-testid="read-only-banner"]');
    await axe.check('case-closed');
    await click(s, 'back-to-cases');
    await s.waitFor('[data-testid="case-row"]');
    await axe.check('case-list');

    // Back at the lock screen: unlock, a wrong passphrase, the recovery code, a restore.
    await click(s, 'lock-button');
    await s.waitFor('[data-testid="unlock-form"]');
    await axe.check('unlock');
    await (await s.waitFor('[data-testid="unlock-passphrase"]')).fill('not the passphrase');
    await click(s, 'unlock-submit');
    await s.waitForText('[data-testid="unlock-error"]', (t) => t.length > 0);
    await axe.check('unlock-wrong');
    await click(s, 'use-recovery');
    await s.waitFor('[data-testid="recovery-form"]');
    await axe.check('recovery');
    await click(s, 'recovery-submit');
    await s.waitFor('[data-testid="recovery-form"] .field-error');
    await axe.check('recovery-errors');
    await s.execute(
      `[...document.querySelectorAll('[data-testid="lock-screen"] button')].find((b) => /back/i.test(b.textContent))?.click();`,
    );
    await click(s, 'restore-start');
    await s.waitFor('[data-testid="restore-form"]');
    await axe.check('restore');
    await click(s, 'restore-choose');
    await s.waitFor('[data-testid="restore-passphrase"]');
    await axe.check('restore-passphrase');

    axe.assertClean();
  } finally {
    await app.close();
    rmSync(backups, { recursive: true, force: true });
    rmSync(exports, { recursive: true, force: true });
  }
});

test('the demo notebook, its cases and a flagged summary have no serious or critical violation', async () => {
  const app = await launch();
  const s = app.session;
  const axe = checker(s, app);
  try {
    await click(s, 'open-demo');
    await s.waitForText('[data-testid="demo-passphrase"]', (t) => t.length > 0, { timeout: 30000 });
    await axe.check('demo-ready');
    await click(s, 'demo-continue');
    await s.waitFor('[data-testid="case-row"]');
    await axe.check('demo-case-list');
    await s.execute(
      `[...document.querySelectorAll('[data-testid="case-row"]')].find((r) => r.textContent.includes('Blake'))?.click();`,
    );
    await s.waitForText('[data-testid="case-title"]', (t) => t.includes('Blake'));
    await axe.check('demo-case-overview');
    for (const name of ['partner', 'medical', 'formulation', 'plan', 'measures', 'diagnoses', 'consents', 'history', 'sessions']) {
      await openSection(s, name);
      await axe.check(`demo-${name}`);
    }
    await click(s, 'session-row');
    await s.waitFor('[data-testid="session-detail"]');
    await axe.check('demo-session-detail');
    await click(s, 'export-button');
    await type(s, 'export-question', 'How do I help Blake with Marlowe watching?');
    await click(s, 'export-preview-button');
    await s.waitFor('[data-testid="export-preview"] [data-testid="flag"]', { timeout: 30000 });
    await axe.check('demo-export-flagged');
    axe.assertClean();
  } finally {
    await app.close();
  }
});

/** Focus is on `selector` already (a form that focuses its first field), or Tab brings it there. */
async function focusOn(s, selector) {
  const now = await focused(s, selector);
  if (now.matches) return;
  await tabTo(s, selector);
}

/** Focus is on `selector` after pressing Tab or, when it is behind, Shift+Tab. */
async function reach(s, selector) {
  const order = await s.execute(
    `const target = document.querySelector(arguments[0]);
     const here = document.activeElement;
     if (!target) return 0;
     if (!here || here === document.body) return 1;
     return here.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING ? -1 : 1;`,
    [selector],
  );
  await s.waitFor(selector);
  await tabTo(s, selector, { back: order < 0 });
}

/**
 * Types a time into the focused time field, hours then Tab then minutes (WebKit's field has a part
 * for each, and Tab moves between them), and checks the value it took.
 */
async function typeTime(s, selector, hhmm) {
  const [hours, minutes] = hhmm.split(':');
  await typeKeys(s, hours);
  await press(s, Keys.TAB);
  await typeKeys(s, minutes);
  const value = await s.execute(`return document.querySelector(arguments[0]).value;`, [selector]);
  assert.equal(value, hhmm, `the time typed into ${selector}`);
}

test('a case is walked from first contact to a signed session note with the keyboard alone', async () => {
  const app = await launch();
  const s = app.session;
  try {
    // A notebook: the passphrase twice, Enter; the recovery code saved with Space, Enter.
    await s.waitFor('[data-testid="create-passphrase"]');
    await focusOn(s, '[data-testid="create-passphrase"]');
    await typeKeys(s, PASSPHRASE);
    await tabTo(s, '[data-testid="create-confirm"]');
    await typeKeys(s, PASSPHRASE);
    await press(s, Keys.ENTER);
    await s.waitFor('[data-testid="recovery-code"]', { timeout: 20000 });
    await focusOn(s, '[data-testid="recovery-saved"]');
    await press(s, Keys.SPACE);
    await tabTo(s, '[data-testid="recovery-continue"]');
    await press(s, Keys.ENTER);
    await s.waitFor('[data-testid="app-shell"]');

    // The therapist's name, which a signature carries.
    await reach(s, '[data-testid="nav-settings"]');
    await press(s, Keys.ENTER);
    await reach(s, '[data-testid="settings-name"]');
    await typeKeys(s, 'Dr Kim Keys');
    await press(s, Keys.ENTER);
    await s.waitFor('[data-testid="settings-saved"]');

    // First contact: the new case form.
    await reach(s, '[data-testid="nav-cases"]');
    await press(s, Keys.ENTER);
    await reach(s, '[data-testid="new-case"]');
    await press(s, Keys.ENTER);
    await reach(s, '[data-testid="client-fullName"]');
    await typeKeys(s, 'Kai Keyboardcase');
    await reach(s, '[data-testid="difficulty-erectile_dysfunction"]');
    await press(s, Keys.SPACE);
    assert.equal(
      await s.execute(`return document.querySelector('[data-testid="difficulty-erectile_dysfunction"]').checked;`),
      true,
      'Space ticks the difficulty',
    );
    // A control of the form that opens something (a date field's calendar): Enter opens it,
    // Escape closes it and leaves focus in the field, and the form stays.
    // The first-contact date's calendar button must be there: the step is never skipped.
    const opener = '[data-testid="new-case"] button[aria-expanded]';
    assert.ok((await s.findAll(opener)).length > 0, 'the date field has a calendar button');
    await reach(s, opener);
    await press(s, Keys.ENTER);
    await s.waitFor(`${opener}[aria-expanded="true"]`);
    await press(s, Keys.ESCAPE);
    await s.waitFor(`${opener}[aria-expanded="false"]`);
    const back = await s.execute(
      `return Boolean(document.activeElement?.closest('[data-testid="new-case"]'));`,
    );
    assert.ok(back, 'focus stays in the form after Escape');
    await reach(s, '[data-testid="create-case"]');
    await press(s, Keys.ENTER);
    await s.waitForText('[data-testid="case-title"]', (t) => t.includes('Kai Keyboardcase'));

    // The search dialog opens with Ctrl+K, takes words, and Escape closes it.
    await s.chord(Keys.CONTROL, 'k');
    await s.waitFor('[data-testid="search-dialog"]');
    const inSearch = await focused(s, '[data-testid="search-input"]');
    assert.ok(inSearch.matches, `the search field has focus (${inSearch.label})`);
    await typeKeys(s, 'Keyboardcase');
    await s.waitFor('[data-testid="search-hit"]');
    await press(s, Keys.ESCAPE);
    await s.waitGone('[data-testid="search-dialog"]');
    // Escape from another of its controls (a filter reached with Tab) closes it too.
    await s.chord(Keys.CONTROL, 'k');
    await s.waitFor('[data-testid="search-dialog"]');
    await tabTo(s, '[data-testid="search-kind"]');
    await tabTo(s, '[data-testid="search-process"]');
    await press(s, Keys.ESCAPE);
    await s.waitGone('[data-testid="search-dialog"]');

    // The intake session note: the times typed part by part, a line of the note, Enter on Save.
    await reach(s, '[data-testid="section-intake"]');
    await press(s, Keys.ENTER);
    await s.waitFor('[data-testid="case-section"][data-section="intake"]');
    await reach(s, '[data-testid="write-intake-session"]');
    await press(s, Keys.ENTER);
    await reach(s, '[data-testid="session-start"]');
    await typeTime(s, '[data-testid="session-start"]', '09:00');
    await reach(s, '[data-testid="session-end"]');
    await typeTime(s, '[data-testid="session-end"]', '09:50');
    await reach(s, '[data-testid="session-form"] textarea[name^="body."]');
    await typeKeys(s, 'Describes the difficulty in his own words.');
    await reach(s, '[data-testid="session-save"]');
    await press(s, Keys.ENTER);
    await s.waitFor('[data-testid="intake-session-recorded"]');

    // The note opened from the sessions list and signed.
    await reach(s, '[data-testid="section-sessions"]');
    await press(s, Keys.ENTER);
    await reach(s, '[data-testid="session-row"]');
    await press(s, Keys.ENTER);
    await s.waitFor('[data-testid="session-detail"]');
    await reach(s, '[data-testid="sign-button"]');
    await press(s, Keys.ENTER);
    const badge = await s.waitForText('[data-testid="signed-badge"]', (t) => t.includes('Dr Kim Keys'));
    assert.match(badge, /Signed and locked/);

    // No trap: Tab from the signed note goes on through the page and around to the sidebar, and
    // Shift+Tab comes back.
    await tabTo(s, '[data-testid="nav-cases"]', { max: 120 });
    await tabTo(s, '[data-testid="addendum-button"]', { back: true, max: 120 });
    app.shot('a11y-keyboard-signed');
  } catch (err) {
    app.shot('a11y-keyboard-failure');
    throw err;
  } finally {
    await app.close();
  }
});
