// Generated from the command table (crates/casebook-core/src/api/table.rs) by `make bindings`.
// Do not edit: add a command to the table and run `make bindings`.

import type { AddendumInput, AddendumView, AdministrationId, AdministrationInput, AdministrationView, AuditEntryView, AuditPage, BackupFileView, BackupMade, BackupPreferences, BackupStatus, CaseDetails, CaseFilter, CaseId, CaseListPage, CaseMeasures, CaseView, CatalogueEntry, CatalogueEntryId, CatalogueEntryInput, CloseCase, ConsentId, ConsentInput, ConsentView, CustomMeasureInput, DemoNotebookView, DiagnosisId, DiagnosisInput, DiagnosisView, Difficulty, DraftInfo, DraftView, DueItem, DueList, ExportResult, FactorTerm, FactorTermId, FactorTermInput, FormulationInput, FormulationView, FullExportResult, IntakeInput, IntakeSectionInfo, IntakeView, InterventionEntry, InterventionEntryId, InterventionEntryInput, LetterExport, MeasureView, MedicalView, NewCase, NoteFormat, NotebookStatus, PersonId, PersonInput, PersonView, PlanInput, PlanView, PractitionerId, PractitionerInput, PractitionerView, ProcessNoteId, ProcessNoteInput, ProcessNoteView, RecordRef, RecoveryCodeView, ReferralId, ReferralInput, ReferralLetterDraft, ReferralView, ReopenCase, RestoreCredential, RestoreDone, RestorePreview, RetentionProfile, RuleOutInput, SearchRequest, SearchResults, SessionId, SessionInput, SessionPrefill, SessionSummary, SessionView, Settings, SignInput, SigningView, SummaryExport, SummaryOptions, SummarySectionInfo, SupervisionSummary, VerificationReport, WithdrawConsent } from './bindings';

