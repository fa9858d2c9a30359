// Cases in the fake notebook: first contact, the case page, the list, closing and reopening, and
// retention (case/record.rs, case/view.rs, case/list.rs, case/closing.rs, case/retention.rs).

import type {
  CaseDetails,
  CaseFilter,
  CaseId,
  CaseListItem,
  CaseView,
  CloseCase,
  Difficulty,
  NewCase,
  PersonView,
  ReopenCase,
  Retention,
  RetentionProfile,
} from '../bindings';
import { validPerson } from './people';
import {
  type CaseRow,
  type FakeStore,
  invalid,
  line,
  listLen,
  pastDate,
  requiredLine,
  requiredText,
  text,
  MAX_NAME_CHARS,
} from './store';
import { type CaseFacts, medicalReminder, refuse, reviewOverdue, stageOf, stepsOf } from './workflow';

function validDetails(store: FakeStore, d: CaseDetails) {
  listLen('difficulties', d.difficulties);
  if (d.difficulties.length === 0) throw invalid('difficulties', 'Choose at least one presenting difficulty.');
  const difficulties: string[] = [];
  for (const code of d.difficulties) {
    const c = requiredLine('difficulties', code, 60);
    if (!difficulties.includes(c)) difficulties.push(c);
  }
  const details = {
    difficulties,
    otherDifficulty: line('otherDifficulty', d.otherDifficulty),
    referralSource: line('referralSource', d.referralSource),
    hasPartner: d.hasPartner,
  };
  if (!difficulties.every((c) => store.difficulties.some((known) => known.code === c))) {
    throw invalid('difficulties', 'One of these difficulties is not in the list.');
  }
  return details;
}

export function createCase(store: FakeStore, input: NewCase): CaseView {
  const today = store.today();
  const client = validPerson(input.client, 'client', today);
  const firstContactOn = pastDate('firstContactOn', input.firstContactOn, today);
  const details = validDetails(store, input);
  const person = { id: store.nextId(), ...client };
  store.people.set(person.id, person);
  const id = store.nextId();
  store.cases.set(id, { id, clientId: person.id, status: 'open', firstContactOn, events: [], ...details });
  return getCase(store, id);
}

export function updateCase(store: FakeStore, id: CaseId, input: CaseDetails): CaseView {
  const details = validDetails(store, input);
  const row = store.writable(id);
  if (!details.hasPartner && store.partners.has(id)) {
    throw invalid('hasPartner', 'A partner is recorded in this case.');
  }
  Object.assign(row, details);
  return getCase(store, id);
}

function difficultiesOf(store: FakeStore, row: CaseRow): Difficulty[] {
  return store.difficulties.filter((d) => row.difficulties.includes(d.code));
}

function gather(store: FakeStore, row: CaseRow) {
  const today = store.today();
  const sessions = store.sessions
    .filter((s) => s.caseId === row.id)
    .sort((a, b) => (a.heldOn + a.startsAt).localeCompare(b.heldOn + b.startsAt) || a.id - b.id);
  const plans = store.plans.filter((p) => p.caseId === row.id);
  const plan = plans.sort((a, b) => b.version - a.version)[0];
  const planMadeOn = plan?.createdAt.slice(0, 10) ?? null;
  const formulations = store.formulations.filter((f) => f.caseId === row.id);
  const intake = store.intakes.get(row.id);
  const ruleOut = store.ruleOuts.get(row.id)?.at(-1)?.status ?? 'not_assessed';
  const lastSession = sessions.map((s) => s.heldOn).sort().at(-1) ?? null;
  const lastClosed = row.events.filter((e) => e.kind === 'closed').at(-1)?.onDate ?? null;
  const facts: CaseFacts = {
    status: row.status,
    hasPartner: row.hasPartner,
    partnerAdded: store.partners.has(row.id),
    intake: !intake ? 'not_started' : intake.completedAt ? 'completed' : 'started',
    intakeSessions: sessions.filter((s) => s.kind === 'intake').length,
    partnerConsent: store.partnerConsentState(row.id, today),
    partnerSessions: sessions.filter((s) => s.kind === 'partner' || s.kind === 'couples').length,
    ruleOut,
    formulationVersion: formulations.length ? Math.max(...formulations.map((f) => f.version)) : null,
    planVersion: plan?.version ?? null,
    reviewOn: plan?.reviewOn ?? null,
    sessionsUnderPlan:
      planMadeOn === null ? 0 : sessions.filter((s) => s.kind !== 'intake' && s.heldOn >= planMadeOn).length,
    sessions: sessions.length,
    today,
  };
  const lastContactOn = [row.firstContactOn, lastSession, lastClosed]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1) as string;
  const nextAppointment = sessions.at(-1)?.nextAppointment ?? null;
  return { facts, lastContactOn, nextAppointment };
}

