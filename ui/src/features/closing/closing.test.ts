import { screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { goTo, newCase, openCase, openNotebook, throughIntake } from '../../test/cases';

describe('closing and reopening', () => {
  it('closes with a discharge summary, then the case is visibly read-only', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'closing');
    expect(screen.getByTestId('retention')).toHaveTextContent('Keep until');

    await user.click(screen.getByTestId('close-case'));
    expect(await screen.findByTestId('error-dischargeSummary')).toBeInTheDocument();
    expect(engine.count('closeCase')).toBe(0);

    // The intake session's note is not signed, and it is late: closing offers to sign it, with
    // its reason, in the same step.
    const offer = screen.getByTestId('close-unsigned');
    expect(offer).toHaveTextContent('One session note is not signed');
    expect(offer).toHaveTextContent('Intake session, 3 Mar 2025');
    expect(screen.getByTestId('close-case')).toHaveTextContent('Sign the note and close the case');
    await user.selectOptions(screen.getByTestId('closing-reason'), 'client_ended');
    await user.type(screen.getByTestId('discharge-summary'), 'Ended after the intake; open door offered.');
    await user.click(screen.getByTestId('close-case'));
    expect(await screen.findByTestId('error-signNotes.0.lateReason')).toHaveTextContent('This note is late');
    expect(engine.count('closeCase')).toBe(0);
    await user.type(screen.getByTestId('close-late-reason'), 'Written up after a week away.');
    await user.click(screen.getByTestId('close-case'));

    expect(await screen.findByTestId('read-only-banner')).toHaveTextContent('This case was closed on 10 Mar 2025');
    expect(screen.getByTestId('case-status')).toHaveTextContent('Closed · read-only');
    expect(screen.getByTestId('closed-summary')).toHaveTextContent('Ended after the intake; open door offered.');
    expect(screen.getByTestId('closed-summary')).toHaveTextContent('Client ended therapy');

    // Nothing offers to change the record.
    await goTo(user, 'sessions');
    expect(screen.queryByTestId('new-session')).not.toBeInTheDocument();
    await goTo(user, 'formulation');
    expect(screen.queryByTestId('formulation-form')).not.toBeInTheDocument();
    await goTo(user, 'process');
    expect(screen.queryByTestId('new-process-note')).not.toBeInTheDocument();
    await goTo(user, 'overview');
    // Steps it never reached show closed, not blocked; the note was signed as it closed.
    expect(screen.getByTestId('step-formulation')).toHaveAttribute('data-state', 'closed');
    expect(screen.getByTestId('step-sessions')).toHaveAttribute('data-state', 'closed');
    expect(screen.queryByTestId('overview-unsigned')).not.toBeInTheDocument();
    await goTo(user, 'sessions');
    expect(await screen.findByTestId('session-signed')).toBeInTheDocument();
    await user.click(screen.getByTestId('session-row'));
    expect(await screen.findByText(/Signed late: Written up after a week away\./)).toBeInTheDocument();
  });

  it('refuses to close while a note is unsigned when the window did not offer it, naming the rule', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'closing');
    await screen.findByTestId('close-unsigned');
    // Another window signs nothing, but the engine's answer is what counts: the rule is named.
    const kase = (await engine.listCases({ filter: {}, limit: 1 })).items[0]!;
    await expect(
      engine.closeCase({ id: kase.id, input: { closedOn: '2025-03-10', reason: 'goals_achieved', reasonNote: null, dischargeSummary: 'Done.', signNotes: [] } }),
    ).rejects.toMatchObject({ kind: 'workflow', rule: 'unsigned_notes' });
    expect((await engine.getCase({ id: kase.id })).status).toBe('open');
  });

  it('says which measures are not signed, shows the engine’s refusal if she closes anyway, and opens the measures', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
      const [note] = await engine.unsignedNotes({ caseId: kase.id });
      if (note?.kind === 'note_to_sign') {
        await engine.signRecord({ record: { kind: 'session_note', id: note.sessionId }, input: { lateReason: 'Written up late.' } });
      }
      for (const givenOn of ['2025-03-03', '2025-03-07']) {
        await engine.recordMeasure({
          caseId: kase.id,
          input: { personId: kase.client.id, measure: 'core10', givenOn, answers: [], total: 12, subscales: [], sign: false },
        });
      }
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'closing');
    const notice = await screen.findByTestId('close-unsigned-measures');
    expect(notice).toHaveTextContent('2 measures are not signed.');
    expect(notice).toHaveTextContent('Sign them (or correct them first) under Measures.');
    expect(screen.queryByTestId('close-unsigned')).not.toBeInTheDocument();

    await user.type(screen.getByTestId('discharge-summary'), 'Goals met.');
    await user.click(screen.getByTestId('close-case'));
    const refusal = await screen.findByTestId('workflow-error');
    expect(refusal).toHaveAttribute('data-rule', 'unsigned_measures');
    expect(refusal).toHaveTextContent(
      'This case has measures that are not signed. Sign them (or correct them first) under Measures before closing: a closed record is final.',
    );
    expect((await engine.getCase({ id: 1 })).status).toBe('open');
    expect(screen.queryByTestId('read-only-banner')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('close-open-measures'));
    expect(screen.getByTestId('case-section')).toHaveAttribute('data-section', 'measures');
    expect(await screen.findAllByTestId('measure-unsigned')).toHaveLength(2);
  });

  it('reopens only with a reason, and keeps the history', async () => {
    const { user } = await openNotebook(async (engine) => void (await engine.openDemoNotebook()));
    await openCase(user, 'Emery Fictional');
    expect(await screen.findByTestId('read-only-banner')).toBeInTheDocument();
    await goTo(user, 'closing');

    await user.click(screen.getByTestId('reopen-case'));
    expect(await screen.findByTestId('workflow-error')).toHaveTextContent('Reopening a closed case needs a reason.');

    await user.type(screen.getByTestId('reopen-reason'), 'Returned after a relapse.');
    await user.click(screen.getByTestId('reopen-case'));
    await waitFor(() => expect(screen.queryByTestId('read-only-banner')).not.toBeInTheDocument());
    expect(screen.getByTestId('case-status')).toHaveTextContent('Open');
    expect(screen.getByTestId('case-history')).toHaveTextContent('Reopened');
    expect(screen.getByTestId('case-history')).toHaveTextContent('Returned after a relapse.');
    expect(screen.getByTestId('close-form')).toBeInTheDocument();
  });
});
