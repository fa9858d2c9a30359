import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { goTo, newCase, openNotebook, sessionInput, throughIntake } from '../../test/cases';

describe('what needs the therapist', () => {
  it('lists a late note to sign first, a note turning late after it, and opens the note', async () => {
    const { user } = await openNotebook(async (engine) => {
      const ada = await engine.createCase({ input: newCase('Ada Example') });
      // The intake session of 3 March: late by today (10 March).
      await throughIntake(engine, ada);
      const ben = await engine.createCase({ input: newCase('Ben Sample') });
      // Held this morning: turns late tomorrow.
      await engine.recordSession({
        caseId: ben.id,
        input: sessionInput(ben, { kind: 'intake', heldOn: '2025-03-10', startsAt: '08:00', endsAt: '08:50' }),
      });
    });
    const panel = await screen.findByTestId('due-panel');
    await waitFor(() => expect(within(panel).getAllByTestId('due-item')).toHaveLength(2));
    const [first, second] = within(panel).getAllByTestId('due-item');
    expect(first).toHaveTextContent('Sign the intake session note of 3 Mar 2025');
    expect(first).toHaveTextContent('Ada Example');
    expect(first).toHaveTextContent('Late');
    expect(second).toHaveTextContent('Sign the intake session note of 10 Mar 2025');
    expect(second).toHaveTextContent('turns late');
    expect(within(panel).getByTestId('due-count')).toHaveTextContent('2');
    // The case list says it too.
    await waitFor(async () => {
      const rows = await screen.findAllByTestId('case-row');
      expect(rows.find((r) => r.textContent?.includes('Ada Example'))).toHaveTextContent('1 to sign');
    });

    await user.click(first!);
    expect(await screen.findByTestId('case-page')).toHaveTextContent('Ada Example');
    expect(screen.getByTestId('case-section')).toHaveAttribute('data-section', 'sessions');
    // The note itself is open, with its signing panel asking why it is late.
    expect(await screen.findByTestId('sign-button')).toBeInTheDocument();
    expect(screen.getByTestId('late-reason')).toBeInTheDocument();
    expect(screen.queryByTestId('search-marking')).not.toBeInTheDocument();
  });

  it('lists a measure given and not signed, and opens it in the case’s measures to sign', async () => {
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
          input: { personId: kase.client.id, measure: 'phq9', givenOn, answers: [1, 1, 1, 1, 1, 1, 1, 0, 0], subscales: [], sign: false },
        });
      }
    });
    const panel = await screen.findByTestId('due-panel');
    await waitFor(() => expect(within(panel).getAllByTestId('due-item')).toHaveLength(2));
    const items = within(panel).getAllByTestId('due-item');
    expect(items.map((i) => i.dataset.kind)).toEqual(['measure_to_sign', 'measure_to_sign']);
    const [first, second] = items;
    expect(first).toHaveTextContent('PHQ-9 given on 3 Mar 2025 — not signed');
    expect(first).toHaveTextContent('Ada Example');
    expect(second).toHaveTextContent('PHQ-9 given on 7 Mar 2025 — not signed');

    await user.click(second!);
    expect(await screen.findByTestId('case-page')).toHaveTextContent('Ada Example');
    expect(screen.getByTestId('case-section')).toHaveAttribute('data-section', 'measures');
    // That administration is open, with its signing panel.
    const secondId = (await engine.caseMeasures({ caseId: 1 })).administrations.find((a) => a.givenOn === '2025-03-07')!.id;
    const detail = await screen.findByTestId('measure-detail');
    expect(detail).toHaveAttribute('data-id', String(secondId));
    expect(within(detail).getByRole('heading', { name: 'PHQ-9 · 7 Mar 2025' })).toBeInTheDocument();
    await user.click(await within(detail).findByTestId('sign-button'));
    expect(await within(detail).findByTestId('signed-badge')).toBeInTheDocument();
    expect(screen.queryByTestId('search-marking')).not.toBeInTheDocument();
    // Measures chosen again lists them, with none open.
    await goTo(user, 'overview');
    await goTo(user, 'measures');
    await screen.findByTestId('measure-list');
    expect(screen.queryByTestId('measure-detail')).not.toBeInTheDocument();
  });

  it('lists a draft left open, and opens the section of its form', async () => {
    const { user } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Cleo Test') });
      await throughIntake(engine, kase);
      await engine.saveDraft({ editorKey: `case:${kase.id}:formulation:nodalPoint`, body: 'Half a thought about the nodal point' });
    });
    const panel = await screen.findByTestId('due-panel');
    const draft = await within(panel).findByText(/Unsaved draft of the formulation/);
    await user.click(draft.closest('button')!);
    expect(await screen.findByTestId('case-section')).toHaveAttribute('data-section', 'formulation');
  });

  it('says so when nothing is waiting', async () => {
    await openNotebook(async (engine) => {
      await engine.createCase({ input: newCase('Dee Calm') });
    });
    expect(await screen.findByTestId('due-none')).toHaveTextContent('Nothing is waiting');
  });
});
