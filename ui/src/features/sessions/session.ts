// A session note as its form holds it, and as the engine takes it.

import type {
  CaseView,
  InterventionEntryId,
  Modality,
  NoteBody,
  NoteFormat,
  PersonId,
  PreviousNote,
  RiskScreen,
  SessionInput,
  SessionKind,
  SessionPrefill,
  SessionView,
} from '../../ipc';
import { appointment, timeInput, today } from '../../lib/dates';

/** The parts of each note format, in order, with their labels. */
export const PARTS: Record<NoteFormat, { key: string; label: string; hint: string }[]> = {
  soap: [
    { key: 'subjective', label: 'Subjective', hint: 'What the client (or couple) reports, in their words.' },
    { key: 'objective', label: 'Objective', hint: 'What you observed: presentation, affect, interaction.' },
    { key: 'assessment', label: 'Assessment', hint: 'Your clinical impression; progress against the goals.' },
    { key: 'plan', label: 'Plan', hint: 'Next steps, homework, next session.' },
  ],
  dap: [
    { key: 'data', label: 'Data', hint: 'What was reported and observed.' },
    { key: 'assessment', label: 'Assessment', hint: 'Your clinical impression; progress against the goals.' },
    { key: 'plan', label: 'Plan', hint: 'Next steps, homework, next session.' },
  ],
  birp: [
    { key: 'behaviour', label: 'Behaviour', hint: 'What the client presented with and reported.' },
    { key: 'intervention', label: 'Intervention', hint: 'What you did in the session.' },
    { key: 'response', label: 'Response', hint: 'How the client responded.' },
    { key: 'plan', label: 'Plan', hint: 'Next steps, homework, next session.' },
  ],
};

/** Every part of every format, empty: switching formats keeps what the shared parts hold. */
function emptyParts(): Record<string, string> {
  return Object.fromEntries(Object.values(PARTS).flatMap((parts) => parts.map((p) => [p.key, ''])));
}

export interface UsedIntervention {
  entry: InterventionEntryId | null;
  name: string;
}

export interface SessionForm {
  kind: SessionKind;
  format: NoteFormat;
  parts: Record<string, string>;
  heldOn: string;
  startsAt: string;
  endsAt: string;
  modality: Modality;
  present: PersonId[];
  othersPresent: string;
  goalsAddressed: number[];
  interventionsUsed: UsedIntervention[];
  homeworkReviewed: string;
  homeworkSet: string;
  measuresGiven: string;
  riskScreen: RiskScreen;
  riskAction: string;
  medicalUpdates: string;
  nextAppointment: string;
}

/** Whether the partner may attend: the client's consent to involve them and their own, both active. */
export function partnerMayAttend(kase: CaseView): boolean {
  return kase.partner !== null && kase.partnerConsent === 'active' && kase.partner.ownConsentActive;
}

/** Who usually attends a session of this kind: the client alone, or with the partner who may attend. */
export function attendees(kind: SessionKind, kase: CaseView): PersonId[] {
  const partner = kase.partner?.person.id;
  switch (kind) {
    case 'partner':
      return partner === undefined ? [] : [partner];
    case 'couples':
      return partner !== undefined && partnerMayAttend(kase) ? [kase.client.id, partner] : [kase.client.id];
    default:
      return [kase.client.id];
  }
}

/** Where "who was present" was taken from, in words, shown under it. */
export function attendeesSource(kind: SessionKind, kase: CaseView): string {
  const partner = kase.partner?.person.fullName;
  switch (kind) {
    case 'partner':
      return partner ? `From the case: ${partner}, the partner, for a partner session.` : 'No partner is recorded in the case yet.';
    case 'couples':
      return partner && partnerMayAttend(kase)
        ? `From the case: the client and ${partner}, for a couples session.`
        : 'From the case: the client only. The partner is not ticked: a couples session needs both consents active.';
    default:
      return `From the case: the client, for ${kind === 'intake' ? 'the intake' : 'an individual session'}.`;
  }
}

/**
 * Where each prefilled part of a new note came from, so the form can say so beside it: nothing is
 * carried over silently. `null` for a part the record did not fill.
 */
export interface Sources {
  /** The couples note this one continues (a couples session again, the partner present). */
  kind: PreviousNote | null;
  /** The note whose "homework set" is this note's "homework reviewed". */
  homework: PreviousNote | null;
  /** The note whose modality this one starts with. */
  modality: PreviousNote | null;
  /** The note that booked this session: the date and times come from its next appointment. */
  time: PreviousNote | null;
}

