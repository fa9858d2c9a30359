// The demo notebook's cases in the fake (demo/cases.rs): an individual erectile-dysfunction case
// at plan stage, a couple in couples therapy, a vaginismus case awaiting the medical rule-out, and
// a closed case. Written through the fake's own commands, each on its (shifted) day.

import type { AgeBand, CaseId, PersonId, PersonInput, SessionInput, SessionKind } from '../bindings';
import { closeCase, createCase } from './cases';
import { recordIntake, saveFormulation, savePlan } from './clinical';
import { addPractitioner, addReferral, setRuleOutStatus } from './medical';
import { recordSession } from './notes';
import { addPartner, recordConsent } from './people';
import { addYears } from './cases';
import type { FakeStore } from './store';

export const DEMO_PASSPHRASE = 'amber heron quartz willow zephyr';

function person(name: string, ageBand: AgeBand, pronouns: string): PersonInput {
  return { fullName: `${name} (demo)`, pronouns, ageBand, email: 'demo@example.invalid', lacksCapacity: false };
}

function on(store: FakeStore, daysAgo: number): string {
  store.daysAgo = daysAgo;
  return store.today();
}

function note(store: FakeStore, kind: SessionKind, present: PersonId[], subjective: string): SessionInput {
  return {
    kind,
    body: { format: 'soap', subjective, objective: 'Engaged, good rapport. (demo)', assessment: null, plan: 'Continue. (demo)' },
    heldOn: store.today(),
    startsAt: '10:00:00',
    endsAt: '10:50:00',
    modality: 'in_person',
    present,
    goalsAddressed: [],
    interventionsUsed: [],
    riskScreen: 'none_identified',
  };
}

function openCase(store: FakeStore, client: PersonInput, difficulty: string, hasPartner: boolean) {
  return createCase(store, {
    client,
    firstContactOn: store.today(),
    difficulties: [difficulty],
    referralSource: 'Self-referred (demo)',
    hasPartner,
  });
}

function intake(store: FakeStore, id: CaseId, problem: string) {
  recordIntake(store, id, {
    sections: { presentingProblem: problem, relationship: 'Supportive; some avoidance of intimacy. (demo)' },
    complete: true,
  });
}

function formulate(store: FakeStore, id: CaseId, problem: string, cycle: string) {
  saveFormulation(store, id, {
    problemStatement: problem,
    factors: [
      { term: 1, label: 'Preconceived ideas about sex from upbringing', p: 'predisposing', domain: 'psychological' },
      { term: 2, label: 'Performance anxiety', p: 'perpetuating', domain: 'psychological' },
      { label: 'Supportive partner', p: 'protective', domain: 'relational_social' },
    ],
    nodalPoint: cycle,
    treatmentImplications: 'Target anticipatory anxiety first. (demo)',
    sharedOn: store.today(),
    sharedResponse: 'Recognised the cycle. (demo)',
  });
}

