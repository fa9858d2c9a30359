import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../ipc';
import { goTo, newCase, openCase, openNotebook, sessionInput, throughIntake } from '../../test/cases';
import type { TestEngine } from '../../test/engine';

/** Ada's case through the intake (the therapist's name set, so saving can sign). */
async function ada(engine: TestEngine, over: Parameters<typeof newCase>[1] = {}): Promise<CaseView> {
  const kase = await engine.createCase({ input: newCase('Ada Example', over) });
  await throughIntake(engine, kase);
  return kase;
}

async function giveForm(user: Awaited<ReturnType<typeof openNotebook>>['user']) {
  await openCase(user, 'Ada Example');
  await goTo(user, 'measures');
  await user.click(await screen.findByTestId('give-measure'));
  return screen.findByTestId('measure-form');
}

/** A PHQ-9 scored from its answers, as the engine takes it. */
function phq9(kase: CaseView, givenOn: string, answers: number[], riskAction: string | null = null) {
  return { personId: kase.client.id, measure: 'phq9', givenOn, answers, subscales: [], riskAction, sign: false };
}

describe('giving a measure', () => {
  it('scores a PHQ-9 item by item as it is answered, and saves it signed', async () => {
    const { user, engine } = await openNotebook(async (engine) => void (await ada(engine)));
    const form = await giveForm(user);
    await user.selectOptions(within(form).getByTestId('measure-choice'), 'phq9');
    expect(within(form).getByTestId('measure-about')).toHaveTextContent('Depression. Scores 0 to 27, higher is worse.');
    expect(within(form).getByTestId('measure-items')).toHaveTextContent(
      'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    );
    // Each item is a group of its answers, named by the item.
    const first = within(form).getByRole('group', { name: /Little interest or pleasure in doing things/ });
    expect(within(first).getAllByRole('radio')).toHaveLength(4);

    await user.click(within(form).getByTestId('item-0-2'));
    expect(within(form).getByTestId('measure-total')).toHaveTextContent('2');
    expect(within(form).getByTestId('measure-running')).toHaveTextContent('1 of 9 answered');
    expect(within(form).queryByTestId('measure-band')).not.toBeInTheDocument();
    for (const [item, value] of [[1, 2], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1], [7, 1], [8, 0]] as const) {
      await user.click(within(form).getByTestId(`item-${item}-${value}`));
    }
    expect(within(form).getByTestId('measure-total')).toHaveTextContent('10');
    expect(within(form).getByTestId('measure-band')).toHaveTextContent('Moderate');
    expect(within(form).getByTestId('measure-running')).toHaveTextContent("the measure's published bands");
    expect(within(form).queryByTestId('risk-prompt')).not.toBeInTheDocument();
    expect(within(form).getByTestId('measure-sign')).toBeChecked();

    await user.click(within(form).getByTestId('measure-save'));
    expect(await screen.findByTestId('measure-saved')).toHaveTextContent('PHQ-9 for Ada Example on 10 Mar 2025: 10 (Moderate), signed.');
    const detail = screen.getByTestId('measure-detail');
    expect(within(detail).getByTestId('measure-detail-total')).toHaveTextContent('10 of 27');
    expect(within(detail).getByTestId('measure-detail-answers')).toHaveTextContent('Feeling down, depressed, or hopeless');
    expect(await within(detail).findByTestId('signed-badge')).toHaveTextContent('Signed by Dr Test');
    expect(within(detail).queryByTestId('measure-edit')).not.toBeInTheDocument();

    const trend = await screen.findByTestId('trend');
    expect(within(trend).getByTestId('trend-baseline')).toHaveTextContent('10 (Moderate), 10 Mar 2025');
    expect(within(await screen.findByTestId('measure-list')).getByTestId('measure-signed')).toBeInTheDocument();
    const [saved] = (await engine.caseMeasures({ caseId: 1 })).administrations;
    expect(saved).toMatchObject({ measure: 'phq9', total: 10, answers: [2, 2, 1, 1, 1, 1, 1, 1, 0], riskRaised: false });
    expect(saved?.signedBy).toBe('Dr Test');
  });

  it('asks for the action taken when PHQ-9 item 9 is above 0, and the engine refuses without it', async () => {
    const { user, engine } = await openNotebook(async (engine) => void (await ada(engine)));
    const form = await giveForm(user);
    await user.selectOptions(within(form).getByTestId('measure-choice'), 'phq9');
    for (let item = 0; item < 8; item++) await user.click(within(form).getByTestId(`item-${item}-1`));
    expect(within(form).queryByTestId('risk-prompt')).not.toBeInTheDocument();
    await user.click(within(form).getByTestId('item-8-1'));
    const prompt = within(form).getByTestId('risk-prompt');
    expect(prompt).toHaveTextContent('Item 9 was answered above 0');
    expect(prompt).toHaveTextContent('Thoughts that you would be better off dead or of hurting yourself in some way');
    await user.click(within(form).getByTestId('measure-sign'));

    await user.click(within(form).getByTestId('measure-save'));
    expect(await within(form).findByTestId('error-riskAction')).toHaveTextContent(
      'Item 9 was answered above 0: record the action taken before saving.',
    );
    await waitFor(() => expect(within(form).getByTestId('measure-risk-action')).toHaveFocus());
    expect((await engine.caseMeasures({ caseId: 1 })).administrations).toHaveLength(0);

    await user.type(within(form).getByTestId('measure-risk-action'), 'Safety plan reviewed; GP informed the same day.');
    expect(within(form).queryByTestId('error-riskAction')).not.toBeInTheDocument();
    await user.click(within(form).getByTestId('measure-save'));
    await screen.findByTestId('measure-saved');
    const detail = screen.getByTestId('measure-detail');
    expect(within(detail).getByTestId('measure-detail-risk')).toHaveTextContent(
      'PHQ-9 item 9 answered above 0. Action taken: Safety plan reviewed; GP informed the same day.',
    );
    // Unsigned: it can be corrected, and signed from its own view.
    expect(within(await screen.findByTestId('measure-list')).getByTestId('measure-unsigned')).toBeInTheDocument();
    await user.click(within(detail).getByTestId('measure-edit'));
    const correction = await screen.findByTestId('measure-form');
    expect(within(correction).getByTestId('item-8-1')).toBeChecked();
    expect(within(correction).getByTestId('measure-risk-action')).toHaveValue('Safety plan reviewed; GP informed the same day.');
    await user.click(within(correction).getByTestId('item-8-0'));
    expect(within(correction).queryByTestId('risk-prompt')).not.toBeInTheDocument();
    await user.click(within(correction).getByTestId('measure-sign'));
    await user.click(within(correction).getByTestId('measure-save'));
    await screen.findByTestId('measure-saved');
    const [corrected] = (await engine.caseMeasures({ caseId: 1 })).administrations;
    expect(corrected).toMatchObject({ total: 8, riskRaised: false, riskAction: null, signedAt: null });

    await user.click(await within(screen.getByTestId('measure-detail')).findByTestId('sign-button'));
    await waitFor(() => expect(within(screen.getByTestId('measure-list')).getByTestId('measure-signed')).toBeInTheDocument());
    expect(within(screen.getByTestId('measure-detail')).queryByTestId('measure-edit')).not.toBeInTheDocument();
  });

  it('enters a score-entry measure as a total, and shows the engine’s refusal of one out of range', async () => {
    const { user, engine } = await openNotebook(async (engine) => void (await ada(engine)));
    const form = await giveForm(user);
    await user.selectOptions(within(form).getByTestId('measure-choice'), 'iief5');
    expect(within(form).getByTestId('score-entry-note')).toHaveTextContent('Score entry only.');
    expect(within(form).queryByTestId('measure-items')).not.toBeInTheDocument();
    expect(within(form).getByTestId('score-entry')).toHaveTextContent('5 to 25, whole points');
    const total = within(form).getByTestId('measure-total-input');
    await user.type(total, '30');
    expect(within(form).getByTestId('measure-entry-band')).toHaveTextContent('Outside the range, 5 to 25.');
    await user.click(within(form).getByTestId('measure-save'));
    expect(await within(form).findByTestId('error-total')).toHaveTextContent('A score here is 5 to 25.');
    expect((await engine.caseMeasures({ caseId: 1 })).administrations).toHaveLength(0);

    await user.clear(total);
    await user.type(total, '14');
    expect(within(form).getByTestId('measure-band')).toHaveTextContent('Mild to moderate');
    await user.click(within(form).getByTestId('measure-save'));
    expect(await screen.findByTestId('measure-saved')).toHaveTextContent('IIEF-5 (SHIM) for Ada Example on 10 Mar 2025: 14 (Mild to moderate), signed.');
  });

  it('takes FSFI’s domain scores, and refuses a total that is not their sum', async () => {
    const { user, engine } = await openNotebook(async (engine) => void (await ada(engine)));
    const form = await giveForm(user);
    await user.selectOptions(within(form).getByTestId('measure-choice'), 'fsfi');
    const domains = { desire: '3.6', arousal: '4.2', lubrication: '4.5', orgasm: '4', satisfaction: '4.4', pain: '2' };
    for (const [code, score] of Object.entries(domains)) await user.type(within(form).getByTestId(`subscale-${code}`), score);
    expect(within(form).getByTestId('subscale-sum')).toHaveTextContent('The domains add up to 22.7.');
    await user.type(within(form).getByTestId('measure-total-input'), '25');
    await user.click(within(form).getByTestId('measure-save'));
    expect(await within(form).findByTestId('error-total')).toHaveTextContent('The FSFI total is the sum of its subscales, 22.7.');
    await user.clear(within(form).getByTestId('measure-total-input'));
    await user.type(within(form).getByTestId('measure-total-input'), '22,7');
    expect(within(form).getByTestId('measure-band')).toHaveTextContent('Suggests sexual dysfunction');
    await user.click(within(form).getByTestId('measure-sign'));
    await user.click(within(form).getByTestId('measure-save'));
    await screen.findByTestId('measure-saved');
    const detail = screen.getByTestId('measure-detail');
    expect(within(detail).getByText(/Desire 3.6 · Arousal 4.2/)).toBeInTheDocument();

    // Corrected as saved: the total and the domains come back into the form.
    await user.click(within(detail).getByTestId('measure-edit'));
    const correction = await screen.findByTestId('measure-form');
    expect(within(correction).getByTestId('measure-total-input')).toHaveValue('22.7');
    expect(within(correction).getByTestId('subscale-desire')).toHaveValue('3.6');
    await user.clear(within(correction).getByTestId('subscale-pain'));
    await user.click(within(correction).getByTestId('measure-save'));
    expect(await screen.findByTestId('measure-saved')).toHaveTextContent('FSFI for Ada Example on 10 Mar 2025: 22.7 (Suggests sexual dysfunction), signed.');
    expect((await engine.caseMeasures({ caseId: 1 })).administrations[0]?.subscales.map((s) => s.code)).toEqual([
      'desire',
      'arousal',
      'lubrication',
      'orgasm',
      'satisfaction',
    ]);
  });

  it('offers only the client when the case has no partner', async () => {
    const { user } = await openNotebook(async (engine) => void (await ada(engine)));
    const form = await giveForm(user);
    const person = within(form).getByTestId('measure-person');
    expect(within(person).getAllByRole('radio')).toHaveLength(1);
    expect(within(person).getByLabelText('Ada Example (client)')).toBeChecked();
    expect(person).not.toHaveTextContent('partner');
  });

  it('offers the partner, and shows the engine’s refusal without the partner’s own consent', async () => {
    const { user } = await openNotebook(async (engine) => {
      const kase = await ada(engine, { hasPartner: true });
      await engine.recordConsent({
        caseId: kase.id,
        input: {
          givenBy: kase.client.id,
          terms: { kind: 'partner_involvement', scope: 'The plan may be shared.', secretsPolicy: 'none' },
          givenOn: '2025-03-03',
          method: 'written',
        },
      });
      await engine.addPartner({ caseId: kase.id, input: { fullName: 'Sam Example', lacksCapacity: false } });
    });
    const form = await giveForm(user);
    await user.click(within(form).getByLabelText('Sam Example (partner)'));
    expect(within(form).getByTestId('measure-partner-needs')).toHaveTextContent("Needs the partner's consents.");
    await user.selectOptions(within(form).getByTestId('measure-choice'), 'csi16');
    await user.type(within(form).getByTestId('measure-total-input'), '40');
    await user.click(within(form).getByTestId('measure-save'));
    const refusal = await within(form).findByTestId('workflow-error');
    expect(refusal).toHaveAttribute('data-rule', 'partner_own_consent');
    expect(refusal).toHaveTextContent('The partner has not given their own consent.');
  });

  it('gives a measure in a session: choosing the session gives its date', async () => {
    const { user, engine } = await openNotebook(async (engine) => void (await ada(engine)));
    const form = await giveForm(user);
    await user.selectOptions(within(form).getByTestId('measure-choice'), 'core10');
    await user.selectOptions(within(form).getByTestId('measure-session'), within(form).getByRole('option', { name: /Intake session · 3 Mar 2025/ }));
    expect(within(form).getByTestId('measure-date')).toHaveValue('3 Mar 2025');
    await user.type(within(form).getByTestId('measure-total-input'), '12');
    await user.click(within(form).getByTestId('measure-save'));
    await screen.findByTestId('measure-saved');
    expect(within(screen.getByTestId('measure-detail')).getByText(/In the intake session of 3 Mar 2025/)).toBeInTheDocument();
    const [given] = (await engine.caseMeasures({ caseId: 1 })).administrations;
    expect(given).toMatchObject({ givenOn: '2025-03-03', sessionId: 1, total: 12, band: 'Clinical range' });
  });
});

