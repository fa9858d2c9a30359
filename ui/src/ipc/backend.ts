// The window's whole view of the shell: one typed method per Tauri command, plus the one event the
// shell sends. Components receive a `Backend` (from context) and never see how it is carried, so
// the same screens run against the real shell (`tauri.ts`) and the in-memory fake (`fake.ts`).
//
// Every method may reject with an `ErrorReply` (see `errors.ts`), and with nothing else. Argument
// names follow the shell's convention: `id` for the record's own id, `caseId` for its case, and
// `input` for what a form sends.

import type * as T from './bindings';

export type * from './bindings';

/** Payload of the `notebook-locked` event, sent when the shell locks the notebook by itself. */
export interface NotebookLocked {
  reason: 'idle' | (string & {});
}

/** The notebook itself: create, unlock, lock, passphrase, preferences. */
export interface NotebookCommands {
  /** `notebook_status`: whether a notebook exists, whether it is open, its folder, whether it is the demo. */
  notebookStatus(): Promise<T.NotebookStatus>;
  /** `create_notebook`: creates the notebook, leaves it unlocked, returns the recovery code once. */
  createNotebook(args: { passphrase: string }): Promise<T.RecoveryCodeView>;
  /** `unlock` */
  unlock(args: { passphrase: string }): Promise<T.NotebookStatus>;
  /** `unlock_with_recovery`: the code proves who you are, and the passphrase is replaced. */
  unlockWithRecovery(args: { recoveryCode: string; newPassphrase: string }): Promise<T.NotebookStatus>;
  /** `replace_recovery_code`: the passphrase proves who you are; the old code stops working. */
  replaceRecoveryCode(args: { passphrase: string }): Promise<T.RecoveryCodeView>;
  /** `lock`: the shell drops the key. */
  lock(): Promise<T.NotebookStatus>;
  /** `change_passphrase` */
  changePassphrase(args: { oldPassphrase: string; newPassphrase: string }): Promise<null>;
  /** `get_settings` */
  getSettings(): Promise<T.Settings>;
  /** `update_settings`: answers the settings as stored (the name trimmed). */
  updateSettings(args: { settings: T.Settings }): Promise<T.Settings>;
  /** `touch`: reports activity; answers `locked` when the notebook is locked. */
  touch(): Promise<null>;
  /** `open_demo_notebook`: a fresh, unlocked notebook of fictional cases in a temporary folder. */
  openDemoNotebook(): Promise<T.DemoNotebookView>;
  /** Subscribes to `notebook-locked`; resolves to the function that unsubscribes. */
  onNotebookLocked(handler: (event: NotebookLocked) => void): Promise<() => void>;
}

/** Cases: first contact, the list, closing and reopening, retention. */
export interface CaseCommands {
  listDifficulties(): Promise<T.Difficulty[]>;
  createCase(args: { input: T.NewCase }): Promise<T.CaseView>;
  updateCase(args: { id: T.CaseId; input: T.CaseDetails }): Promise<T.CaseView>;
  getCase(args: { id: T.CaseId }): Promise<T.CaseView>;
  listCases(args: { filter: T.CaseFilter }): Promise<T.CaseListItem[]>;
  search(args: { request: T.SearchRequest }): Promise<T.SearchResults>;
  closeCase(args: { id: T.CaseId; input: T.CloseCase }): Promise<T.CaseView>;
  reopenCase(args: { id: T.CaseId; input: T.ReopenCase }): Promise<T.CaseView>;
  getRetentionProfile(): Promise<T.RetentionProfile>;
  setRetentionProfile(args: { profile: T.RetentionProfile }): Promise<T.RetentionProfile>;
}

/** The people of a case and their consents. */
export interface PeopleCommands {
  addPartner(args: { caseId: T.CaseId; input: T.PersonInput }): Promise<T.PersonView>;
  updatePerson(args: { id: T.PersonId; input: T.PersonInput }): Promise<T.PersonView>;
  getPerson(args: { id: T.PersonId }): Promise<T.PersonView>;
  recordConsent(args: { caseId: T.CaseId; input: T.ConsentInput }): Promise<T.ConsentView>;
  withdrawConsent(args: { id: T.ConsentId; input: T.WithdrawConsent }): Promise<T.ConsentView>;
  listConsents(args: { caseId: T.CaseId }): Promise<T.ConsentView[]>;
}

