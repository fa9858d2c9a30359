// The search dialog against the real engine (src/test/engine.ts): what the window sends, shows
// and opens, over records the engine's own search finds. Matching, ranking, accents and refusals
// in detail are tested in Rust (crates/casebook-core/src/search/tests.rs) and end to end
// (tests/e2e/search.test.mjs).

import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { SearchRequest, SearchResults } from '../../ipc';
import { matchSpans, termPattern } from '../../lib/highlight';
import type { TestEngine } from '../../test/engine';
import { newCase, openNotebook, sessionInput, throughIntake } from '../../test/cases';

/** Every request the window sent to the engine's search, in order. */
function searches(engine: TestEngine): SearchRequest[] {
  return engine.calls.filter((c) => c.command === 'search').map((c) => (c.args as { request: SearchRequest }).request);
}

describe('search', () => {
  it('opens with Ctrl+K, sends the words and filters, and shows hits grouped by case with the words marked', async () => {
    let lerato = 0;
    const { user, engine } = await openNotebook(async (engine) => {
      // Lerato's case (open): a short session note naming the word, and a longer process note.
      const first = await engine.createCase({ input: newCase('Lerato Khumalo') });
      lerato = first.id;
      await throughIntake(engine, first);
      await engine.recordSession({
        caseId: first.id,
        input: sessionInput(first, { heldOn: '2025-03-03', startsAt: '14:00', endsAt: '14:50', body: { format: 'soap', subjective: 'Described vaginismus after childbirth.' } }),
      });
      await engine.recordProcessNote({
        caseId: first.id,
        input: {
          writtenOn: '2025-03-04',
          body: 'I noticed my own unease when she spoke of vaginismus, and I want to take that to supervision before the next session, together with how slowly to pace the work from here.',
        },
      });
      // Pieter's case (closed): the word in his intake, among more words.
      const second = await engine.createCase({ input: newCase('Pieter Botha', { client: { fullName: 'Pieter Botha', pronouns: 'he/him', ageBand: '35_44', lacksCapacity: false } }) });
      await engine.recordSession({ caseId: second.id, input: sessionInput(second, { kind: 'intake', heldOn: '2025-03-03' }) });
      await engine.recordIntake({
        caseId: second.id,
        input: {
          sections: { presentingProblem: 'His partner has vaginismus; he worries that he causes her pain and has stopped initiating sex, and both feel distant.' },
          complete: true,
          sign: false,
        },
      });
      // Its intake session's note is signed as it closes, as the closing form offers.
      const signNotes = (await engine.unsignedNotes({ caseId: second.id })).flatMap((n) =>
        n.kind === 'note_to_sign' ? [{ sessionId: n.sessionId, lateReason: 'Written up late.' }] : [],
      );
      await engine.closeCase({ id: second.id, input: { closedOn: '2025-03-05', reason: 'referred_on', dischargeSummary: 'Referred on to couples work.', signNotes } });
    });
    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByTestId('search-dialog');
    await user.type(within(dialog).getByTestId('search-input'), 'vaginismus');
    let hits = await within(dialog).findAllByTestId('search-hit');
    // Process notes are private: not searched unless asked for.
    expect(hits).toHaveLength(2);
    expect(searches(engine).at(-1)).toMatchObject({ text: 'vaginismus', includeProcessNotes: false, caseId: null });
    // Grouped by case in order of the best hit: Lerato's, then Pieter's.
    const groups = within(dialog).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(groups).toEqual(['Lerato Khumalo', 'Pieter Botha']);
    expect(hits[0]).toHaveTextContent('Session note · Subjective 3 Mar 2025');
    expect(hits[0]!.querySelector('mark')).toHaveTextContent('vaginismus');
    expect(hits[1]).toHaveTextContent('Intake · Presenting problem');
    expect(within(dialog).getByText('Closed')).toBeInTheDocument();
    expect(within(dialog).queryByText('Private')).not.toBeInTheDocument();

    await user.click(within(dialog).getByTestId('search-process'));
    await waitFor(() => expect(within(dialog).getAllByTestId('search-hit')).toHaveLength(3));
    hits = within(dialog).getAllByTestId('search-hit');
    // Lerato's two (her session note first), then Pieter's.
    expect(within(dialog).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Lerato Khumalo', 'Pieter Botha']);
    expect(hits[0]).toHaveTextContent('Session note · Subjective 3 Mar 2025');
    expect(hits[1]).toHaveTextContent('Private');
    expect(hits[1]).toHaveTextContent('Process note');
    expect(hits[2]).toHaveTextContent('Intake · Presenting problem');

    await user.click(within(dialog).getAllByRole('button', { name: 'Only this case' })[0]!);
    await within(dialog).findByTestId('search-case-only');
    await user.selectOptions(within(dialog).getByTestId('search-kind'), 'plan');
    await user.selectOptions(within(dialog).getByTestId('search-status'), 'closed');
    await new Promise((r) => setTimeout(r, 250));
    expect(searches(engine).at(-1)).toMatchObject({
      text: 'vaginismus',
      kinds: ['plan', 'plan_goal'],
      includeProcessNotes: true,
      status: 'closed',
      caseId: lerato,
    });
    // Lerato's case is open and has no plan: nothing matches all of that.
    expect(await within(dialog).findByTestId('search-empty')).toHaveTextContent('Nothing found');
  });

  it('shows a typing slip as the engine words it, and nothing found as such', async () => {
    const { user } = await openNotebook();
    await user.click(await screen.findByTestId('open-search'));
    const dialog = await screen.findByTestId('search-dialog');
    await user.type(within(dialog).getByTestId('search-input'), '"sensate');
    expect(await within(dialog).findByTestId('error-banner')).toHaveTextContent('Close the quotation marks around the phrase.');
    await user.type(within(dialog).getByTestId('search-input'), ' focus"');
    expect(await within(dialog).findByTestId('search-empty')).toHaveTextContent('Nothing found');
    expect(within(dialog).queryByTestId('error-banner')).not.toBeInTheDocument();
  });

  it('opens the session note a hit is in, with the words marked, from the keyboard', async () => {
    let caseId = 0;
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Lerato Khumalo') });
      await throughIntake(engine, kase);
      caseId = kase.id;
    });
    const sessions = await engine.listSessions({ caseId });
    const note = sessions[0]!;
    await user.keyboard('{Control>}k{/Control}');
    const input = within(await screen.findByTestId('search-dialog')).getByTestId('search-input');
    await user.type(input, 'first');
    const hit = await screen.findByTestId('search-hit');
    // The intake session's note says "First session.".
    expect(hit).toHaveTextContent('Session note · Subjective 3 Mar 2025');
    expect(hit.querySelector('mark')).toHaveTextContent('First');
    expect(searches(engine).at(-1)).toMatchObject({ text: 'first' });
    await user.keyboard('{Enter}');
    const page = await screen.findByTestId('case-page');
    expect(screen.queryByTestId('search-dialog')).not.toBeInTheDocument();
    expect(within(page).getByTestId('case-section')).toHaveAttribute('data-section', 'sessions');
    const marking = await within(page).findByTestId('search-marking');
    await within(marking).findByText(/match(es)? marked below/);
    expect(Number(within(page).getByTestId('case-section').dataset.searchHits)).toBeGreaterThan(0);
    expect(engine.calls.some((c) => c.command === 'getSession' && (c.args as { id: number }).id === note.id)).toBe(true);
    await user.click(within(marking).getByRole('button', { name: 'Clear marks' }));
    expect(within(page).queryByTestId('search-marking')).not.toBeInTheDocument();
  });

  it('says when common words were ranked among the newest notes only', async () => {
    // The engine ranks session notes among the newest only when the words are in more than 4,000
    // entries of the index; a session note is one entry per field it fills, 10 here: 401 notes.
    const { user } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Lerato Khumalo') });
      await throughIntake(engine, kase);
      const input = sessionInput(kase, {
        body: { format: 'soap', subjective: 'Anxiety.', objective: 'Anxiety.', assessment: 'Anxiety.', plan: 'Anxiety.' },
        othersPresent: 'Anxiety',
        homeworkReviewed: 'Anxiety.',
        homeworkSet: 'Anxiety.',
        measuresGiven: 'Anxiety.',
        riskScreen: 'low',
        riskAction: 'Anxiety.',
        medicalUpdates: 'Anxiety.',
      });
      // Sent all at once: the engine answers them in order, without a round trip between each.
      await Promise.all(Array.from({ length: 401 }, () => engine.recordSession({ caseId: kase.id, input })));
    });
    await user.keyboard('{Control>}k{/Control}');
    await user.type(within(await screen.findByTestId('search-dialog')).getByTestId('search-input'), 'anxiety');
    expect(await screen.findByTestId('search-recent-only')).toHaveTextContent('ranked among the newest');
    expect(screen.getByRole('status')).toHaveTextContent('50+ matches, best first');
    // 401 notes written through the engine, one transaction each: several seconds on 2 cores.
  }, 60_000);
  it('drops the words when the dialog closes', async () => {
    const { user } = await openNotebook();
    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByTestId('search-dialog');
    await user.type(within(dialog).getByTestId('search-input'), 'secret words');
    fireEvent(dialog, new Event('close'));
    expect(screen.queryByTestId('search-dialog')).not.toBeInTheDocument();
    await user.keyboard('{Control>}k{/Control}');
    expect(within(await screen.findByTestId('search-dialog')).getByTestId('search-input')).toHaveValue('');
  });
});

describe('marking the words in a record', () => {
  const spans = (text: string, terms: SearchResults['terms']) => matchSpans(text, termPattern(terms)!);

  it('folds case and accents, keeps whole words, and takes prefixes and phrases', () => {
    expect(spans('Zoë met ZOE at the café', [{ words: ['zoe'], prefix: false }])).toEqual([
      [0, 3],
      [8, 11],
    ]);
    expect(spans('Zoe and Zoey', [{ words: ['zoe'], prefix: false }])).toEqual([[0, 3]]);
    expect(spans('vaginal vaginismus', [{ words: ['vagin'], prefix: true }])).toEqual([
      [0, 7],
      [8, 18],
    ]);
    expect(spans('the sensate-focus ban; sensate, focus', [{ words: ['sensate', 'focus'], prefix: false }])).toEqual([
      [4, 17],
      [23, 37],
    ]);
    expect(termPattern([])).toBeNull();
  });
});
