// An in-memory backend that keeps the engine's rules, for Vitest and for previewing the window in
// a plain browser (`VITE_FAKE_BACKEND=1`). It is honest on purpose: new passphrases are checked
// like the engine checks them (length, blank, zxcvbn), a wrong passphrase or recovery code counts
// towards the same throttle (five free failures, then 1 s doubling to a minute), a wrong current
// passphrase on change is an `invalid` error on `oldPassphrase`, settings are validated with the
// engine's bounds, and every data call answers `locked` while locked. Tests can also inject any
// error once (`failNext`) and play the shell's idle lock (`lockForIdle`).
//
// The case workflow lives in `fake/`: one file per domain, each keeping the engine's rules
// (intake first, partner consent for partner data and partner or couples sessions, a formulation
// needs a completed intake, a plan needs a formulation and a review date, closed cases are
// read-only) with the engine's messages, so screen tests see the refusals the real window shows.

import type { Backend, NotebookLocked } from './backend';
import type * as T from './bindings';
import type { DemoNotebookView, ErrorReply, NotebookStatus, RecoveryCodeView, Settings } from './bindings';
import * as cases from './fake/cases';
import * as clinical from './fake/clinical';
import { INTAKE_SECTIONS, NODAL_POINT_PROMPTS } from './fake/data';
import { DEMO_PASSPHRASE, seedDemo } from './fake/demo';
import * as medical from './fake/medical';
import * as notes from './fake/notes';
import * as people from './fake/people';
import * as records from './fake/records';
import { FakeStore } from './fake/store';
import { loadRater, refusal } from '../lib/passphrase';
import { CODE_SHAPE, codeGroups as groups, normalizeCode, randomCode } from '../lib/recovery';

export type FakeCommand = Exclude<keyof Backend, 'onNotebookLocked'>;

/** What the fake's save dialog answers: a path, or null as when the therapist cancels. */
export type SavePathAnswer = string | null;

export interface FakeOptions {
  /** The notebook's passphrase; when given, the notebook exists. */
  passphrase?: string;
  /** Its recovery code (any spelling the engine accepts); random when not given. */
  recoveryCode?: string;
  unlocked?: boolean;
  settings?: Settings;
  folder?: string;
  /** Delay of every answer, to see busy states in a preview. */
  latencyMs?: number;
  /** The clock of the throttle, in milliseconds. */
  now?: () => number;
  /** The therapist's calendar day for the case workflow (YYYY-MM-DD); the real day when not given. */
  today?: string;
  /** The notebook is the fictional demo one. */
  demo?: boolean;
  /** The folder `--export-dir` names (end-to-end tests); none by default, so the dialog shows. */
  exportDir?: string;
}

const FREE_ATTEMPTS = 5;
const MAX_DELAY_SECS = 60;
const MAX_NAME_CHARS = 120;

const DEMO_FOLDER = '/tmp/casebook-demo-5f3a9c21';

/** What the fake's restore preview answers unless a test sets another answer. */
export const SAMPLE_RESTORE_PREVIEW: T.RestorePreview = {
  fileName: 'casebook-backup-2026-11-30-171500.cbbackup',
  madeAt: '2026-11-30T17:15:00+00:00',
  appVersion: '0.1.0',
  schemaVersion: 5,
  bytes: 2_457_600,
  cases: 12,
  openCases: 9,
  notes: 214,
  lastChangeAt: '2026-11-30T17:02:11Z',
  replacesANotebook: true,
  sameNotebook: true,
};

export const DEFAULT_SETTINGS: Settings = { therapistName: '', autoLockMinutes: 10, practiceName: '', registrationNumber: '', practiceContact: '' };

export class FakeBackend implements Backend {
  /** Every call, in order, with its arguments: tests check what crossed and how often. */
  readonly calls: { command: FakeCommand; args?: unknown }[] = [];

