import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { CaseView, SessionInput } from '../../ipc';
import { goTo, newCase, openCase, openNotebook, sessionInput } from '../../test/cases';

/** The intake session of 3 March, whose note is late by 10 March. */
function intakeSession(kase: CaseView): SessionInput {
  return sessionInput(kase, { kind: 'intake', body: { format: 'soap', subjective: 'First session.' }, heldOn: '2025-03-03' });
}

describe('signing and addenda', () => {
  it('signs a late note only with a reason, then shows it locked and takes addenda under the original', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      // The intake session alone: Settings still has no name to sign with.
      await engine.recordSession({ caseId: kase.id, input: intakeSession(kase) });
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'sessions');
    await user.click(await screen.findByTestId('session-row'));
    const detail = await screen.findByTestId('session-detail');
    expect(within(detail).getByTestId('session-edit')).toBeInTheDocument();

    // Held a week ago: the reason it is late is asked for before anything is sent.
    const reason = await screen.findByTestId('late-reason');
    await user.click(screen.getByTestId('sign-button'));
    expect(await screen.findByTestId('error-lateReason')).toBeInTheDocument();
    expect(engine.count('signRecord')).toBe(0);

    // Without a name in Settings, the engine refuses, calmly.
    await user.type(reason, 'Was ill for the week after the session.');
    await user.click(screen.getByTestId('sign-button'));
    expect(await screen.findByTestId('workflow-error')).toHaveTextContent('Set your name in Settings before signing.');
    expect(screen.queryByTestId('signed-badge')).not.toBeInTheDocument();

    await engine.updateSettings({ settings: { therapistName: 'Dr Amara Naidoo', autoLockMinutes: 10, practiceName: '', registrationNumber: '', practiceContact: '', dateFormat: 'day_month_year' } });
    await user.click(screen.getByTestId('sign-button'));
    const badge = await screen.findByTestId('signed-badge');
    expect(badge).toHaveTextContent(/Signed by Dr Amara Naidoo, (today|.+) at \d\d:\d\d/);
    expect(badge).toHaveTextContent('Signed late: Was ill for the week after the session.');
    expect(engine.calls.filter((c) => c.command === 'signRecord').at(-1)?.args).toEqual({
      record: { kind: 'session_note', id: expect.any(Number) },
      input: { lateReason: 'Was ill for the week after the session.' },
    });

    expect(await screen.findByTestId('session-signed')).toHaveTextContent('Signed');

    // Locked: no correcting, no second signature.
    expect(within(detail).queryByTestId('session-edit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('sign-button')).not.toBeInTheDocument();
    expect(within(detail).getByText('Locked')).toBeInTheDocument();

    // An addendum needs its reason and text, and is shown under the original, which stays.
    await user.click(screen.getByTestId('addendum-button'));
    await user.click(screen.getByTestId('addendum-save'));
    expect(await screen.findByTestId('error-reason')).toBeInTheDocument();
    expect(engine.count('addAddendum')).toBe(0);
    await user.type(screen.getByTestId('addendum-reason'), 'Wrong time');
    await user.type(screen.getByTestId('addendum-body'), 'The session began at 10:10.');
    await user.click(screen.getByTestId('addendum-save'));
    const item = await screen.findByTestId('addendum-item');
    expect(item).toHaveTextContent('Wrong time');
    expect(item).toHaveTextContent('The session began at 10:10.');
    expect(item).toHaveTextContent('Dr Amara Naidoo');
    expect(detail).toHaveTextContent('First session.');
    expect(screen.getByTestId('signed-badge')).toBeInTheDocument();

    // The case history says what happened, never what was written.
    await goTo(user, 'history');
    const history = await screen.findByTestId('case-history');
    await waitFor(() => expect(history).toHaveTextContent(/Signed the intake session note of \d+ \w+ \d{4}/));
    expect(history).toHaveTextContent(/Added an addendum to the intake session note of \d+ \w+ \d{4}/);
    expect(history).not.toHaveTextContent('10:10');
  });

  it('signs the completed intake, which then shows its signature', async () => {
    const { user } = await openNotebook(async (engine) => {
      await engine.updateSettings({ settings: { therapistName: 'Dr Amara Naidoo', autoLockMinutes: 10, practiceName: '', registrationNumber: '', practiceContact: '', dateFormat: 'day_month_year' } });
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      // Completed without signing (as an intake completed before signing was part of it).
      await engine.recordSession({ caseId: kase.id, input: intakeSession(kase) });
      await engine.recordIntake({ caseId: kase.id, input: { sections: { presentingProblem: 'Pain.' }, complete: true, sign: false } });
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'intake');
    expect(await screen.findByTestId('intake-answers')).toHaveTextContent('Pain.');
    // A completed intake is final already: addenda are possible before it is signed.
    expect(await screen.findByTestId('addendum-button')).toBeInTheDocument();
    await user.click(screen.getByTestId('sign-button'));
    expect(await screen.findByTestId('signed-badge')).toHaveTextContent('Signed by Dr Amara Naidoo');
    expect(screen.getByTestId('intake-answers')).toHaveTextContent('Pain.');
  });

  it('asks for the late reason when the engine says the note is late, then signs again', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      await engine.updateSettings({ settings: { therapistName: 'Dr Amara Naidoo', autoLockMinutes: 10, practiceName: '', registrationNumber: '', practiceContact: '', dateFormat: 'day_month_year' } });
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      // The intake session ended yesterday at 09:35: at 09:30 its note is not late yet.
      await engine.recordSession({
        caseId: kase.id,
        input: sessionInput(kase, {
          kind: 'intake',
          body: { format: 'soap', subjective: 'First session.' },
          heldOn: '2025-03-09',
          startsAt: '08:45',
          endsAt: '09:35',
        }),
      });
      await engine.recordIntake({ caseId: kase.id, input: { sections: { presentingProblem: 'Pain.' }, complete: true, sign: false } });
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'sessions');
    await user.click(await screen.findByTestId('session-row'));
    await screen.findByTestId('sign-button');
    expect(screen.queryByTestId('late-reason')).not.toBeInTheDocument();
    // Six minutes later (within the auto-lock's ten) the 24 hours are past: the engine finds it late.
    await engine.advance(6 * 60);
    await user.click(screen.getByTestId('sign-button'));
    const refusal = await screen.findByTestId('workflow-error');
    expect(refusal).toHaveAttribute('data-rule', 'late_note_reason');
    expect(refusal).toHaveTextContent('This note is signed more than 24 hours after the session. Say why it is late.');
    const reason = await screen.findByTestId('late-reason');
    await waitFor(() => expect(reason).toHaveFocus());
    await user.click(screen.getByTestId('sign-button'));
    expect(await screen.findByTestId('error-lateReason')).toBeInTheDocument();
    expect(engine.count('signRecord')).toBe(1);
    await user.type(reason, 'Notes written the next evening.');
    await user.click(screen.getByTestId('sign-button'));
    expect(await screen.findByTestId('signed-badge')).toHaveTextContent('Signed by Dr Amara Naidoo');
    expect(engine.calls.filter((c) => c.command === 'signRecord').at(-1)?.args).toMatchObject({
      input: { lateReason: 'Notes written the next evening.' },
    });
  });
});
