// The search dialog against the engine's rule-free stub: what the window sends, shows and opens.
// Matching, ranking, accents and refusals are the engine's, tested in Rust
// (crates/casebook-core/src/search/tests.rs) and end to end (tests/e2e/search.test.mjs).

import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { SearchHit, SearchResults } from '../../ipc';
import { matchSpans, termPattern } from '../../lib/highlight';
import { newCase, openNotebook, throughIntake } from '../../test/cases';

function hit(over: Partial<SearchHit>): SearchHit {
  return {
    caseId: 1,
    clientName: 'Lerato Khumalo',
    caseStatus: 'open',
    kind: 'session',
    recordId: 1,
    parentKind: null,
    parentId: null,
    field: 'subjective',
    kindLabel: 'Session note',
    fieldLabel: 'Subjective',
    dated: '2025-03-03',
    private: false,
    snippet: [
      { text: '…described ', hit: false },
      { text: 'vaginismus', hit: true },
      { text: ' after childbirth…', hit: false },
    ],
    ...over,
  };
}

const TERMS: SearchResults['terms'] = [{ words: ['vaginismus'], prefix: false }];

describe('search', () => {
  it('opens with Ctrl+K, sends the words and filters, and shows hits grouped by case with the words marked', async () => {
    const { user, engine } = await openNotebook();
    engine.searchAnswer = {
      hits: [
        hit({}),
        hit({ caseId: 2, clientName: 'Pieter Botha', caseStatus: 'closed', kind: 'intake', kindLabel: 'Intake', fieldLabel: 'Presenting problem' }),
        hit({ recordId: 7, kind: 'process_note', kindLabel: 'Process note', fieldLabel: 'Body', private: true }),
      ],
      terms: TERMS,
      more: false,
      recentOnly: false,
    };
    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByTestId('search-dialog');
    await user.type(within(dialog).getByTestId('search-input'), 'vaginismus');
    const hits = await within(dialog).findAllByTestId('search-hit');
    expect(hits).toHaveLength(3);
    expect(engine.searches.at(-1)).toMatchObject({ text: 'vaginismus', includeProcessNotes: false, caseId: null });
    // Grouped by case in order of the best hit: Lerato's two, then Pieter's.
    const groups = within(dialog).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(groups).toEqual(['Lerato Khumalo', 'Pieter Botha']);
    expect(hits[0]).toHaveTextContent('Session note · Subjective 3 Mar 2025');
    expect(hits[0]!.querySelector('mark')).toHaveTextContent('vaginismus');
    expect(hits[1]).toHaveTextContent('Private');
    expect(within(dialog).getByText('Closed')).toBeInTheDocument();

    await user.selectOptions(within(dialog).getByTestId('search-kind'), 'plan');
    await user.click(within(dialog).getByTestId('search-process'));
    await user.selectOptions(within(dialog).getByTestId('search-status'), 'closed');
    await user.click(within(dialog).getAllByRole('button', { name: 'Only this case' })[0]!);
    await within(dialog).findByTestId('search-case-only');
    await new Promise((r) => setTimeout(r, 250));
    expect(engine.searches.at(-1)).toMatchObject({
      text: 'vaginismus',
      kinds: ['plan', 'plan_goal'],
      includeProcessNotes: true,
      status: 'closed',
      caseId: 1,
    });
  });

  it('shows a typing slip as the engine words it, and nothing found as such', async () => {
    const { user, engine } = await openNotebook();
    await user.click(await screen.findByTestId('open-search'));
    const dialog = await screen.findByTestId('search-dialog');
    engine.searchAnswer = { kind: 'invalid', field: 'text', message: 'Close the quotation marks around the phrase.' };
    await user.type(within(dialog).getByTestId('search-input'), '"sensate');
    expect(await within(dialog).findByTestId('error-banner')).toHaveTextContent('Close the quotation marks');
    engine.searchAnswer = { hits: [], terms: [], more: false, recentOnly: false };
    await user.type(within(dialog).getByTestId('search-input'), ' focus"');
    expect(await within(dialog).findByTestId('search-empty')).toHaveTextContent('Nothing found');
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
    engine.searchAnswer = {
      hits: [hit({ caseId, recordId: note.id, snippet: [{ text: 'First', hit: true }, { text: ' session.', hit: false }] })],
      terms: [{ words: ['first'], prefix: false }],
      more: false,
      recentOnly: false,
    };
    await user.keyboard('{Control>}k{/Control}');
    const input = within(await screen.findByTestId('search-dialog')).getByTestId('search-input');
    await user.type(input, 'first');
    await screen.findByTestId('search-hit');
    await user.keyboard('{Enter}');
    const page = await screen.findByTestId('case-page');
    expect(screen.queryByTestId('search-dialog')).not.toBeInTheDocument();
    expect(within(page).getByTestId('case-section')).toHaveAttribute('data-section', 'sessions');
    const marking = await within(page).findByTestId('search-marking');
    await within(marking).findByText(/match(es)? marked below/);
    expect(Number(within(page).getByTestId('case-section').dataset.searchHits)).toBeGreaterThan(0);
    await user.click(within(marking).getByRole('button', { name: 'Clear marks' }));
    expect(within(page).queryByTestId('search-marking')).not.toBeInTheDocument();
  });

  it('says when common words were ranked among the newest notes only', async () => {
    const { user, engine } = await openNotebook();
    engine.searchAnswer = { hits: [hit({})], terms: TERMS, more: true, recentOnly: true };
    await user.keyboard('{Control>}k{/Control}');
    await user.type(within(await screen.findByTestId('search-dialog')).getByTestId('search-input'), 'anxiety');
    expect(await screen.findByTestId('search-recent-only')).toHaveTextContent('ranked among the newest');
  });

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