  private passphrase: string | null;
  private recovery: string;
  private unlocked: boolean;
  private settings: Settings;
  private readonly folder: string;
  private readonly latencyMs: number;
  private readonly now: () => number;
  private failures = 0;
  private lastFailure: number | null = null;
  private readonly injected = new Map<FakeCommand, ErrorReply>();
  private readonly lockListeners = new Set<(event: NotebookLocked) => void>();
  private readonly clock: () => Date;
  private demo: boolean;
  private readonly exportDir: string | null;
  /** What the next save dialog (opened by the shell) answers; null cancels it. */
  savePath: SavePathAnswer = '/home/therapist/Documents/summary';
  /**
   * Backups, as a stub with no rules of its own (issue 9: the engine's backup rules are tested
   * against the engine, in Rust and end to end). Tests set what the dialogs and the preview
   * answer; `backupDialogFolder` null cancels the folder dialog, `backupFile` null the file one.
   */
  backup: T.BackupStatus = {
    folder: null,
    place: null,
    folderAvailable: false,
    keep: 10,
    warnAfterDays: 7,
    last: null,
    changedSinceLast: true,
    overdue: true,
  };
  backupDialogFolder: string | null = '/media/therapist/USB DISK';
  backupFile: T.BackupFileView | null = {
    fileName: 'casebook-backup-2026-11-30-171500.cbbackup',
    madeAt: '2026-11-30T17:15:00+00:00',
    appVersion: '0.1.0',
    bytes: 2_457_600,
  };
  restorePreviewAnswer: T.RestorePreview | ErrorReply = { ...SAMPLE_RESTORE_PREVIEW };
  /**
   * Search, as a stub with no rules of its own (issue 9): the engine's matching, ranking and
   * refusals are tested against the engine. Tests set the answer and read what was asked.
   */
  searchAnswer: T.SearchResults | ErrorReply = { hits: [], terms: [], more: false, recentOnly: false };
  readonly searches: T.SearchRequest[] = [];
  /** Every credential the restore preview was sent. */
  readonly restoreCredentials: T.RestoreCredential[] = [];
  /** Every file "written" by an export, with its path. */
  readonly written: { path: string; result: T.ExportResult }[] = [];
  /** The case workflow's records; tests may read them to check what was written. */
  store: FakeStore;

  constructor(options: FakeOptions = {}) {
    this.passphrase = options.passphrase ?? null;
    this.recovery = options.recoveryCode
      ? (normalizeCode(options.recoveryCode) ?? randomCode())
      : randomCode();
    this.unlocked = (options.unlocked ?? false) && this.passphrase !== null;
    this.settings = { ...(options.settings ?? DEFAULT_SETTINGS) };
    this.folder = options.folder ?? '/home/therapist/.local/share/casebook';
    this.latencyMs = options.latencyMs ?? 0;
    this.now = options.now ?? (() => Date.now());
    const day = options.today;
    this.clock = day ? () => new Date(`${day}T09:30:00`) : () => new Date();
    this.store = new FakeStore(this.clock);
    this.demo = options.demo ?? false;
    this.exportDir = options.exportDir ?? null;
  }

  // ---- test controls -------------------------------------------------------------------------

  /** The next call of `command` rejects with `reply`, whatever its arguments. */
  failNext(command: FakeCommand, reply: ErrorReply): void {
    this.injected.set(command, reply);
  }

  /** What the shell does when the idle timer fires: lock, then send `notebook-locked`. */
  lockForIdle(): void {
    this.unlocked = false;
    for (const listener of this.lockListeners) listener({ reason: 'idle' });
  }

  /** Locks without telling the window, as when the engine locks itself on its next call. */
  lockQuietly(): void {
    this.unlocked = false;
  }

  /** The recovery code in groups, as the engine would have shown it at creation. */
  get recoveryGroups(): string[] {
    return groups(this.recovery);
  }

  get currentPassphrase(): string | null {
    return this.passphrase;
  }

  get isUnlocked(): boolean {
    return this.unlocked;
  }

  count(command: FakeCommand): number {
    return this.calls.filter((c) => c.command === command).length;
  }

  // ---- the commands --------------------------------------------------------------------------

  async notebookStatus(): Promise<NotebookStatus> {
    await this.begin('notebookStatus');
    return this.status();
  }

  async createNotebook(args: { passphrase: string }): Promise<RecoveryCodeView> {
    await this.begin('createNotebook', args);
    await checkNewPassphrase(args.passphrase, 'passphrase');
    if (this.passphrase !== null) {
      throw reply('conflict', 'A notebook already exists in this folder.');
    }
    this.passphrase = args.passphrase;
    this.recovery = randomCode();
    this.settings = { ...DEFAULT_SETTINGS };
    this.store = new FakeStore(this.clock);
    this.demo = false;
    this.unlocked = true;
    return { groups: groups(this.recovery) };
  }

