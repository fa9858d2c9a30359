// Mounts the whole window against a fresh notebook in the real engine, as a therapist would meet it.

import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import { testEngine, type EngineOptions, type TestEngine } from './engine';

export const GOOD = 'harbour lantern quietly';
export const OTHER_GOOD = 'violet-otter-mosaic-17';

/** A notebook that exists and is locked, with passphrase `GOOD`. */
export const EXISTING: EngineOptions = { passphrase: GOOD };

export function renderApp(
  options: EngineOptions = {},
  {
    userOptions = {},
    before = () => {},
    engine = testEngine(options),
  }: {
    userOptions?: Parameters<typeof userEvent.setup>[0];
    /** Runs on the engine before the window mounts (and calls `notebook_status`). */
    before?: (engine: TestEngine) => void;
    /** An engine already set up (`options` are then ignored). */
    engine?: TestEngine;
  } = {},
) {
  before(engine);
  const user = userEvent.setup(userOptions);
  const result = render(App, { props: { backend: engine } });
  return { engine, user, ...result };
}

/** Unlocks through the form and waits for the open notebook. */
export async function unlockWith(user: ReturnType<typeof userEvent.setup>, passphrase = GOOD) {
  await user.type(await screen.findByTestId('unlock-passphrase'), passphrase);
  await user.click(screen.getByTestId('unlock-submit'));
  return screen.findByTestId('app-shell');
}