/** Medical liaison and diagnoses. */
export interface MedicalCommands {
  addPractitioner(args: { input: T.PractitionerInput }): Promise<T.PractitionerView>;
  updatePractitioner(args: { id: T.PractitionerId; input: T.PractitionerInput }): Promise<T.PractitionerView>;
  listPractitioners(): Promise<T.PractitionerView[]>;
  setRuleOutStatus(args: { caseId: T.CaseId; input: T.RuleOutInput }): Promise<T.MedicalView>;
  addReferral(args: { caseId: T.CaseId; input: T.ReferralInput }): Promise<T.ReferralView>;
  getMedical(args: { caseId: T.CaseId }): Promise<T.MedicalView>;
  recordDiagnosis(args: { caseId: T.CaseId; input: T.DiagnosisInput }): Promise<T.DiagnosisView>;
  updateDiagnosis(args: { id: T.DiagnosisId; input: T.DiagnosisInput }): Promise<T.DiagnosisView>;
  listDiagnoses(args: { caseId: T.CaseId }): Promise<T.DiagnosisView[]>;
  listDiagnosisCatalogue(): Promise<T.CatalogueEntry[]>;
  saveCatalogueEntry(args: {
    id: T.CatalogueEntryId | null;
    input: T.CatalogueEntryInput;
  }): Promise<T.CatalogueEntry>;
}

/** Intake, formulation and plan: the assessment and what follows from it. */
export interface ClinicalCommands {
  recordIntake(args: { caseId: T.CaseId; input: T.IntakeInput }): Promise<T.IntakeView>;
  getIntake(args: { caseId: T.CaseId }): Promise<T.IntakeView | null>;
  intakeSections(): Promise<T.IntakeSectionInfo[]>;
  saveFormulation(args: { caseId: T.CaseId; input: T.FormulationInput }): Promise<T.FormulationView>;
  getFormulation(args: { caseId: T.CaseId }): Promise<T.FormulationView | null>;
  /** Newest first. */
  listFormulationVersions(args: { caseId: T.CaseId }): Promise<T.FormulationView[]>;
  listFactorVocabulary(): Promise<T.FactorTerm[]>;
  saveFactorTerm(args: { id: T.FactorTermId | null; input: T.FactorTermInput }): Promise<T.FactorTerm>;
  nodalPointPrompts(): Promise<string[]>;
  savePlan(args: { caseId: T.CaseId; input: T.PlanInput }): Promise<T.PlanView>;
  getPlan(args: { caseId: T.CaseId }): Promise<T.PlanView | null>;
  /** Newest first. */
  listPlanVersions(args: { caseId: T.CaseId }): Promise<T.PlanView[]>;
  listInterventionCatalogue(): Promise<T.InterventionEntry[]>;
  saveInterventionEntry(args: {
    id: T.InterventionEntryId | null;
    input: T.InterventionEntryInput;
  }): Promise<T.InterventionEntry>;
}

/** Session notes, private process notes, and the drafts every free-text editor keeps. */
export interface NoteCommands {
  recordSession(args: { caseId: T.CaseId; input: T.SessionInput }): Promise<T.SessionView>;
  updateSession(args: { id: T.SessionId; input: T.SessionInput }): Promise<T.SessionView>;
  getSession(args: { id: T.SessionId }): Promise<T.SessionView>;
  /** Oldest first. */
  listSessions(args: { caseId: T.CaseId }): Promise<T.SessionSummary[]>;
  recordProcessNote(args: { caseId: T.CaseId; input: T.ProcessNoteInput }): Promise<T.ProcessNoteView>;
  updateProcessNote(args: { id: T.ProcessNoteId; input: T.ProcessNoteInput }): Promise<T.ProcessNoteView>;
  listProcessNotes(args: { caseId: T.CaseId }): Promise<T.ProcessNoteView[]>;
  getDefaultNoteFormat(): Promise<T.NoteFormat>;
  setDefaultNoteFormat(args: { format: T.NoteFormat }): Promise<T.NoteFormat>;
  saveDraft(args: { editorKey: string; body: string }): Promise<T.DraftInfo>;
  loadDraft(args: { editorKey: string }): Promise<T.DraftView | null>;
  discardDraft(args: { editorKey: string }): Promise<boolean>;
  /** Newest first, without their text. */
  listDrafts(): Promise<T.DraftInfo[]>;
}

