// Session notes, process notes and drafts in the fake notebook (session/record.rs,
// session/process.rs, drafts.rs): the intake session first, partner and couples sessions only with
// the client's consent and the partner's own, the right people present for the kind.

import type {
  CaseId,
  DraftInfo,
  DraftView,
  NoteBody,
  ProcessNoteId,
  ProcessNoteInput,
  ProcessNoteView,
  SessionId,
  SessionInput,
  SessionSummary,
  SessionView,
} from '../bindings';
import { type CaseRow, type FakeStore, date, invalid, line, listLen, name, notFound, pastDate, requiredText, text, MAX_TEXT_BYTES } from './store';
import { refuse } from './workflow';

const BODY_PARTS = ['subjective', 'objective', 'data', 'behaviour', 'intervention', 'response', 'assessment', 'plan'];

function validBody(body: NoteBody): NoteBody {
  const out: Record<string, unknown> = { format: body.format };
  let total = 0;
  for (const [key, value] of Object.entries(body)) {
    if (key === 'format') continue;
    if (!BODY_PARTS.includes(key)) throw invalid('body', 'This part does not belong to the note format.');
    const v = text(`body.${key}`, value as string | null);
    out[key] = v;
    total += v === null ? 0 : new TextEncoder().encode(v).length;
  }
  if (total > MAX_TEXT_BYTES) throw invalid('body', 'This note is too long: at most 1 MB in all.');
  if (total === 0) throw invalid('body', 'Write at least one part of the note.');
  return out as NoteBody;
}

const minute = (t: string) => t.slice(0, 5);

function validSession(store: FakeStore, s: SessionInput): SessionInput {
  const body = validBody(s.body);
  const heldOn = pastDate('heldOn', s.heldOn, store.today());
  const startsAt = minute(s.startsAt);
  const endsAt = minute(s.endsAt);
  if (endsAt <= startsAt) throw invalid('endsAt', 'A session ends after it starts.');
  listLen('present', s.present);
  listLen('goalsAddressed', s.goalsAddressed);
  listLen('interventionsUsed', s.interventionsUsed);
  if (s.present.length === 0) throw invalid('present', 'Say who was present.');
  const interventionsUsed = s.interventionsUsed.map((v, i) => ({
    entry: v.entry ?? null,
    name: name(`interventionsUsed.${i}.name`, v.name),
  }));
  const riskAction = text('riskAction', s.riskAction);
  if (['low', 'moderate', 'high'].includes(s.riskScreen) && riskAction === null) {
    throw invalid('riskAction', 'A risk was identified: record the action taken.');
  }
  if (s.nextAppointment) {
    date('nextAppointment', s.nextAppointment.slice(0, 10));
    if (s.nextAppointment.slice(0, 16) <= `${heldOn}T${endsAt}`) {
      throw invalid('nextAppointment', 'The next appointment comes after this session.');
    }
  }
  return {
    ...s,
    body,
    heldOn,
    startsAt: `${startsAt}:00`,
    endsAt: `${endsAt}:00`,
    present: [...new Set(s.present)].sort((a, b) => a - b),
    goalsAddressed: [...new Set(s.goalsAddressed)].sort((a, b) => a - b),
    interventionsUsed,
    othersPresent: line('othersPresent', s.othersPresent),
    homeworkReviewed: text('homeworkReviewed', s.homeworkReviewed),
    homeworkSet: text('homeworkSet', s.homeworkSet),
    measuresGiven: text('measuresGiven', s.measuresGiven),
    riskAction,
    medicalUpdates: text('medicalUpdates', s.medicalUpdates),
    nextAppointment: s.nextAppointment ? `${s.nextAppointment.slice(0, 16)}:00` : null,
  };
}

function checkRules(store: FakeStore, row: CaseRow, s: SessionInput, self: SessionId | null): void {
  if (s.heldOn < row.firstContactOn) throw invalid('heldOn', 'A session cannot predate the first contact.');
  if (s.kind !== 'intake') {
    const intakeBefore = store.sessions.some(
      (x) => x.caseId === row.id && x.kind === 'intake' && x.heldOn <= s.heldOn && x.id !== self,
    );
    if (!intakeBefore) throw refuse('intake_first');
  }
  if (s.kind === 'partner' || s.kind === 'couples') {
    store.requirePartnerInvolvement(row.id, s.heldOn, s.kind === 'couples');
    const partner = store.partners.get(row.id);
    if (partner === undefined) throw refuse('partner_not_added');
    store.requirePartnerOwn(row.id, partner, s.heldOn);
  }
  let client = false;
  let partner = false;
  for (const p of s.present) {
    if (store.roleIn(row.id, p, 'present') === 'client') client = true;
    else partner = true;
  }
  const wrong =
    (s.kind === 'intake' || s.kind === 'individual') && (!client || partner)
      ? 'An intake or individual session is with the client alone; choose a couples session when the partner attends.'
      : s.kind === 'partner' && (!partner || client)
        ? 'A partner session is with the partner alone; choose a couples session when both attend.'
        : s.kind === 'couples' && !(client && partner)
          ? 'A couples session is with the client and the partner.'
          : null;
  if (wrong) throw invalid('present', wrong);
  const goals = store.plans.filter((p) => p.caseId === row.id).flatMap((p) => p.goals.map((g) => g.id));
  if (s.goalsAddressed.some((g) => !goals.includes(g))) {
    throw invalid('goalsAddressed', "A goal addressed is not in this case's plan.");
  }
  s.interventionsUsed.forEach((v, i) => {
    if (v.entry != null && !store.interventions.some((e) => e.id === v.entry)) {
      throw invalid(`interventionsUsed.${i}.entry`, 'That intervention is not in the catalogue.');
    }
  });
}

