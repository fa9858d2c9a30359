import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { newCase, openNotebook } from '../../test/cases';

const demo = () => openNotebook(async (engine) => void (await engine.openDemoNotebook()));

function rowNames() {
  return screen.queryAllByTestId('case-row').map((r) => r.querySelector('.name')?.textContent);
}

describe('the cases list', () => {
  it('shows every case with its difficulties, stage and what comes next, overdue reviews flagged', async () => {
    await demo();
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(4));
    // Open cases first, then by name; the closed one last.
    expect(rowNames()).toEqual([
      'Avery Sample (demo)',
      'Blake Specimen (demo)',
      'Devon Placeholder (demo)',
      'Emery Fictional (demo)',
    ]);
    const couple = screen.getAllByTestId('case-row')[1]!;
    expect(couple).toHaveTextContent('with Casey Specimen (demo)');
    expect(couple).toHaveTextContent('Low libido');
    expect(within(couple).getByTestId('case-stage')).toHaveTextContent('Ongoing sessions');
    expect(within(couple).getByTestId('review-overdue')).toHaveTextContent('Review overdue');
    expect(screen.getAllByTestId('case-row')[0]).toHaveTextContent(/Review by/);
    expect(screen.getAllByTestId('review-overdue')).toHaveLength(1);
  });

  it('filters by status and stage, and finds by a part of the client’s or partner’s name', async () => {
    const { user, engine } = await demo();
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(4));

    await user.click(screen.getByTestId('filter-status-closed'));
    await waitFor(() => expect(rowNames()).toEqual(['Emery Fictional (demo)']));
    await user.click(screen.getByTestId('filter-status-open'));
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(3));

    await user.selectOptions(screen.getByTestId('filter-stage'), 'formulation');
    await waitFor(() => expect(rowNames()).toEqual(['Devon Placeholder (demo)']));
    await user.selectOptions(screen.getByTestId('filter-stage'), '');
    await user.click(screen.getByTestId('filter-status-all'));

    await user.type(screen.getByTestId('case-search'), 'casey');
    await waitFor(() => expect(rowNames()).toEqual(['Blake Specimen (demo)']));
    await user.clear(screen.getByTestId('case-search'));
    await user.type(screen.getByTestId('case-search'), 'nobody');
    expect(await screen.findByTestId('no-match')).toHaveTextContent('No case matches');
    // The engine did the filtering: the list asked with the filter each time.
    expect(engine.calls.filter((c) => c.command === 'listCases').at(-1)?.args).toEqual({
      filter: { status: null, stage: null, name: 'nobody' },
      limit: 60,
    });
  });

  it('draws a long list a page at a time, and the rest on demand', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      for (let i = 0; i < 130; i++) await engine.createCase({ input: newCase(`Client ${String(i).padStart(3, '0')}`) });
    });
    // The engine answers a page and the number of all: a keystroke never carries every case.
    const limits = () => engine.calls.filter((c) => c.command === 'listCases').map((c) => (c.args as { limit: number }).limit);
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(60));
    expect(screen.getByTestId('shown-count')).toHaveTextContent('Showing 60 of 130 cases');
    expect(rowNames()[0]).toBe('Client 000');
    expect(limits()).toEqual([60]);
    await user.click(screen.getByTestId('show-more'));
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(120));
    expect(limits()).toEqual([60, 120]);
    expect(screen.getByTestId('show-more')).toHaveTextContent('Show 10 more');
    await user.click(screen.getByTestId('show-more'));
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(130));
    expect(screen.queryByTestId('show-more')).toBeNull();
    expect(rowNames().at(-1)).toBe('Client 129');
    // A new search starts again from the first page of what it finds.
    await user.type(screen.getByTestId('case-search'), 'client 1');
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(30));
    expect(screen.queryByTestId('show-more')).toBeNull();
    expect(limits().at(-1)).toBe(60);
  });

  it('opens a case with the keyboard', async () => {
    const { user } = await demo();
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(4));
    const row = screen.getAllByTestId('case-row')[2]!;
    row.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('case-title')).toHaveTextContent('Devon Placeholder (demo)');
  });

  it('shows an empty notebook plainly', async () => {
    await openNotebook();
    expect(await screen.findByText('No cases yet')).toBeInTheDocument();
    expect(screen.getByText('Cases you open will appear here.')).toBeInTheDocument();
  });
});

describe('a new case', () => {
  it('asks for a name and a difficulty before sending anything', async () => {
    const { user, engine } = await openNotebook();
    await user.click(await screen.findByTestId('new-case'));
    await screen.findByTestId('difficulty-vaginismus');
    await user.click(screen.getByTestId('create-case'));
    const name = screen.getByTestId('client-fullName');
    expect(await screen.findByTestId('error-client.fullName')).toHaveTextContent('Enter the client’s name.');
    expect(screen.getByTestId('error-difficulties')).toHaveTextContent('Choose at least one presenting difficulty.');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAttribute('aria-describedby', expect.stringContaining(screen.getByTestId('error-client.fullName').id));
    expect(name).toHaveFocus();
    expect(engine.count('createCase')).toBe(0);

    // Typing withdraws that field's error.
    await user.type(name, 'Noor Example');
    expect(screen.queryByTestId('error-client.fullName')).not.toBeInTheDocument();
  });

  it("shows the engine's refusal at the field it names", async () => {
    const { user, engine } = await openNotebook();
    await user.click(await screen.findByTestId('new-case'));
    await user.type(screen.getByTestId('client-fullName'), 'Noor Example');
    await user.type(screen.getByTestId('client-email'), 'not an address');
    await user.click(await screen.findByTestId('difficulty-low_libido'));
    await user.click(screen.getByTestId('create-case'));
    expect(await screen.findByTestId('error-client.email')).toHaveTextContent('This is not an email address.');
    expect(screen.getByTestId('client-email')).toHaveFocus();
    expect(await engine.listCases({ filter: { status: null, stage: null, name: null }, limit: null })).toEqual({ items: [], total: 0 });
  });

  it('opens the new case at its first step', async () => {
    const { user, engine } = await openNotebook();
    await user.click(await screen.findByTestId('new-case'));
    await user.type(screen.getByTestId('client-fullName'), '  Noor Example ');
    await user.type(screen.getByTestId('client-pronouns'), 'they/them');
    await user.selectOptions(screen.getByTestId('client-ageBand'), '25_34');
    await user.click(await screen.findByTestId('difficulty-other'));
    await user.type(screen.getByTestId('other-difficulty'), 'Sexual aversion');
    await user.type(screen.getByTestId('referral-source'), 'GP');
    await user.click(screen.getByTestId('has-partner'));
    await user.click(screen.getByTestId('create-case'));

    expect(await screen.findByTestId('case-title')).toHaveTextContent('Noor Example');
    expect(screen.getByTestId('case-stage-badge')).toHaveTextContent('First contact');
    const sent = engine.calls.find((c) => c.command === 'createCase')?.args as { input: Record<string, unknown> };
    expect(sent.input).toMatchObject({
      client: { fullName: '  Noor Example ', pronouns: 'they/them', ageBand: '25_34', dateOfBirth: null },
      difficulties: ['other'],
      otherDifficulty: 'Sexual aversion',
      referralSource: 'GP',
      hasPartner: true,
    });
  });

  it('goes back to the list from a case', async () => {
    const { user } = await openNotebook(async (engine) => void (await engine.createCase({ input: newCase('Ada Example') })));
    await user.click(await screen.findByTestId('case-row'));
    await user.click(await screen.findByTestId('back-to-cases'));
    expect(await screen.findByTestId('cases-view')).toBeInTheDocument();
  });
});
