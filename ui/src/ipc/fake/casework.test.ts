// The fake must keep the engine's workflow rules, or the screen tests that use it prove nothing.

import { describe, expect, it } from 'vitest';
import type { CaseView, SessionInput } from '../bindings';
import { FakeBackend } from '../fake';

const TODAY = '2025-03-10';

async function open() {
  const fake = new FakeBackend({ passphrase: 'harbour lantern quietly', unlocked: true, today: TODAY });
  const kase = await fake.createCase({
    input: {
      client: { fullName: 'Ada Example', lacksCapacity: false },
      firstContactOn: '2025-03-01',
      difficulties: ['vaginismus'],
      hasPartner: true,
    },
  });
  return { fake, kase };
}

function session(kase: CaseView, kind: SessionInput['kind'], present: number[]): SessionInput {
  return {
    kind,
    body: { format: 'dap', data: 'Seen.' },
    heldOn: '2025-03-05',
    startsAt: '10:00',
    endsAt: '10:50',
    modality: 'in_person',
    present,
    goalsAddressed: [],
    interventionsUsed: [],
    riskScreen: 'none_identified',
  };
}

describe('the fake case workflow', () => {
  it('answers locked while locked', async () => {
    const fake = new FakeBackend({ passphrase: 'harbour lantern quietly' });
    await expect(fake.listCases({ filter: {} })).rejects.toMatchObject({ kind: 'locked' });
  });

  it('validates first contact like the engine, field by field', async () => {
    const { fake } = await open();
    const base = { firstContactOn: '2025-03-01', difficulties: ['vaginismus'], hasPartner: false };
    await expect(fake.createCase({ input: { ...base, client: { fullName: ' ', lacksCapacity: false } } })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'client.fullName',
    });
    await expect(
      fake.createCase({ input: { ...base, client: { fullName: 'B', lacksCapacity: false }, firstContactOn: '2025-04-01' } }),
    ).rejects.toMatchObject({ field: 'firstContactOn' });
    await expect(
      fake.createCase({ input: { ...base, client: { fullName: 'B', lacksCapacity: false }, difficulties: [] } }),
    ).rejects.toMatchObject({ field: 'difficulties' });
    await expect(
      fake.createCase({
        input: { ...base, client: { fullName: 'B', dateOfBirth: '1990-01-01', ageBand: '35_44', lacksCapacity: false } },
      }),
    ).rejects.toMatchObject({ field: 'client.ageBand' });
  });

  it('keeps the intake first, and partner sessions behind both consents', async () => {
    const { fake, kase } = await open();
    const client = kase.client.id;
    await expect(fake.recordSession({ caseId: kase.id, input: session(kase, 'individual', [client]) })).rejects.toMatchObject({
      kind: 'workflow',
      rule: 'intake_first',
    });
    await fake.recordSession({ caseId: kase.id, input: session(kase, 'intake', [client]) });
    await expect(fake.recordSession({ caseId: kase.id, input: session(kase, 'couples', [client]) })).rejects.toMatchObject({
      rule: 'couples_session_consent',
    });
    await expect(fake.addPartner({ caseId: kase.id, input: { fullName: 'Sam', lacksCapacity: false } })).rejects.toMatchObject({
      rule: 'partner_involvement_consent',
    });
    const consent = await fake.recordConsent({
      caseId: kase.id,
      input: { givenBy: client, terms: { kind: 'partner_involvement', scope: 'Plan only.', secretsPolicy: 'none' }, givenOn: '2025-03-04', method: 'verbal' },
    });
    await expect(fake.recordSession({ caseId: kase.id, input: session(kase, 'partner', [client]) })).rejects.toMatchObject({
      rule: 'partner_not_added',
    });
    const partner = await fake.addPartner({ caseId: kase.id, input: { fullName: 'Sam', lacksCapacity: false } });
    await expect(fake.recordSession({ caseId: kase.id, input: session(kase, 'partner', [partner.id]) })).rejects.toMatchObject({
      rule: 'partner_own_consent',
    });
    await fake.recordConsent({
      caseId: kase.id,
      input: { givenBy: partner.id, terms: { kind: 'partner_own', role: 'co_client' }, givenOn: '2025-03-05', method: 'written' },
    });
    await expect(fake.recordSession({ caseId: kase.id, input: session(kase, 'partner', [client]) })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'present',
    });
    await fake.recordSession({ caseId: kase.id, input: session(kase, 'partner', [partner.id]) });
    expect((await fake.getCase({ id: kase.id })).partner?.role).toBe('co_client');

    // Withdrawal stops further partner sessions and keeps the record.
    await fake.withdrawConsent({ id: consent.id, input: { withdrawnOn: '2025-03-06' } });
    const later = { ...session(kase, 'couples', [client, partner.id]), heldOn: '2025-03-07' };
    await expect(fake.recordSession({ caseId: kase.id, input: later })).rejects.toMatchObject({ rule: 'couples_session_consent' });
    await expect(fake.withdrawConsent({ id: consent.id, input: { withdrawnOn: '2025-03-07' } })).rejects.toMatchObject({
      rule: 'consent_not_current',
    });
    expect(await fake.listSessions({ caseId: kase.id })).toHaveLength(2);
    expect((await fake.getCase({ id: kase.id })).partnerConsent).toBe('withdrawn');
  });

  it('needs a completed intake for a formulation, and a formulation and review date for a plan; both versioned', async () => {
    const { fake, kase } = await open();
    const goal = { description: 'Less pain', measure: '0-10', target: '2', targetOn: '2025-06-01', status: 'active' as const };
    await expect(fake.savePlan({ caseId: kase.id, input: { goals: [goal], interventions: [], reviewOn: '2025-04-01', agreedBy: [] } })).rejects.toMatchObject({
      rule: 'plan_needs_formulation',
    });
    await expect(fake.saveFormulation({ caseId: kase.id, input: { problemStatement: 'Pain.', factors: [] } })).rejects.toMatchObject({
      rule: 'formulation_needs_intake',
    });
    await fake.recordIntake({ caseId: kase.id, input: { sections: { presentingProblem: 'Pain.' }, complete: true } });
    await expect(
      fake.recordIntake({ caseId: kase.id, input: { sections: { presentingProblem: 'Again.' }, complete: false } }),
    ).rejects.toMatchObject({ rule: 'intake_completed' });
    const v1 = await fake.saveFormulation({ caseId: kase.id, input: { problemStatement: 'Pain.', factors: [] } });
    const v2 = await fake.saveFormulation({ caseId: kase.id, input: { problemStatement: 'Pain, avoidance.', factors: [] } });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v2.medicalReminder).toMatch(/not ruled out/);
    expect((await fake.listFormulationVersions({ caseId: kase.id })).map((f) => f.problemStatement)).toEqual([
      'Pain, avoidance.',
      'Pain.',
    ]);
    await expect(fake.savePlan({ caseId: kase.id, input: { goals: [goal], interventions: [], agreedBy: [] } })).rejects.toMatchObject({
      kind: 'workflow',
      rule: 'plan_review_date',
    });
    await expect(fake.savePlan({ caseId: kase.id, input: { goals: [goal], interventions: [], reviewOn: '2025-03-01', agreedBy: [] } })).rejects.toMatchObject({
      field: 'reviewOn',
    });
    const plan = await fake.savePlan({
      caseId: kase.id,
      input: { goals: [goal], interventions: [{ entry: 8, name: 'Graded dilation or finger exposure', goals: [0] }], reviewOn: '2025-04-01', agreedBy: [kase.client.id] },
    });
    expect(plan.interventions[0]).toMatchObject({ plissit: 'specific_suggestions', goals: [plan.goals[0]!.id] });
    expect((await fake.getCase({ id: kase.id })).stage).toBe('plan');
  });

  it('needs a release consent naming the practitioner for a referral, which marks the case referred', async () => {
    const { fake, kase } = await open();
    const gp = await fake.addPractitioner({ input: { kind: 'gp', name: 'Dr Gee' } });
    const referral = { practitioner: gp.id, referredOn: '2025-03-05', reason: 'Exclude causes.' };
    await expect(fake.addReferral({ caseId: kase.id, input: referral })).rejects.toMatchObject({ rule: 'release_consent' });
    await fake.recordConsent({
      caseId: kase.id,
      input: {
        givenBy: kase.client.id,
        terms: { kind: 'release_of_information', recipient: gp.id, sharedInformation: 'The question.' },
        givenOn: '2025-03-05',
        method: 'written',
      },
    });
    await fake.addReferral({ caseId: kase.id, input: referral });
    expect((await fake.getMedical({ caseId: kase.id })).status).toBe('referred');
  });

  it('makes a closed case read-only until it is reopened with a reason', async () => {
    const { fake, kase } = await open();
    await fake.closeCase({ id: kase.id, input: { closedOn: '2025-03-09', reason: 'lost_contact', dischargeSummary: 'No reply.' } });
    await expect(fake.recordIntake({ caseId: kase.id, input: { sections: { presentingProblem: 'x' }, complete: false } })).rejects.toMatchObject({
      rule: 'closed_case_read_only',
    });
    await expect(fake.reopenCase({ id: kase.id, input: { reopenedOn: '2025-03-10', reason: ' ' } })).rejects.toMatchObject({
      rule: 'reopen_needs_reason',
    });
    const reopened = await fake.reopenCase({ id: kase.id, input: { reopenedOn: '2025-03-10', reason: 'Called back.' } });
    expect(reopened.status).toBe('open');
    expect(reopened.history.map((e) => e.kind)).toEqual(['closed', 'reopened']);
    expect(reopened.retention.retainUntil).toBe('2031-03-09');
  });

  it('keeps drafts by editor key and refuses keys that could carry client text', async () => {
    const { fake } = await open();
    await fake.saveDraft({ editorKey: 'case:1:intake:trauma', body: 'x' });
    expect(await fake.loadDraft({ editorKey: 'case:1:intake:trauma' })).toMatchObject({ body: 'x' });
    await expect(fake.saveDraft({ editorKey: 'Ada Example', body: 'x' })).rejects.toMatchObject({ field: 'editorKey' });
    expect(await fake.discardDraft({ editorKey: 'case:1:intake:trauma' })).toBe(true);
    expect(await fake.listDrafts()).toEqual([]);
  });

  it('seeds a demo with the four fictional cases at their stages', async () => {
    const fake = new FakeBackend({ today: TODAY });
    const demo = await fake.openDemoNotebook();
    expect(demo.cases).toBe(4);
    expect((await fake.notebookStatus()).demo).toBe(true);
    const list = await fake.listCases({ filter: {} });
    expect(list.map((c) => c.stage)).toEqual(['plan', 'ongoing', 'assessment', 'closed']);
  });
});