/** Every command of the engine, one method each. Every method may reject with an `ErrorReply`. */
export interface Commands {
  /** `notebook_status` */
  notebookStatus(): Promise<NotebookStatus>;
  /** `create_notebook`: Creates the notebook, leaves it unlocked, and answers the recovery code (shown once). */
  createNotebook(args: { passphrase: string }): Promise<RecoveryCodeView>;
  /** `unlock` */
  unlock(args: { passphrase: string }): Promise<NotebookStatus>;
  /** `unlock_with_recovery`: The recovery code proves who she is, and the passphrase is replaced. */
  unlockWithRecovery(args: { recoveryCode: string; newPassphrase: string }): Promise<NotebookStatus>;
  /**
   * `lock`: The engine drops the key, and the page that asked is ended with its process (the new one
   * starts at the lock screen).
   */
  lock(): Promise<NotebookStatus>;
  /** `change_passphrase`: A wrong current passphrase is an `invalid` error on `oldPassphrase`. */
  changePassphrase(args: { oldPassphrase: string; newPassphrase: string }): Promise<null>;
  /** `replace_recovery_code`: The passphrase proves who she is; the old code stops working. */
  replaceRecoveryCode(args: { passphrase: string }): Promise<RecoveryCodeView>;
  /** `get_settings` */
  getSettings(): Promise<Settings>;
  /** `update_settings` */
  updateSettings(args: { settings: Settings }): Promise<Settings>;
  /** `touch` */
  touch(): Promise<null>;
  /**
   * `open_demo_notebook`: Creates a fresh demo notebook of fictional cases in a temporary folder and opens it (its
   * passphrase is shown).
   */
  openDemoNotebook(): Promise<DemoNotebookView>;
  /** `list_difficulties` */
  listDifficulties(): Promise<Array<Difficulty>>;
  /** `create_case` */
  createCase(args: { input: NewCase }): Promise<CaseView>;
  /** `update_case` */
  updateCase(args: { id: CaseId; input: CaseDetails }): Promise<CaseView>;
  /** `get_case` */
  getCase(args: { id: CaseId }): Promise<CaseView>;
  /** `list_cases`: The first `limit` cases that match (all without one), and how many match. */
  listCases(args: { filter: CaseFilter; limit: number | null }): Promise<CaseListPage>;
  /** `due`: What needs the therapist: notes to sign, reviews, drafts, consents, rule-outs, backup. */
  due(): Promise<DueList>;
  /** `unsigned_notes`: A case's unsigned session notes, as closing it offers to sign them. */
  unsignedNotes(args: { caseId: CaseId }): Promise<Array<DueItem>>;
  /** `search` */
  search(args: { request: SearchRequest }): Promise<SearchResults>;
  /** `close_case` */
  closeCase(args: { id: CaseId; input: CloseCase }): Promise<CaseView>;
  /** `reopen_case` */
  reopenCase(args: { id: CaseId; input: ReopenCase }): Promise<CaseView>;
  /** `get_retention_profile` */
  getRetentionProfile(): Promise<RetentionProfile>;
  /** `set_retention_profile` */
  setRetentionProfile(args: { profile: RetentionProfile }): Promise<RetentionProfile>;
  /** `add_partner` */
  addPartner(args: { caseId: CaseId; input: PersonInput }): Promise<PersonView>;
  /** `update_person` */
  updatePerson(args: { id: PersonId; input: PersonInput }): Promise<PersonView>;
  /** `get_person` */
  getPerson(args: { id: PersonId }): Promise<PersonView>;
  /** `record_consent` */
  recordConsent(args: { caseId: CaseId; input: ConsentInput }): Promise<ConsentView>;
  /** `withdraw_consent` */
  withdrawConsent(args: { id: ConsentId; input: WithdrawConsent }): Promise<ConsentView>;
  /** `list_consents` */
  listConsents(args: { caseId: CaseId }): Promise<Array<ConsentView>>;
  /** `add_practitioner` */
  addPractitioner(args: { input: PractitionerInput }): Promise<PractitionerView>;
  /** `update_practitioner` */
  updatePractitioner(args: { id: PractitionerId; input: PractitionerInput }): Promise<PractitionerView>;
  /** `list_practitioners` */
  listPractitioners(): Promise<Array<PractitionerView>>;
  /** `set_rule_out_status` */
  setRuleOutStatus(args: { caseId: CaseId; input: RuleOutInput }): Promise<MedicalView>;
  /** `add_referral` */
  addReferral(args: { caseId: CaseId; input: ReferralInput }): Promise<ReferralView>;
  /** `get_medical` */
  getMedical(args: { caseId: CaseId }): Promise<MedicalView>;
  /** `record_diagnosis` */
  recordDiagnosis(args: { caseId: CaseId; input: DiagnosisInput }): Promise<DiagnosisView>;
  /** `update_diagnosis` */
  updateDiagnosis(args: { id: DiagnosisId; input: DiagnosisInput }): Promise<DiagnosisView>;
  /** `list_diagnoses` */
  listDiagnoses(args: { caseId: CaseId }): Promise<Array<DiagnosisView>>;
  /** `list_diagnosis_catalogue` */
  listDiagnosisCatalogue(): Promise<Array<CatalogueEntry>>;
  /** `save_catalogue_entry` */
  saveCatalogueEntry(args: { id: CatalogueEntryId | null; input: CatalogueEntryInput }): Promise<CatalogueEntry>;
  /** `record_intake` */
  recordIntake(args: { caseId: CaseId; input: IntakeInput }): Promise<IntakeView>;
  /** `get_intake` */
  getIntake(args: { caseId: CaseId }): Promise<IntakeView | null>;
  /** `intake_sections` */
  intakeSections(): Promise<Array<IntakeSectionInfo>>;
  /** `save_formulation` */
  saveFormulation(args: { caseId: CaseId; input: FormulationInput }): Promise<FormulationView>;
  /** `get_formulation` */
  getFormulation(args: { caseId: CaseId }): Promise<FormulationView | null>;
  /** `list_formulation_versions` */
  listFormulationVersions(args: { caseId: CaseId }): Promise<Array<FormulationView>>;
  /** `list_factor_vocabulary` */
  listFactorVocabulary(): Promise<Array<FactorTerm>>;
  /** `save_factor_term` */
  saveFactorTerm(args: { id: FactorTermId | null; input: FactorTermInput }): Promise<FactorTerm>;
  /** `nodal_point_prompts` */
  nodalPointPrompts(): Promise<Array<string>>;
  /** `save_plan` */
  savePlan(args: { caseId: CaseId; input: PlanInput }): Promise<PlanView>;
  /** `get_plan` */
  getPlan(args: { caseId: CaseId }): Promise<PlanView | null>;
  /** `list_plan_versions` */
  listPlanVersions(args: { caseId: CaseId }): Promise<Array<PlanView>>;
  /** `list_intervention_catalogue` */
  listInterventionCatalogue(): Promise<Array<InterventionEntry>>;
  /** `save_intervention_entry` */
  saveInterventionEntry(args: { id: InterventionEntryId | null; input: InterventionEntryInput }): Promise<InterventionEntry>;
  /** `record_session` */
  recordSession(args: { caseId: CaseId; input: SessionInput }): Promise<SessionView>;
  /** `update_session` */
  updateSession(args: { id: SessionId; input: SessionInput }): Promise<SessionView>;
  /** `get_session` */
  getSession(args: { id: SessionId }): Promise<SessionView>;
  /** `list_sessions` */
  listSessions(args: { caseId: CaseId }): Promise<Array<SessionSummary>>;
  /**
   * `session_prefill`: What a new note is offered from the record: the plan's active goals and interventions,
   * and the latest note's homework set, modality and booked appointment.
   */
  sessionPrefill(args: { caseId: CaseId }): Promise<SessionPrefill>;
  /** `record_process_note` */
  recordProcessNote(args: { caseId: CaseId; input: ProcessNoteInput }): Promise<ProcessNoteView>;
  /** `update_process_note` */
  updateProcessNote(args: { id: ProcessNoteId; input: ProcessNoteInput }): Promise<ProcessNoteView>;
  /** `list_process_notes` */
  listProcessNotes(args: { caseId: CaseId }): Promise<Array<ProcessNoteView>>;
  /** `list_measures`: The measures a therapist can give: the built-in catalogue, then her custom measures. */
  listMeasures(): Promise<Array<MeasureView>>;
  /** `add_custom_measure` */
  addCustomMeasure(args: { input: CustomMeasureInput }): Promise<MeasureView>;
  /** `case_measures`: A case's administrations, newest first, and each measure's trend per person. */
  caseMeasures(args: { caseId: CaseId }): Promise<CaseMeasures>;
  /** `record_measure` */
  recordMeasure(args: { caseId: CaseId; input: AdministrationInput }): Promise<AdministrationView>;
  /** `update_measure` */
  updateMeasure(args: { id: AdministrationId; input: AdministrationInput }): Promise<AdministrationView>;
  /** `get_default_note_format` */
  getDefaultNoteFormat(): Promise<NoteFormat>;
  /** `set_default_note_format` */
  setDefaultNoteFormat(args: { format: NoteFormat }): Promise<NoteFormat>;
  /** `save_draft` */
  saveDraft(args: { editorKey: string; body: string }): Promise<DraftInfo>;
  /** `load_draft` */
  loadDraft(args: { editorKey: string }): Promise<DraftView | null>;
  /** `discard_draft` */
  discardDraft(args: { editorKey: string }): Promise<boolean>;
  /** `list_drafts` */
  listDrafts(): Promise<Array<DraftInfo>>;
  /** `sign_record` */
  signRecord(args: { record: RecordRef; input: SignInput }): Promise<SigningView>;
  /** `get_signing` */
  getSigning(args: { record: RecordRef }): Promise<SigningView>;
  /** `add_addendum` */
  addAddendum(args: { record: RecordRef; input: AddendumInput }): Promise<AddendumView>;
  /** `list_addenda` */
  listAddenda(args: { record: RecordRef }): Promise<Array<AddendumView>>;
  /** `verify_notebook` */
  verifyNotebook(): Promise<VerificationReport>;
  /** `case_history` */
  caseHistory(args: { caseId: CaseId }): Promise<Array<AuditEntryView>>;
  /** `audit_log` */
  auditLog(args: { page: number }): Promise<AuditPage>;
  /** `summary_sections` */
  summarySections(): Promise<Array<SummarySectionInfo>>;
  /** `preview_supervision_summary` */
  previewSupervisionSummary(args: { caseId: CaseId; options: SummaryOptions }): Promise<SupervisionSummary>;
  /** `referral_letter_draft` */
  referralLetterDraft(args: { referralId: ReferralId }): Promise<ReferralLetterDraft>;
  /**
   * `export_supervision_summary`: Writes the previewed summary where the therapist chooses in the save dialog; `null` when
   * she cancels it.
   */
  exportSupervisionSummary(args: { request: SummaryExport }): Promise<ExportResult | null>;
  /**
   * `export_referral_letter`: Writes a referral letter where the therapist chooses in the save dialog; `null` when she
   * cancels it.
   */
  exportReferralLetter(args: { request: LetterExport }): Promise<ExportResult | null>;
  /**
   * `export_everything`: "Export everything": every record as JSON and each case as Markdown and PDF, into a new
   * folder inside the one the therapist chooses in the folder dialog; `null` when she cancels.
   * The window has warned that this is plaintext.
   */
  exportEverything(): Promise<FullExportResult | null>;
  /** `backup_status` */
  backupStatus(): Promise<BackupStatus>;
  /** `choose_backup_folder`: Asks for the backup folder in the native folder dialog; `null` when she cancels. */
  chooseBackupFolder(): Promise<BackupStatus | null>;
  /** `set_backup_preferences` */
  setBackupPreferences(args: { preferences: BackupPreferences }): Promise<BackupStatus>;
  /** `back_up_now` */
  backUpNow(): Promise<BackupMade>;
  /**
   * `choose_backup_file`: Asks for the backup file to restore in the native open dialog (from the lock screen);
   * `null` when she cancels. The file is checked (not yet opened) and remembered.
   */
  chooseBackupFile(): Promise<BackupFileView | null>;
  /** `preview_restore`: Opens the chosen backup with its passphrase (or recovery code) and shows what it holds. */
  previewRestore(args: { credential: RestoreCredential }): Promise<RestorePreview>;
  /** `confirm_restore` */
  confirmRestore(): Promise<RestoreDone>;
  /** `cancel_restore` */
  cancelRestore(): Promise<null>;
}

