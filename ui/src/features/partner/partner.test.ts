import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { goTo, newCase, openCase, openNotebook, throughIntake } from '../../test/cases';

async function partnerCase() {
  let caseId = 0;
  const app = await openNotebook(async (engine) => {
    const kase = await engine.createCase({ input: newCase('Ada Example', { hasPartner: true, difficulties: ['low_libido'] }) });
    await throughIntake(engine, kase);
    caseId = kase.id;
  });
  await openCase(app.user, 'Ada Example');
  await goTo(app.user, 'partner');
  await screen.findByTestId('partner-form');
  return { ...app, caseId };
}

describe('partner involvement', () => {
  it('refuses the partner without the client’s consent and says which consent is missing', async () => {
    const { user, engine, caseId } = await partnerCase();
    expect(screen.getByTestId('involvement-missing')).toHaveTextContent('Not given yet');
    await user.type(screen.getByTestId('partner-fullName'), 'Sam Example');
    await user.click(screen.getByTestId('partner-save'));
    const refusal = await screen.findByTestId('workflow-error');
    expect(refusal).toHaveAttribute('role', 'alert');
    expect(refusal).toHaveAttribute('data-rule', 'partner_involvement_consent');
    expect(refusal).toHaveTextContent(
      "A partner session, or anything recorded about the partner, needs the client's active consent to involve the partner. Record the consent first.",
    );
    expect((await engine.getCase({ id: caseId })).partner).toBeNull();
  });

  it('refuses a couples session without the consent, from the session form', async () => {
    const { user } = await partnerCase();
    await user.click(screen.getByTestId('hold-couples-session'));
    expect(await screen.findByTestId('partner-session-needs')).toHaveTextContent('client’s active consent');
    await user.type(await screen.findByTestId('session-start'), '10:00');
    await user.type(screen.getByTestId('session-end'), '10:50');
    await user.type(screen.getByTestId('note-subjective'), 'Both came.');
    await user.click(screen.getByTestId('session-save'));
    expect(await screen.findByTestId('workflow-error')).toHaveTextContent(
      "A couples session needs the client's active consent to involve the partner.",
    );
  });

  it('records the consent, adds the partner with their own consent, and holds the partner session', async () => {
    const { user, engine, caseId } = await partnerCase();
    await user.click(screen.getByTestId('involvement-save'));
    expect(await screen.findByTestId('error-terms.scope')).toBeInTheDocument();
    await user.type(screen.getByTestId('involvement-scope'), 'The plan may be shared; her history stays private.');
    await user.click(screen.getByTestId('secrets-limited'));
    await user.click(screen.getByTestId('involvement-save'));
    await waitFor(() =>
      expect(screen.getByTestId('partner-view').querySelector('[data-kind="partner_involvement"]')).toHaveAttribute(
        'data-status',
        'active',
      ),
    );
    expect((await engine.listConsents({ caseId }))[0]?.terms).toEqual({
      kind: 'partner_involvement',
      scope: 'The plan may be shared; her history stays private.',
      secretsPolicy: 'limited',
    });

    await user.type(screen.getByTestId('partner-fullName'), 'Sam Example');
    await user.click(screen.getByTestId('partner-save'));
    expect(await screen.findByTestId('partner-name')).toHaveTextContent('Sam Example');

    // Without their own consent the partner session is refused too.
    await user.click(screen.getByTestId('hold-partner-session'));
    await user.type(await screen.findByTestId('session-start'), '12:00');
    await user.type(screen.getByTestId('session-end'), '12:45');
    await user.type(screen.getByTestId('note-subjective'), 'Feels shut out.');
    await user.click(screen.getByTestId('session-save'));
    expect(await screen.findByTestId('workflow-error')).toHaveTextContent("The partner has not given their own consent.");
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByTestId('partner-role-co_client'));
    await user.click(screen.getByTestId('own-consent-save'));
    await waitFor(() => expect(screen.queryByTestId('own-consent-form')).not.toBeInTheDocument());

    await user.click(screen.getByTestId('hold-partner-session'));
    const form = await screen.findByTestId('session-form');
    // The partner alone is present by default.
    expect(within(form).getByLabelText('Sam Example (partner)')).toBeChecked();
    expect(within(form).getByLabelText('Ada Example (client)')).not.toBeChecked();
    await user.type(screen.getByTestId('session-start'), '12:00');
    await user.type(screen.getByTestId('session-end'), '12:45');
    await user.type(screen.getByTestId('note-subjective'), 'Feels shut out.');
    await user.click(screen.getByTestId('session-save'));
    expect(await screen.findByTestId('partner-sessions')).toHaveTextContent('Partner session');
    await waitFor(() => expect(screen.getByTestId('section-partner')).toHaveAttribute('data-state', 'done'));
  });

  it('withdraws the consent; further partner sessions are refused and the record stays', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      await engine.openDemoNotebook();
    });
    await openCase(user, 'Blake Specimen');
    await goTo(user, 'partner');
    await user.click(await screen.findByTestId('involvement-withdraw'));
    await user.type(screen.getByTestId('withdraw-reason'), 'Separated.');
    await user.click(screen.getByTestId('withdraw-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('partner-view').querySelector('[data-kind="partner_involvement"]')).toHaveAttribute(
        'data-status',
        'withdrawn',
      ),
    );
    await waitFor(() => expect(screen.getByTestId('section-partner')).toHaveAttribute('data-state', 'blocked'));
    expect(screen.getByTestId('partner-sessions')).toHaveTextContent('Partner session');
    const [blake] = (await engine.listCases({ filter: { status: null, stage: null, name: 'Blake' }, limit: null })).items;
    expect((await engine.listSessions({ caseId: blake!.id })).filter((s) => s.kind === 'couples')).toHaveLength(4);
  });
});
