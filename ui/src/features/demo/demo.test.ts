import { screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { EXISTING, renderApp, unlockWith } from '../../test/app';

describe('the demo notebook', () => {
  it('opens from the lock screen, shows its fictional passphrase, then its cases with a badge', async () => {
    const { user, engine } = renderApp(EXISTING);
    await user.click(await screen.findByTestId('open-demo'));
    // Five words the engine picked at random, easy to type from the screen.
    const passphrase = (await screen.findByTestId('demo-passphrase')).textContent!.trim();
    expect(passphrase).toMatch(/^[a-z]+( [a-z]+){4}$/);
    expect(screen.getByTestId('demo-ready')).toHaveTextContent('Fictional');
    await user.click(screen.getByTestId('demo-continue'));

    expect(await screen.findByTestId('demo-badge')).toHaveTextContent('Demo notebook — fictional cases');
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(4));
    expect(engine.count('openDemoNotebook')).toBe(1);

    // Locked, it says which notebook this is, and its passphrase opens it again.
    await user.click(screen.getByTestId('lock-button'));
    expect(await screen.findByTestId('demo-badge')).toHaveTextContent('Demo notebook');
    await unlockWith(user, passphrase);
    expect(await screen.findByTestId('demo-badge')).toBeInTheDocument();
  });

  it('is offered on a first run too', async () => {
    renderApp();
    expect(await screen.findByTestId('create-form')).toBeInTheDocument();
    expect(screen.getByTestId('open-demo')).toHaveTextContent('Open the demo notebook');
  });

  it('shows no badge for the therapist’s own notebook', async () => {
    renderApp({ ...EXISTING, unlocked: true });
    await screen.findByTestId('app-shell');
    expect(screen.queryByTestId('demo-badge')).not.toBeInTheDocument();
  });
});