/** A command's name as the engine knows it. */
export type CommandName =
  | 'notebook_status'
  | 'create_notebook'
  | 'unlock'
  | 'unlock_with_recovery'
  | 'lock'
  | 'change_passphrase'
  | 'replace_recovery_code'
  | 'get_settings'
  | 'update_settings'
  | 'touch'
  | 'open_demo_notebook'
  | 'list_difficulties'
  | 'create_case'
  | 'update_case'
  | 'get_case'
  | 'list_cases'
  | 'due'
  | 'unsigned_notes'
  | 'search'
  | 'close_case'
  | 'reopen_case'
  | 'get_retention_profile'
  | 'set_retention_profile'
  | 'add_partner'
  | 'update_person'
  | 'get_person'
  | 'record_consent'
  | 'withdraw_consent'
  | 'list_consents'
  | 'add_practitioner'
  | 'update_practitioner'
  | 'list_practitioners'
  | 'set_rule_out_status'
  | 'add_referral'
  | 'get_medical'
  | 'record_diagnosis'
  | 'update_diagnosis'
  | 'list_diagnoses'
  | 'list_diagnosis_catalogue'
  | 'save_catalogue_entry'
  | 'record_intake'
  | 'get_intake'
  | 'intake_sections'
  | 'save_formulation'
  | 'get_formulation'
  | 'list_formulation_versions'
  | 'list_factor_vocabulary'
  | 'save_factor_term'
  | 'nodal_point_prompts'
  | 'save_plan'
  | 'get_plan'
  | 'list_plan_versions'
  | 'list_intervention_catalogue'
  | 'save_intervention_entry'
  | 'record_session'
  | 'update_session'
  | 'get_session'
  | 'list_sessions'
  | 'session_prefill'
  | 'record_process_note'
  | 'update_process_note'
  | 'list_process_notes'
  | 'list_measures'
  | 'add_custom_measure'
  | 'case_measures'
  | 'record_measure'
  | 'update_measure'
  | 'get_default_note_format'
  | 'set_default_note_format'
  | 'save_draft'
  | 'load_draft'
  | 'discard_draft'
  | 'list_drafts'
  | 'sign_record'
  | 'get_signing'
  | 'add_addendum'
  | 'list_addenda'
  | 'verify_notebook'
  | 'case_history'
  | 'audit_log'
  | 'summary_sections'
  | 'preview_supervision_summary'
  | 'referral_letter_draft'
  | 'export_supervision_summary'
  | 'export_referral_letter'
  | 'export_everything'
  | 'backup_status'
  | 'choose_backup_folder'
  | 'set_backup_preferences'
  | 'back_up_now'
  | 'choose_backup_file'
  | 'preview_restore'
  | 'confirm_restore'
  | 'cancel_restore';

