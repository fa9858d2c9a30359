import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { CaseView, SessionPrefill } from '../../ipc';
import { goTo, newCase, openCase, openNotebook, sessionInput, throughIntake } from '../../test/cases';
import type { TestEngine } from '../../test/engine';
import { attendees, attendeesSource, prefilledSession } from './session';

const HOMEWORK = 'Sensate focus stage 1, three evenings, no intercourse.';

/** A case under a plan (two active goals, one achieved, two interventions), whose latest note
 *  (7 Mar, 10:00–10:50, telehealth) set homework and booked today at 10:00. */
async function underPlan(engine: TestEngine): Promise<CaseView> {
  const kase = await engine.createCase({ input: newCase('Ada Example') });
  await throughIntake(engine, kase);
  // A formulation needs a signed intake, and a signature the therapist's name.
  if (!(await engine.getIntake({ caseId: kase.id }))?.signedAt) {
    const settings = await engine.getSettings();
    await engine.updateSettings({ settings: { ...settings, therapistName: 'Dr Test' } });
    await engine.signRecord({ record: { kind: 'intake', id: kase.id }, input: {} });
  }
  await engine.saveFormulation({
    caseId: kase.id,
    input: { problemStatement: 'Pain at penetration on every attempt.', factors: [], nodalPoint: 'Fear, tension, pain, avoidance.' },
  });
  const goal = (description: string, status: 'active' | 'achieved' = 'active') => ({
    description,
    measure: 'Self-rated fear 0-10',
    target: '3 or below',
    targetOn: '2025-06-01',
    status,
  });
  await engine.savePlan({
    caseId: kase.id,
    input: {
      goals: [goal('Less fear before touch'), goal('Comfortable insertion of a dilator'), goal('Name the cycle', 'achieved')],
      interventions: [
        { name: 'Psychoeducation on the pain cycle', plissit: 'limited_information', goals: [0] },
        { name: 'Graded dilation', plissit: 'specific_suggestions', goals: [1], homework: 'Dilator size 1, five minutes daily.' },
      ],
      reviewOn: '2025-04-10',
      agreedBy: [kase.client.id],
    },
  });
  await engine.recordSession({
    caseId: kase.id,
    input: sessionInput(kase, { modality: 'telehealth', homeworkSet: HOMEWORK, nextAppointment: '2025-03-10T10:00:00' }),
  });
  return kase;
}

async function newNote(user: Awaited<ReturnType<typeof openNotebook>>['user']) {
  await openCase(user, 'Ada Example');
  await goTo(user, 'sessions');
  await user.click(await screen.findByTestId('new-session'));
  const form = await screen.findByTestId('session-form');
  await waitFor(() => expect(screen.getByTestId('note-subjective')).toBeInTheDocument());
  return form;
}

/** Every field of the form that holds something, and every ticked box, by name. */
function filled(form: HTMLElement) {
  const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].filter((i) => i.checked);
  const texts = [...form.querySelectorAll<HTMLTextAreaElement>('textarea')].filter((t) => t.value.trim() !== '');
  return { ticked: boxes.map((b) => `${b.name}:${b.value}`), texts: texts.map((t) => t.name) };
}

describe('session notes', () => {
  it('opens a new note in the default format', async () => {
    const { user } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'sessions');
    await user.click(await screen.findByTestId('new-session'));
    expect(await screen.findByTestId('session-form')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('note-subjective')).toBeInTheDocument());
  });
});

