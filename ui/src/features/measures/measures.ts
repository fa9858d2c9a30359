// Outcome measures as the window shows them: scores as people write them, a measure's range and
// bands, whose scores they are, and a trend or a goal's target in words. Bands are each
// measure's own published bands (or the therapist's, for a custom measure); nothing here
// diagnoses from a score.

import type {
  AdministrationView,
  BandView,
  CaseView,
  Direction,
  GoalView,
  Licence,
  MeasureView,
  PersonId,
  Trend,
} from '../../ipc';
import { formatDate } from '../../lib/dates';

/** A score as people write it: 26.55, 26.5, 26; negative with a true minus sign. */
export function points(score: number): string {
  const rounded = Math.round(score * 100) / 100;
  const text = String(Math.abs(rounded));
  return rounded < 0 ? `−${text}` : text;
}

/** A change with its sign: "+3", "−9", "0". */
export function signed(change: number): string {
  return change > 0 ? `+${points(change)}` : points(change);
}

/** "1 point", "5 points", "2.5 points". */
export function pointsWord(score: number): string {
  return `${points(score)} ${Math.abs(score) === 1 ? 'point' : 'points'}`;
}

/** A measure's range in words: "5 to 25". */
export function rangeText(measure: Pick<MeasureView, 'min' | 'max'>): string {
  return `${points(measure.min)} to ${points(measure.max)}`;
}

/** The band a score falls in, by the measure's own bands; `null` outside its range. */
export function bandOf(measure: Pick<MeasureView, 'bands'>, score: number): BandView | null {
  const hundredths = Math.round(score * 100);
  return (
    measure.bands.find((b) => Math.round(b.from * 100) <= hundredths && hundredths <= Math.round(b.to * 100)) ?? null
  );
}

export const DIRECTIONS: Record<Direction, string> = {
  higher_is_worse: 'Higher is worse',
  higher_is_better: 'Higher is better',
};

/** What the app may ship of a measure, in words. */
export const LICENCES: Record<Licence, string> = {
  reproducible: 'Item text included, free to reproduce',
  score_entry: 'Score entry only',
};

/** Why a score-entry measure has no items here. */
export const SCORE_ENTRY_NOTE =
  'The rights to its questions are held by others, so Casebook does not include them: score it on the published form and enter the total here.';

/** The words for the bands wherever they are shown: they are the measure's, never a diagnosis. */
export const BANDS_NOTE = "the measure's published bands";

/** A custom measure's band as its editor holds it. */
export interface BandRow {
  /** Where the band ends, as typed (the last band ends at the highest score). */
  to: string;
  label: string;
}

/** The result of reading a typed score. */
export type ReadScore = { kind: 'empty' } | { kind: 'score'; value: number } | { kind: 'invalid'; message: string };

/**
 * Reads a typed score: a number with at most two decimals, with a point or a comma ("26.5",
 * "26,5"). The engine checks the range and the step.
 */
export function readScore(text: string): ReadScore {
  const trimmed = text.trim().replace(/^[−–]/, '-');
  if (trimmed === '') return { kind: 'empty' };
  if (!/^-?\d+([.,]\d+)?$/.test(trimmed)) {
    return { kind: 'invalid', message: 'Write the score as a number, like 12 or 26.5.' };
  }
  const [, decimals = ''] = trimmed.split(/[.,]/);
  if (decimals.length > 2) return { kind: 'invalid', message: 'Write the score with at most two decimals.' };
  return { kind: 'score', value: Number(trimmed.replace(',', '.')) };
}

/** A typed score as the engine takes it (`null` when empty or unreadable: checked before sending). */
export function scoreValue(text: string): number | null {
  const read = readScore(text);
  return read.kind === 'score' ? read.value : null;
}

/** The person's name, and whose it is: "Ada Example (client)". */
export function personLabel(kase: CaseView, personId: PersonId): string {
  if (personId === kase.client.id) return `${kase.client.fullName} (client)`;
  if (kase.partner?.person.id === personId) return `${kase.partner.person.fullName} (partner)`;
  return 'Someone no longer in the case';
}

/** The person's name alone. */
export function personName(kase: CaseView, personId: PersonId): string {
  if (personId === kase.client.id) return kase.client.fullName;
  if (kase.partner?.person.id === personId) return kase.partner.person.fullName;
  return 'Someone';
}

/** A measure of the catalogue by its code. */
export function measureOf(catalogue: MeasureView[], code: string | null | undefined): MeasureView | undefined {
  return code ? catalogue.find((m) => m.code === code) : undefined;
}

/** A score with its band: "12 (Moderate)". */
export function scoreWithBand(total: number, band: string | null): string {
  return band ? `${points(total)} (${band})` : points(total);
}

/** The sense of a meaningful change in words. */
export function meaningfulWords(trend: Trend, measure: MeasureView | undefined): string | null {
  if (!trend.meaningful) return null;
  const what = trend.meaningful === 'better' ? 'a meaningful improvement' : 'a meaningful worsening';
  const threshold = measure?.meaningfulChange;
  return threshold != null
    ? `${what} by the measure's own definition (${pointsWord(threshold)})`
    : `${what} by the measure's own definition`;
}

/**
 * A trend in one sentence, for the chart's accessible name: "PHQ-9 for the client: 18 on
 * 2 Mar 2026 to 9 on 1 Jun 2026, a meaningful improvement".
 */
export function trendSentence(trend: Trend): string {
  const first = trend.points[0];
  const last = trend.points.at(-1);
  const who = `${trend.measureName} for the ${trend.whose}`;
  if (!first || !last) return `${who}: no scores yet`;
  if (trend.points.length === 1) return `${who}: ${points(first.total)} on ${formatDate(first.givenOn)}, the baseline; no later score yet`;
  const span = `${who}: ${points(first.total)} on ${formatDate(first.givenOn)} to ${points(last.total)} on ${formatDate(last.givenOn)}`;
  if (trend.meaningful === 'better') return `${span}, a meaningful improvement`;
  if (trend.meaningful === 'worse') return `${span}, a meaningful worsening`;
  return trend.change === 0 ? `${span}, no change` : `${span}, a change of ${signed(trend.change)}`;
}

/** "at most 9" (higher is worse) or "at least 20" (higher is better). */
export function targetWords(direction: Direction, score: number): string {
  return `${direction === 'higher_is_worse' ? 'at most' : 'at least'} ${points(score)}`;
}

/** A goal's measured target: "PHQ-9 at most 9 by 1 Mar 2026"; `null` for a goal without one. */
export function goalTarget(goal: GoalView, catalogue: MeasureView[]): string | null {
  if (!goal.targetMeasure || goal.targetScore === null) return null;
  const measure = measureOf(catalogue, goal.targetMeasure);
  const name = measure?.name ?? goal.targetMeasure;
  const aim = measure ? targetWords(measure.direction, goal.targetScore) : points(goal.targetScore);
  return `${name} ${aim} by ${formatDate(goal.targetOn)}`;
}

/** The item that raised an administration's risk prompt, in words: "PHQ-9 item 9 answered above 0". */
export function riskWords(administration: Pick<AdministrationView, 'measureName' | 'riskItem'>): string {
  const which = administration.riskItem !== null ? `item ${administration.riskItem}` : 'risk item';
  return `${administration.measureName} ${which} answered above 0`;
}