/** Each method's command and the arguments it sends (camelCase). */
export const COMMANDS: Record<keyof Commands, readonly [CommandName, readonly string[]]> = {
  notebookStatus: ['notebook_status', []],
  createNotebook: ['create_notebook', ['passphrase']],
  unlock: ['unlock', ['passphrase']],
  unlockWithRecovery: ['unlock_with_recovery', ['recoveryCode', 'newPassphrase']],
  lock: ['lock', []],
  changePassphrase: ['change_passphrase', ['oldPassphrase', 'newPassphrase']],
  replaceRecoveryCode: ['replace_recovery_code', ['passphrase']],
  getSettings: ['get_settings', []],
  updateSettings: ['update_settings', ['settings']],
  touch: ['touch', []],
  openDemoNotebook: ['open_demo_notebook', []],
  listDifficulties: ['list_difficulties', []],
  createCase: ['create_case', ['input']],
  updateCase: ['update_case', ['id', 'input']],
  getCase: ['get_case', ['id']],
  listCases: ['list_cases', ['filter', 'limit']],
  due: ['due', []],
  unsignedNotes: ['unsigned_notes', ['caseId']],
  search: ['search', ['request']],
  closeCase: ['close_case', ['id', 'input']],
  reopenCase: ['reopen_case', ['id', 'input']],
  getRetentionProfile: ['get_retention_profile', []],
  setRetentionProfile: ['set_retention_profile', ['profile']],
  addPartner: ['add_partner', ['caseId', 'input']],
  updatePerson: ['update_person', ['id', 'input']],
  getPerson: ['get_person', ['id']],
  recordConsent: ['record_consent', ['caseId', 'input']],
  withdrawConsent: ['withdraw_consent', ['id', 'input']],
  listConsents: ['list_consents', ['caseId']],
  addPractitioner: ['add_practitioner', ['input']],
  updatePractitioner: ['update_practitioner', ['id', 'input']],
  listPractitioners: ['list_practitioners', []],
  setRuleOutStatus: ['set_rule_out_status', ['caseId', 'input']],
  addReferral: ['add_referral', ['caseId', 'input']],
  getMedical: ['get_medical', ['caseId']],
  recordDiagnosis: ['record_diagnosis', ['caseId', 'input']],
  updateDiagnosis: ['update_diagnosis', ['id', 'input']],
  listDiagnoses: ['list_diagnoses', ['caseId']],
  listDiagnosisCatalogue: ['list_diagnosis_catalogue', []],
  saveCatalogueEntry: ['save_catalogue_entry', ['id', 'input']],
  recordIntake: ['record_intake', ['caseId', 'input']],
  getIntake: ['get_intake', ['caseId']],
  intakeSections: ['intake_sections', []],
  saveFormulation: ['save_formulation', ['caseId', 'input']],
  getFormulation: ['get_formulation', ['caseId']],
  listFormulationVersions: ['list_formulation_versions', ['caseId']],
  listFactorVocabulary: ['list_factor_vocabulary', []],
  saveFactorTerm: ['save_factor_term', ['id', 'input']],
  nodalPointPrompts: ['nodal_point_prompts', []],
  savePlan: ['save_plan', ['caseId', 'input']],
  getPlan: ['get_plan', ['caseId']],
  listPlanVersions: ['list_plan_versions', ['caseId']],
  listInterventionCatalogue: ['list_intervention_catalogue', []],
  saveInterventionEntry: ['save_intervention_entry', ['id', 'input']],
  recordSession: ['record_session', ['caseId', 'input']],
  updateSession: ['update_session', ['id', 'input']],
  getSession: ['get_session', ['id']],
  listSessions: ['list_sessions', ['caseId']],
  sessionPrefill: ['session_prefill', ['caseId']],
  recordProcessNote: ['record_process_note', ['caseId', 'input']],
  updateProcessNote: ['update_process_note', ['id', 'input']],
  listProcessNotes: ['list_process_notes', ['caseId']],
  listMeasures: ['list_measures', []],
  addCustomMeasure: ['add_custom_measure', ['input']],
  caseMeasures: ['case_measures', ['caseId']],
  recordMeasure: ['record_measure', ['caseId', 'input']],
  updateMeasure: ['update_measure', ['id', 'input']],
  getDefaultNoteFormat: ['get_default_note_format', []],
  setDefaultNoteFormat: ['set_default_note_format', ['format']],
  saveDraft: ['save_draft', ['editorKey', 'body']],
  loadDraft: ['load_draft', ['editorKey']],
  discardDraft: ['discard_draft', ['editorKey']],
  listDrafts: ['list_drafts', []],
  signRecord: ['sign_record', ['record', 'input']],
  getSigning: ['get_signing', ['record']],
  addAddendum: ['add_addendum', ['record', 'input']],
  listAddenda: ['list_addenda', ['record']],
  verifyNotebook: ['verify_notebook', []],
  caseHistory: ['case_history', ['caseId']],
  auditLog: ['audit_log', ['page']],
  summarySections: ['summary_sections', []],
  previewSupervisionSummary: ['preview_supervision_summary', ['caseId', 'options']],
  referralLetterDraft: ['referral_letter_draft', ['referralId']],
  exportSupervisionSummary: ['export_supervision_summary', ['request']],
  exportReferralLetter: ['export_referral_letter', ['request']],
  exportEverything: ['export_everything', []],
  backupStatus: ['backup_status', []],
  chooseBackupFolder: ['choose_backup_folder', []],
  setBackupPreferences: ['set_backup_preferences', ['preferences']],
  backUpNow: ['back_up_now', []],
  chooseBackupFile: ['choose_backup_file', []],
  previewRestore: ['preview_restore', ['credential']],
  confirmRestore: ['confirm_restore', []],
  cancelRestore: ['cancel_restore', []],
};

/** The client: each method sends its command by name, with its arguments as given (the engine refuses any it does not take). */
export function commandClient(
  send: (command: CommandName, args: Record<string, unknown>) => Promise<unknown>,
): Commands {
  const client: Record<string, (args?: Record<string, unknown>) => Promise<unknown>> = {};
  for (const [method, [command]] of Object.entries(COMMANDS)) {
    client[method] = (args = {}) => send(command, args);
  }
  return client as unknown as Commands;
}
