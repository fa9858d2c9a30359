import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { CaseView, GoalInput } from '../../ipc';
import { goTo, newCase, openCase, openNotebook, sessionInput, throughIntake } from '../../test/cases';
import type { TestEngine } from '../../test/engine';

const goal = (over: Partial<GoalInput> = {}): GoalInput => ({
  description: 'Lift her low mood',
  measure: 'PHQ-9 every four weeks',
  target: 'Mild or below',
  targetOn: '2025-06-01',
  status: 'active',
  ...over,
});

/** Ada's case under a plan whose first goal is tracked with PHQ-9 (at most 9), given twice: 18, then 12. */
async function tracked(engine: TestEngine): Promise<CaseView> {
  const kase = await engine.createCase({ input: newCase('Ada Example') });
  await throughIntake(engine, kase);
  await engine.saveFormulation({
    caseId: kase.id,
    input: { problemStatement: 'Low desire since the birth of her son.', factors: [], nodalPoint: 'Tiredness, guilt, avoidance.' },
  });
  await engine.savePlan({
    caseId: kase.id,
    input: {
      goals: [goal({ targetMeasure: 'phq9', targetScore: 9 }), goal({ description: 'Name the cycle', measure: 'In session', target: 'Named' })],
      interventions: [],
      reviewOn: '2025-04-10',
      agreedBy: [kase.client.id],
    },
  });
  const phq9 = (givenOn: string, answers: number[]) => ({
    personId: kase.client.id,
    measure: 'phq9',
    givenOn,
    answers,
    subscales: [],
    sign: true,
  });
  await engine.recordMeasure({ caseId: kase.id, input: phq9('2025-03-03', [3, 3, 2, 2, 2, 2, 2, 2, 0]) });
  await engine.recordMeasure({ caseId: kase.id, input: phq9('2025-03-10', [2, 2, 2, 1, 1, 1, 1, 2, 0]) });
  return kase;
}

describe('plan goals tracked with a measure', () => {
  it('shows the target and each person’s progress, and a revision moves the target', async () => {
    const { user, engine } = await openNotebook(async (engine) => void (await tracked(engine)));
    await openCase(user, 'Ada Example');
    await goTo(user, 'plan');
    const [first, second] = await screen.findAllByTestId('plan-goal');
    const progress = within(first!).getByTestId('goal-progress');
    await waitFor(() => expect(within(progress).getByTestId('goal-measured-target')).toHaveTextContent('PHQ-9 at most 9 by 1 Jun 2025'));
    expect(within(progress).getByTestId('goal-progress-person')).toHaveTextContent(
      'Ada Example (client): 18 → 12 on 10 Mar 2025, not yet met',
    );
    expect(within(second!).queryByTestId('goal-progress')).not.toBeInTheDocument();

    // The next version: the measure comes with the goal; a target outside its range is refused.
    await user.click(screen.getByTestId('plan-revise'));
    const form = await screen.findByTestId('plan-form');
    const [tracking, other] = within(form).getAllByTestId('goal-track');
    expect(within(tracking!).getByTestId('goal-target-measure')).toHaveValue('phq9');
    expect(within(other!).getByTestId('goal-target-measure')).toHaveValue('');
    expect(within(other!).queryByTestId('goal-target-score')).not.toBeInTheDocument();
    const score = within(tracking!).getByTestId('goal-target-score');
    expect(score).toHaveValue('9');
    expect(within(tracking!).getByText('Target score: at most')).toBeInTheDocument();
    await user.clear(score);
    await user.type(score, '30');
    await user.click(within(form).getByTestId('plan-save'));
    expect(await within(form).findByTestId('error-goals.0.targetScore')).toHaveTextContent('A score here is 0 to 27.');
    await user.clear(score);
    await user.type(score, '12');
    // The second goal is tracked too, with a measure where higher is better.
    await user.selectOptions(within(other!).getByTestId('goal-target-measure'), 'csi16');
    expect(within(other!).getByText('Target score: at least')).toBeInTheDocument();
    await user.type(within(other!).getByTestId('goal-target-score'), '52');
    await user.click(within(form).getByTestId('plan-save'));

    await waitFor(() => expect(screen.queryByTestId('plan-form')).not.toBeInTheDocument());
    // The new version is read back.
    await waitFor(() => expect(screen.getByTestId('plan-summary')).toHaveTextContent('Version 2'));
    const goals = screen.getAllByTestId('plan-goal');
    expect(within(goals[0]!).getByTestId('goal-progress-person')).toHaveTextContent('18 → 12 on 10 Mar 2025, met');
    expect(within(goals[1]!).getByTestId('goal-measured-target')).toHaveTextContent('CSI-16 at least 52 by 1 Jun 2025');
    expect(within(goals[1]!).getByTestId('goal-progress')).toHaveTextContent('Not given yet');
    const plan = await engine.getPlan({ caseId: 1 });
    expect(plan?.goals.map((g) => [g.targetMeasure, g.targetScore])).toEqual([
      ['phq9', 12],
      ['csi16', 52],
    ]);
  });
});

describe('measures in a session note', () => {
  it('lists the measures given in the session, and a risk their answers raised', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
      const note = await engine.recordSession({ caseId: kase.id, input: sessionInput(kase, { measuresGiven: 'PHQ-9 on paper.' }) });
      await engine.recordMeasure({
        caseId: kase.id,
        input: {
          personId: kase.client.id,
          measure: 'phq9',
          givenOn: note.heldOn,
          sessionId: note.id,
          answers: [1, 1, 1, 1, 1, 1, 1, 1, 1],
          subscales: [],
          riskAction: 'Asked directly: passive thoughts, no plan. Safety plan agreed.',
          sign: false,
        },
      });
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'sessions');
    const rows = await screen.findAllByTestId('session-row');
    await user.click(rows.find((r) => r.dataset.kind === 'individual')!);
    const detail = await screen.findByTestId('session-detail');
    expect(within(detail).getByTestId('session-measures')).toHaveTextContent('PHQ-9, Ada Example: 9 (Mild)');
    // The free text stays beside it.
    expect(detail).toHaveTextContent('PHQ-9 on paper.');
    // The administration names the item that raised the risk: no catalogue is read for it.
    expect(within(detail).getByTestId('session-measure-risk')).toHaveTextContent(
      'PHQ-9 item 9 answered above 0 — action: Asked directly: passive thoughts, no plan. Safety plan agreed.',
    );
    expect(engine.count('listMeasures')).toBe(0);
  });
});
