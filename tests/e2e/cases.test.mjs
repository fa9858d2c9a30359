// A case walked through the real window, as a therapist would: first contact, the intake, a
// partner session refused without the client's consent, then consent, the partner and their
// session, medical liaison, a formulation, a plan with two goals, a couples session, closing and
// reopening. And the demo notebook with its fictional cases. Screenshots of the list, the case
// page and each editor land in tests/e2e/artifacts/ for a person to look at.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch,
  createNotebook,
  setValue,
  chooseByText,
  dayFromToday,
  scrollTo,
  click,
  type,
  openSection as section,
  writeSession,
} from './app.mjs';

async function stepState(s, step) {
  return s.execute(
    `return document.querySelector('[data-testid="section-' + arguments[0] + '"]')?.dataset.state ?? null;`,
    [step],
  );
}

test('a case walks through the whole workflow', async () => {
  const app = await launch();
  const s = app.session;
  try {
    await createNotebook(s);
    await s.waitForText('[data-testid="cases-view"]', (t) => t.includes('No cases yet'));
    await app.shot('cases-01-empty');

    // The name signatures carry: the intake is signed as it is completed.
    await click(s, 'nav-settings');
    await (await s.waitFor('[data-testid="settings-name"]')).fill('Dr Casey Walker');
    await click(s, 'settings-save');
    await s.waitFor('[data-testid="settings-saved"]');
    await click(s, 'nav-cases');

    // First contact.
    await click(s, 'new-case');
    await type(s, 'client-fullName', 'Robin Testcase');
    await type(s, 'client-pronouns', 'he/him');
    await setValue(s, '[data-testid="client-ageBand"]', '35_44');
    await click(s, 'difficulty-erectile_dysfunction');
    await type(s, 'referral-source', 'GP referral');
    await click(s, 'has-partner');
    await app.shot('cases-02-new-case');
    await click(s, 'create-case');
    await s.waitFor('[data-testid="case-page"]');
    assert.equal(await (await s.find('[data-testid="case-title"]')).text(), 'Robin Testcase');
    assert.equal(await stepState(s, 'intake'), 'next');
    assert.equal(await stepState(s, 'formulation'), 'blocked');
    await app.shot('case-01-page-first-contact');

    // The intake session note, then the intake itself, completed and signed.
    await section(s, 'intake');
    await click(s, 'write-intake-session');
    await writeSession(s, '09:00', '09:50', 'Describes losing erections with a partner for a year.');
    await click(s, 'session-save');
    await s.waitFor('[data-testid="intake-session-recorded"]');
    await type(s, 'intake-presentingProblem', 'Loses his erection with his partner, not alone.');
    await type(s, 'intake-onsetCourse', 'Gradual, over the last year, after a stressful move.');
    await type(s, 'intake-relationship', 'Close, some avoidance of intimacy lately.');
    await click(s, 'intake-complete');
    await scrollTo(s, '[data-testid="intake-view"]');
    await app.shot('editor-01-intake');
    await click(s, 'intake-save');
    await s.waitFor('[data-testid="intake-completed"]');
    assert.equal(await stepState(s, 'intake'), 'done');

    // A partner session without the client's consent is refused, and says which consent.
    await section(s, 'partner');
    await type(s, 'partner-fullName', 'Sam Testcase');
    await click(s, 'partner-save');
    const refusal = await s.waitForText('[data-testid="workflow-error"]', (t) => t.length > 0);
    assert.match(refusal, /client's active consent to involve the partner/);
    await scrollTo(s, '[data-testid="partner-form"]');
    await app.shot('editor-02-partner-refused');

    // The client's consent, then the partner and their own consent, then the partner session.
    await scrollTo(s, '[data-testid="involvement-form"]');
    await type(s, 'involvement-scope', 'The difficulty and the plan may be shared; his history stays private.');
    await click(s, 'secrets-limited');
    await click(s, 'involvement-save');
    await s.waitFor('[data-testid="consent"][data-kind="partner_involvement"][data-status="active"]');
    await click(s, 'partner-save');
    await s.waitForText('[data-testid="partner-name"]', (t) => t.includes('Sam Testcase'));
    await click(s, 'partner-role-collateral');
    await click(s, 'own-consent-save');
    await s.waitGone('[data-testid="own-consent-form"]');
    await click(s, 'hold-partner-session');
    await writeSession(s, '11:00', '11:50', 'Feels shut out; would like to help.');
    await click(s, 'session-save');
    await s.waitForText('[data-testid="partner-sessions"]', (t) => t.includes('Partner session'));
    assert.equal(await stepState(s, 'partner'), 'done');
    await scrollTo(s, '[data-testid="partner-view"]');
    await app.shot('editor-03-partner');

    // Medical liaison: referred.
    await section(s, 'medical');
    await click(s, 'rule-out-referred');
    await type(s, 'rule-out-note', 'Asked his GP to check vascular and hormonal causes.');
    await click(s, 'rule-out-save');
    await s.waitForText('[data-testid="rule-out-status"]', (t) => t.includes('Referred'));
    await app.shot('editor-04-medical');

    // The formulation, with the reminder that medical causes are not ruled out yet.
    await section(s, 'formulation');
    await s.waitFor('[data-testid="medical-reminder"]');
    await type(s, 'problem-statement', 'Loses his erection at penetration on most occasions with his partner.');
    await chooseByText(s, '[data-testid="factor-add-term"]', 'Performance anxiety');
    await chooseByText(s, '[data-testid="factor-add-term"]', 'upbringing');
    await type(s, 'nodal-point', 'Anticipates failure, watches himself, loses the erection, concludes he is inadequate, avoids.');
    await type(s, 'treatment-implications', 'Target the spectatoring and anticipatory anxiety first.');
    await app.shot('editor-05-formulation');
    await click(s, 'formulation-save');
    await s.waitFor('[data-testid="formulation-summary"]');
    assert.equal(await stepState(s, 'formulation'), 'done');

    // The plan with two goals.
    await section(s, 'plan');
    await type(s, 'goal-description', 'Less worry before intimacy.');
    await type(s, 'goal-measure', 'Self-rated worry 0-10');
    await type(s, 'goal-target', '3 or below');
    await setValue(s, '[name="goals.0.targetOn"]', dayFromToday(56));
    await click(s, 'add-goal');
    await s.waitFor('[name="goals.1.description"]');
    await (await s.find('[name="goals.1.description"]')).type('Relaxed touch without pressure.');
    await (await s.find('[name="goals.1.measure"]')).type('Touch sessions per week');
    await (await s.find('[name="goals.1.target"]')).type('3 per week');
    await setValue(s, '[name="goals.1.targetOn"]', dayFromToday(84));
    await chooseByText(s, '[data-testid="add-intervention"]', 'Sensate focus, stage 1');
    await click(s, 'intervention-goal-0-0');
    await click(s, 'intervention-goal-0-1');
    await setValue(s, '[data-testid="review-on"]', dayFromToday(42));
    await (await s.find('[data-testid="agreed-by"] input')).click();
    await scrollTo(s, '[data-testid="plan-form"]');
    await app.shot('editor-06-plan');
    await click(s, 'plan-save');
    await s.waitFor('[data-testid="plan-summary"]');
    assert.equal((await s.findAll('[data-testid="plan-goal"]')).length, 2);
    assert.equal(await stepState(s, 'plan'), 'done');

    // A couples session under the plan.
    await section(s, 'sessions');
    await click(s, 'new-session');
    // The plan's goals are offered by name, none ticked on the therapist's behalf.
    const goals = await s.waitForText('[data-testid="goal-addressed"]', (t) => t.includes('Less worry before intimacy.'));
    assert.match(goals, /Relaxed touch without pressure\./);
    assert.equal((await s.findAll('[data-testid="goal-addressed"] input:checked')).length, 0);
    await click(s, 'session-kind-couples');
    await click(s, 'note-format-dap');
    await writeSession(s, '17:00', '17:50', 'Both practised non-genital touch twice; less pressure.');
    await setValue(s, '[data-testid="next-appointment"]', dayFromToday(7));
    await setValue(s, '[data-testid="next-appointment-time"]', '17:00');
    await scrollTo(s, '[data-testid="session-form"]');
    await app.shot('editor-07-session');
    await click(s, 'session-save');
    await s.waitFor('[data-testid="session-detail"]');
    assert.equal((await s.findAll('[data-testid="session-row"]')).length, 3);
    assert.equal((await s.findAll('[data-testid="session-unsigned"]')).length, 3);
    await section(s, 'overview');
    await s.waitForText('[data-testid="overview-unsigned"]', (t) => t.includes('3 session notes are not signed'));
    await app.shot('case-02-page-ongoing');

    // The home screen says what needs signing, and opens the note.
    await click(s, 'back-to-cases');
    const due = await s.waitForText('[data-testid="due-panel"]', (t) => t.includes('Sign the intake session note'));
    assert.match(due, /Robin Testcase/);
    assert.match(await (await s.waitFor('[data-testid="case-row"]')).property('textContent'), /3 to sign/);
    await app.shot('home-01-due');
    await (await s.find('[data-testid="due-item"][data-kind="note_to_sign"]')).click();
    await s.waitFor('[data-testid="case-section"][data-section="sessions"]');
    await s.waitFor('[data-testid="session-detail"] [data-testid="sign-button"]');

    // Closing, then the case is read-only; reopening needs a reason.
    // Its three unsigned notes are offered for signing as it closes, in the same step.
    await section(s, 'closing');
    await s.waitForText('[data-testid="close-unsigned"]', (t) => t.includes('3 session notes are not signed'));
    assert.match(await (await s.find('[data-testid="close-case"]')).text(), /Sign 3 notes and close the case/);
    await type(s, 'discharge-summary', 'Worry reduced; touch relaxed; relapse plan agreed.');
    await app.shot('editor-08-closing');
    await click(s, 'close-case');
    await s.waitFor('[data-testid="read-only-banner"]');
    assert.match(await (await s.find('[data-testid="case-status"]')).text(), /Closed/);
    await app.shot('case-03-closed');
    await section(s, 'sessions');
    await s.waitFor('[data-testid="session-signed"]');
    assert.equal((await s.findAll('[data-testid="session-unsigned"]')).length, 0);
    await section(s, 'closing');
    await type(s, 'reopen-reason', 'He asked for two follow-up sessions.');
    await click(s, 'reopen-case');
    await s.waitGone('[data-testid="read-only-banner"]');
    assert.match(await (await s.find('[data-testid="case-status"]')).text(), /Open/);

    // Back in the list.
    await click(s, 'back-to-cases');
    const row = await s.waitFor('[data-testid="case-row"]');
    assert.match(await row.property('textContent'), /Robin Testcase.*Erectile dysfunction.*Ongoing sessions/);
    await app.shot('cases-03-list');
  } finally {
    await app.close();
  }
});

test('the demo notebook opens with its fictional cases', async () => {
  const app = await launch();
  const s = app.session;
  try {
    await click(s, 'open-demo');
    const passphrase = await s.waitForText('[data-testid="demo-passphrase"]', (t) => t.length > 0, { timeout: 30000 });
    assert.match(passphrase, /^[a-z]+( [a-z]+){4}$/);
    await app.shot('demo-01-passphrase');
    await click(s, 'demo-continue');
    await s.waitForText('[data-testid="demo-badge"]', (t) => /Demo notebook/.test(t));
    await s.waitFor('[data-testid="case-row"]');
    const rows = await s.findAll('[data-testid="case-row"]');
    assert.equal(rows.length, 4);
    const text = await (await s.find('[data-testid="cases-view"]')).property('textContent');
    for (const name of ['Avery Sample', 'Blake Specimen', 'Devon Placeholder', 'Emery Fictional']) {
      assert.ok(text.includes(name), `${name} is listed`);
    }
    await app.shot('demo-02-cases');
    await s.execute(
      `[...document.querySelectorAll('[data-testid="case-row"]')].find((r) => r.textContent.includes('Blake'))?.click();`,
    );
    await s.waitForText('[data-testid="case-title"]', (t) => t.includes('Blake Specimen'));
    await app.shot('demo-03-couple');
  } finally {
    await app.close();
  }
});
