// Medical liaison and diagnoses in the fake notebook (medical.rs, diagnosis.rs).

import type {
  CaseId,
  CatalogueEntry,
  CatalogueEntryInput,
  DiagnosisId,
  DiagnosisInput,
  DiagnosisView,
  MedicalView,
  PractitionerId,
  PractitionerInput,
  PractitionerView,
  ReferralInput,
  ReferralView,
  RuleOutInput,
} from '../bindings';
import { type FakeStore, invalid, line, name, notFound, pastDate, requiredLine, requiredText, text } from './store';
import { medicalReminder } from './workflow';

function validPractitioner(p: PractitionerInput): Omit<PractitionerView, 'id'> {
  const address = text('address', p.address);
  if (address && [...address].length > 1000) throw invalid('address', 'Use at most 1000 characters.');
  return {
    kind: p.kind,
    name: name('name', p.name),
    practice: line('practice', p.practice),
    phone: line('phone', p.phone),
    email: line('email', p.email),
    address,
  };
}

export function addPractitioner(store: FakeStore, input: PractitionerInput): PractitionerView {
  const p = { id: store.nextId(), ...validPractitioner(input) };
  store.practitioners.push(p);
  return p;
}

export function updatePractitioner(store: FakeStore, id: PractitionerId, input: PractitionerInput): PractitionerView {
  const valid = validPractitioner(input);
  const at = store.practitioners.findIndex((p) => p.id === id);
  if (at < 0) throw notFound('That practitioner is not in this notebook.');
  store.practitioners[at] = { id, ...valid };
  return store.practitioners[at];
}

export function listPractitioners(store: FakeStore): PractitionerView[] {
  return [...store.practitioners].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name) || a.id - b.id,
  );
}

export function setRuleOutStatus(store: FakeStore, caseId: CaseId, input: RuleOutInput): MedicalView {
  pastDate('onDate', input.onDate, store.today());
  const note = text('note', input.note);
  const row = store.writable(caseId);
  if (input.onDate < row.firstContactOn) throw invalid('onDate', 'This date is before the first contact.');
  const history = store.ruleOuts.get(caseId) ?? [];
  history.push({ status: input.status, onDate: input.onDate, note, recordedAt: store.now() });
  store.ruleOuts.set(caseId, history);
  return getMedical(store, caseId);
}

export function addReferral(store: FakeStore, caseId: CaseId, input: ReferralInput): ReferralView {
  const referredOn = pastDate('referredOn', input.referredOn, store.today());
  const reason = requiredText('reason', input.reason);
  const note = text('note', input.note);
  const row = store.writable(caseId);
  if (referredOn < row.firstContactOn) throw invalid('referredOn', 'This date is before the first contact.');
  if (!store.practitioners.some((p) => p.id === input.practitioner)) {
    throw invalid('practitioner', 'That practitioner is not in this notebook.');
  }
  const consentId = store.requireRelease(caseId, input.practitioner, referredOn);
  const referral: ReferralView = {
    id: store.nextId(),
    caseId,
    practitioner: input.practitioner,
    consentId,
    referredOn,
    reason,
    note,
  };
  store.referrals.push(referral);
  const history = store.ruleOuts.get(caseId) ?? [];
  if ((history.at(-1)?.status ?? 'not_assessed') === 'not_assessed') {
    history.push({ status: 'referred', onDate: referredOn, note: null, recordedAt: store.now() });
    store.ruleOuts.set(caseId, history);
  }
  return referral;
}

export function getMedical(store: FakeStore, caseId: CaseId): MedicalView {
  store.caseRow(caseId);
  const history = store.ruleOuts.get(caseId) ?? [];
  const status = history.at(-1)?.status ?? 'not_assessed';
  return {
    status,
    reminder: medicalReminder(status),
    history,
    referrals: store.referrals
      .filter((r) => r.caseId === caseId)
      .sort((a, b) => a.referredOn.localeCompare(b.referredOn) || a.id - b.id),
  };
}

function validCode(field: string, code: string): string {
  const c = requiredLine(field, code, 20).toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9.]*$/.test(c)) {
    throw invalid(field, 'A code holds letters, digits and dots only, like F52.21 or HA01.1.');
  }
  return c;
}

function validDiagnosis(store: FakeStore, caseId: CaseId, d: DiagnosisInput): DiagnosisInput {
  const valid = {
    ...d,
    name: name('name', d.name),
    code: { system: d.code.system, code: validCode('code.code', d.code.code) },
    note: text('note', d.note),
    recordedOn: pastDate('recordedOn', d.recordedOn, store.today()),
  };
  return valid;
}

function checkLinks(store: FakeStore, caseId: CaseId, d: DiagnosisInput): void {
  if (store.roleIn(caseId, d.person, 'person') === 'partner') {
    store.requirePartnerInvolvement(caseId, d.recordedOn, false);
  }
  if (d.catalogueEntry != null && !store.catalogue.some((e) => e.id === d.catalogueEntry)) {
    throw invalid('catalogueEntry', 'That catalogue entry is not in this notebook.');
  }
}

function diagnosisView(id: DiagnosisId, caseId: CaseId, d: DiagnosisInput): DiagnosisView {
  return {
    id,
    caseId,
    person: d.person,
    catalogueEntry: d.catalogueEntry ?? null,
    name: d.name,
    code: d.code,
    status: d.status,
    course: d.course ?? null,
    context: d.context ?? null,
    severity: d.severity ?? null,
    note: d.note ?? null,
    recordedOn: d.recordedOn,
  };
}

export function recordDiagnosis(store: FakeStore, caseId: CaseId, input: DiagnosisInput): DiagnosisView {
  const d = validDiagnosis(store, caseId, input);
  store.writable(caseId);
  checkLinks(store, caseId, d);
  const view = diagnosisView(store.nextId(), caseId, d);
  store.diagnoses.push(view);
  return view;
}

export function updateDiagnosis(store: FakeStore, id: DiagnosisId, input: DiagnosisInput): DiagnosisView {
  const at = store.diagnoses.findIndex((d) => d.id === id);
  if (at < 0) throw notFound('That diagnosis is not in this notebook.');
  const caseId = store.diagnoses[at]!.caseId;
  const d = validDiagnosis(store, caseId, input);
  store.writable(caseId);
  checkLinks(store, caseId, d);
  const view = diagnosisView(id, caseId, d);
  store.diagnoses[at] = view;
  return view;
}

export function listDiagnoses(store: FakeStore, caseId: CaseId): DiagnosisView[] {
  store.caseRow(caseId);
  return store.diagnoses
    .filter((d) => d.caseId === caseId)
    .sort((a, b) => a.recordedOn.localeCompare(b.recordedOn) || a.id - b.id);
}

export function saveCatalogueEntry(store: FakeStore, id: number | null, input: CatalogueEntryInput): CatalogueEntry {
  const entry: CatalogueEntry = {
    id: id ?? store.nextId(),
    difficulty: line('difficulty', input.difficulty, 60),
    name: name('name', input.name),
    hint: text('hint', input.hint) ?? '',
    codes: input.codes.map((c, i) => ({ ...c, code: validCode(`codes.${i}.code`, c.code) })),
    retired: input.retired,
  };
  if (entry.difficulty && !store.difficulties.some((d) => d.code === entry.difficulty)) {
    throw invalid('difficulty', 'That difficulty is not in the list.');
  }
  const at = store.catalogue.findIndex((e) => e.id === id);
  if (id !== null && at < 0) throw notFound('That catalogue entry is not in this notebook.');
  if (at >= 0) store.catalogue[at] = entry;
  else store.catalogue.push(entry);
  return entry;
}
