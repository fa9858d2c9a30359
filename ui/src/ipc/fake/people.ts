// People and consents in the fake notebook (person.rs, consent/record.rs).

import type {
  CaseId,
  ConsentId,
  ConsentInput,
  ConsentView,
  PersonId,
  PersonInput,
  PersonView,
  WithdrawConsent,
} from '../bindings';
import { type FakeStore, date, invalid, line, name, notFound, pastDate, requiredText, text } from './store';
import { refuse } from './workflow';

const MAX_CONTACT_CHARS = 200;

/** Checks a person's details; `prefix` names the nested field (`client.fullName`). */
export function validPerson(p: PersonInput, prefix: string, today: string): Omit<PersonView, 'id'> {
  const f = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const fullName = name(f('fullName'), p.fullName);
  const pronouns = line(f('pronouns'), p.pronouns);
  const dateOfBirth = p.dateOfBirth ? pastDate(f('dateOfBirth'), p.dateOfBirth, today) : null;
  if (dateOfBirth && p.ageBand) throw invalid(f('ageBand'), 'Give a date of birth or an age band, not both.');
  const phone = line(f('phone'), p.phone, MAX_CONTACT_CHARS);
  if (phone && !/^[0-9 +\-()./x]+$/.test(phone)) throw invalid(f('phone'), 'Use digits, spaces and + - ( ) only.');
  const email = line(f('email'), p.email, MAX_CONTACT_CHARS);
  if (email && !/^[^@\s]+@[^@\s]*\.[^@\s]*$/.test(email)) throw invalid(f('email'), 'This is not an email address.');
  const address = text(f('address'), p.address);
  if (address && [...address].length > 1000) throw invalid(f('address'), 'Use at most 1000 characters.');
  return {
    fullName,
    pronouns,
    dateOfBirth,
    ageBand: p.ageBand ?? null,
    phone,
    email,
    address,
    lacksCapacity: p.lacksCapacity ?? false,
  };
}

export function addPartner(store: FakeStore, caseId: CaseId, input: PersonInput): PersonView {
  const valid = validPerson(input, '', store.today());
  const row = store.writable(caseId);
  if (!row.hasPartner) throw refuse('no_partner');
  store.requirePartnerInvolvement(caseId, store.today(), false);
  if (store.partners.has(caseId)) {
    throw { kind: 'conflict', message: 'This case already has a partner. Edit their details instead.' };
  }
  const person = { id: store.nextId(), ...valid };
  store.people.set(person.id, person);
  store.partners.set(caseId, person.id);
  return person;
}

export function updatePerson(store: FakeStore, id: PersonId, input: PersonInput): PersonView {
  const valid = validPerson(input, '', store.today());
  const found = store.caseOf(id);
  if (!found) throw notFound('That person is not in this notebook.');
  store.writable(found.caseId);
  if (found.role === 'partner') store.requirePartnerInvolvement(found.caseId, store.today(), false);
  const person = { id, ...valid };
  store.people.set(id, person);
  return person;
}

export function recordConsent(store: FakeStore, caseId: CaseId, input: ConsentInput): ConsentView {
  const today = store.today();
  const givenOn = pastDate('givenOn', input.givenOn, today);
  if (input.expiresOn) {
    date('expiresOn', input.expiresOn);
    if (input.expiresOn <= givenOn) throw invalid('expiresOn', 'A consent expires after the day it is given.');
  }
  const terms = structuredClone(input.terms);
  if (terms.kind === 'partner_involvement') terms.scope = requiredText('terms.scope', terms.scope);
  if (terms.kind === 'release_of_information') {
    terms.sharedInformation = requiredText('terms.sharedInformation', terms.sharedInformation);
  }
  const note = text('note', input.note);
  const row = store.writable(caseId);
  if (givenOn < row.firstContactOn) {
    throw invalid('givenOn', 'A consent in this case cannot predate the first contact.');
  }
  if (terms.kind === 'partner_involvement' && !row.hasPartner) throw refuse('no_partner');
  if (terms.kind === 'partner_own' && !store.partners.has(caseId)) {
    throw refuse('partner_not_added', "Add the partner's details before their own consent.");
  }
  const role = store.roleIn(caseId, input.givenBy, 'givenBy');
  if (terms.kind === 'partner_involvement' && role === 'partner') {
    throw invalid('givenBy', 'The client gives the consent to involve the partner.');
  }
  if (terms.kind === 'partner_own' && role === 'client') {
    throw invalid('givenBy', 'The partner gives their own consent.');
  }
  if (terms.kind !== 'partner_involvement' && terms.kind !== 'partner_own' && role === 'partner') {
    store.requirePartnerInvolvement(caseId, givenOn, false);
  }
  const recipient = terms.kind === 'release_of_information' ? terms.recipient : null;
  if (recipient !== null && !store.practitioners.some((p) => p.id === recipient)) {
    throw invalid('terms.recipient', 'That practitioner is not in this notebook.');
  }
  const same = store.consents.filter(
    (c) =>
      c.caseId === caseId &&
      c.terms.kind === terms.kind &&
      c.givenBy === input.givenBy &&
      (c.terms.kind === 'release_of_information' ? c.terms.recipient : null) === recipient,
  );
  const id = store.nextId();
  store.consents.push({
    id,
    caseId,
    givenBy: input.givenBy,
    terms,
    version: Math.max(0, ...same.map((c) => c.version)) + 1,
    givenOn,
    expiresOn: input.expiresOn ?? null,
    method: input.method,
    note,
    withdrawnOn: null,
    withdrawalReason: null,
    recordedAt: store.now(),
  });
  return find(store, id);
}

export function withdrawConsent(store: FakeStore, id: ConsentId, input: WithdrawConsent): ConsentView {
  const withdrawnOn = pastDate('withdrawnOn', input.withdrawnOn, store.today());
  const reason = text('reason', input.reason);
  const row = store.consents.find((c) => c.id === id);
  if (!row) throw notFound('That consent is not in this notebook.');
  store.writable(row.caseId);
  const current = find(store, id);
  const newest = store.consents
    .filter((c) => c.caseId === row.caseId && c.terms.kind === row.terms.kind && c.givenBy === row.givenBy)
    .every((c) => c.version <= row.version);
  if (row.withdrawnOn !== null || !newest || current.status === 'superseded') throw refuse('consent_not_current');
  if (withdrawnOn < row.givenOn) throw invalid('withdrawnOn', 'A consent cannot be withdrawn before it was given.');
  row.withdrawnOn = withdrawnOn;
  row.withdrawalReason = reason;
  return find(store, id);
}

function find(store: FakeStore, id: ConsentId): ConsentView {
  const row = store.consents.find((c) => c.id === id);
  if (!row) throw notFound('That consent is not in this notebook.');
  const view = store.consentsOf(row.caseId).find((c) => c.id === id);
  if (!view) throw notFound('That consent is not in this notebook.');
  return view;
}
