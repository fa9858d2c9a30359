// The workflow of a case as the engine computes it (crates/casebook-core/src/workflow): the
// rules' messages, the stage and the step sequence, from what is recorded. Kept in step with
// workflow.rs and workflow/steps.rs so screen tests see the sequence the real window shows.

import type {
  CaseStage,
  CaseStatus,
  ErrorReply,
  PartnerConsentState,
  Rule,
  RuleOutStatus,
  StepKind,
  StepState,
  WorkflowStep,
} from '../bindings';

export const RULE_MESSAGES: Record<Rule, string> = {
  intake_first:
    'The first session of every case is the intake session. Record the intake session first.',
  partner_involvement_consent:
    "A partner session, or anything recorded about the partner, needs the client's active consent to involve the partner. Record the consent first.",
  couples_session_consent:
    "A couples session needs the client's active consent to involve the partner. Record the consent first.",
  partner_own_consent:
    "The partner has not given their own consent. Record the partner's consent and role (co-client or collateral) at their first attendance.",
  no_partner:
    'This case records no partner. Note in the case details that the client has a partner first.',
  partner_not_added: "Add the partner's details before a partner or couples session.",
  release_consent:
    "A referral needs the client's active release-of-information consent naming this practitioner. Record that consent first.",
  formulation_needs_intake: 'A formulation needs a completed intake. Complete the intake first.',
  plan_needs_formulation: 'A treatment plan needs a formulation. Write the formulation first.',
  plan_review_date: 'A treatment plan needs a review date. Choose when you will review it.',
  closed_case_read_only:
    'This case is closed, so it cannot be changed. Reopen it, with a reason, to continue.',
  reopen_needs_reason: 'Reopening a closed case needs a reason.',
  case_already_open: 'This case is open already.',
  intake_completed:
    'The intake is completed and no longer changes. Corrections will be added as addenda.',
  consent_not_current:
    'Only the current version of a consent that has not been withdrawn can be withdrawn.',
  note_signed: 'A signed note no longer changes. Add an addendum instead.',
  signer_name_missing: 'Set your name in Settings before signing.',
  already_signed: 'This is signed already. A signed item no longer changes; add an addendum instead.',
  late_note_reason: 'This note is signed more than 24 hours after the session. Say why it is late.',
  addendum_needs_final:
    'This item is not signed yet, so it can still be corrected directly. Addenda are for signed items.',
  record_final: 'Signed items, addenda and the audit trail no longer change. Add an addendum instead.',
};

export function refuse(rule: Rule, message = RULE_MESSAGES[rule]): ErrorReply {
  return { kind: 'workflow', rule, message };
}

export const RULE_OUT_LABELS: Record<RuleOutStatus, string> = {
  not_assessed: 'not assessed',
  referred: 'referred',
  awaiting_result: 'awaiting result',
  contributing: 'medical factor contributing',
  ruled_out: 'ruled out',
};

export function ruleOutPending(status: RuleOutStatus): boolean {
  return status === 'not_assessed' || status === 'referred' || status === 'awaiting_result';
}

export function medicalReminder(status: RuleOutStatus): string | null {
  return ruleOutPending(status)
    ? `Medical causes are not ruled out yet (status: ${RULE_OUT_LABELS[status]}). Keep the formulation and plan provisional until they are.`
    : null;
}

export interface CaseFacts {
  status: CaseStatus;
  hasPartner: boolean;
  partnerAdded: boolean;
  intake: 'not_started' | 'started' | 'completed';
  intakeSessions: number;
  partnerConsent: PartnerConsentState;
  partnerSessions: number;
  ruleOut: RuleOutStatus;
  formulationVersion: number | null;
  planVersion: number | null;
  reviewOn: string | null;
  sessionsUnderPlan: number;
  sessions: number;
  today: string;
}

export function stageOf(f: CaseFacts): CaseStage {
  if (f.status === 'closed') return 'closed';
  if (f.planVersion !== null) return f.sessionsUnderPlan > 0 ? 'ongoing' : 'plan';
  if (f.formulationVersion !== null) return 'formulation';
  if (f.intake === 'completed') return 'assessment';
  if (f.intake === 'started' || f.intakeSessions > 0) return 'intake';
  return 'first_contact';
}

