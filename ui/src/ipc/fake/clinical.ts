// Intake, formulation and plan in the fake notebook (intake.rs, formulation.rs, plan.rs): the
// intake completes once; a formulation needs a completed intake; a plan needs a formulation and
// a review date; both are versioned, every save a new version.

import type {
  CaseId,
  FactorTerm,
  FactorTermInput,
  FormulationInput,
  FormulationView,
  GoalView,
  IntakeInput,
  IntakeSections,
  IntakeView,
  InterventionEntry,
  InterventionEntryInput,
  PlanInput,
  PlanView,
  Plissit,
} from '../bindings';
import { INTAKE_SECTIONS } from './data';
import {
  type FakeStore,
  date,
  invalid,
  listLen,
  name,
  notFound,
  pastDate,
  requiredLine,
  requiredText,
  text,
} from './store';
import { medicalReminder, refuse } from './workflow';

export function recordIntake(store: FakeStore, caseId: CaseId, input: IntakeInput): IntakeView {
  const sections = {} as Record<string, string | null>;
  for (const { key } of INTAKE_SECTIONS) {
    const value = (input.sections as Record<string, string | null | undefined>)[key];
    sections[key] = key === 'presentingProblem' ? requiredText(key, value ?? '') : text(key, value);
  }
  store.writable(caseId);
  const existing = store.intakes.get(caseId);
  if (existing?.completedAt) throw refuse('intake_completed');
  const now = store.now();
  const view: IntakeView = {
    caseId,
    sections: sections as IntakeSections,
    completedAt: input.complete ? now : null,
    signedAt: null,
    updatedAt: now,
  };
  store.intakes.set(caseId, view);
  return view;
}

export function getIntake(store: FakeStore, caseId: CaseId): IntakeView | null {
  store.caseRow(caseId);
  return store.intakes.get(caseId) ?? null;
}

function ruleOut(store: FakeStore, caseId: CaseId) {
  return store.ruleOuts.get(caseId)?.at(-1)?.status ?? 'not_assessed';
}

export function saveFormulation(store: FakeStore, caseId: CaseId, input: FormulationInput): FormulationView {
  const today = store.today();
  listLen('factors', input.factors);
  const factors = input.factors.map((f, i) => ({
    ...f,
    term: f.term ?? null,
    label: requiredLine(`factors.${i}.label`, f.label),
    note: text(`factors.${i}.note`, f.note),
  }));
  const problemStatement = requiredText('problemStatement', input.problemStatement);
  const fields = {
    nodalPoint: text('nodalPoint', input.nodalPoint),
    biomedicalNote: text('biomedicalNote', input.biomedicalNote),
    treatmentImplications: text('treatmentImplications', input.treatmentImplications),
    sharedOn: input.sharedOn ? pastDate('sharedOn', input.sharedOn, today) : null,
    sharedResponse: text('sharedResponse', input.sharedResponse),
    revisionReason: text('revisionReason', input.revisionReason),
  };
  const row = store.writable(caseId);
  if (!store.intakes.get(caseId)?.completedAt) throw refuse('formulation_needs_intake');
  if (fields.sharedOn && fields.sharedOn < row.firstContactOn) {
    throw invalid('sharedOn', 'This date is before the first contact.');
  }
  factors.forEach((f, i) => {
    if (f.term !== null && !store.vocabulary.some((t) => t.id === f.term)) {
      throw invalid(`factors.${i}.term`, 'That term is not in the vocabulary.');
    }
  });
  const version = Math.max(0, ...store.formulations.filter((f) => f.caseId === caseId).map((f) => f.version)) + 1;
  const view: FormulationView = {
    id: store.nextId(),
    caseId,
    version,
    problemStatement,
    factors,
    biomedicalStatus: ruleOut(store, caseId),
    createdAt: store.now(),
    signedAt: null,
    medicalReminder: null,
    ...fields,
  };
  store.formulations.push(view);
  return withReminder(store, view);
}

function withReminder<T extends { caseId: CaseId; medicalReminder: string | null }>(store: FakeStore, view: T): T {
  return { ...view, medicalReminder: medicalReminder(ruleOut(store, view.caseId)) };
}

export function listFormulationVersions(store: FakeStore, caseId: CaseId): FormulationView[] {
  store.caseRow(caseId);
  return store.formulations
    .filter((f) => f.caseId === caseId)
    .sort((a, b) => b.version - a.version)
    .map((f) => withReminder(store, f));
}

export function saveFactorTerm(store: FakeStore, id: number | null, input: FactorTermInput): FactorTerm {
  const label = requiredLine('label', input.label);
  if (store.vocabulary.some((t) => t.label === label && t.id !== id)) {
    throw invalid('label', 'This term is in the vocabulary already.');
  }
  const term = { id: id ?? store.nextId(), label, usualP: input.usualP ?? null, usualDomain: input.usualDomain ?? null };
  const at = store.vocabulary.findIndex((t) => t.id === id);
  if (id !== null && at < 0) throw notFound('That term is not in the vocabulary.');
  if (at >= 0) store.vocabulary[at] = term;
  else store.vocabulary.push(term);
  return term;
}

