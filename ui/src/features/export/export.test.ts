import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../ipc';
import { newCase, openCase, openNotebook } from '../../test/cases';

function session(kase: CaseView, kind: 'intake' | 'individual', heldOn: string, subjective: string) {
  return {
    caseId: kase.id,
    input: {
      kind,
      body: { format: 'soap' as const, subjective },
      heldOn,
      startsAt: '10:00',
      endsAt: '10:50',
      modality: 'in_person' as const,
      present: [kase.client.id],
      goalsAddressed: [],
      interventionsUsed: [],
      riskScreen: 'none_identified' as const,
    },
  };
}

let kase: CaseView;

async function openExport() {
  const app = await openNotebook(async (engine) => {
    kase = await engine.createCase({ input: newCase('Ada Example') });
    // The intake, as the workflow requires before the rest, naming the client in its text.
    await engine.recordSession(session(kase, 'intake', '2025-03-03', 'First session.'));
    await engine.recordIntake({
      caseId: kase.id,
      input: { sections: { presentingProblem: "Ada's pain during intercourse; Example family says little." }, complete: true, sign: false },
    });
  });
  await openCase(app.user, 'Ada Example');
  await app.user.click(screen.getByTestId('export-button'));
  await screen.findByTestId('export-dialog');
  return app;
}

describe('the supervision summary export', () => {
  it('needs the supervision question before a preview', async () => {
    const { user, engine } = await openExport();
    await user.click(screen.getByTestId('export-preview-button'));
    expect(await screen.findByTestId('error-question')).toHaveTextContent('Write the question you bring to supervision.');
    expect(screen.getByTestId('export-question')).toHaveAttribute('aria-invalid', 'true');
    expect(engine.count('previewSupervisionSummary')).toBe(0);
    expect(screen.queryByTestId('export-preview')).not.toBeInTheDocument();
  });

  it('previews de-identified by default, with every redaction highlighted and its reason, and undoes one', async () => {
    const { user, engine } = await openExport();
    expect(screen.getByTestId('export-identification-de_identified')).toBeChecked();
    expect(screen.getByTestId('export-process-notes')).not.toBeChecked();
    expect(screen.getByTestId('export-paper-a4')).toBeChecked();
    await user.type(screen.getByTestId('export-question'), 'How to pace the work with Ada?');
    await user.click(screen.getByTestId('export-preview-button'));

    const preview = await screen.findByTestId('export-preview');
    expect(preview).not.toHaveTextContent('Ada');
    expect(preview).not.toHaveTextContent('Example');
    const marks = within(preview).getAllByTestId('redaction');
    expect(marks.length).toBeGreaterThanOrEqual(3);
    expect(marks[0]!.tagName).toBe('MARK');
    expect(marks[0]).toHaveAttribute('title', expect.stringContaining("Client's name"));
    expect(marks[0]).toHaveAccessibleName(expect.stringContaining('redacted'));
    const sent = engine.calls.find((c) => c.command === 'previewSupervisionSummary')?.args as {
      options: { identification: string; includeProcessNotes: boolean };
    };
    expect(sent.options).toMatchObject({ identification: 'de_identified', includeProcessNotes: false });

    await user.click(screen.getAllByTestId('redaction-undo')[0]!);
    await waitFor(() => expect(within(screen.getByTestId('export-preview')).getAllByTestId('redaction')).toHaveLength(marks.length - 1));
    expect(screen.getByTestId('export-preview')).toHaveTextContent('Ada');
  });

  it('an identified export needs an explicit choice, with a warning', async () => {
    const { user, engine } = await openExport();
    await user.type(screen.getByTestId('export-question'), 'Pacing?');
    await user.click(screen.getByTestId('export-identification-identified'));
    expect(screen.getByTestId('identified-warning')).toHaveTextContent('names the client');
    await user.click(screen.getByTestId('export-preview-button'));
    expect(await screen.findByText('Confirm that you mean to export an identified summary.')).toBeInTheDocument();
    expect(engine.count('previewSupervisionSummary')).toBe(0);
    await user.click(screen.getByTestId('identified-accept'));
    await user.click(screen.getByTestId('export-preview-button'));
    expect(await screen.findByTestId('export-preview')).toHaveTextContent('Ada');
  });

  it('writes nothing until the therapist confirms, then saves to the chosen path', async () => {
    const { user, engine } = await openExport();
    await user.type(screen.getByTestId('export-question'), 'How to pace the work?');
    await user.click(screen.getByTestId('export-format-markdown'));
    await user.click(screen.getByTestId('export-preview-button'));
    await screen.findByTestId('export-preview');

    await user.click(screen.getByTestId('export-write'));
    expect(engine.count('exportSupervisionSummary')).toBe(0);
    expect(await engine.written()).toEqual([]);
    const confirm = screen.getByTestId('export-confirm');
    expect(screen.getByTestId('export-confirm-step')).toHaveTextContent('de-identified summary as a Markdown file');

    await engine.dialogs({ save: true });
    await user.click(confirm);
    const done = await screen.findByTestId('export-done');
    expect(done).toHaveTextContent(/Saved \(\d+ bytes, \d+ redactions\)/);
    // The shell's save dialog chose the path; the page sent none.
    expect(engine.count('exportSupervisionSummary')).toBe(1);
    const written = await engine.written();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/\.md$/);
    const request = engine.calls.find((c) => c.command === 'exportSupervisionSummary')?.args as {
      request: { format: string; paper: string; fingerprint: string };
    };
    expect(request.request).toMatchObject({ format: 'markdown', paper: 'a4' });
    expect(Object.keys(request)).toEqual(['request']);
  });

  it('writes nothing when the save dialog is cancelled, and re-previews when the case changed', async () => {
    const { user, engine } = await openExport();
    await user.type(screen.getByTestId('export-question'), 'How to pace the work?');
    await user.click(screen.getByTestId('export-preview-button'));
    await screen.findByTestId('export-preview');

    await engine.dialogs({ save: false });
    await user.click(screen.getByTestId('export-write'));
    await user.click(screen.getByTestId('export-confirm'));
    expect(await screen.findByTestId('export-notice')).toHaveTextContent('no file was chosen');
    expect(engine.count('exportSupervisionSummary')).toBe(1);
    expect(await engine.written()).toHaveLength(0);
    expect(screen.queryByTestId('export-done')).not.toBeInTheDocument();

    // The case changes after the preview: a session is recorded (elsewhere, as another window would).
    await engine.dialogs({ save: true });
    await engine.recordSession(session(kase, 'individual', '2025-03-07', 'Second session.'));
    await user.click(screen.getByTestId('export-write'));
    await user.click(screen.getByTestId('export-confirm'));
    expect(await screen.findByTestId('export-notice')).toHaveTextContent('The case changed since this preview');
    await waitFor(() => expect(engine.count('previewSupervisionSummary')).toBe(2));
    expect(screen.queryByTestId('export-done')).not.toBeInTheDocument();
    expect(await engine.written()).toHaveLength(0);
  });
});