export function reviewOverdue(f: CaseFacts): boolean {
  return f.status === 'open' && f.reviewOn !== null && f.reviewOn < f.today;
}

function step(kind: StepKind, state: StepState, summary: string): WorkflowStep {
  return { step: kind, state, summary, rule: null };
}

function blocked(kind: StepKind, rule: Rule, summary: string): WorkflowStep {
  return { step: kind, state: 'blocked', summary, rule };
}

function mayBeNext(f: CaseFacts, kind: StepKind): boolean {
  switch (kind) {
    case 'partner_involvement':
      return f.formulationVersion === null && f.partnerConsent === 'never_given';
    case 'medical_liaison':
      return f.formulationVersion === null && f.ruleOut === 'not_assessed';
    case 'sessions':
      return f.planVersion !== null;
    case 'closing':
      return false;
    default:
      return true;
  }
}

function partnerStep(f: CaseFacts): WorkflowStep {
  const kind = 'partner_involvement';
  if (!f.hasPartner) return step(kind, 'not_applicable', 'No partner recorded.');
  switch (f.partnerConsent) {
    case 'active': {
      const summary = !f.partnerAdded
        ? 'Client consents to involve the partner; partner details not added yet.'
        : f.partnerSessions === 0
          ? 'Client consents; partner added, no partner session yet.'
          : `Client consents; ${f.partnerSessions} session(s) with the partner.`;
      return step(kind, 'done', summary);
    }
    case 'withdrawn':
      return blocked(
        kind,
        'partner_involvement_consent',
        'The client withdrew consent to involve the partner; earlier records are kept.',
      );
    case 'expired':
      return blocked(kind, 'partner_involvement_consent', "The client's consent to involve the partner has expired.");
    default:
      return step(kind, 'available', 'Only with the client\'s consent: record it before inviting the partner.');
  }
}

export function stepsOf(f: CaseFacts): WorkflowStep[] {
  const steps: WorkflowStep[] = [
    f.intake === 'completed'
      ? step('intake', 'done', 'Intake completed.')
      : step('intake', 'available', f.intake === 'started' ? 'Intake started, not completed.' : 'Record the intake session.'),
    partnerStep(f),
    step('medical_liaison', ruleOutPending(f.ruleOut) ? 'available' : 'done', `Medical rule-out: ${RULE_OUT_LABELS[f.ruleOut]}.`),
    f.formulationVersion !== null
      ? step('formulation', 'done', `Formulation, version ${f.formulationVersion}.`)
      : f.intake !== 'completed'
        ? blocked('formulation', 'formulation_needs_intake', RULE_MESSAGES.formulation_needs_intake)
        : step('formulation', 'available', 'Write the formulation: the nodal point and the 4 Ps.'),
    f.planVersion !== null && f.reviewOn !== null
      ? step(
          'plan',
          'done',
          `Plan, version ${f.planVersion}; review by ${f.reviewOn}.${reviewOverdue(f) ? ' The review is overdue.' : ''}`,
        )
      : f.formulationVersion === null
        ? blocked('plan', 'plan_needs_formulation', RULE_MESSAGES.plan_needs_formulation)
        : step('plan', 'available', 'Agree the treatment plan: goals, interventions, review date.'),
    f.intakeSessions === 0
      ? blocked('sessions', 'intake_first', RULE_MESSAGES.intake_first)
      : step('sessions', 'available', `${f.sessions} session(s) recorded.`),
    f.status === 'closed'
      ? step('closing', 'done', 'Case closed.')
      : step('closing', 'available', 'Close with a reason and a discharge summary.'),
  ];
  if (f.status === 'closed') {
    for (const s of steps) {
      if (s.state === 'available') {
        s.state = 'blocked';
        s.rule = 'closed_case_read_only';
      }
    }
    return steps;
  }
  const next = steps.find((s) => s.state === 'available' && mayBeNext(f, s.step));
  if (next) next.state = 'next';
  return steps;
}