  async unlock(args: { passphrase: string }): Promise<NotebookStatus> {
    await this.begin('unlock', args);
    if (this.unlocked) return this.status();
    this.checkThrottle();
    if (this.passphrase === null) throw reply('not_found', 'There is no notebook in this folder yet.');
    if (args.passphrase !== this.passphrase) {
      this.fail();
      throw reply('wrong_passphrase', 'That passphrase does not open this notebook.');
    }
    this.succeed();
    this.unlocked = true;
    return this.status();
  }

  async unlockWithRecovery(args: { recoveryCode: string; newPassphrase: string }): Promise<NotebookStatus> {
    await this.begin('unlockWithRecovery', args);
    await checkNewPassphrase(args.newPassphrase, 'newPassphrase');
    this.checkThrottle();
    if (this.passphrase === null) throw reply('not_found', 'There is no notebook in this folder yet.');
    const code = normalizeCode(args.recoveryCode);
    if (code === null) {
      throw invalid('recoveryCode', CODE_SHAPE);
    }
    if (code !== this.recovery) {
      this.fail();
      throw reply('wrong_passphrase', 'That recovery code does not open this notebook.');
    }
    this.succeed();
    this.passphrase = args.newPassphrase;
    this.unlocked = true;
    return this.status();
  }

  async replaceRecoveryCode(args: { passphrase: string }): Promise<RecoveryCodeView> {
    await this.begin('replaceRecoveryCode', args);
    this.requireOpen();
    this.checkThrottle();
    if (args.passphrase !== this.passphrase) {
      this.fail();
      throw invalid('passphrase', 'The passphrase is not right.');
    }
    this.succeed();
    this.recovery = randomCode();
    return { groups: groups(this.recovery) };
  }

  async lock(): Promise<NotebookStatus> {
    await this.begin('lock');
    this.unlocked = false;
    return this.status();
  }

  async changePassphrase(args: { oldPassphrase: string; newPassphrase: string }): Promise<null> {
    await this.begin('changePassphrase', args);
    this.requireOpen();
    await checkNewPassphrase(args.newPassphrase, 'newPassphrase');
    this.checkThrottle();
    if (args.oldPassphrase !== this.passphrase) {
      this.fail();
      throw invalid('oldPassphrase', 'The current passphrase is not right.');
    }
    this.succeed();
    this.passphrase = args.newPassphrase;
    return null;
  }

  async getSettings(): Promise<Settings> {
    await this.begin('getSettings');
    this.requireOpen();
    return { ...this.settings };
  }

  async updateSettings(args: { settings: Settings }): Promise<Settings> {
    await this.begin('updateSettings', args);
    const next = validated(args.settings);
    this.requireOpen();
    this.settings = next;
    return { ...next };
  }

  async touch(): Promise<null> {
    await this.begin('touch');
    this.requireOpen();
    return null;
  }

  async openDemoNotebook(): Promise<DemoNotebookView> {
    await this.begin('openDemoNotebook');
    this.store = new FakeStore(this.clock);
    const count = seedDemo(this.store);
    this.passphrase = DEMO_PASSPHRASE;
    this.recovery = randomCode();
    this.settings = { ...DEFAULT_SETTINGS };
    this.demo = true;
    this.unlocked = true;
    this.succeed();
    return { passphrase: DEMO_PASSPHRASE, folder: DEMO_FOLDER, cases: count };
  }

  // ---- the case workflow: each command checks the lock, then runs its rules in `fake/` ---------

