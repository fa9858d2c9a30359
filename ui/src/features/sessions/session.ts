// A session note as its form holds it, and as the engine takes it.

import type {
  CaseView,
  InterventionEntryId,
  Modality,
  NoteBody,
  NoteFormat,
  PersonId,
  RiskScreen,
  SessionInput,
  SessionKind,
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

/** Who usually attends a session of this kind. */
export function attendees(kind: SessionKind, kase: CaseView): PersonId[] {
  const partner = kase.partner?.person.id;
  switch (kind) {
    case 'partner':
      return partner === undefined ? [] : [partner];
    case 'couples':
      return partner === undefined ? [kase.client.id] : [kase.client.id, partner];
    default:
      return [kase.client.id];
  }
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
    riskScreen: 'none_identified',
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