export function getCase(store: FakeStore, id: CaseId): CaseView {
  const row = store.caseRow(id);
  const { facts, lastContactOn, nextAppointment } = gather(store, row);
  const client = store.person(row.clientId);
  const partnerId = store.partners.get(id);
  let partner: CaseView['partner'] = null;
  if (partnerId !== undefined) {
    const head = store.headOn(id, 'partner_own', partnerId, null, store.today());
    partner = {
      person: store.person(partnerId),
      role: head && head.terms.kind === 'partner_own' ? head.terms.role : null,
      ownConsentActive: head ? store.standing(head, store.today()) === 'active' : false,
    };
  }
  return {
    id,
    client,
    partner,
    difficulties: difficultiesOf(store, row),
    otherDifficulty: row.otherDifficulty,
    referralSource: row.referralSource,
    hasPartner: row.hasPartner,
    firstContactOn: row.firstContactOn,
    status: row.status,
    stage: stageOf(facts),
    steps: stepsOf(facts),
    partnerConsent: facts.partnerConsent,
    ruleOutStatus: facts.ruleOut,
    medicalReminder: medicalReminder(facts.ruleOut),
    reviewOn: facts.reviewOn,
    reviewOverdue: reviewOverdue(facts),
    nextAppointment,
    sessionCount: facts.sessions,
    retention: retention(store.retention, lastContactOn, client),
    history: structuredClone(row.events),
  };
}

export function listCases(store: FakeStore, filter: CaseFilter): CaseListItem[] {
  const needle = line('name', filter.name, MAX_NAME_CHARS)?.toLowerCase() ?? null;
  const items: CaseListItem[] = [];
  for (const row of store.cases.values()) {
    if (filter.status && filter.status !== row.status) continue;
    const clientName = store.person(row.clientId).fullName;
    const partnerId = store.partners.get(row.id);
    const partnerName = partnerId === undefined ? null : store.person(partnerId).fullName;
    if (needle && ![clientName, partnerName].some((n) => n?.toLowerCase().includes(needle))) continue;
    const { facts, nextAppointment } = gather(store, row);
    const stage = stageOf(facts);
    if (filter.stage && filter.stage !== stage) continue;
    items.push({
      id: row.id,
      clientName,
      partnerName,
      difficulties: difficultiesOf(store, row),
      status: row.status,
      stage,
      firstContactOn: row.firstContactOn,
      nextAppointment,
      reviewOn: facts.reviewOn,
      reviewOverdue: reviewOverdue(facts),
    });
  }
  const order = (s: string) => (s === 'open' ? 0 : 1);
  return items.sort(
    (a, b) =>
      order(a.status) - order(b.status) ||
      a.clientName.toLowerCase().localeCompare(b.clientName.toLowerCase()) ||
      a.id - b.id,
  );
}

export function closeCase(store: FakeStore, id: CaseId, input: CloseCase): CaseView {
  const closedOn = pastDate('closedOn', input.closedOn, store.today());
  const reasonNote = text('reasonNote', input.reasonNote);
  if (input.reason === 'other' && reasonNote === null) throw invalid('reasonNote', 'Say why the case is closing.');
  const summary = requiredText('dischargeSummary', input.dischargeSummary);
  const row = store.writable(id);
  const last = store.sessions.filter((s) => s.caseId === id).map((s) => s.heldOn).sort().at(-1);
  if (closedOn < row.firstContactOn || (last !== undefined && closedOn < last)) {
    throw invalid('closedOn', 'A case cannot close before its first contact or its last session.');
  }
  row.events.push({ kind: 'closed', onDate: closedOn, closingReason: input.reason, reason: reasonNote, dischargeSummary: summary });
  row.status = 'closed';
  return getCase(store, id);
}

export function reopenCase(store: FakeStore, id: CaseId, input: ReopenCase): CaseView {
  const reopenedOn = pastDate('reopenedOn', input.reopenedOn, store.today());
  const reason = text('reason', input.reason);
  if (reason === null) throw refuse('reopen_needs_reason');
  const row = store.caseRow(id);
  if (row.status === 'open') throw refuse('case_already_open');
  const closed = row.events.filter((e) => e.kind === 'closed').at(-1)?.onDate;
  if (closed !== undefined && reopenedOn < closed) throw invalid('reopenedOn', 'A case cannot reopen before it closed.');
  row.events.push({ kind: 'reopened', onDate: reopenedOn, closingReason: null, reason, dischargeSummary: null });
  row.status = 'open';
  return getCase(store, id);
}

export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function retention(profile: RetentionProfile, lastContactOn: string, client: PersonView): Retention {
  const [years, label] = profile === 'south_africa' ? [6, '6 years after the last contact'] : [7, '7 years after the last service'];
  const base = addYears(lastContactOn, years);
  const make = (retainUntil: string | null, forLife: boolean, basis: string): Retention => ({
    profile,
    lastContactOn,
    retainUntil,
    forLife,
    basis,
  });
  if (profile === 'south_africa' && client.lacksCapacity) {
    return make(null, true, 'For life: the client lacks mental capacity.');
  }
  if (client.dateOfBirth) {
    const comingOfAge = addYears(client.dateOfBirth, 21);
    if (comingOfAge > base) {
      return make(
        comingOfAge,
        false,
        profile === 'south_africa'
          ? 'Until the 21st birthday, which is later than 6 years after the last contact.'
          : 'Until 3 years after majority (age 21), which is later than 7 years after the last service.',
      );
    }
    return make(base, false, `${label}.`);
  }
  if (client.ageBand === 'under_18') {
    return make(null, false, 'The client is a minor: record the date of birth to compute how long to keep the record.');
  }
  return make(base, false, `${label}.`);
}