export const NO_SOURCES: Sources = { kind: null, homework: null, modality: null, time: null };

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function clock(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * A new note with what the record already knows, and where each part came from: the latest note's
 * homework set as homework reviewed, its modality, a couples session again after a couples
 * session (while the partner may attend), and the date and times of the appointment it booked
 * (when that day has come, and lasting as long as that session did). Goals and interventions are
 * offered by the form, never ticked here.
 */
export function prefilledSession(
  kind: SessionKind,
  format: NoteFormat,
  kase: CaseView,
  prefill: SessionPrefill | null,
  on: string = today(),
): { note: SessionForm; sources: Sources } {
  const previous = prefill?.previous ?? null;
  if (!previous || kind === 'intake') return { note: newSession(kind, format, kase), sources: { ...NO_SOURCES } };
  const couples = kind === 'individual' && previous.kind === 'couples' && partnerMayAttend(kase);
  const note = newSession(couples ? 'couples' : kind, format, kase);
  const sources: Sources = { ...NO_SOURCES, modality: previous, kind: couples ? previous : null };
  note.modality = previous.modality;
  if (previous.homeworkSet) {
    note.homeworkReviewed = previous.homeworkSet;
    sources.homework = previous;
  }
  const booked = previous.nextAppointment;
  const day = booked?.slice(0, 10);
  if (booked && day && day > previous.heldOn && day <= on) {
    const start = minutes(booked.slice(11, 16));
    const length = minutes(previous.endsAt) - minutes(previous.startsAt);
    note.heldOn = day;
    note.startsAt = clock(start);
    note.endsAt = length > 0 && start + length < 24 * 60 ? clock(start + length) : '';
    sources.time = previous;
  }
  return { note, sources };
}

export function newSession(kind: SessionKind, format: NoteFormat, kase: CaseView): SessionForm {
  return {
    kind,
    format,
    parts: emptyParts(),
    heldOn: today(),
    startsAt: '',
    endsAt: '',
    modality: 'in_person',
    present: attendees(kind, kase),
    othersPresent: '',
    goalsAddressed: [],
    interventionsUsed: [],
    homeworkReviewed: '',
    homeworkSet: '',
    measuresGiven: '',
    // Not screened until the therapist says otherwise: a risk screen is a clinical finding, never a default.
    riskScreen: 'not_screened',
    riskAction: '',
    medicalUpdates: '',
    nextAppointment: '',
  };
}

export function sessionForm(s: SessionView): SessionForm {
  const { format, ...parts } = s.body;
  return {
    kind: s.kind,
    format,
    parts: {
      ...emptyParts(),
      ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, (v as string | null) ?? ''])),
    },
    heldOn: s.heldOn,
    startsAt: timeInput(s.startsAt),
    endsAt: timeInput(s.endsAt),
    modality: s.modality,
    present: [...s.present],
    othersPresent: s.othersPresent ?? '',
    goalsAddressed: [...s.goalsAddressed],
    interventionsUsed: s.interventionsUsed.map((v) => ({ entry: v.entry ?? null, name: v.name })),
    homeworkReviewed: s.homeworkReviewed ?? '',
    homeworkSet: s.homeworkSet ?? '',
    measuresGiven: s.measuresGiven ?? '',
    riskScreen: s.riskScreen,
    riskAction: s.riskAction ?? '',
    medicalUpdates: s.medicalUpdates ?? '',
    nextAppointment: s.nextAppointment ? s.nextAppointment.slice(0, 16) : '',
  };
}

const blank = (v: string) => (v.trim() === '' ? null : v);

export function sessionInput(f: SessionForm): SessionInput {
  const body = { format: f.format } as Record<string, string | null>;
  for (const part of PARTS[f.format]) body[part.key] = blank(f.parts[part.key] ?? '');
  return {
    kind: f.kind,
    body: body as unknown as NoteBody,
    heldOn: f.heldOn,
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    modality: f.modality,
    present: f.present,
    othersPresent: blank(f.othersPresent),
    goalsAddressed: f.goalsAddressed,
    interventionsUsed: f.interventionsUsed,
    homeworkReviewed: blank(f.homeworkReviewed),
    homeworkSet: blank(f.homeworkSet),
    measuresGiven: blank(f.measuresGiven),
    riskScreen: f.riskScreen,
    riskAction: f.riskScreen === 'low' || f.riskScreen === 'moderate' || f.riskScreen === 'high' ? blank(f.riskAction) : null,
    medicalUpdates: blank(f.medicalUpdates),
    nextAppointment: appointment(f.nextAppointment),
  };
}