describe('a new note starts from what the record knows', () => {
  it('offers the plan’s active goals and interventions by name, ticking none', async () => {
    const { user, engine } = await openNotebook(async (engine) => void (await underPlan(engine)));
    const form = await newNote(user);
    const goals = screen.getByTestId('goal-addressed');
    await waitFor(() => expect(goals).toHaveTextContent('Less fear before touch'));
    expect(goals).toHaveTextContent('Comfortable insertion of a dilator');
    expect(goals).toHaveTextContent('Self-rated fear 0-10 → 3 or below');
    expect(goals).not.toHaveTextContent('Name the cycle');
    expect(screen.getByTestId('goals-source')).toHaveTextContent('The active goals of the plan (version 1)');
    expect(within(goals).getAllByRole('checkbox')).toHaveLength(2);
    for (const box of within(goals).getAllByRole('checkbox')) expect(box).not.toBeChecked();
    const offered = screen.getAllByTestId('intervention-used');
    expect(offered.map((b) => b.closest('label')?.textContent)).toEqual([
      expect.stringContaining('Psychoeducation on the pain cycle'),
      expect.stringContaining('Graded dilation'),
    ]);
    for (const box of offered) expect(box).not.toBeChecked();
    expect(engine.count('sessionPrefill')).toBe(1);

    // Ticking a planned intervention offers the plan's homework for it, and only adds it on a click.
    await user.click(offered[1]!);
    expect(screen.getByTestId('homework-set')).toHaveValue('');
    await user.click(screen.getByTestId('plan-homework'));
    expect(screen.getByTestId('homework-set')).toHaveValue('Dilator size 1, five minutes daily.');
    expect(form).toBeInTheDocument();
  });

  it('starts homework reviewed from the previous note’s homework set, marked with its date, editable and clearable', async () => {
    const { user } = await openNotebook(async (engine) => void (await underPlan(engine)));
    await newNote(user);
    const reviewed = screen.getByTestId('homework-reviewed');
    await waitFor(() => expect(reviewed).toHaveValue(HOMEWORK));
    expect(screen.getByTestId('homework-reviewed-source')).toHaveTextContent('From the note of 7 Mar 2025 (the homework set there).');
    await user.type(reviewed, ' Done twice.');
    expect(screen.getByTestId('homework-reviewed-source')).toHaveTextContent('Started from the note of 7 Mar 2025, edited.');
    await user.click(screen.getByTestId('homework-reviewed-clear'));
    expect(reviewed).toHaveValue('');
    expect(screen.queryByTestId('homework-reviewed-source')).not.toBeInTheDocument();
  });

  it('fills nothing without saying where it came from', async () => {
    const { user } = await openNotebook(async (engine) => void (await underPlan(engine)));
    const form = await newNote(user);
    await waitFor(() => expect(screen.getByTestId('homework-reviewed')).toHaveValue(HOMEWORK));
    // The only texts filled are the homework reviewed, and the only box ticked is the client present.
    expect(filled(form)).toEqual({ ticked: ['present:1'], texts: ['homeworkReviewed'] });
    expect(screen.getByTestId('homework-reviewed-source')).toBeVisible();
    expect(screen.getByTestId('present')).toHaveTextContent('From the case: the client, for an individual session.');
    // The date and times come from the appointment the previous note booked, the modality from that note.
    expect((screen.getByTestId('session-date') as HTMLInputElement).value).toMatch(/^(2025-03-10|10 Mar 2025)$/);
    expect(screen.getByTestId('session-start')).toHaveValue('10:00');
    expect(screen.getByTestId('session-end')).toHaveValue('10:50');
    expect(screen.getByTestId('time-source')).toHaveTextContent('Date and start from the appointment booked in the note of 7 Mar 2025, the end as long as that session.');
    expect(screen.getByTestId('modality-telehealth')).toBeChecked();
    expect(screen.getByTestId('modality-source')).toHaveTextContent('Modality as in the note of 7 Mar 2025.');
    // Changed by hand, the modality no longer claims a source.
    await user.click(screen.getByTestId('modality-in_person'));
    expect(screen.queryByTestId('modality-source')).not.toBeInTheDocument();
  });

  it('after saving, shows the saved record with its confirmation in view and focused', async () => {
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    const { user, engine } = await openNotebook(async (engine) => void (await underPlan(engine)));
    await newNote(user);
    await waitFor(() => expect(screen.getByTestId('homework-reviewed')).toHaveValue(HOMEWORK));
    await user.type(screen.getByTestId('note-subjective'), 'Less fear this week.');
    const goals = within(screen.getByTestId('goal-addressed')).getAllByRole('checkbox');
    await user.click(goals[0]!);
    await user.click(screen.getByTestId('session-save'));
    const confirmation = await screen.findByTestId('session-saved');
    expect(confirmation).toHaveTextContent('Saved. The note of 10 Mar 2025 is in the record');
    expect(screen.getByTestId('session-detail')).toBeInTheDocument();
    expect(scrolled.mock.contexts).toContain(confirmation);
    await waitFor(() => expect(document.activeElement).toBe(confirmation));
    const saved = await engine.getSession({ id: 3 });
    expect(saved.homeworkReviewed).toBe(HOMEWORK);
    expect(saved.goalsAddressed).toHaveLength(1);
    expect(saved.modality).toBe('telehealth');
    expect([saved.heldOn, saved.startsAt, saved.endsAt]).toEqual(['2025-03-10', '10:00:00', '10:50:00']);
    scrolled.mockRestore();
  });

  it('without a plan or earlier homework, offers nothing and fills nothing', async () => {
    const { user } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
    });
    const form = await newNote(user);
    await waitFor(() => expect(screen.getByTestId('goal-addressed')).toHaveTextContent('No treatment plan yet'));
    expect(filled(form)).toEqual({ ticked: ['present:1'], texts: [] });
    expect(screen.queryByTestId('homework-reviewed-source')).not.toBeInTheDocument();
    expect(screen.queryByTestId('time-source')).not.toBeInTheDocument();
  });
});

