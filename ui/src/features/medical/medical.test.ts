import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { goTo, newCase, openCase, openNotebook, throughIntake } from '../../test/cases';

async function openAda() {
  let caseId = 0;
  const app = await openNotebook(async (engine) => {
    const kase = await engine.createCase({ input: newCase('Ada Example') });
    await throughIntake(engine, kase);
    caseId = kase.id;
  });
  await openCase(app.user, 'Ada Example');
  return { ...app, caseId };
}

describe('medical liaison', () => {
  it('records the rule-out status with its history, and the reminder follows it', async () => {
    const { user } = await openAda();
    await goTo(user, 'medical');
    expect(await screen.findByTestId('medical-reminder')).toHaveTextContent('status: not assessed');
    await user.click(screen.getByTestId('rule-out-awaiting_result'));
    await user.click(screen.getByTestId('rule-out-save'));
    await waitFor(() => expect(screen.getByTestId('rule-out-status')).toHaveTextContent('Awaiting result'));
    expect(screen.getByTestId('medical-reminder')).toHaveTextContent('status: awaiting result');
    await user.click(screen.getByTestId('rule-out-ruled_out'));
    await user.click(screen.getByTestId('rule-out-save'));
    await waitFor(() => expect(screen.queryByTestId('medical-reminder')).not.toBeInTheDocument());
    // The section's own view reloads first, then the case (and its navigation) after it.
    await waitFor(() => expect(screen.getByTestId('section-medical')).toHaveAttribute('data-state', 'done'));
  });

  it('refuses a referral without a release consent naming the practitioner, then refers', async () => {
    const { user, engine, caseId } = await openAda();
    await goTo(user, 'medical');
    await user.click(await screen.findByTestId('add-practitioner'));
    await user.selectOptions(screen.getByTestId('practitioner-kind'), 'gynaecologist');
    await user.type(screen.getByTestId('practitioner-name'), 'Dr Morgan Example');
    await user.click(screen.getByTestId('practitioner-save'));
    await screen.findByText('Dr Morgan Example');

    // No referral form before the release it needs: the reason, and the way on. The cards run
    // in the order of the rules: practitioners, releases, referrals.
    expect(screen.queryByTestId('add-referral')).not.toBeInTheDocument();
    const blocked = screen.getByTestId('referral-blocked');
    expect(blocked).toHaveTextContent('A referral needs the client’s active release-of-information consent naming the practitioner.');
    const release = screen.getByTestId('add-release');
    expect(release.compareDocumentPosition(blocked) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByTestId('add-practitioner').compareDocumentPosition(release) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await user.click(within(blocked).getByRole('button', { name: 'Record a release consent' }));
    await user.selectOptions(screen.getByTestId('release-recipient'), screen.getByRole('option', { name: /Dr Morgan Example/ }));
    await user.type(screen.getByTestId('release-shared'), 'The presenting problem and the question.');
    await user.click(screen.getByTestId('release-save'));
    await waitFor(() => expect(screen.queryByTestId('release-form')).not.toBeInTheDocument());

    // The release read back, the referral is offered (to the practitioners it names).
    await user.click(await screen.findByTestId('add-referral'));
    expect(screen.queryByTestId('referral-blocked')).not.toBeInTheDocument();
    await user.selectOptions(screen.getByTestId('referral-practitioner'), screen.getByRole('option', { name: /Dr Morgan Example/ }));
    await user.type(screen.getByTestId('referral-reason'), 'Exclude structural causes.');
    await user.click(screen.getByTestId('referral-save'));
    expect(await screen.findByTestId('referrals')).toHaveTextContent('Exclude structural causes.');
    expect(screen.getByTestId('rule-out-status')).toHaveTextContent('Referred');
    expect((await engine.getMedical({ caseId })).referrals).toHaveLength(1);

    // The referral letter: what the consent covers, written only after confirming.
    await user.click(screen.getByTestId('referral-letter-button'));
    const letter = await screen.findByTestId('referral-letter');
    expect(await within(letter).findByText(/The presenting problem and the question\./)).toBeInTheDocument();
    expect(within(letter).getByTestId('letter-question')).toHaveValue('Exclude structural causes.');
    await user.click(within(letter).getByTestId('letter-export'));
    expect(engine.count('exportReferralLetter')).toBe(0);
    // The save dialog picks a new file in the export folder.
    await engine.dialogs({ save: true });
    await user.click(within(letter).getByTestId('letter-confirm'));
    expect(await within(letter).findByTestId('letter-done')).toHaveTextContent(/Saved \(\d+ bytes\)/);
    expect((await engine.written()).at(-1)).toMatch(/\.pdf$/);
  });
});
