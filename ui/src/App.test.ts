import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXISTING, GOOD, renderApp, unlockWith } from './test/app';

const NAMED = { ...EXISTING, settings: { therapistName: 'Dr Amara Naidoo', autoLockMinutes: 10, practiceName: '', registrationNumber: '', practiceContact: '', dateFormat: 'day_month_year' as const } };

afterEach(() => {
  vi.useRealTimers();
});

describe('startup', () => {
  it('asks for the notebook status and shows the matching screen', async () => {
    renderApp(EXISTING);
    expect(await screen.findByTestId('unlock-form')).toBeInTheDocument();
    expect(screen.queryByTestId('create-form')).not.toBeInTheDocument();
  });

  it('draws the lock screen at mount from the status the shell wrote into the page', () => {
    const meta = document.createElement('meta');
    meta.name = 'casebook-status';
    meta.content = JSON.stringify({ exists: true, unlocked: false, folder: '/home/ana/Casebook', demo: false });
    document.head.append(meta);
    renderApp(EXISTING);
    // No answer awaited: the first frame already holds the form, and the page no longer the meta.
    expect(screen.getByTestId('unlock-form')).toBeInTheDocument();
    expect(screen.getByTestId('lock-screen')).toHaveTextContent('/home/ana/Casebook');
    expect(document.querySelector('meta[name="casebook-status"]')).toBeNull();
  });

  it('goes straight to the notebook when the shell says it is already open', async () => {
    renderApp({ ...EXISTING, unlocked: true });
    expect(await screen.findByTestId('app-shell')).toBeInTheDocument();
    expect(screen.getByTestId('cases-view')).toBeInTheDocument();
  });

  it('shows a status failure and tries again on request', async () => {
    const { user } = renderApp(EXISTING, {
      before: (engine) =>
        engine.failNext('notebookStatus', { kind: 'incompatible', message: 'This notebook was made by a newer Casebook.' }),
    });
    expect(await screen.findByTestId('error-banner')).toHaveTextContent('made by a newer Casebook');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('unlock-form')).toBeInTheDocument();
  });
});

describe('the open notebook', () => {
  it('navigates between Cases and Settings', async () => {
    const { user } = renderApp({ ...NAMED, unlocked: true });
    await screen.findByTestId('app-shell');
    expect(screen.getByTestId('nav-cases')).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByText('Cases you open will appear here.')).toBeInTheDocument();
    await user.click(screen.getByTestId('nav-settings'));
    expect(await screen.findByTestId('settings-view')).toBeInTheDocument();
    expect(screen.getByTestId('nav-settings')).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByTestId('cases-view')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('nav-cases'));
    expect(screen.getByTestId('cases-view')).toBeInTheDocument();
  });

  it('shows the lock shortcut on the Lock button', async () => {
    renderApp({ ...EXISTING, unlocked: true });
    expect(await screen.findByTestId('lock-button')).toHaveTextContent(/Lock\s*(Ctrl\+L|⌘L)/);
  });
});

describe('locking', () => {
  async function openWithSettings() {
    const app = renderApp(NAMED);
    await unlockWith(app.user);
    await app.user.click(screen.getByTestId('nav-settings'));
    await waitFor(() => expect(screen.getByTestId('settings-name')).toHaveValue('Dr Amara Naidoo'));
    return app;
  }

  function expectNothingOfTheNotebook() {
    expect(screen.queryByTestId('app-shell')).not.toBeInTheDocument();
    expect(screen.queryByTestId('settings-view')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('Dr Amara Naidoo');
  }

  it('the Lock button locks the notebook and drops what was shown', async () => {
    const { engine, user } = await openWithSettings();
    await user.click(screen.getByTestId('lock-button'));
    expect(await screen.findByTestId('unlock-form')).toBeInTheDocument();
    expectNothingOfTheNotebook();
    expect(engine.count('lock')).toBe(1);
    expect((await engine.notebookStatus()).unlocked).toBe(false);
    expect(screen.queryByTestId('locked-note')).not.toBeInTheDocument();

    // Unlocking again reads the settings afresh and starts on Cases.
    await unlockWith(user);
    expect(screen.getByTestId('cases-view')).toBeInTheDocument();
    expect(engine.count('getSettings')).toBe(2);
  });

  it('Ctrl+L locks', async () => {
    const { engine } = await openWithSettings();
    await fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    expect(await screen.findByTestId('unlock-form')).toBeInTheDocument();
    expectNothingOfTheNotebook();
    expect((await engine.notebookStatus()).unlocked).toBe(false);
  });

  it('⌘L locks, and a plain L does not', async () => {
    const { engine, user } = renderApp({ ...EXISTING, unlocked: true });
    await screen.findByTestId('app-shell');
    await user.keyboard('l');
    await fireEvent.keyDown(window, { key: 'L', ctrlKey: true, shiftKey: true });
    expect(screen.getByTestId('app-shell')).toBeInTheDocument();
    await fireEvent.keyDown(window, { key: 'l', metaKey: true });
    expect(await screen.findByTestId('lock-screen')).toBeInTheDocument();
    expect(engine.count('lock')).toBe(1);
  });

  it('the notebook-locked event returns to the lock screen with a note', async () => {
    const { engine, user } = await openWithSettings();
    await engine.lockForIdle();
    expect(await screen.findByTestId('locked-note')).toHaveTextContent('Locked after inactivity');
    expect(screen.getByTestId('unlock-form')).toBeInTheDocument();
    expectNothingOfTheNotebook();
    // The window did not need to call lock: the shell already had.
    expect(engine.count('lock')).toBe(0);

    await unlockWith(user, GOOD);
    expect(screen.queryByTestId('locked-note')).not.toBeInTheDocument();
  });
});

describe('activity', () => {
  it('touches at most every 20 s while open, and returns to the lock screen when touch says locked', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { engine } = renderApp({ ...EXISTING, unlocked: true });
    await screen.findByTestId('app-shell');

    await fireEvent.pointerDown(window);
    await fireEvent.keyDown(window, { key: 'a' });
    expect(engine.count('touch')).toBe(0);

    vi.setSystemTime(Date.now() + 20_000);
    await fireEvent.pointerDown(window);
    await fireEvent.wheel(window);
    await fireEvent.keyDown(window, { key: 'b' });
    expect(engine.count('touch')).toBe(1);

    await engine.lockQuietly();
    vi.setSystemTime(Date.now() + 20_000);
    await fireEvent.wheel(window);
    expect(engine.count('touch')).toBe(2);
    expect(await screen.findByTestId('lock-screen')).toBeInTheDocument();
    expect(screen.getByTestId('locked-note')).toBeInTheDocument();

    // Locked: activity is no longer reported.
    vi.setSystemTime(Date.now() + 60_000);
    await fireEvent.pointerDown(window);
    expect(engine.count('touch')).toBe(2);
  });

  it('does not touch while locked', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { engine } = renderApp(EXISTING);
    await screen.findByTestId('unlock-form');
    vi.setSystemTime(Date.now() + 60_000);
    await fireEvent.pointerDown(window);
    expect(engine.count('touch')).toBe(0);
  });
});
