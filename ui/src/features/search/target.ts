// Where a search hit opens: the case, the section that shows the record, and for a session note
// (or an addendum to one) the note itself, for a measure (or an addendum to one) the administration.
// Sections are the window's; the engine says only which record holds the words. What is due on
// the home screen opens the same way, with no words to mark.

import type { SearchHit, SearchTerm } from '../../ipc';
import type { Section } from '../case/sections';

export type SearchTarget = {
  caseId: number;
  section: Section;
  /** The session note to open, when the words are in one or in its addendum. */
  sessionId: number | null;
  /** The measure's administration to open, in the measures section. */
  administrationId?: number | null;
  terms: SearchTerm[];
};

const ADDENDUM_SECTION: Record<string, Section> = {
  session_note: 'sessions',
  intake: 'intake',
  formulation: 'formulation',
  plan: 'plan',
  measure: 'measures',
};

export function targetOf(hit: SearchHit, terms: SearchTerm[]): SearchTarget {
  const at = (section: Section, sessionId: number | null = null): SearchTarget => ({
    caseId: hit.caseId,
    section,
    sessionId,
    terms,
  });
  switch (hit.kind) {
    case 'case':
      return at('details');
    case 'intake':
      return at('intake');
    case 'session':
      return at('sessions', hit.recordId);
    case 'formulation':
      return at('formulation');
    case 'plan':
    case 'plan_goal':
      return at('plan');
    case 'consent':
      return at('consents');
    case 'referral':
    case 'rule_out':
      return at('medical');
    case 'addendum': {
      const section = ADDENDUM_SECTION[hit.parentKind ?? ''] ?? 'history';
      if (hit.parentKind === 'measure') return { ...at(section), administrationId: hit.parentId };
      return at(section, hit.parentKind === 'session_note' ? hit.parentId : null);
    }
    case 'process_note':
      return at('process');
    case 'case_event':
      return at('closing');
    case 'diagnosis':
      return at('diagnoses');
    case 'measure':
      return { ...at('measures'), administrationId: hit.recordId };
  }
}

/** The record kinds the filter offers, in the order of the workflow. */
export const KIND_CHOICES: { value: string; label: string; kinds: SearchHit['kind'][] }[] = [
  { value: '', label: 'All records', kinds: [] },
  { value: 'session', label: 'Session notes', kinds: ['session'] },
  { value: 'intake', label: 'Intake', kinds: ['intake'] },
  { value: 'formulation', label: 'Formulation', kinds: ['formulation'] },
  { value: 'plan', label: 'Plan and goals', kinds: ['plan', 'plan_goal'] },
  { value: 'consent', label: 'Consents', kinds: ['consent'] },
  { value: 'medical', label: 'Referrals and rule-outs', kinds: ['referral', 'rule_out'] },
  { value: 'addendum', label: 'Addenda', kinds: ['addendum'] },
  { value: 'diagnosis', label: 'Diagnoses', kinds: ['diagnosis'] },
  { value: 'measure', label: 'Measures', kinds: ['measure'] },
  { value: 'case', label: 'Names and case details', kinds: ['case', 'case_event'] },
];