describe('who was in the session', () => {
  it('offers only the sessions the chosen person attended, and clears one they did not', async () => {
    const { user } = await openNotebook(async (engine) => {
      const kase = await ada(engine, { hasPartner: true });
      await engine.recordConsent({
        caseId: kase.id,
        input: {
          givenBy: kase.client.id,
          terms: { kind: 'partner_involvement', scope: 'The plan may be shared.', secretsPolicy: 'none' },
          givenOn: '2025-03-03',
          method: 'written',
        },
      });
      const partner = await engine.addPartner({ caseId: kase.id, input: { fullName: 'Sam Example', lacksCapacity: false } });
      await engine.recordConsent({
        caseId: kase.id,
        input: { givenBy: partner.id, terms: { kind: 'partner_own', role: 'co_client' }, givenOn: '2025-03-03', method: 'written' },
      });
      await engine.recordSession({
        caseId: kase.id,
        input: sessionInput(kase, { kind: 'partner', heldOn: '2025-03-05', present: [partner.id] }),
      });
      await engine.recordSession({
        caseId: kase.id,
        input: sessionInput(kase, { kind: 'couples', heldOn: '2025-03-07', present: [kase.client.id, partner.id] }),
      });
    });
    const form = await giveForm(user);
    const choices = () =>
      within(within(form).getByTestId('measure-session'))
        .getAllByRole('option')
        .map((o) => o.textContent);
    // The client: the couples session and the intake, not the partner's own session.
    expect(choices()).toEqual(['Not in a session', 'Couples · 7 Mar 2025, 10:00', 'Intake session · 3 Mar 2025, 10:00']);
    expect(within(form).getByTestId('measure-session-hint')).toHaveTextContent('The sessions Ada Example attended');

    // The intake chosen for the client, then the partner: the partner was not there, so it is cleared.
    await user.selectOptions(within(form).getByTestId('measure-session'), within(form).getByRole('option', { name: /Intake session/ }));
    expect(within(form).getByTestId('measure-date')).toHaveValue('3 Mar 2025');
    await user.click(within(form).getByLabelText('Sam Example (partner)'));
    expect(choices()).toEqual(['Not in a session', 'Couples · 7 Mar 2025, 10:00', 'Partner session · 5 Mar 2025, 10:00']);
    expect(within(form).getByTestId('measure-session')).toHaveValue('');
    // A session both attended stays chosen when the person changes; its date is its own.
    await user.selectOptions(within(form).getByTestId('measure-session'), within(form).getByRole('option', { name: /Couples · 7 Mar/ }));
    expect(within(form).getByTestId('measure-date')).toHaveValue('7 Mar 2025');
    await user.click(within(form).getByLabelText('Ada Example (client)'));
    expect(within(form).getByTestId('measure-session')).toHaveValue(within(form).getByRole('option', { name: /Couples · 7 Mar/ }).getAttribute('value'));
  });
});