function validPlan(store: FakeStore, p: PlanInput) {
  const today = store.today();
  listLen('goals', p.goals);
  listLen('interventions', p.interventions);
  listLen('agreedBy', p.agreedBy);
  if (p.goals.length === 0) throw invalid('goals', 'A plan needs at least one goal.');
  const goals = p.goals.map((g, i) => {
    const f = (n: string) => `goals.${i}.${n}`;
    const statusReason = text(f('statusReason'), g.statusReason);
    if ((g.status === 'revised' || g.status === 'discontinued') && statusReason === null) {
      throw invalid(f('statusReason'), 'Say why the goal was revised or discontinued.');
    }
    return {
      description: requiredText(f('description'), g.description),
      measure: requiredLine(f('measure'), g.measure),
      target: requiredLine(f('target'), g.target),
      targetOn: date(f('targetOn'), g.targetOn),
      status: g.status,
      statusReason,
    };
  });
  const interventions = p.interventions.map((v, i) => {
    const f = (n: string) => `interventions.${i}.${n}`;
    const linked: number[] = [];
    for (const g of v.goals) {
      if (g >= goals.length) throw invalid(f('goals'), 'This intervention is linked to a goal that is not in the plan.');
      if (!linked.includes(g)) linked.push(g);
    }
    if (v.entry == null && v.plissit == null) throw invalid(f('plissit'), 'Choose the PLISSIT level of this intervention.');
    return { entry: v.entry ?? null, name: name(f('name'), v.name), plissit: v.plissit ?? null, goals: linked, homework: text(f('homework'), v.homework) };
  });
  if (!p.reviewOn) throw refuse('plan_review_date');
  date('reviewOn', p.reviewOn);
  if (p.reviewOn < today) throw invalid('reviewOn', 'Choose a review date from today on.');
  return {
    goals,
    interventions,
    reviewOn: p.reviewOn,
    discussedOn: p.discussedOn ? pastDate('discussedOn', p.discussedOn, today) : null,
    agreedBy: [...new Set(p.agreedBy)].sort((a, b) => a - b),
    disagreement: text('disagreement', p.disagreement),
    revisionReason: text('revisionReason', p.revisionReason),
  };
}

export function savePlan(store: FakeStore, caseId: CaseId, input: PlanInput): PlanView {
  const p = validPlan(store, input);
  const row = store.writable(caseId);
  const formulation = store.formulations.filter((f) => f.caseId === caseId).sort((a, b) => b.version - a.version)[0];
  if (!formulation) throw refuse('plan_needs_formulation');
  const levels: Plissit[] = p.interventions.map((v, i) => {
    const entry = v.entry === null ? null : store.interventions.find((e) => e.id === v.entry);
    if (v.entry !== null && !entry) throw invalid(`interventions.${i}.entry`, 'That intervention is not in the catalogue.');
    return (v.plissit ?? entry?.plissit) as Plissit;
  });
  if (p.discussedOn && p.discussedOn < row.firstContactOn) {
    throw invalid('discussedOn', 'This date is before the first contact.');
  }
  for (const person of p.agreedBy) {
    if (store.roleIn(caseId, person, 'agreedBy') === 'partner') {
      store.requirePartnerInvolvement(caseId, p.discussedOn ?? store.today(), false);
    }
  }
  const goals: GoalView[] = p.goals.map((g) => ({ id: store.nextId(), ...g }));
  const version = Math.max(0, ...store.plans.filter((x) => x.caseId === caseId).map((x) => x.version)) + 1;
  const view: PlanView = {
    id: store.nextId(),
    caseId,
    version,
    formulationId: formulation.id,
    goals,
    interventions: p.interventions.map((v, i) => ({
      entry: v.entry,
      name: v.name,
      plissit: levels[i] as Plissit,
      goals: v.goals.map((g) => (goals[g] as GoalView).id),
      homework: v.homework,
    })),
    reviewOn: p.reviewOn,
    reviewOverdue: false,
    discussedOn: p.discussedOn,
    agreedBy: p.agreedBy,
    disagreement: p.disagreement,
    revisionReason: p.revisionReason,
    createdAt: store.now(),
    signedAt: null,
    medicalReminder: null,
  };
  store.plans.push(view);
  return planView(store, view);
}

export function planView(store: FakeStore, plan: PlanView): PlanView {
  return { ...withReminder(store, plan), reviewOverdue: plan.reviewOn < store.today() };
}

export function listPlanVersions(store: FakeStore, caseId: CaseId): PlanView[] {
  store.caseRow(caseId);
  return store.plans
    .filter((p) => p.caseId === caseId)
    .sort((a, b) => b.version - a.version)
    .map((p) => planView(store, p));
}

export function saveInterventionEntry(
  store: FakeStore,
  id: number | null,
  input: InterventionEntryInput,
): InterventionEntry {
  const entryName = name('name', input.name);
  if (store.interventions.some((e) => e.name === entryName && e.id !== id)) {
    throw invalid('name', 'This intervention is in the catalogue already.');
  }
  const entry = { id: id ?? store.nextId(), name: entryName, plissit: input.plissit, description: text('description', input.description) ?? '' };
  const at = store.interventions.findIndex((e) => e.id === id);
  if (id !== null && at < 0) throw notFound('That intervention is not in the catalogue.');
  if (at >= 0) store.interventions[at] = entry;
  else store.interventions.push(entry);
  return entry;
}
