// The date fields on their own: typing, the calendar, and a date-and-time without its time.

import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import DateForm from '../test/DateForm.svelte';
import { setDateFormat } from './dateFormat.svelte';

afterEach(() => setDateFormat(null));

function mount() {
  const onsend = vi.fn();
  const user = userEvent.setup();
  render(DateForm, { props: { onsend } });
  return { onsend, user };
}

describe('DateField', () => {
  it('follows a change of format at once, and keeps the value ISO', async () => {
    const { onsend, user } = mount();
    const field = screen.getByTestId('on');
    expect(field).toHaveValue('10 Mar 2025');
    setDateFormat('dmy_numeric');
    await vi.waitFor(() => expect(field).toHaveValue('10/03/2025'));
    expect(screen.getByLabelText('On')).toBe(field);
    await user.click(screen.getByTestId('send'));
    expect(onsend).toHaveBeenLastCalledWith({ on: '2025-03-10', at: '' });
  });

  it('moves through the calendar with the keyboard, offers no day after the latest, and closes on Escape', async () => {
    const { onsend, user } = mount();
    setDateFormat('iso');
    await user.click(screen.getByTestId('on-calendar'));
    const calendar = within(screen.getByTestId('on-calendar-panel'));
    expect(calendar.getByRole('button', { name: '2025-03-10' })).toHaveFocus();
    expect(calendar.getByRole('button', { name: '2025-03-11' })).toBeDisabled();
    await user.keyboard('{ArrowUp}');
    expect(calendar.getByRole('button', { name: '2025-03-03' })).toHaveFocus();
    await user.keyboard('{PageUp}');
    expect(calendar.getByText('February 2025')).toBeInTheDocument();
    expect(calendar.getByRole('button', { name: '2025-02-03' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('on-calendar-panel')).not.toBeInTheDocument();
    expect(screen.getByTestId('on')).toHaveFocus();
    expect(screen.getByTestId('on')).toHaveValue('2025-03-10');

    await user.click(screen.getByTestId('on-calendar'));
    await user.keyboard('{ArrowLeft}{Enter}');
    expect(screen.getByTestId('on')).toHaveValue('2025-03-09');
    await user.click(screen.getByTestId('send'));
    expect(onsend).toHaveBeenLastCalledWith({ on: '2025-03-09', at: '' });
  });

  it('refuses a day without its time, then sends both as one value', async () => {
    const { onsend, user } = mount();
    await user.type(screen.getByTestId('at'), '14 Mar 2025');
    await user.click(screen.getByTestId('send'));
    expect(screen.getByTestId('error-at')).toHaveTextContent('Add the time of the appointment too.');
    expect(onsend).not.toHaveBeenCalled();
    await user.type(screen.getByTestId('at-time'), '17:00');
    expect(screen.queryByTestId('error-at')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('send'));
    expect(onsend).toHaveBeenLastCalledWith({ on: '2025-03-10', at: '2025-03-14T17:00' });
  });
});
