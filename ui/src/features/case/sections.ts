// The sections of a case page, and which workflow step each one carries out.

import type { StepKind } from '../../ipc';

export type Section =
  | 'overview'
  | 'intake'
  | 'partner'
  | 'medical'
  | 'formulation'
  | 'plan'
  | 'sessions'
  | 'closing'
  | 'diagnoses'
  | 'measures'
  | 'consents'
  | 'process'
  | 'details'
  | 'history'
  | 'export';

export const STEP_SECTION: Record<StepKind, Section> = {
  intake: 'intake',
  partner_involvement: 'partner',
  medical_liaison: 'medical',
  formulation: 'formulation',
  plan: 'plan',
  sessions: 'sessions',
  closing: 'closing',
};

/** The other records of a case, after the workflow's steps. */
export const MORE: { section: Section; label: string }[] = [
  { section: 'diagnoses', label: 'Diagnoses' },
  { section: 'measures', label: 'Measures' },
  { section: 'consents', label: 'Consents' },
  { section: 'process', label: 'Process notes' },
  { section: 'details', label: 'Client & case details' },
  { section: 'history', label: 'Case history' },
];