describe('measures to sign', () => {
  it('counts them on the overview, which opens the measures, and counts again once one is signed', async () => {
    const { user } = await openNotebook(async (engine) => {
      const kase = await ada(engine);
      await engine.recordMeasure({ caseId: kase.id, input: phq9(kase, '2025-03-03', [1, 1, 1, 1, 1, 1, 1, 0, 0]) });
      await engine.recordMeasure({ caseId: kase.id, input: phq9(kase, '2025-03-07', [1, 1, 0, 0, 0, 0, 0, 0, 0]) });
    });
    await openCase(user, 'Ada Example');
    const notice = await screen.findByTestId('overview-unsigned-measures');
    expect(notice).toHaveTextContent('2 measures to sign.');
    await user.click(within(notice).getByRole('button', { name: 'Open the measures' }));
    expect(screen.getByTestId('case-section')).toHaveAttribute('data-section', 'measures');

    const [newest] = await screen.findAllByTestId('measure-row');
    await user.click(newest!);
    const detail = await screen.findByTestId('measure-detail');
    await user.click(await within(detail).findByTestId('sign-button'));
    await waitFor(() => expect(within(screen.getByTestId('measure-list')).getAllByTestId('measure-signed')).toHaveLength(1));

    await goTo(user, 'overview');
    expect(await screen.findByTestId('overview-unsigned-measures')).toHaveTextContent('1 measure to sign.');
  });
});

