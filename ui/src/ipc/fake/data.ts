// The seed data a new notebook starts with, as the engine's migration writes it: the presenting
// difficulties, the diagnosis catalogue, the factor vocabulary, the intervention catalogue, the
// intake sections and the nodal-point prompts. Copied here so the fake answers what the engine does.

import type {
  CatalogueEntry,
  Difficulty,
  FactorTerm,
  IntakeSectionInfo,
  InterventionEntry,
} from '../bindings';

export const DIFFICULTIES: Difficulty[] = [
  { code: 'erectile_dysfunction', label: 'Erectile dysfunction' },
  { code: 'premature_ejaculation', label: 'Premature ejaculation' },
  { code: 'delayed_ejaculation', label: 'Delayed ejaculation' },
  { code: 'low_libido', label: 'Low libido' },
  { code: 'vaginismus', label: 'Vaginismus' },
  { code: 'dyspareunia', label: 'Dyspareunia (painful intercourse)' },
  { code: 'anorgasmia', label: 'Anorgasmia' },
  { code: 'other', label: 'Other / not listed' },
];

function entry(
  id: number,
  difficulty: string,
  name: string,
  hint: string,
  codes: [CatalogueEntry['codes'][number]['system'], string, boolean?][],
): CatalogueEntry {
  return {
    id,
    difficulty,
    name,
    hint,
    codes: codes.map(([system, code, verified = true]) => ({ system, code, verified })),
    retired: false,
  };
}

export const CATALOGUE: CatalogueEntry[] = [
  entry(1, 'erectile_dysfunction', 'Erectile disorder', 'Difficulty obtaining or keeping an erection, or reduced rigidity, on most occasions for about 6 months, with distress.', [['icd10_cm', 'F52.21'], ['icd11', 'HA01.1']]),
  entry(2, 'premature_ejaculation', 'Premature (early) ejaculation', 'Severity by latency after penetration: 30-60 s mild, 15-30 s moderate, under 15 s severe.', [['icd10_cm', 'F52.4'], ['icd11', 'HA03.0']]),
  entry(3, 'delayed_ejaculation', 'Delayed ejaculation', 'Marked delay, infrequency or absence of ejaculation on most occasions, with distress.', [['icd10_cm', 'F52.32'], ['icd11', 'HA03.1']]),
  entry(4, 'low_libido', 'Male hypoactive sexual desire disorder', 'Persistently low or absent sexual thoughts and desire for activity, with distress.', [['icd10_cm', 'F52.0'], ['icd11', 'HA00']]),
  entry(5, 'low_libido', 'Female sexual interest/arousal disorder', 'At least 3 of 6 indicators of reduced interest or arousal, with distress.', [['icd10_cm', 'F52.22'], ['icd11', 'HA00'], ['icd11', 'HA01.0']]),
  entry(6, 'vaginismus', 'Genito-pelvic pain/penetration disorder', 'Specify lifelong or acquired only.', [['icd10_cm', 'F52.6'], ['icd11', 'HA20']]),
  entry(7, 'dyspareunia', 'Genito-pelvic pain/penetration disorder', 'Pain, fear of pain, or pelvic-floor tension around penetration.', [['icd10_cm', 'F52.6'], ['icd11', 'HA20'], ['icd11', 'GA12', false]]),
  entry(8, 'anorgasmia', 'Female orgasmic disorder', 'Specifier: never experienced an orgasm under any situation.', [['icd10_cm', 'F52.31'], ['icd11', 'HA02.0']]),
  entry(9, 'other', 'Other specified sexual dysfunction', 'Record why the presentation does not meet a specific disorder.', [['icd10_cm', 'F52.8']]),
  entry(10, 'other', 'Unspecified sexual dysfunction', 'When the reason is not specified.', [['icd10_cm', 'F52.9']]),
];

export const VOCABULARY: FactorTerm[] = [
  { id: 1, label: 'Preconceived ideas about sex from upbringing', usualP: 'predisposing', usualDomain: 'psychological' },
  { id: 2, label: 'Performance anxiety', usualP: 'perpetuating', usualDomain: 'psychological' },
  { id: 3, label: 'Poor self-concept', usualP: 'predisposing', usualDomain: 'psychological' },
  { id: 4, label: 'Body-image issues', usualP: 'perpetuating', usualDomain: 'psychological' },
  { id: 5, label: 'High levels of judgement (of self or partner)', usualP: 'perpetuating', usualDomain: 'psychological' },
  { id: 6, label: 'Emotional unfinished business in the relationship', usualP: 'perpetuating', usualDomain: 'relational_social' },
  { id: 7, label: 'Unfinished business with others (family of origin, former partners, abuse)', usualP: 'predisposing', usualDomain: 'relational_social' },
  { id: 8, label: 'Medical factors not ruled out', usualP: null, usualDomain: 'biological' },
];

