import { screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { goTo, newCase, openCase, openNotebook, throughIntake } from '../../test/cases';

describe('session notes', () => {
  it('opens a new note in the default format', async () => {
    const { user } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'sessions');
    await user.click(await screen.findByTestId('new-session'));
    expect(await screen.findByTestId('session-form')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('note-subjective')).toBeInTheDocument());
  });
});

describe('process notes', () => {
  it('are kept apart, marked private, and never shown with the session notes', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'process');
    expect(screen.getByTestId('process-notes')).toHaveTextContent('Private');
    await user.click(screen.getByTestId('new-process-note'));
    await user.type(screen.getByTestId('process-note-body'), 'I felt protective of her today.');
    await user.click(screen.getByTestId('process-note-save'));
    expect(await screen.findByTestId('process-note')).toHaveTextContent('I felt protective of her today.');
    expect(await engine.listProcessNotes({ caseId: 1 })).toHaveLength(1);

    await goTo(user, 'sessions');
    await user.click(await screen.findByTestId('session-row'));
    expect(await screen.findByTestId('session-detail')).not.toHaveTextContent('protective');
  });
});