function view(id: SessionId, caseId: CaseId, s: SessionInput, createdAt: string, now: string): SessionView {
  return {
    id,
    caseId,
    kind: s.kind,
    body: s.body,
    heldOn: s.heldOn,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    modality: s.modality,
    present: s.present,
    othersPresent: s.othersPresent ?? null,
    goalsAddressed: s.goalsAddressed,
    interventionsUsed: s.interventionsUsed.map((v) => ({ entry: v.entry ?? null, name: v.name })),
    homeworkReviewed: s.homeworkReviewed ?? null,
    homeworkSet: s.homeworkSet ?? null,
    measuresGiven: s.measuresGiven ?? null,
    riskScreen: s.riskScreen,
    riskAction: s.riskAction ?? null,
    medicalUpdates: s.medicalUpdates ?? null,
    nextAppointment: s.nextAppointment ?? null,
    signedAt: null,
    createdAt,
    updatedAt: now,
  };
}

export function recordSession(store: FakeStore, caseId: CaseId, input: SessionInput): SessionView {
  const s = validSession(store, input);
  const row = store.writable(caseId);
  checkRules(store, row, s, null);
  const now = store.now();
  const session = view(store.nextId(), caseId, s, now, now);
  store.sessions.push(session);
  return session;
}

export function updateSession(store: FakeStore, id: SessionId, input: SessionInput): SessionView {
  const s = validSession(store, input);
  const at = store.sessions.findIndex((x) => x.id === id);
  if (at < 0) throw notFound('That session note is not in this notebook.');
  const old = store.sessions[at] as SessionView;
  const row = store.writable(old.caseId);
  if (old.signedAt) throw refuse('note_signed');
  checkRules(store, row, s, id);
  const session = view(id, old.caseId, s, old.createdAt, store.now());
  store.sessions[at] = session;
  return session;
}

export function getSession(store: FakeStore, id: SessionId): SessionView {
  const s = store.sessions.find((x) => x.id === id);
  if (!s) throw notFound('That session note is not in this notebook.');
  return s;
}

export function listSessions(store: FakeStore, caseId: CaseId): SessionSummary[] {
  store.caseRow(caseId);
  return store.sessions
    .filter((s) => s.caseId === caseId)
    .sort((a, b) => (a.heldOn + a.startsAt).localeCompare(b.heldOn + b.startsAt) || a.id - b.id)
    .map((s) => ({
      id: s.id,
      kind: s.kind,
      format: s.body.format,
      heldOn: s.heldOn,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      modality: s.modality,
      riskScreen: s.riskScreen,
      signed: s.signedAt !== null,
    }));
}

function validProcessNote(store: FakeStore, caseId: CaseId, n: ProcessNoteInput) {
  const writtenOn = pastDate('writtenOn', n.writtenOn, store.today());
  const body = requiredText('body', n.body);
  if (n.session != null && !store.sessions.some((s) => s.id === n.session && s.caseId === caseId)) {
    throw invalid('session', 'That session is not in this case.');
  }
  return { session: n.session ?? null, writtenOn, body };
}

export function recordProcessNote(store: FakeStore, caseId: CaseId, input: ProcessNoteInput): ProcessNoteView {
  store.writable(caseId);
  const valid = validProcessNote(store, caseId, input);
  const now = store.now();
  const note = { id: store.nextId(), caseId, ...valid, createdAt: now, updatedAt: now };
  store.processNotes.push(note);
  return note;
}

export function updateProcessNote(store: FakeStore, id: ProcessNoteId, input: ProcessNoteInput): ProcessNoteView {
  const at = store.processNotes.findIndex((n) => n.id === id);
  if (at < 0) throw notFound('That process note is not in this notebook.');
  const old = store.processNotes[at] as ProcessNoteView;
  store.writable(old.caseId);
  const note = { ...old, ...validProcessNote(store, old.caseId, input), updatedAt: store.now() };
  store.processNotes[at] = note;
  return note;
}

export function listProcessNotes(store: FakeStore, caseId: CaseId): ProcessNoteView[] {
  store.caseRow(caseId);
  return store.processNotes
    .filter((n) => n.caseId === caseId)
    .sort((a, b) => a.writtenOn.localeCompare(b.writtenOn) || a.id - b.id);
}

function checkKey(key: string): void {
  if (!/^[A-Za-z0-9:._-]{1,200}$/.test(key)) {
    throw invalid('editorKey', 'An editor key is 1 to 200 letters, digits and : . _ - only.');
  }
}

export function saveDraft(store: FakeStore, editorKey: string, body: string): DraftInfo {
  checkKey(editorKey);
  const bytes = new TextEncoder().encode(body).length;
  if (bytes > 2 * MAX_TEXT_BYTES) throw invalid('body', 'This text is too long to keep as a draft: at most 2 MB.');
  const savedAt = store.now();
  store.drafts.set(editorKey, { editorKey, body, savedAt });
  return { editorKey, savedAt, bytes };
}

export function loadDraft(store: FakeStore, editorKey: string): DraftView | null {
  checkKey(editorKey);
  return store.drafts.get(editorKey) ?? null;
}

export function discardDraft(store: FakeStore, editorKey: string): boolean {
  checkKey(editorKey);
  return store.drafts.delete(editorKey);
}

export function listDrafts(store: FakeStore): DraftInfo[] {
  return [...store.drafts.values()]
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
    .map((d) => ({ editorKey: d.editorKey, savedAt: d.savedAt, bytes: new TextEncoder().encode(d.body).length }));
}