  listDifficulties = () => this.run('listDifficulties', undefined, (s) => s.difficulties);
  createCase = (a: { input: T.NewCase }) => this.run('createCase', a, (s, x) => cases.createCase(s, x.input));
  updateCase = (a: { id: T.CaseId; input: T.CaseDetails }) =>
    this.run('updateCase', a, (s, x) => cases.updateCase(s, x.id, x.input));
  getCase = (a: { id: T.CaseId }) => this.run('getCase', a, (s, x) => cases.getCase(s, x.id));
  listCases = (a: { filter: T.CaseFilter }) => this.run('listCases', a, (s, x) => cases.listCases(s, x.filter));
  search = (a: { request: T.SearchRequest }) =>
    this.run('search', a, (_s, x) => {
      this.searches.push(x.request);
      const answer = this.searchAnswer;
      if ('kind' in answer) throw answer;
      return structuredClone(answer);
    });
  closeCase = (a: { id: T.CaseId; input: T.CloseCase }) =>
    this.run('closeCase', a, (s, x) => cases.closeCase(s, x.id, x.input));
  reopenCase = (a: { id: T.CaseId; input: T.ReopenCase }) =>
    this.run('reopenCase', a, (s, x) => cases.reopenCase(s, x.id, x.input));
  getRetentionProfile = () => this.run('getRetentionProfile', undefined, (s) => s.retention);
  setRetentionProfile = (a: { profile: T.RetentionProfile }) =>
    this.run('setRetentionProfile', a, (s, x) => (s.retention = x.profile));

  addPartner = (a: { caseId: T.CaseId; input: T.PersonInput }) =>
    this.run('addPartner', a, (s, x) => people.addPartner(s, x.caseId, x.input));
  updatePerson = (a: { id: T.PersonId; input: T.PersonInput }) =>
    this.run('updatePerson', a, (s, x) => people.updatePerson(s, x.id, x.input));
  getPerson = (a: { id: T.PersonId }) => this.run('getPerson', a, (s, x) => s.person(x.id));
  recordConsent = (a: { caseId: T.CaseId; input: T.ConsentInput }) =>
    this.run('recordConsent', a, (s, x) => people.recordConsent(s, x.caseId, x.input));
  withdrawConsent = (a: { id: T.ConsentId; input: T.WithdrawConsent }) =>
    this.run('withdrawConsent', a, (s, x) => people.withdrawConsent(s, x.id, x.input));
  listConsents = (a: { caseId: T.CaseId }) =>
    this.run('listConsents', a, (s, x) => (s.caseRow(x.caseId), s.consentsOf(x.caseId)));

  addPractitioner = (a: { input: T.PractitionerInput }) =>
    this.run('addPractitioner', a, (s, x) => medical.addPractitioner(s, x.input));
  updatePractitioner = (a: { id: T.PractitionerId; input: T.PractitionerInput }) =>
    this.run('updatePractitioner', a, (s, x) => medical.updatePractitioner(s, x.id, x.input));
  listPractitioners = () => this.run('listPractitioners', undefined, (s) => medical.listPractitioners(s));
  setRuleOutStatus = (a: { caseId: T.CaseId; input: T.RuleOutInput }) =>
    this.run('setRuleOutStatus', a, (s, x) => medical.setRuleOutStatus(s, x.caseId, x.input));
  addReferral = (a: { caseId: T.CaseId; input: T.ReferralInput }) =>
    this.run('addReferral', a, (s, x) => medical.addReferral(s, x.caseId, x.input));
  getMedical = (a: { caseId: T.CaseId }) => this.run('getMedical', a, (s, x) => medical.getMedical(s, x.caseId));
  recordDiagnosis = (a: { caseId: T.CaseId; input: T.DiagnosisInput }) =>
    this.run('recordDiagnosis', a, (s, x) => medical.recordDiagnosis(s, x.caseId, x.input));
  updateDiagnosis = (a: { id: T.DiagnosisId; input: T.DiagnosisInput }) =>
    this.run('updateDiagnosis', a, (s, x) => medical.updateDiagnosis(s, x.id, x.input));
  listDiagnoses = (a: { caseId: T.CaseId }) =>
    this.run('listDiagnoses', a, (s, x) => medical.listDiagnoses(s, x.caseId));
  listDiagnosisCatalogue = () => this.run('listDiagnosisCatalogue', undefined, (s) => s.catalogue);
  saveCatalogueEntry = (a: { id: T.CatalogueEntryId | null; input: T.CatalogueEntryInput }) =>
    this.run('saveCatalogueEntry', a, (s, x) => medical.saveCatalogueEntry(s, x.id, x.input));