const INTERVENTION_ROWS: [string, InterventionEntry['plissit'], string][] = [
  ['Psychoeducation', 'limited_information', 'Accurate information about sexual response and the difficulty.'],
  ['Sensate focus, stage 1', 'specific_suggestions', 'Non-genital touch, with an intercourse ban.'],
  ['Sensate focus, stage 2', 'specific_suggestions', 'Genital touch for sensation, not arousal or orgasm.'],
  ['Sensate focus, stage 3', 'specific_suggestions', 'Graded return to intercourse.'],
  ['Stop-start', 'specific_suggestions', ''],
  ['Squeeze technique', 'specific_suggestions', ''],
  ['Directed masturbation', 'specific_suggestions', ''],
  ['Graded dilation or finger exposure', 'specific_suggestions', ''],
  ['Pelvic-floor physiotherapy referral', 'specific_suggestions', ''],
  ['CBT for performance anxiety', 'intensive_therapy', ''],
  ['Mindfulness-based sex therapy', 'intensive_therapy', ''],
  ['Couple communication work', 'intensive_therapy', ''],
  ['Work on unfinished business', 'intensive_therapy', ''],
  ['Medical collaboration', 'limited_information', ''],
  ['Trauma-focused work first', 'intensive_therapy', ''],
  ['Permission giving', 'permission', 'Normalising thoughts, feelings and behaviours.'],
];

export const INTERVENTIONS: InterventionEntry[] = INTERVENTION_ROWS.map(([name, plissit, description], i) => ({
  id: i + 1,
  name,
  plissit,
  description,
}));

const SECTION_ROWS: [string, string, string][] = [
  ['presentingProblem', 'Presenting problem', "In the client's own words: what brings them, and how they experience the difficulty."],
  ['onsetCourse', 'Onset, duration and course', 'Sudden or gradual; any event at onset; how long; better, worse or unchanged since.'],
  ['lifelongOrAcquired', 'Lifelong or acquired', 'Has it always been so, or did it begin after a period of satisfying function?'],
  ['generalizedOrSituational', 'Generalized or situational', 'Alone, with partners, in particular situations.'],
  ['phasesAffected', 'Phases affected', 'Desire, arousal, orgasm, pain.'],
  ['distress', 'Distress', 'The distress of the client, and of the partner.'],
  ['psychologicalFunctioning', 'Psychological functioning in the environment', 'Mood, anxiety, stress; work, family, social life.'],
  ['relationship', 'Relationship', 'Intimacy, communication, conflict.'],
  ['partnerViolenceScreen', 'Intimate-partner violence screen', 'Screen before any joint session; record what was asked and the answer.'],
  ['developmentalHistory', 'Developmental and sexual history', 'Messages about sex in upbringing, religion and culture, first experiences, coercive experiences.'],
  ['bodyImage', 'Body image and self-concept', 'How the client sees their body and themselves.'],
  ['medical', 'Medical', 'Conditions, surgery, medication (e.g. SSRIs), contraception, substance use.'],
  ['mentalHealthRisk', 'Mental health and risk', 'Current and past mental health; suicide or self-harm.'],
  ['trauma', 'Trauma', 'Traumatic experiences, sexual or otherwise.'],
  ['strengths', 'Strengths and supports', 'What helps; who supports the client.'],
  ['goalsExpectations', 'Goals and expectations', 'What the client hopes for from therapy.'],
];

export const INTAKE_SECTIONS: IntakeSectionInfo[] = SECTION_ROWS.map(([key, title, prompts]) => ({
  key,
  title,
  prompts,
  required: key === 'presentingProblem',
}));

export const NODAL_POINT_PROMPTS: string[] = [
  'What thoughts come before and during sex (for example anticipatory failure thoughts)?',
  'What happens in the body and in attention (anxiety, spectatoring)?',
  'What happens next, and what does the client conclude about themselves ("I am inadequate")?',
  'How does the partner respond (withdrawal, reassurance, criticism)?',
  'What is avoided, and how are the stakes higher next time?',
  'Where do the contributing factors converge: which link keeps the cycle going?',
];
