import { screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { goTo, newCase, openCase, openNotebook } from '../../test/cases';

describe('drafts of free text', () => {
  it('keeps what is typed within two seconds, offers it back when the editor opens, and drops it once saved', async () => {
    let caseId = 0;
    const { user, engine } = await openNotebook(async (engine) => {
      caseId = (await engine.createCase({ input: newCase('Ada Example') })).id;
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'intake');
    const key = `case:${caseId}:intake:presentingProblem`;

    await user.type(await screen.findByTestId('intake-presentingProblem'), 'Pain at penetration');
    expect(engine.count('saveDraft')).toBe(0);
    await waitFor(async () => expect((await engine.loadDraft({ editorKey: key }))?.body).toBe('Pain at penetration'), { timeout: 2000 });
    expect(engine.count('saveDraft')).toBe(1);
    expect(screen.getByTestId('draft-status')).toHaveTextContent('Draft kept');

    // Leave without saving (as a crash would), then open the intake again.
    await goTo(user, 'overview');
    await goTo(user, 'intake');
    expect(await screen.findByTestId('draft-offer')).toHaveTextContent('Unsaved text was kept in one field');
    expect(screen.getByTestId('intake-presentingProblem')).toHaveValue('');
    await user.click(screen.getByTestId('draft-restore'));
    expect(screen.getByTestId('intake-presentingProblem')).toHaveValue('Pain at penetration');
    expect(screen.queryByTestId('draft-offer')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('intake-save'));
    await waitFor(async () => expect(await engine.loadDraft({ editorKey: key })).toBeNull());
    expect((await engine.listDrafts()).map((d) => d.editorKey)).not.toContain(key);
    expect((await engine.getIntake({ caseId }))?.sections.presentingProblem).toBe('Pain at penetration');
  });

  it('throws a draft away on request', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await engine.saveDraft({ editorKey: `case:${kase.id}:intake:trauma`, body: 'Old text' });
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'intake');
    await user.click(await screen.findByTestId('draft-discard'));
    await waitFor(async () => expect(await engine.listDrafts()).toHaveLength(0));
    expect(screen.getByTestId('intake-trauma')).toHaveValue('');
  });
});