  recordIntake = (a: { caseId: T.CaseId; input: T.IntakeInput }) =>
    this.run('recordIntake', a, (s, x) => clinical.recordIntake(s, x.caseId, x.input));
  getIntake = (a: { caseId: T.CaseId }) => this.run('getIntake', a, (s, x) => clinical.getIntake(s, x.caseId));
  intakeSections = () => this.run('intakeSections', undefined, () => INTAKE_SECTIONS);
  saveFormulation = (a: { caseId: T.CaseId; input: T.FormulationInput }) =>
    this.run('saveFormulation', a, (s, x) => clinical.saveFormulation(s, x.caseId, x.input));
  getFormulation = (a: { caseId: T.CaseId }) =>
    this.run('getFormulation', a, (s, x) => clinical.listFormulationVersions(s, x.caseId)[0] ?? null);
  listFormulationVersions = (a: { caseId: T.CaseId }) =>
    this.run('listFormulationVersions', a, (s, x) => clinical.listFormulationVersions(s, x.caseId));
  listFactorVocabulary = () => this.run('listFactorVocabulary', undefined, (s) => s.vocabulary);
  saveFactorTerm = (a: { id: T.FactorTermId | null; input: T.FactorTermInput }) =>
    this.run('saveFactorTerm', a, (s, x) => clinical.saveFactorTerm(s, x.id, x.input));
  nodalPointPrompts = () => this.run('nodalPointPrompts', undefined, () => NODAL_POINT_PROMPTS);
  savePlan = (a: { caseId: T.CaseId; input: T.PlanInput }) =>
    this.run('savePlan', a, (s, x) => clinical.savePlan(s, x.caseId, x.input));
  getPlan = (a: { caseId: T.CaseId }) =>
    this.run('getPlan', a, (s, x) => clinical.listPlanVersions(s, x.caseId)[0] ?? null);
  listPlanVersions = (a: { caseId: T.CaseId }) =>
    this.run('listPlanVersions', a, (s, x) => clinical.listPlanVersions(s, x.caseId));
  listInterventionCatalogue = () => this.run('listInterventionCatalogue', undefined, (s) => s.interventions);
  saveInterventionEntry = (a: { id: T.InterventionEntryId | null; input: T.InterventionEntryInput }) =>
    this.run('saveInterventionEntry', a, (s, x) => clinical.saveInterventionEntry(s, x.id, x.input));

  recordSession = (a: { caseId: T.CaseId; input: T.SessionInput }) =>
    this.run('recordSession', a, (s, x) => notes.recordSession(s, x.caseId, x.input));
  updateSession = (a: { id: T.SessionId; input: T.SessionInput }) =>
    this.run('updateSession', a, (s, x) => notes.updateSession(s, x.id, x.input));
  getSession = (a: { id: T.SessionId }) => this.run('getSession', a, (s, x) => notes.getSession(s, x.id));
  listSessions = (a: { caseId: T.CaseId }) => this.run('listSessions', a, (s, x) => notes.listSessions(s, x.caseId));
  recordProcessNote = (a: { caseId: T.CaseId; input: T.ProcessNoteInput }) =>
    this.run('recordProcessNote', a, (s, x) => notes.recordProcessNote(s, x.caseId, x.input));
  updateProcessNote = (a: { id: T.ProcessNoteId; input: T.ProcessNoteInput }) =>
    this.run('updateProcessNote', a, (s, x) => notes.updateProcessNote(s, x.id, x.input));
  listProcessNotes = (a: { caseId: T.CaseId }) =>
    this.run('listProcessNotes', a, (s, x) => notes.listProcessNotes(s, x.caseId));
  getDefaultNoteFormat = () => this.run('getDefaultNoteFormat', undefined, (s) => s.noteFormat);
  setDefaultNoteFormat = (a: { format: T.NoteFormat }) =>
    this.run('setDefaultNoteFormat', a, (s, x) => (s.noteFormat = x.format));
  saveDraft = (a: { editorKey: string; body: string }) =>
    this.run('saveDraft', a, (s, x) => notes.saveDraft(s, x.editorKey, x.body));
  loadDraft = (a: { editorKey: string }) => this.run('loadDraft', a, (s, x) => notes.loadDraft(s, x.editorKey));
  discardDraft = (a: { editorKey: string }) =>
    this.run('discardDraft', a, (s, x) => notes.discardDraft(s, x.editorKey));
  listDrafts = () => this.run('listDrafts', undefined, (s) => notes.listDrafts(s));

