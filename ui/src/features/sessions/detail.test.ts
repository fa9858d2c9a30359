import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { completeIntake, goTo, newCase, openCase, openNotebook, sessionInput } from '../../test/cases';

const goal = (description: string) => ({
  description,
  measure: 'Self-rated fear 0-10',
  target: '3 or below',
  targetOn: '2025-06-01',
  status: 'active' as const,
});

describe('a saved session note', () => {
  it('names the goals it addressed, from the plan version it was written under', async () => {
    const { user } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await engine.recordSession({ caseId: kase.id, input: sessionInput(kase, { kind: 'intake', heldOn: '2025-03-03' }) });
      await completeIntake(engine, kase, 'Pain.');
      await engine.saveFormulation({
        caseId: kase.id,
        input: { problemStatement: 'Pain at penetration on every attempt.', factors: [], nodalPoint: 'Fear, tension, pain, avoidance.' },
      });
      const first = await engine.savePlan({
        caseId: kase.id,
        input: {
          goals: [goal('Less fear before touch'), goal('Comfortable insertion of a dilator'), goal('Name the cycle')],
          interventions: [],
          reviewOn: '2025-04-10',
          agreedBy: [kase.client.id],
        },
      });
      await engine.recordSession({
        caseId: kase.id,
        input: sessionInput(kase, { goalsAddressed: [first.goals[0]!.id, first.goals[1]!.id] }),
      });
      // A revision replaces the goals (new ids); the note keeps naming the ones it addressed.
      await engine.savePlan({
        caseId: kase.id,
        input: {
          goals: [goal('Insertion of a dilator, size 2')],
          interventions: [],
          reviewOn: '2025-04-10',
          agreedBy: [kase.client.id],
          revisionReason: 'The first goal is met.',
        },
      });
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'sessions');
    const rows = await screen.findAllByTestId('session-row');
    await user.click(rows.find((r) => r.dataset.kind === 'individual')!);
    const detail = await screen.findByTestId('session-detail');
    const goals = await within(detail).findByTestId('session-goals');
    await waitFor(() =>
      expect([...goals.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
        'Less fear before touch',
        'Comfortable insertion of a dilator',
      ]),
    );
    expect(goals).not.toHaveTextContent('Name the cycle');
  });
});
