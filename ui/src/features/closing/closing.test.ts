import { screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { goTo, newCase, openCase, openNotebook, throughIntake } from '../../test/cases';

describe('closing and reopening', () => {
  it('closes with a discharge summary, then the case is visibly read-only', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'closing');
    expect(screen.getByTestId('retention')).toHaveTextContent('Keep until');

    await user.click(screen.getByTestId('close-case'));
    expect(await screen.findByTestId('error-dischargeSummary')).toBeInTheDocument();
    expect(engine.count('closeCase')).toBe(0);

    await user.selectOptions(screen.getByTestId('closing-reason'), 'client_ended');
    await user.type(screen.getByTestId('discharge-summary'), 'Ended after the intake; open door offered.');
    await user.click(screen.getByTestId('close-case'));

    expect(await screen.findByTestId('read-only-banner')).toHaveTextContent('This case was closed on 10 Mar 2025');
    expect(screen.getByTestId('case-status')).toHaveTextContent('Closed · read-only');
    expect(screen.getByTestId('closed-summary')).toHaveTextContent('Ended after the intake; open door offered.');
    expect(screen.getByTestId('closed-summary')).toHaveTextContent('Client ended therapy');

    // Nothing offers to change the record.
    await goTo(user, 'sessions');
    expect(screen.queryByTestId('new-session')).not.toBeInTheDocument();
    await goTo(user, 'formulation');
    expect(screen.queryByTestId('formulation-form')).not.toBeInTheDocument();
    await goTo(user, 'process');
    expect(screen.queryByTestId('new-process-note')).not.toBeInTheDocument();
    await goTo(user, 'overview');
    expect(screen.getByTestId('step-formulation')).toHaveAttribute('data-state', 'blocked');
  });

  it('reopens only with a reason, and keeps the history', async () => {
    const { user } = await openNotebook(async (engine) => void (await engine.openDemoNotebook()));
    await openCase(user, 'Emery Fictional');
    expect(await screen.findByTestId('read-only-banner')).toBeInTheDocument();
    await goTo(user, 'closing');

    await user.click(screen.getByTestId('reopen-case'));
    expect(await screen.findByTestId('workflow-error')).toHaveTextContent('Reopening a closed case needs a reason.');

    await user.type(screen.getByTestId('reopen-reason'), 'Returned after a relapse.');
    await user.click(screen.getByTestId('reopen-case'));
    await waitFor(() => expect(screen.queryByTestId('read-only-banner')).not.toBeInTheDocument());
    expect(screen.getByTestId('case-status')).toHaveTextContent('Open');
    expect(screen.getByTestId('case-history')).toHaveTextContent('Reopened');
    expect(screen.getByTestId('case-history')).toHaveTextContent('Returned after a relapse.');
    expect(screen.getByTestId('close-form')).toBeInTheDocument();
  });
});