  signRecord = (a: { record: T.RecordRef; input: T.SignInput }) =>
    this.run('signRecord', a, (s, x) => records.signRecord(s, this.settings.therapistName, x.record, x.input));
  getSigning = (a: { record: T.RecordRef }) => this.run('getSigning', a, (s, x) => records.getSigning(s, x.record));
  addAddendum = (a: { record: T.RecordRef; input: T.AddendumInput }) =>
    this.run('addAddendum', a, (s, x) => records.addAddendum(s, this.settings.therapistName, x.record, x.input));
  listAddenda = (a: { record: T.RecordRef }) => this.run('listAddenda', a, (s, x) => records.listAddenda(s, x.record));
  verifyNotebook = () => this.run('verifyNotebook', undefined, (s) => records.verifyNotebook(s));
  caseHistory = (a: { caseId: T.CaseId }) => this.run('caseHistory', a, (s, x) => records.caseHistory(s, x.caseId));
  auditLog = (a: { page: number }) => this.run('auditLog', a, (s, x) => records.auditLog(s, x.page));

  summarySections = () => this.run('summarySections', undefined, () => records.SUMMARY_SECTIONS);
  previewSupervisionSummary = (a: { caseId: T.CaseId; options: T.SummaryOptions }) =>
    this.run('previewSupervisionSummary', a, (s, x) => records.previewSummary(s, x.caseId, x.options));
  exportSupervisionSummary = (a: { request: T.SummaryExport }) =>
    this.run('exportSupervisionSummary', a, (s, x) => {
      const path = this.dialogAnswer(x.request.format);
      const result = records.exportSummary(s, x.request, path);
      if (path !== null && result !== null) this.written.push({ path, result });
      return result;
    });
  referralLetterDraft = (a: { referralId: T.ReferralId }) =>
    this.run('referralLetterDraft', a, (s, x) => records.referralLetterDraft(s, x.referralId));
  exportReferralLetter = (a: { request: T.LetterExport }) =>
    this.run('exportReferralLetter', a, (s, x) => {
      const path = this.dialogAnswer('pdf');
      const result = records.exportLetter(s, x.request, path);
      if (path !== null && result !== null) this.written.push({ path, result });
      return result;
    });

  backupStatus = () => this.run('backupStatus', undefined, () => ({ ...this.backup }));
  chooseBackupFolder = () =>
    this.run('chooseBackupFolder', undefined, () => {
      const folder = this.backupDialogFolder;
      if (folder === null) return null;
      const place = folder.split('/').filter(Boolean).pop() ?? folder;
      this.backup = { ...this.backup, folder, place, folderAvailable: true };
      return { ...this.backup };
    });
  setBackupPreferences = (a: { preferences: T.BackupPreferences }) =>
    this.run('setBackupPreferences', a, (_s, x) => {
      this.backup = { ...this.backup, ...x.preferences };
      return { ...this.backup };
    });
  backUpNow = () =>
    this.run('backUpNow', undefined, () => {
      const madeAt = this.clock().toISOString();
      const made: T.BackupMade = { file: 'casebook-backup-now.cbbackup', bytes: 2_457_600, madeAt, removed: 0, tookMs: 420 };
      const last = { madeAt, file: made.file, bytes: made.bytes, place: this.backup.place ?? '' };
      this.backup = { ...this.backup, last, changedSinceLast: false, overdue: !this.backup.folderAvailable };
      return made;
    });
  chooseBackupFile = () => this.answerLocked('chooseBackupFile', () => this.backupFile);
  previewRestore = (a: { credential: T.RestoreCredential }) =>
    this.answerLocked('previewRestore', () => {
      this.calls[this.calls.length - 1] = { command: 'previewRestore', args: carried(a) };
      this.restoreCredentials.push(a.credential);
      const answer = this.restorePreviewAnswer;
      if ('kind' in answer && 'message' in answer) throw answer;
      return answer as T.RestorePreview;
    });
  confirmRestore = () =>
    this.answerLocked('confirmRestore', () => {
      this.unlocked = true;
      return { setAside: `${this.folder}/set-aside/2026-12-02-101500`, status: this.status() };
    });
  cancelRestore = () => this.answerLocked('cancelRestore', () => null);
  /** What "Export everything" answers (a stub: the engine's export is tested in Rust). */
  fullExportFolder: string | null = '/home/therapist/Documents';
  exportEverything = () =>
    this.run('exportEverything', undefined, () =>
      this.fullExportFolder === null
        ? null
        : { folder: `${this.fullExportFolder}/casebook-export-2026-12-02-101500`, cases: 3, files: 8, bytes: 512_000 },
    );