describe('trends', () => {
  it('charts two administrations as two points with the change, in words for a screen reader too', async () => {
    const { user } = await openNotebook(async (engine) => {
      const kase = await ada(engine);
      await engine.recordMeasure({ caseId: kase.id, input: phq9(kase, '2025-03-03', [3, 3, 2, 2, 2, 2, 2, 2, 0]) });
      await engine.recordMeasure({ caseId: kase.id, input: phq9(kase, '2025-03-10', [1, 1, 1, 1, 1, 1, 1, 1, 1], 'Asked; no plan or intent. Safety plan kept.') });
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'measures');
    const trend = await screen.findByTestId('trend');
    expect(within(trend).getByTestId('trend-baseline')).toHaveTextContent('18 (Moderately severe), 3 Mar 2025');
    expect(within(trend).getByTestId('trend-latest')).toHaveTextContent('9 (Mild), 10 Mar 2025 (week 1)');
    expect(within(trend).getByTestId('trend-change')).toHaveTextContent(
      "−9 points: a meaningful improvement by the measure's own definition (5 points)",
    );
    const chart = within(trend).getByTestId('trend-chart');
    expect(chart).toHaveAttribute('data-points', '2');
    expect(chart.querySelectorAll('circle')).toHaveLength(2);
    expect(within(trend).getByRole('img')).toHaveAccessibleName(
      'PHQ-9 for the client: 18 on 3 Mar 2025 to 9 on 10 Mar 2025, a meaningful improvement',
    );
    const rows = within(within(trend).getByTestId('trend-table')).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'DateWeeks since the baselineScoreBand',
      '3 Mar 2025018Moderately severe',
      '10 Mar 202519Mild',
    ]);
    // The bands are drawn and labelled as the measure's own.
    expect(chart.querySelectorAll('rect.stripe')).toHaveLength(5);
    expect(chart).toHaveTextContent('Moderately severe');
    expect(trend).toHaveTextContent("Shaded: the measure's published bands, a guide to reading the score, not a diagnosis.");
  });

  it('draws a single administration as the baseline alone', async () => {
    const { user } = await openNotebook(async (engine) => {
      const kase = await ada(engine);
      await engine.recordMeasure({ caseId: kase.id, input: phq9(kase, '2025-03-03', [1, 1, 1, 1, 1, 1, 1, 0, 0]) });
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'measures');
    const trend = await screen.findByTestId('trend');
    expect(within(trend).getByTestId('trend-chart')).toHaveAttribute('data-points', '1');
    expect(within(trend).getByRole('img')).toHaveAccessibleName(
      'PHQ-9 for the client: 7 on 3 Mar 2025, the baseline; no later score yet',
    );
    expect(trend).toHaveTextContent('Only the baseline so far.');
  });
});
