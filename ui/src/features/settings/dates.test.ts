// The date format chosen in Settings > Preferences: every list and every date field follows it
// from the moment it is saved, and a typed date that cannot be is refused before anything is sent.

import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../ipc';
import { newCase, openNotebook, sessionInput } from '../../test/cases';

type User = Awaited<ReturnType<typeof openNotebook>>['user'];

async function chooseDateFormat(user: User, format: string) {
  await user.click(screen.getByTestId('nav-settings'));
  await user.click(await screen.findByTestId(`settings-date-format-${format}`));
  await user.click(screen.getByTestId('settings-save'));
  await screen.findByTestId('settings-saved');
  await user.click(screen.getByTestId('nav-cases'));
}

async function fillNewCase(user: User, name: string) {
  await user.type(screen.getByTestId('client-fullName'), name);
  await user.click(await screen.findByTestId('difficulty-vaginismus'));
}

describe('the date format', () => {
  it('changes the dates in the list and in the date fields as soon as it is saved', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase: CaseView = await engine.createCase({ input: newCase('Ada Example') });
      await engine.recordSession({
        caseId: kase.id,
        input: sessionInput(kase, { kind: 'intake', heldOn: '2025-03-03', nextAppointment: '2025-03-14T17:00:00' }),
      });
    });
    expect(await screen.findByTestId('case-row')).toHaveTextContent('Next session 14 Mar 2025, 17:00');

    await chooseDateFormat(user, 'iso');
    expect((await engine.getSettings()).dateFormat).toBe('iso');
    await waitFor(() => expect(screen.getByTestId('case-row')).toHaveTextContent('Next session 2025-03-14, 17:00'));
    await user.click(screen.getByTestId('new-case'));
    expect(await screen.findByTestId('first-contact')).toHaveValue('2025-03-10');

    await chooseDateFormat(user, 'mdy_numeric');
    await waitFor(() => expect(screen.getByTestId('case-row')).toHaveTextContent('Next session 03/14/2025, 17:00'));
    await user.click(screen.getByTestId('new-case'));
    const field = await screen.findByTestId('first-contact');
    expect(field).toHaveValue('03/10/2025');
    expect(field).toHaveAttribute('placeholder', 'mm/dd/yyyy');

    // The calendar names its days in the same format, and writes the chosen one into the field.
    await user.click(screen.getByTestId('first-contact-calendar'));
    const calendar = within(await screen.findByTestId('first-contact-calendar-panel'));
    expect(calendar.getByText('March 2025')).toBeInTheDocument();
    expect(calendar.getByRole('button', { name: '03/14/2025' })).toBeDisabled(); // after today
    await user.click(calendar.getByRole('button', { name: '03/05/2025' }));
    expect(screen.queryByTestId('first-contact-calendar-panel')).not.toBeInTheDocument();
    expect(field).toHaveValue('03/05/2025');

    await fillNewCase(user, 'Noor Example');
    await user.click(screen.getByTestId('create-case'));
    expect(await screen.findByTestId('case-title')).toHaveTextContent('Noor Example');
    const sent = engine.calls.filter((c) => c.command === 'createCase').at(-1)?.args as { input: { firstContactOn: string } };
    expect(sent.input.firstContactOn).toBe('2025-03-05');
    expect(screen.getByTestId('case-page')).toHaveTextContent('first contact 03/05/2025');
  });

  it('filters a search by dates typed in the format, and says when one is not a date', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase: CaseView = await engine.createCase({ input: newCase('Ada Example') });
      await engine.recordSession({ caseId: kase.id, input: sessionInput(kase, { kind: 'intake', heldOn: '2025-03-03' }) });
    });
    await chooseDateFormat(user, 'dmy_numeric');
    await user.keyboard('{Control>}k{/Control}');
    const dialog = within(await screen.findByTestId('search-dialog'));
    await user.type(dialog.getByTestId('search-input'), 'follow');
    const from = dialog.getByTestId('search-from');
    expect(from).toHaveAttribute('placeholder', 'dd/mm/yyyy');
    await user.type(from, '31/04/2025');
    await user.tab();
    expect(dialog.getByTestId('error-from')).toHaveTextContent('There is no 31 April: April has 30 days.');
    await user.clear(from);
    await user.type(from, '1/3/2025');
    await waitFor(() => {
      const last = engine.calls.filter((c) => c.command === 'search').at(-1)?.args as { request: { from: string | null } };
      expect(last.request.from).toBe('2025-03-01');
    });
    expect(dialog.queryByTestId('error-from')).not.toBeInTheDocument();
    expect(await dialog.findByTestId('search-hit')).toHaveTextContent('03/03/2025');
  });

  it('refuses an impossible typed date with its reason, and sends nothing', async () => {
    const { user, engine } = await openNotebook();
    await user.click(await screen.findByTestId('new-case'));
    await fillNewCase(user, 'Noor Example');
    const field = screen.getByTestId('first-contact');
    expect(field).toHaveValue('10 Mar 2025');

    await user.clear(field);
    await user.type(field, '29/02/2025');
    expect(screen.queryByTestId('error-firstContactOn')).not.toBeInTheDocument(); // not while typing
    await user.tab();
    const reason = 'There is no 29 February 2025: 2025 is not a leap year.';
    expect(screen.getByTestId('error-firstContactOn')).toHaveTextContent(reason);
    expect(field).toHaveAttribute('aria-invalid', 'true');

    await user.click(screen.getByTestId('create-case'));
    expect(screen.getByTestId('error-firstContactOn')).toHaveTextContent(reason);
    await waitFor(() => expect(field).toHaveFocus());
    expect(engine.count('createCase')).toBe(0);

    // Text that is no date at all is refused the same way, with an example of the format.
    await user.clear(field);
    await user.type(field, 'last Tuesday{Enter}');
    expect(await screen.findByTestId('error-firstContactOn')).toHaveTextContent(
      'That is not a date Casebook can read. Write it like 23 Oct 2026 (or 2026-10-23).',
    );
    expect(engine.count('createCase')).toBe(0);

    // Typed leniently and shown in the format once left: one-digit day, two-digit year.
    await user.clear(field);
    await user.type(field, '28/2/25');
    expect(screen.queryByTestId('error-firstContactOn')).not.toBeInTheDocument();
    await user.tab();
    expect(field).toHaveValue('28 Feb 2025');
    await user.click(screen.getByTestId('create-case'));
    expect(await screen.findByTestId('case-title')).toHaveTextContent('Noor Example');
    expect(engine.count('createCase')).toBe(1);
    const sent = engine.calls.find((c) => c.command === 'createCase')?.args as { input: { firstContactOn: string } };
    expect(sent.input.firstContactOn).toBe('2025-02-28');
  });
});