describe('who was present, from the case', () => {
  const base = {
    id: 1,
    client: { id: 1, fullName: 'Ada Example' },
    partner: { person: { id: 2, fullName: 'Sam Example' }, role: 'co_client', ownConsentActive: true },
    partnerConsent: 'active',
  };
  const kase = (over: object = {}) => ({ ...base, ...over }) as unknown as CaseView;

  it('is the client alone by default, and the couple when the partner may attend', () => {
    expect(attendees('individual', kase())).toEqual([1]);
    expect(attendees('couples', kase())).toEqual([1, 2]);
    expect(attendeesSource('couples', kase())).toBe('From the case: the client and Sam Example, for a couples session.');
    const withdrawn = kase({ partnerConsent: 'withdrawn' });
    expect(attendees('couples', withdrawn)).toEqual([1]);
    expect(attendeesSource('couples', withdrawn)).toContain('The partner is not ticked');
    const noOwn = kase({ partner: { ...base.partner, ownConsentActive: false } });
    expect(attendees('couples', noOwn)).toEqual([1]);
  });

  it('takes a booked appointment only once its day has come and after the note that booked it', () => {
    const previous = {
      id: 5,
      kind: 'individual',
      heldOn: '2025-03-07',
      startsAt: '10:00:00',
      endsAt: '11:00:00',
      modality: 'in_person',
      homeworkSet: null,
      nextAppointment: '2025-03-14T16:30:00',
    } as const;
    const prefill: SessionPrefill = { planVersion: null, goals: [], interventions: [], previous };
    const early = prefilledSession('individual', 'soap', kase(), prefill, '2025-03-10');
    expect(early.sources.time).toBeNull();
    expect(early.note.startsAt).toBe('');
    expect(early.sources.homework).toBeNull();
    const due = prefilledSession('individual', 'soap', kase(), prefill, '2025-03-14');
    expect([due.note.heldOn, due.note.startsAt, due.note.endsAt]).toEqual(['2025-03-14', '16:30', '17:30']);
    expect(due.sources.time).toBe(previous);
    // The intake starts from nothing.
    expect(prefilledSession('intake', 'soap', kase(), prefill, '2025-03-14').sources).toEqual({
      kind: null,
      homework: null,
      modality: null,
      time: null,
    });
    // After a couples session, a couples session again while the partner may attend.
    const couples = { ...prefill, previous: { ...previous, kind: 'couples' as const } };
    const again = prefilledSession('individual', 'soap', kase(), couples, '2025-03-10');
    expect([again.note.kind, again.note.present, again.sources.kind]).toEqual(['couples', [1, 2], couples.previous]);
    const alone = prefilledSession('individual', 'soap', kase({ partnerConsent: 'withdrawn' }), couples, '2025-03-10');
    expect([alone.note.kind, alone.note.present, alone.sources.kind]).toEqual(['individual', [1], null]);
  });
});

describe('process notes', () => {
  it('are kept apart, marked private, and never shown with the session notes', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'process');
    expect(screen.getByTestId('process-notes')).toHaveTextContent('Private');
    await user.click(screen.getByTestId('new-process-note'));
    await user.type(screen.getByTestId('process-note-body'), 'I felt protective of her today.');
    await user.click(screen.getByTestId('process-note-save'));
    expect(await screen.findByTestId('process-note')).toHaveTextContent('I felt protective of her today.');
    expect(await engine.listProcessNotes({ caseId: 1 })).toHaveLength(1);

    await goTo(user, 'sessions');
    await user.click(await screen.findByTestId('session-row'));
    expect(await screen.findByTestId('session-detail')).not.toHaveTextContent('protective');
  });
});
