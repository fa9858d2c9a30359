// The real backend speaks the contract: snake_case command names, camelCase argument names, and
// every rejection arrives as an ErrorReply.

import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
const listen = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke }));
vi.mock('@tauri-apps/api/event', () => ({ listen }));

const { tauriBackend } = await import('./tauri');

describe('tauriBackend', () => {
  beforeEach(() => {
    invoke.mockReset();
    listen.mockReset();
    invoke.mockResolvedValue(null);
  });

  it('calls each command by its name with camelCase arguments', async () => {
    const settings = { therapistName: 'Dr A. Naidoo', autoLockMinutes: 10, practiceName: '', registrationNumber: '', practiceContact: '' };
    await tauriBackend.notebookStatus();
    await tauriBackend.createNotebook({ passphrase: 'p1' });
    await tauriBackend.unlock({ passphrase: 'p2' });
    await tauriBackend.unlockWithRecovery({ recoveryCode: 'c', newPassphrase: 'p3' });
    await tauriBackend.replaceRecoveryCode({ passphrase: 'p4' });
    await tauriBackend.lock();
    await tauriBackend.changePassphrase({ oldPassphrase: 'o', newPassphrase: 'n' });
    await tauriBackend.getSettings();
    await tauriBackend.updateSettings({ settings });
    await tauriBackend.touch();
    expect(invoke.mock.calls).toEqual([
      ['notebook_status', undefined],
      ['create_notebook', { passphrase: 'p1' }],
      ['unlock', { passphrase: 'p2' }],
      ['unlock_with_recovery', { recoveryCode: 'c', newPassphrase: 'p3' }],
      ['replace_recovery_code', { passphrase: 'p4' }],
      ['lock', undefined],
      ['change_passphrase', { oldPassphrase: 'o', newPassphrase: 'n' }],
      ['get_settings', undefined],
      ['update_settings', { settings }],
      ['touch', undefined],
    ]);
  });

  it('calls each case-workflow command by its name, passing the arguments as they are', async () => {
    const args = { caseId: 7, input: { any: 'thing' } };
    const withArgs: [keyof typeof tauriBackend, string][] = [
      ['createCase', 'create_case'],
      ['updateCase', 'update_case'],
      ['getCase', 'get_case'],
      ['listCases', 'list_cases'],
      ['search', 'search'],
      ['closeCase', 'close_case'],
      ['reopenCase', 'reopen_case'],
      ['setRetentionProfile', 'set_retention_profile'],
      ['addPartner', 'add_partner'],
      ['updatePerson', 'update_person'],
      ['getPerson', 'get_person'],
      ['recordConsent', 'record_consent'],
      ['withdrawConsent', 'withdraw_consent'],
      ['listConsents', 'list_consents'],
      ['addPractitioner', 'add_practitioner'],
      ['updatePractitioner', 'update_practitioner'],
      ['setRuleOutStatus', 'set_rule_out_status'],
      ['addReferral', 'add_referral'],
      ['getMedical', 'get_medical'],
      ['recordDiagnosis', 'record_diagnosis'],
      ['updateDiagnosis', 'update_diagnosis'],
      ['listDiagnoses', 'list_diagnoses'],
      ['saveCatalogueEntry', 'save_catalogue_entry'],
      ['recordIntake', 'record_intake'],
      ['getIntake', 'get_intake'],
      ['saveFormulation', 'save_formulation'],
      ['getFormulation', 'get_formulation'],
      ['listFormulationVersions', 'list_formulation_versions'],
      ['saveFactorTerm', 'save_factor_term'],
      ['savePlan', 'save_plan'],
      ['getPlan', 'get_plan'],
      ['listPlanVersions', 'list_plan_versions'],
      ['saveInterventionEntry', 'save_intervention_entry'],
      ['recordSession', 'record_session'],
      ['updateSession', 'update_session'],
      ['getSession', 'get_session'],
      ['listSessions', 'list_sessions'],
      ['recordProcessNote', 'record_process_note'],
      ['updateProcessNote', 'update_process_note'],
      ['listProcessNotes', 'list_process_notes'],
      ['setDefaultNoteFormat', 'set_default_note_format'],
      ['saveDraft', 'save_draft'],
      ['loadDraft', 'load_draft'],
      ['discardDraft', 'discard_draft'],
      ['signRecord', 'sign_record'],
      ['getSigning', 'get_signing'],
      ['addAddendum', 'add_addendum'],
      ['listAddenda', 'list_addenda'],
      ['caseHistory', 'case_history'],
      ['auditLog', 'audit_log'],
      ['previewSupervisionSummary', 'preview_supervision_summary'],
      ['exportSupervisionSummary', 'export_supervision_summary'],
      ['referralLetterDraft', 'referral_letter_draft'],
      ['exportReferralLetter', 'export_referral_letter'],
      ['setBackupPreferences', 'set_backup_preferences'],
      ['previewRestore', 'preview_restore'],
    ];
    const without: [keyof typeof tauriBackend, string][] = [
      ['openDemoNotebook', 'open_demo_notebook'],
      ['listDifficulties', 'list_difficulties'],
      ['getRetentionProfile', 'get_retention_profile'],
      ['listPractitioners', 'list_practitioners'],
      ['listDiagnosisCatalogue', 'list_diagnosis_catalogue'],
      ['intakeSections', 'intake_sections'],
      ['listFactorVocabulary', 'list_factor_vocabulary'],
      ['nodalPointPrompts', 'nodal_point_prompts'],
      ['listInterventionCatalogue', 'list_intervention_catalogue'],
      ['getDefaultNoteFormat', 'get_default_note_format'],
      ['listDrafts', 'list_drafts'],
      ['verifyNotebook', 'verify_notebook'],
      ['summarySections', 'summary_sections'],
      ['backupStatus', 'backup_status'],
      ['chooseBackupFolder', 'choose_backup_folder'],
      ['backUpNow', 'back_up_now'],
      ['chooseBackupFile', 'choose_backup_file'],
      ['confirmRestore', 'confirm_restore'],
      ['cancelRestore', 'cancel_restore'],
      ['exportEverything', 'export_everything'],
    ];
    for (const [method] of withArgs) await (tauriBackend[method] as (a: unknown) => Promise<unknown>)(args);
    for (const [method] of without) await (tauriBackend[method] as () => Promise<unknown>)();
    expect(invoke.mock.calls).toEqual([
      ...withArgs.map(([, command]) => [command, args]),
      ...without.map(([, command]) => [command, undefined]),
    ]);
  });

  it('passes ErrorReply rejections through and wraps anything else', async () => {
    const reply = { kind: 'wrong_passphrase', message: 'That passphrase does not open this notebook.' };
    invoke.mockRejectedValueOnce(reply);
    await expect(tauriBackend.unlock({ passphrase: 'x' })).rejects.toBe(reply);
    invoke.mockRejectedValueOnce('command touch not allowed');
    await expect(tauriBackend.touch()).rejects.toMatchObject({ kind: 'storage' });
  });

  it('listens to notebook-locked and hands over the payload', async () => {
    const unlisten = vi.fn();
    listen.mockResolvedValue(unlisten);
    const handler = vi.fn();
    const stop = await tauriBackend.onNotebookLocked(handler);
    expect(listen).toHaveBeenCalledWith('notebook-locked', expect.any(Function));
    const forward = listen.mock.calls[0]![1] as (event: { payload: unknown }) => void;
    forward({ payload: { reason: 'idle' } });
    expect(handler).toHaveBeenCalledWith({ reason: 'idle' });
    expect(stop).toBe(unlisten);
  });

  it('sends no path with an export: the shell asks where to save', async () => {
    const request = { caseId: 1, options: {}, format: 'pdf', paper: 'a4', fingerprint: 'f' };
    await tauriBackend.exportSupervisionSummary({ request } as never);
    expect(invoke).toHaveBeenCalledWith('export_supervision_summary', { request });
    invoke.mockResolvedValueOnce(null);
    expect(await tauriBackend.exportReferralLetter({ request } as never)).toBeNull();
    expect(JSON.stringify(invoke.mock.calls)).not.toContain('path');
  });
});