function plan(store: FakeStore, id: CaseId, agreedBy: PersonId[]) {
  const today = store.today();
  return savePlan(store, id, {
    goals: [
      { description: 'Less worry before intimacy (demo)', measure: 'Self-rated worry 0-10', target: '3 or below', targetOn: addDays(today, 56), status: 'active' },
      { description: 'Relaxed, pressure-free touch (demo)', measure: 'Sessions of touch per week', target: '3 per week', targetOn: addDays(today, 84), status: 'active' },
    ],
    interventions: [
      { entry: 1, name: 'Psychoeducation', goals: [0], homework: 'Read the handout on arousal. (demo)' },
      { entry: 2, name: 'Sensate focus, stage 1', goals: [0, 1], homework: 'Three touch sessions, no intercourse. (demo)' },
    ],
    reviewOn: addDays(today, 42),
    discussedOn: today,
    agreedBy,
  });
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00`);
  d.setDate(d.getDate() + days);
  return d.toISOString().slice(0, 10);
}

export function seedDemo(store: FakeStore): number {
  // An individual erectile-dysfunction case at plan stage.
  on(store, 35);
  let c = openCase(store, person('Avery Sample', '35_44', 'he/him'), 'erectile_dysfunction', false);
  on(store, 28);
  recordSession(store, c.id, note(store, 'intake', [c.client.id], 'Describes losing erections with a partner. (demo)'));
  intake(store, c.id, 'Loses erections with a partner, not alone. (demo)');
  const gp = addPractitioner(store, { kind: 'gp', name: 'Dr Jordan Placeholder (demo)' });
  recordConsent(store, c.id, { givenBy: c.client.id, terms: { kind: 'release_of_information', recipient: gp.id, sharedInformation: 'Reason for referral only. (demo)' }, givenOn: store.today(), method: 'written' });
  addReferral(store, c.id, { practitioner: gp.id, referredOn: store.today(), reason: 'Rule out vascular and hormonal causes. (demo)' });
  on(store, 14);
  setRuleOutStatus(store, c.id, { status: 'ruled_out', onDate: store.today(), note: 'Bloods and exam normal. (demo)' });
  on(store, 7);
  formulate(store, c.id, 'Loses erection at penetration with a partner. (demo)', 'Anticipates failure, watches himself, loses the erection, avoids. (demo)');
  plan(store, c.id, [c.client.id]);

  // A couple with partner consent, a partner session and couples sessions.
  on(store, 70);
  c = openCase(store, person('Blake Specimen', '25_34', 'she/her'), 'low_libido', true);
  const me = c.client.id;
  recordSession(store, c.id, note(store, 'intake', [me], 'Low desire since the birth of their child. (demo)'));
  intake(store, c.id, 'Has little desire for sex and feels guilty about it. (demo)');
  recordConsent(store, c.id, { givenBy: me, terms: { kind: 'partner_involvement', scope: 'The difficulty and the plan may be shared; individual history stays private. (demo)', secretsPolicy: 'limited' }, givenOn: store.today(), method: 'written' });
  on(store, 63);
  const partner = addPartner(store, c.id, person('Casey Specimen', '25_34', 'he/him'));
  recordConsent(store, c.id, { givenBy: partner.id, terms: { kind: 'partner_own', role: 'co_client' }, givenOn: store.today(), method: 'written' });
  recordSession(store, c.id, note(store, 'partner', [partner.id], 'Feels rejected; pursues, then withdraws. (demo)'));
  on(store, 60);
  setRuleOutStatus(store, c.id, { status: 'ruled_out', onDate: store.today(), note: 'Post-natal check normal. (demo)' });
  on(store, 56);
  formulate(store, c.id, 'Avoids sexual contact; desire rarely felt. (demo)', 'Fatigue, pressure, guilt, avoidance, partner withdraws hurt. (demo)');
  const made = plan(store, c.id, [me, partner.id]);
  for (const days of [49, 35, 21]) {
    on(store, days);
    const couples = note(store, 'couples', [me, partner.id], 'Touch exercises done twice this week. (demo)');
    couples.goalsAddressed = made.goals.map((g) => g.id);
    if (days === 21) {
      store.daysAgo = 0;
      couples.nextAppointment = `${addDays(store.today(), 7)}T17:00:00`;
      store.daysAgo = days;
    }
    recordSession(store, c.id, couples);
  }

  // A vaginismus case awaiting the medical rule-out.
  on(store, 24);
  c = openCase(store, person('Devon Placeholder', '18_24', 'she/her'), 'vaginismus', false);
  recordSession(store, c.id, note(store, 'intake', [c.client.id], 'Penetration has never been possible. (demo)'));
  intake(store, c.id, 'Cannot have penetrative sex or use tampons. (demo)');
  const gynae = addPractitioner(store, { kind: 'gynaecologist', name: 'Dr Morgan Example (demo)' });
  recordConsent(store, c.id, { givenBy: c.client.id, terms: { kind: 'release_of_information', recipient: gynae.id, sharedInformation: 'Presenting problem and question. (demo)' }, givenOn: store.today(), method: 'written' });
  addReferral(store, c.id, { practitioner: gynae.id, referredOn: store.today(), reason: 'Exclude structural causes of pain. (demo)' });
  on(store, 10);
  setRuleOutStatus(store, c.id, { status: 'awaiting_result', onDate: store.today(), note: 'Seen; awaiting report. (demo)' });

  // A closed case.
  on(store, 300);
  c = openCase(store, person('Emery Fictional', '45_54', 'they/them'), 'premature_ejaculation', false);
  recordSession(store, c.id, note(store, 'intake', [c.client.id], 'Ejaculates within a minute; distressed. (demo)'));
  intake(store, c.id, 'Comes sooner than wished, on most occasions. (demo)');
  on(store, 290);
  setRuleOutStatus(store, c.id, { status: 'ruled_out', onDate: store.today() });
  formulate(store, c.id, 'Ejaculates within a minute of penetration. (demo)', 'Rushes, monitors, anxious arousal, early ejaculation, shame. (demo)');
  plan(store, c.id, [c.client.id]);
  for (const days of [270, 240, 210]) {
    on(store, days);
    recordSession(store, c.id, note(store, 'individual', [c.client.id], 'Stop-start practised. (demo)'));
  }
  on(store, 200);
  closeCase(store, c.id, { closedOn: store.today(), reason: 'goals_achieved', dischargeSummary: 'Latency and confidence improved; relapse plan agreed. (demo)' });
  store.daysAgo = 0;
  return store.cases.size;
}
