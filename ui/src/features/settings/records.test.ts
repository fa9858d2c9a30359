import { screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { goTo, newCase, openCase, openNotebook, throughIntake } from '../../test/cases';

describe('notes and records settings', () => {
  it('chooses the default note format, which new session notes start in', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
    });
    await user.click(screen.getByTestId('nav-settings'));
    await user.click(await screen.findByTestId('settings-note-format-birp'));
    expect(await screen.findByTestId('records-saved')).toHaveTextContent('Default note format saved');
    expect(await engine.getDefaultNoteFormat()).toBe('birp');

    await user.click(screen.getByTestId('nav-cases'));
    await openCase(user, 'Ada Example');
    await goTo(user, 'sessions');
    await user.click(await screen.findByTestId('new-session'));
    expect(await screen.findByTestId('note-behaviour')).toBeInTheDocument();
    // Switchable per note; what the parts share is kept.
    await user.type(screen.getByTestId('note-plan'), 'Continue.');
    await user.click(screen.getByTestId('note-format-soap'));
    expect(screen.getByTestId('note-subjective')).toBeInTheDocument();
    expect(screen.getByTestId('note-plan')).toHaveValue('Continue.');
  });

  it('chooses the retention profile, which gives each case its retain-until date', async () => {
    const { user, engine } = await openNotebook(async (engine) => void (await engine.createCase({ input: newCase('Ada Example') })));
    await user.click(screen.getByTestId('nav-settings'));
    expect(await screen.findByTestId('settings-retention-south_africa')).toBeChecked();
    await user.click(screen.getByTestId('settings-retention-apa'));
    await waitFor(async () => expect(await engine.getRetentionProfile()).toBe('apa'));
    await user.click(screen.getByTestId('nav-cases'));
    await openCase(user, 'Ada Example');
    expect(screen.getByTestId('retention')).toHaveTextContent('7 years after the last service');
    expect(screen.getByTestId('retain-until')).toHaveTextContent('1 Mar 2032');
  });
});
