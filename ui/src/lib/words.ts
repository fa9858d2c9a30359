// The engine's closed vocabularies in a therapist's words, for lists, badges and choices.

import type {
  AgeBand,
  CaseStage,
  ClosingReason,
  CodeSystem,
  ConsentKind,
  ConsentMethod,
  ConsentStatus,
  Context,
  Course,
  DiagnosisStatus,
  FactorDomain,
  FourP,
  GoalStatus,
  Modality,
  NoteFormat,
  PartnerRole,
  Plissit,
  PractitionerKind,
  RetentionProfile,
  RiskScreen,
  RuleOutStatus,
  SecretsPolicy,
  SessionKind,
  Severity,
  StepKind,
  StepState,
} from '../ipc';

export interface Choice<V extends string = string> {
  value: V;
  label: string;
}

export function choices<V extends string>(labels: Record<V, string>): Choice<V>[] {
  return (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] }));
}

export const STAGES: Record<CaseStage, string> = {
  first_contact: 'First contact',
  intake: 'Intake',
  assessment: 'Assessment',
  formulation: 'Formulation',
  plan: 'Plan',
  ongoing: 'Ongoing sessions',
  closed: 'Closed',
};

export const STEPS: Record<StepKind, string> = {
  intake: 'Intake',
  partner_involvement: 'Partner involvement',
  medical_liaison: 'Medical liaison',
  formulation: 'Formulation',
  plan: 'Treatment plan',
  sessions: 'Sessions',
  closing: 'Closing',
};

export const STEP_STATES: Record<StepState, string> = {
  done: 'Done',
  next: 'Next',
  available: 'Open',
  blocked: 'Blocked',
  not_applicable: 'Not applicable',
  closed: 'Closed',
};

export const AGE_BANDS: Record<AgeBand, string> = {
  under_18: 'Under 18',
  '18_24': '18–24',
  '25_34': '25–34',
  '35_44': '35–44',
  '45_54': '45–54',
  '55_64': '55–64',
  '65_plus': '65 and over',
};

export const RULE_OUT: Record<RuleOutStatus, string> = {
  not_assessed: 'Not assessed',
  referred: 'Referred',
  awaiting_result: 'Awaiting result',
  contributing: 'Medical factor contributing',
  ruled_out: 'Ruled out',
};

export const PRACTITIONER_KINDS: Record<PractitionerKind, string> = {
  gp: 'GP',
  urologist: 'Urologist',
  gynaecologist: 'Gynaecologist',
  endocrinologist: 'Endocrinologist',
  physiotherapist: 'Pelvic-floor physiotherapist',
  other: 'Other',
};

export const CONSENT_KINDS: Record<ConsentKind, string> = {
  treatment: 'Treatment',
  processing_notice: 'Processing notice (POPIA / GDPR)',
  partner_involvement: 'Involving the partner',
  partner_own: "Partner's own consent",
  release_of_information: 'Release of information',
  supervision_use: 'Supervision use (de-identified)',
};

export const CONSENT_METHODS: Record<ConsentMethod, string> = {
  written: 'Written',
  verbal: 'Verbal',
  electronic: 'Electronic',
};

export const CONSENT_STATUSES: Record<ConsentStatus, string> = {
  active: 'Active',
  superseded: 'Superseded',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
};

export const SECRETS: Record<SecretsPolicy, string> = {
  none: 'No secrets',
  limited: 'Limited secrets',
};

export const ROLES: Record<PartnerRole, string> = {
  co_client: 'Co-client (conjoint therapy)',
  collateral: 'Collateral (supports the client)',
};

export const CODE_SYSTEMS: Record<CodeSystem, string> = {
  icd10_who: 'WHO ICD-10',
  icd10_cm: 'ICD-10-CM',
  icd11: 'ICD-11',
};

export const DIAGNOSIS_STATUSES: Record<DiagnosisStatus, string> = {
  provisional: 'Provisional',
  confirmed: 'Confirmed',
  ruled_out: 'Ruled out',
  resolved: 'Resolved',
};

export const COURSES: Record<Course, string> = { lifelong: 'Lifelong', acquired: 'Acquired' };
export const CONTEXTS: Record<Context, string> = { generalized: 'Generalized', situational: 'Situational' };
export const SEVERITIES: Record<Severity, string> = { mild: 'Mild', moderate: 'Moderate', severe: 'Severe' };

export const FOUR_PS: Record<FourP, string> = {
  predisposing: 'Predisposing',
  precipitating: 'Precipitating',
  perpetuating: 'Perpetuating',
  protective: 'Protective',
};

export const DOMAINS: Record<FactorDomain, string> = {
  biological: 'Biological',
  psychological: 'Psychological',
  relational_social: 'Relational / social',
};

export const GOAL_STATUSES: Record<GoalStatus, string> = {
  active: 'Active',
  achieved: 'Achieved',
  revised: 'Revised',
  discontinued: 'Discontinued',
};

export const PLISSIT: Record<Plissit, string> = {
  permission: 'P — Permission',
  limited_information: 'LI — Limited information',
  specific_suggestions: 'SS — Specific suggestions',
  intensive_therapy: 'IT — Intensive therapy',
};

export const SESSION_KINDS: Record<SessionKind, string> = {
  intake: 'Intake session',
  individual: 'Individual',
  partner: 'Partner session',
  couples: 'Couples',
};

/** A session by its kind, in a sentence ("the couples session of 3 Mar"). */
export const SESSION_IN_WORDS: Record<SessionKind, string> = {
  intake: 'intake session',
  individual: 'individual session',
  partner: 'partner session',
  couples: 'couples session',
};

export const NOTE_FORMATS: Record<NoteFormat, string> = { soap: 'SOAP', dap: 'DAP', birp: 'BIRP' };

export const NOTE_FORMAT_HINTS: Record<NoteFormat, string> = {
  soap: 'Subjective, objective, assessment, plan',
  dap: 'Data, assessment, plan',
  birp: 'Behaviour, intervention, response, plan',
};

export const MODALITIES: Record<Modality, string> = { in_person: 'In person', telehealth: 'Telehealth' };

export const RISK: Record<RiskScreen, string> = {
  not_screened: 'Not screened',
  none_identified: 'None identified',
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
};

export const CLOSING_REASONS: Record<ClosingReason, string> = {
  goals_achieved: 'Goals achieved',
  client_ended: 'Client ended therapy',
  referred_on: 'Referred on',
  lost_contact: 'Lost contact',
  other: 'Other',
};

export const RETENTION_PROFILES: Record<RetentionProfile, string> = {
  south_africa: 'South Africa (HPCSA)',
  apa: 'APA (United States)',
};