/** Signing, addenda, the audit trail and the notebook's self-check. */
export interface RecordCommands {
  /** `sign_record`: the therapist's name from Settings and the time; the item is then final. */
  signRecord(args: { record: T.RecordRef; input: T.SignInput }): Promise<T.SigningView>;
  /** `get_signing` */
  getSigning(args: { record: T.RecordRef }): Promise<T.SigningView>;
  /** `add_addendum`: a correction of a signed item, shown with the original. */
  addAddendum(args: { record: T.RecordRef; input: T.AddendumInput }): Promise<T.AddendumView>;
  /** `list_addenda`: oldest first. */
  listAddenda(args: { record: T.RecordRef }): Promise<T.AddendumView[]>;
  /** `verify_notebook`: integrity, cipher integrity and the audit chain. */
  verifyNotebook(): Promise<T.VerificationReport>;
  /** `case_history`: the case's audit entries, oldest first, never content. */
  caseHistory(args: { caseId: T.CaseId }): Promise<T.AuditEntryView[]>;
  /** `audit_log`: the whole log, newest first, 100 a page, pages from 0. */
  auditLog(args: { page: number }): Promise<T.AuditPage>;
}

/** What leaves the notebook: supervision summaries and referral letters. */
export interface ExportCommands {
  /** `summary_sections`: the sections a summary may hold, in the domain's order. */
  summarySections(): Promise<T.SummarySectionInfo[]>;
  /** `preview_supervision_summary`: the text as it would be exported, redactions marked. */
  previewSupervisionSummary(args: { caseId: T.CaseId; options: T.SummaryOptions }): Promise<T.SupervisionSummary>;
  /**
   * `export_supervision_summary`: the shell asks where to save in the native save dialog (the page
   * never names a path) and answers null when the therapist cancels it; `conflict` when the
   * summary changed since the preview.
   */
  exportSupervisionSummary(args: { request: T.SummaryExport }): Promise<T.ExportResult | null>;
  /** `referral_letter_draft` */
  referralLetterDraft(args: { referralId: T.ReferralId }): Promise<T.ReferralLetterDraft>;
  /**
   * `export_referral_letter`: saved where the therapist chooses in the shell's save dialog, null
   * when cancelled; refused (`release_consent`) without an active release consent.
   */
  exportReferralLetter(args: { request: T.LetterExport }): Promise<T.ExportResult | null>;
}

/**
 * Backups and restores. The page never names a path: the shell opens the folder and file dialogs
 * itself and answers null when the therapist cancels them.
 */
export interface BackupCommands {
  /** `backup_status`: the folder, the last verified backup, and whether the home screen should ask for one. */
  backupStatus(): Promise<T.BackupStatus>;
  /** `choose_backup_folder`: the native folder dialog; null when cancelled. */
  chooseBackupFolder(): Promise<T.BackupStatus | null>;
  /** `set_backup_preferences`: how many backups to keep, and after how many days to ask. */
  setBackupPreferences(args: { preferences: T.BackupPreferences }): Promise<T.BackupStatus>;
  /** `back_up_now`: makes a backup and verifies it before answering. */
  backUpNow(): Promise<T.BackupMade>;
  /** `choose_backup_file`: from the lock screen, the native open dialog; null when cancelled. */
  chooseBackupFile(): Promise<T.BackupFileView | null>;
  /** `preview_restore`: opens the chosen backup with its credential; nothing changes yet. */
  previewRestore(args: { credential: T.RestoreCredential }): Promise<T.RestorePreview>;
  /** `confirm_restore`: the current notebook is set aside, the backup restored and left unlocked. */
  confirmRestore(): Promise<T.RestoreDone>;
  /** `cancel_restore` */
  cancelRestore(): Promise<null>;
  /**
   * `export_everything`: every record (JSON) and each case (Markdown and PDF), identified and not
   * encrypted, into a new folder inside the one chosen in the shell's folder dialog; null when cancelled.
   */
  exportEverything(): Promise<T.FullExportResult | null>;
}

export interface Backend
  extends NotebookCommands,
    BackupCommands,
    CaseCommands,
    PeopleCommands,
    MedicalCommands,
    ClinicalCommands,
    NoteCommands,
    RecordCommands,
    ExportCommands {}
