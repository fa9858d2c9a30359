// Helpers for the case screens' tests: a notebook that is open, holding cases made through the
// engine's own commands (so they pass its rules), and the window opened on one of them.

import { screen, within } from '@testing-library/svelte';
import { vi } from 'vitest';
import type { CaseView, NewCase, SessionInput } from '../ipc';
import { GOOD, renderApp } from './app';
import { testEngine, type TestEngine } from './engine';

export const TODAY = '2025-03-10';

export function newCase(name: string, over: Partial<NewCase> = {}): NewCase {
  return {
    client: { fullName: name, pronouns: 'she/her', ageBand: '35_44', lacksCapacity: false },
    firstContactOn: '2025-03-01',
    difficulties: ['vaginismus'],
    referralSource: 'Self',
    hasPartner: false,
    ...over,
  };
}

/** Opens the window on an unlocked notebook; `setup` records what the test needs first. */
export async function openNotebook(setup: (engine: TestEngine) => Promise<void> = async () => {}) {
  // The window's calendar and the engine's agree on the day (timers stay real).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${TODAY}T09:30:00`));
  // The records are made before the window mounts, so its first reads see them.
  const engine = testEngine({ passphrase: GOOD, unlocked: true, today: TODAY });
  await setup(engine);
  const app = renderApp({}, { engine });
  await screen.findByTestId('app-shell');
  return app;
}

/** A session note with the client present, 10:00 to 10:50 in person, changed by `over`. */
export function sessionInput(kase: CaseView, over: Partial<SessionInput> = {}): SessionInput {
  return {
    kind: 'individual',
    body: { format: 'soap', subjective: 'Follow-up.' },
    heldOn: '2025-03-07',
    startsAt: '10:00',
    endsAt: '10:50',
    modality: 'in_person',
    present: [kase.client.id],
    goalsAddressed: [],
    interventionsUsed: [],
    riskScreen: 'none_identified',
    ...over,
  };
}

/** Records the intake session and a completed intake, as the workflow requires before the rest. */
export async function throughIntake(engine: TestEngine, kase: CaseView): Promise<void> {
  await engine.recordSession({
    caseId: kase.id,
    input: sessionInput(kase, { kind: 'intake', body: { format: 'soap', subjective: 'First session.' }, heldOn: '2025-03-03' }),
  });
  await completeIntake(engine, kase, 'Pain.');
}

/** Records the intake completed and signed, as the formulation needs; signing needs the therapist's
 * name, so one is set when Settings has none. */
export async function completeIntake(engine: TestEngine, kase: CaseView, presentingProblem: string): Promise<void> {
  const settings = await engine.getSettings();
  if (!settings.therapistName) await engine.updateSettings({ settings: { ...settings, therapistName: 'Dr Test' } });
  await engine.recordIntake({ caseId: kase.id, input: { sections: { presentingProblem }, complete: true, sign: true } });
}

/** Opens a case from the list by its client's name, and waits for its page. */
export async function openCase(user: ReturnType<typeof renderApp>['user'], name: string) {
  const rows = await screen.findAllByTestId('case-row');
  const row = rows.find((r) => r.textContent?.includes(name));
  if (!row) throw new Error(`no row for ${name}`);
  await user.click(row);
  return screen.findByTestId('case-page');
}

export async function goTo(user: ReturnType<typeof renderApp>['user'], section: string) {
  await user.click(await screen.findByTestId(`section-${section}`));
  const content = await screen.findByTestId('case-section');
  return within(content);
}
