// Mounts the whole window against a fresh fake backend, as a therapist would meet it.

import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import { FakeBackend, type FakeOptions } from '../ipc/fake';

export const GOOD = 'harbour lantern quietly';
export const OTHER_GOOD = 'violet-otter-mosaic-17';

/** A notebook that exists and is locked, with passphrase `GOOD`. */
export const EXISTING: FakeOptions = { passphrase: GOOD };

export function renderApp(
  options: FakeOptions = {},
  {
    userOptions = {},
    before = () => {},
  }: {
    userOptions?: Parameters<typeof userEvent.setup>[0];
    /** Runs on the fake before the window mounts (and calls `notebook_status`). */
    before?: (fake: FakeBackend) => void;
  } = {},
) {
  const fake = new FakeBackend(options);
  before(fake);
  const user = userEvent.setup(userOptions);
  const result = render(App, { props: { backend: fake } });
  return { fake, user, ...result };
}

/** Unlocks through the form and waits for the open notebook. */
export async function unlockWith(user: ReturnType<typeof userEvent.setup>, passphrase = GOOD) {
  await user.type(await screen.findByTestId('unlock-passphrase'), passphrase);
  await user.click(screen.getByTestId('unlock-submit'));
  return screen.findByTestId('app-shell');
}