  /** What the shell's save dialog answers (or the `--export-dir` folder in end-to-end runs). */
  private dialogAnswer(format: T.ExportFormat): string | null {
    const extension = format === 'pdf' ? 'pdf' : 'md';
    if (this.exportDir !== null) return `${this.exportDir}/export.${extension}`;
    return this.savePath === null ? null : `${this.savePath}.${extension}`;
  }

  async onNotebookLocked(handler: (event: NotebookLocked) => void): Promise<() => void> {
    this.lockListeners.add(handler);
    return () => {
      this.lockListeners.delete(handler);
    };
  }

  // ---- the rules -----------------------------------------------------------------------------

  /**
   * One workflow command: recorded, checked for the lock, then run on a copy of its arguments
   * (as IPC would carry them), answering a copy so no screen holds the fake's own records.
   */
  private async run<A, R>(command: FakeCommand, args: A, action: (store: FakeStore, args: A) => R): Promise<R> {
    await this.begin(command, args);
    this.requireOpen();
    return carried(action(this.store, carried(args)));
  }

  private async begin(command: FakeCommand, args?: unknown): Promise<void> {
    this.calls.push(args === undefined ? { command } : { command, args: carried(args) });
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const injected = this.injected.get(command);
    if (injected) {
      this.injected.delete(command);
      throw injected;
    }
  }

  /** A lock-screen command (restores): answered whatever the lock state, with a copy. */
  private async answerLocked<R>(command: FakeCommand, action: () => R): Promise<R> {
    await this.begin(command);
    return carried(action());
  }

  private status(): NotebookStatus {
    return {
      exists: this.passphrase !== null,
      unlocked: this.unlocked,
      folder: this.demo ? DEMO_FOLDER : this.folder,
      demo: this.demo,
    };
  }

  private requireOpen(): void {
    if (!this.unlocked) throw reply('locked', 'The notebook is locked. Unlock it to continue.');
  }

  private checkThrottle(): void {
    const extra = this.failures - FREE_ATTEMPTS;
    if (extra < 0 || this.lastFailure === null) return;
    const delayMs = Math.min(2 ** extra, MAX_DELAY_SECS) * 1000;
    const wait = this.lastFailure + delayMs - this.now();
    if (wait > 0) {
      const secs = Math.max(1, Math.ceil(wait / 1000));
      throw {
        kind: 'throttled',
        message: `Too many failed attempts. Try again in ${secs} s.`,
        retryAfterSecs: secs,
      } satisfies ErrorReply;
    }
  }

  private fail(): void {
    this.failures += 1;
    this.lastFailure = this.now();
  }

  private succeed(): void {
    this.failures = 0;
    this.lastFailure = null;
  }
}

/** A value as it crosses IPC: JSON in and out (so Svelte's state proxies and `undefined` go). */
function carried<V>(value: V): V {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as V);
}

function reply(kind: ErrorReply['kind'], message: string): ErrorReply {
  return { kind, message };
}

function invalid(field: string, message: string): ErrorReply {
  return { kind: 'invalid', message, field };
}

async function checkNewPassphrase(passphrase: string, field: string): Promise<void> {
  const why = refusal(passphrase, await loadRater());
  if (why !== null) throw invalid(field, why);
}

function validated(settings: Settings): Settings {
  const therapistName = settings.therapistName.trim();
  if ([...therapistName].length > MAX_NAME_CHARS) {
    throw invalid('therapistName', `Use at most ${MAX_NAME_CHARS} characters.`);
  }
  if (/[\u0000-\u001f\u007f-\u009f]/.test(therapistName)) {
    throw invalid('therapistName', 'The name cannot hold control characters.');
  }
  const minutes = settings.autoLockMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) {
    throw invalid('autoLockMinutes', 'Choose between 1 and 240 minutes.');
  }
  const practice = (field: 'practiceName' | 'registrationNumber' | 'practiceContact') => {
    const value = (settings[field] ?? '').trim();
    if ([...value].length > 300) throw invalid(field, 'Use at most 300 characters.');
    return value;
  };
  return {
    therapistName,
    autoLockMinutes: minutes,
    practiceName: practice('practiceName'),
    registrationNumber: practice('registrationNumber'),
    practiceContact: practice('practiceContact'),
  };
}
