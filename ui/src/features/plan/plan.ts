// A treatment plan as its form holds it, and as the engine takes it.

import type { GoalInput, GoalStatus, InterventionEntryId, PlanInput, PlanView, Plissit } from '../../ipc';
import { scoreValue } from '../measures/measures';

export interface GoalRow {
  description: string;
  measure: string;
  target: string;
  targetOn: string;
  status: GoalStatus;
  statusReason: string;
  /** The code of the measure that tracks the goal ('' for none), and the score it aims for, as typed. */
  targetMeasure: string;
  targetScore: string;
}

export interface InterventionRow {
  entry: InterventionEntryId | null;
  name: string;
  plissit: Plissit | '';
  /** Positions in the goal list. */
  goals: number[];
  homework: string;
}

export interface PlanForm {
  goals: GoalRow[];
  interventions: InterventionRow[];
  reviewOn: string;
  discussedOn: string;
  agreedBy: number[];
  disagreement: string;
  revisionReason: string;
}

export function emptyGoal(): GoalRow {
  return {
    description: '',
    measure: '',
    target: '',
    targetOn: '',
    status: 'active',
    statusReason: '',
    targetMeasure: '',
    targetScore: '',
  };
}

export function planForm(plan: PlanView | null): PlanForm {
  if (!plan) {
    return { goals: [emptyGoal()], interventions: [], reviewOn: '', discussedOn: '', agreedBy: [], disagreement: '', revisionReason: '' };
  }
  return {
    goals: plan.goals.map((g) => ({
      description: g.description,
      measure: g.measure,
      target: g.target,
      targetOn: g.targetOn,
      status: g.status,
      statusReason: g.statusReason ?? '',
      targetMeasure: g.targetMeasure ?? '',
      targetScore: g.targetScore === null ? '' : String(g.targetScore),
    })),
    interventions: plan.interventions.map((v) => ({
      entry: v.entry,
      name: v.name,
      plissit: v.plissit,
      goals: v.goals.map((id) => plan.goals.findIndex((g) => g.id === id)).filter((i) => i >= 0),
      homework: v.homework ?? '',
    })),
    reviewOn: plan.reviewOn,
    discussedOn: plan.discussedOn ?? '',
    agreedBy: [...plan.agreedBy],
    disagreement: plan.disagreement ?? '',
    revisionReason: '',
  };
}

const blank = (v: string) => (v.trim() === '' ? null : v);

export function planInput(f: PlanForm): PlanInput {
  return {
    goals: f.goals.map(
      (g): GoalInput => ({
        description: g.description,
        measure: g.measure,
        target: g.target,
        targetOn: g.targetOn,
        status: g.status,
        statusReason: g.status === 'revised' || g.status === 'discontinued' ? blank(g.statusReason) : null,
        targetMeasure: g.targetMeasure === '' ? null : g.targetMeasure,
        targetScore: g.targetMeasure === '' ? null : scoreValue(g.targetScore),
      }),
    ),
    interventions: f.interventions.map((v) => ({
      entry: v.entry,
      name: v.name,
      plissit: v.plissit === '' ? null : v.plissit,
      goals: [...v.goals],
      homework: blank(v.homework),
    })),
    reviewOn: f.reviewOn || null,
    discussedOn: f.discussedOn || null,
    agreedBy: [...f.agreedBy],
    disagreement: blank(f.disagreement),
    revisionReason: blank(f.revisionReason),
  };
}
