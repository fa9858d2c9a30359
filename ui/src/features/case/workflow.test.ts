import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { goTo, newCase, openCase, openNotebook, sessionInput, throughIntake } from '../../test/cases';

function step(kind: string) {
  return within(screen.getByTestId('workflow-steps')).getByTestId(`step-${kind}`);
}

describe('the case page', () => {
  it('shows the workflow as a sequence: done, next, and blocked with the reason', async () => {
    const { user } = await openNotebook(async (engine) => {
      await engine.createCase({ input: newCase('Ada Example', { hasPartner: true }) });
    });
    await openCase(user, 'Ada Example');

    expect(step('intake')).toHaveAttribute('data-state', 'next');
    expect(step('partner_involvement')).toHaveAttribute('data-state', 'available');
    expect(step('formulation')).toHaveAttribute('data-state', 'blocked');
    expect(step('formulation')).toHaveTextContent('A formulation needs a signed intake. Complete and sign the intake first.');
    expect(step('plan')).toHaveTextContent('A treatment plan needs a formulation.');
    expect(step('sessions')).toHaveTextContent('The first session of every case is the intake session.');
    expect(screen.getByTestId('next-step')).toHaveTextContent('Intake — Record the intake session.');
    // The same states lead the case's navigation.
    expect(screen.getByTestId('section-intake')).toHaveAttribute('data-state', 'next');
    expect(screen.getByTestId('section-formulation')).toHaveAttribute('data-state', 'blocked');
    expect(screen.getByTestId('medical-reminder')).toHaveTextContent('not ruled out yet (status: not assessed)');
    expect(screen.getByTestId('retention')).toHaveTextContent('6 years after the last contact');
    expect(screen.getByTestId('retain-until')).toHaveTextContent('1 Mar 2031');
  });

  it('moves on as the intake is written, completed and signed', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      await engine.createCase({ input: newCase('Ada Example') });
    });
    await openCase(user, 'Ada Example');
    const intake = await goTo(user, 'intake');

    // The intake session note first.
    await user.click(await intake.findByTestId('write-intake-session'));
    // The form comes once the plan, the catalogue and the default format are read.
    await user.type(await screen.findByTestId('session-start'), '10:00');
    await user.type(screen.getByTestId('session-end'), '10:50');
    await user.type(screen.getByTestId('note-subjective'), 'Pain at penetration since first attempts.');
    await user.click(screen.getByTestId('session-save'));
    expect(await screen.findByTestId('intake-session-recorded')).toBeInTheDocument();

    // The sections with their prompts; only the presenting problem is required.
    expect(screen.getByLabelText(/Presenting problem/)).toHaveAccessibleDescription(
      "In the client's own words: what brings them, and how they experience the difficulty.",
    );
    expect(screen.getByText('Intimate-partner violence screen')).toBeInTheDocument();
    await user.click(screen.getByTestId('intake-save'));
    expect(await screen.findByTestId('error-presentingProblem')).toBeInTheDocument();
    expect(engine.count('recordIntake')).toBe(0);

    await user.type(screen.getByTestId('intake-presentingProblem'), 'Cannot have penetrative sex.');
    await user.click(screen.getByTestId('intake-complete'));
    expect(screen.getByTestId('intake-save')).toHaveTextContent('Save, complete and sign');
    await engine.updateSettings({ settings: { ...(await engine.getSettings()), therapistName: 'Dr Test' } });
    await user.click(screen.getByTestId('intake-save'));
    expect(await screen.findByTestId('intake-completed')).toBeInTheDocument();
    expect(screen.getByTestId('intake-answers')).toHaveTextContent('Cannot have penetrative sex.');
    await waitFor(() => expect(screen.getByTestId('section-intake')).toHaveAttribute('data-state', 'done'));
    // Medical liaison leads while causes are not assessed; the formulation may now be written.
    expect(screen.getByTestId('section-medical')).toHaveAttribute('data-state', 'next');
    expect(screen.getByTestId('section-formulation')).toHaveAttribute('data-state', 'available');
  });

  it('shows a blocked step’s reason and the way on, not a form that would be refused', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      // Completed but not signed: the formulation still waits (DOMAIN.md: a signed intake).
      await engine.recordSession({ caseId: kase.id, input: sessionInput(kase, { kind: 'intake', heldOn: '2025-03-03' }) });
      await engine.recordIntake({ caseId: kase.id, input: { sections: { presentingProblem: 'Pain.' }, complete: true, sign: false } });
    });
    await openCase(user, 'Ada Example');
    expect(step('intake')).toHaveAttribute('data-state', 'next');
    expect(step('intake')).toHaveTextContent('Intake completed, not signed: sign it to write the formulation.');
    await goTo(user, 'formulation');
    await screen.findByTestId('blocked-step');
    expect(screen.getByTestId('blocked-reason')).toHaveTextContent('A formulation needs a signed intake.');
    expect(screen.queryByTestId('formulation-form')).not.toBeInTheDocument();
    expect(screen.queryByTestId('problem-statement')).not.toBeInTheDocument();
    await goTo(user, 'plan');
    expect(screen.getByTestId('blocked-reason')).toHaveTextContent('A treatment plan needs a formulation.');
    expect(within(screen.getByTestId('blocked-step')).getByTestId('blocked-go')).toHaveTextContent('Go to the formulation');
    await goTo(user, 'formulation');
    expect(screen.getByTestId('blocked-step')).toHaveAttribute('data-rule', 'formulation_needs_intake');

    // The way on leads to the intake, where signing unblocks it.
    await user.click(screen.getByTestId('blocked-go'));
    expect(await screen.findByTestId('intake-view')).toBeInTheDocument();
    await engine.updateSettings({ settings: { ...(await engine.getSettings()), therapistName: 'Dr Test' } });
    await user.click(await screen.findByTestId('sign-button'));
    await waitFor(() => expect(screen.getByTestId('section-formulation')).not.toHaveAttribute('data-state', 'blocked'));
    await goTo(user, 'formulation');
    expect(await screen.findByTestId('problem-statement')).toBeInTheDocument();
    expect(screen.queryByTestId('blocked-step')).not.toBeInTheDocument();
  });

  it('writes a formulation and a plan, each saved as a new version', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'formulation');
    expect(screen.getByTestId('medical-reminder')).toBeInTheDocument();
    await user.type(await screen.findByTestId('problem-statement'), 'Pain at penetration; avoids.');
    await user.selectOptions(screen.getByTestId('factor-add-term'), screen.getByRole('option', { name: 'Performance anxiety' }));
    await user.click(screen.getByTestId('factor-add-free'));
    await user.type(screen.getAllByTestId('factor-label')[1]!, 'Strict religious upbringing');
    await user.selectOptions(screen.getAllByTestId('factor-p')[1]!, 'predisposing');
    await user.type(screen.getByTestId('nodal-point'), 'Fear of pain, tension, pain, avoidance.');
    expect(screen.getByText(/Where do the contributing factors converge/)).toBeInTheDocument();
    await user.click(screen.getByTestId('formulation-save'));
    expect(await screen.findByTestId('formulation-summary')).toHaveTextContent('Strict religious upbringing');
    const [kase] = (await engine.listCases({ filter: { status: null, stage: null, name: null }, limit: null })).items;
    expect((await engine.getFormulation({ caseId: kase!.id }))?.factors).toEqual([
      { term: 2, label: 'Performance anxiety', p: 'perpetuating', domain: 'psychological', note: null },
      { term: null, label: 'Strict religious upbringing', p: 'predisposing', domain: 'psychological', note: null },
    ]);

    // A revision is version 2; version 1 stays viewable.
    await user.click(screen.getByTestId('formulation-revise'));
    await user.type(screen.getByTestId('revision-reason'), 'Added the partner’s response.');
    await user.click(screen.getByTestId('formulation-save'));
    expect(await screen.findByTestId('formulation-versions')).toHaveTextContent('Version 1');
    expect(screen.getByText('Version 2', { selector: '.badge' })).toBeInTheDocument();
    expect((await engine.listFormulationVersions({ caseId: kase!.id })).map((f) => f.version).sort()).toEqual([1, 2]);

    // The plan: the review date is required by the engine's rule.
    await goTo(user, 'plan');
    await user.type(await screen.findByTestId('goal-description'), 'Comfortable insertion of a finger.');
    await user.type(screen.getByTestId('goal-measure'), 'Self-report');
    await user.type(screen.getByTestId('goal-target'), 'Without pain');
    await user.type(screen.getByTestId('goal-target-on'), '2025-05-01');
    await user.selectOptions(screen.getByTestId('add-intervention'), screen.getByRole('option', { name: /Graded dilation/ }));
    await user.click(screen.getByTestId('intervention-goal-0-0'));
    await user.click(screen.getByTestId('plan-save'));
    expect(await screen.findByTestId('workflow-error')).toHaveTextContent('A treatment plan needs a review date.');
    await user.type(screen.getByTestId('review-on'), '2025-04-15');
    await user.click(screen.getByTestId('plan-save'));
    expect(await screen.findByTestId('plan-summary')).toHaveTextContent('Comfortable insertion of a finger.');
    expect(screen.getByTestId('plan-summary')).toHaveTextContent('SS — Specific suggestions');
    await waitFor(() => expect(screen.getByTestId('section-plan')).toHaveAttribute('data-state', 'done'));
  });
});
