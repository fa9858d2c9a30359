// The real backend: each method is one Tauri command, called by its exact name. This file and
// `index.ts` are the only places that import `@tauri-apps/api`. The page opens no dialog and names
// no path: exports ask for the place in the shell's own save dialog. Argument names are camelCase, as
// Tauri expects for snake_case Rust parameters; a shell test checks that every command the shell
// registers is named here.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Backend, NotebookLocked } from './backend';
import { asErrorReply } from './errors';

type Command =
  | 'notebook_status'
  | 'create_notebook'
  | 'unlock'
  | 'unlock_with_recovery'
  | 'replace_recovery_code'
  | 'lock'
  | 'change_passphrase'
  | 'get_settings'
  | 'update_settings'
  | 'touch'
  | 'open_demo_notebook'
  | 'list_difficulties'
  | 'create_case'
  | 'update_case'
  | 'get_case'
  | 'list_cases'
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
  | 'record_process_note'
  | 'update_process_note'
  | 'list_process_notes'
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
  | 'export_supervision_summary'
  | 'referral_letter_draft'
  | 'export_referral_letter'
  | 'backup_status'
  | 'choose_backup_folder'
  | 'set_backup_preferences'
  | 'back_up_now'
  | 'choose_backup_file'
  | 'preview_restore'
  | 'confirm_restore'
  | 'cancel_restore'
  | 'export_everything';

async function call<T>(command: Command, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw asErrorReply(error);
  }
}

export const tauriBackend: Backend = {
  // The notebook
  notebookStatus: () => call('notebook_status'),
  createNotebook: ({ passphrase }) => call('create_notebook', { passphrase }),
  unlock: ({ passphrase }) => call('unlock', { passphrase }),
  unlockWithRecovery: ({ recoveryCode, newPassphrase }) =>
    call('unlock_with_recovery', { recoveryCode, newPassphrase }),
  replaceRecoveryCode: ({ passphrase }) => call('replace_recovery_code', { passphrase }),
  lock: () => call('lock'),
  changePassphrase: ({ oldPassphrase, newPassphrase }) =>
    call('change_passphrase', { oldPassphrase, newPassphrase }),
  getSettings: () => call('get_settings'),
  updateSettings: ({ settings }) => call('update_settings', { settings }),
  touch: () => call('touch'),
  onNotebookLocked: (handler) =>
    listen<NotebookLocked>('notebook-locked', (event) => handler(event.payload)),
  openDemoNotebook: () => call('open_demo_notebook'),
  // Cases
  listDifficulties: () => call('list_difficulties'),
  createCase: (args) => call('create_case', args),
  updateCase: (args) => call('update_case', args),
  getCase: (args) => call('get_case', args),
  listCases: (args) => call('list_cases', args),
  search: (args) => call('search', args),
  closeCase: (args) => call('close_case', args),
  reopenCase: (args) => call('reopen_case', args),
  getRetentionProfile: () => call('get_retention_profile'),
  setRetentionProfile: (args) => call('set_retention_profile', args),
  // People and consents
  addPartner: (args) => call('add_partner', args),
  updatePerson: (args) => call('update_person', args),
  getPerson: (args) => call('get_person', args),
  recordConsent: (args) => call('record_consent', args),
  withdrawConsent: (args) => call('withdraw_consent', args),
  listConsents: (args) => call('list_consents', args),
  // Medical liaison and diagnoses
  addPractitioner: (args) => call('add_practitioner', args),
  updatePractitioner: (args) => call('update_practitioner', args),
  listPractitioners: () => call('list_practitioners'),
  setRuleOutStatus: (args) => call('set_rule_out_status', args),
  addReferral: (args) => call('add_referral', args),
  getMedical: (args) => call('get_medical', args),
  recordDiagnosis: (args) => call('record_diagnosis', args),
  updateDiagnosis: (args) => call('update_diagnosis', args),
  listDiagnoses: (args) => call('list_diagnoses', args),
  listDiagnosisCatalogue: () => call('list_diagnosis_catalogue'),
  saveCatalogueEntry: (args) => call('save_catalogue_entry', args),
  // Intake, formulation, plan
  recordIntake: (args) => call('record_intake', args),
  getIntake: (args) => call('get_intake', args),
  intakeSections: () => call('intake_sections'),
  saveFormulation: (args) => call('save_formulation', args),
  getFormulation: (args) => call('get_formulation', args),
  listFormulationVersions: (args) => call('list_formulation_versions', args),
  listFactorVocabulary: () => call('list_factor_vocabulary'),
  saveFactorTerm: (args) => call('save_factor_term', args),
  nodalPointPrompts: () => call('nodal_point_prompts'),
  savePlan: (args) => call('save_plan', args),
  getPlan: (args) => call('get_plan', args),
  listPlanVersions: (args) => call('list_plan_versions', args),
  listInterventionCatalogue: () => call('list_intervention_catalogue'),
  saveInterventionEntry: (args) => call('save_intervention_entry', args),
  // Notes and drafts
  recordSession: (args) => call('record_session', args),
  updateSession: (args) => call('update_session', args),
  getSession: (args) => call('get_session', args),
  listSessions: (args) => call('list_sessions', args),
  recordProcessNote: (args) => call('record_process_note', args),
  updateProcessNote: (args) => call('update_process_note', args),
  listProcessNotes: (args) => call('list_process_notes', args),
  getDefaultNoteFormat: () => call('get_default_note_format'),
  setDefaultNoteFormat: (args) => call('set_default_note_format', args),
  saveDraft: (args) => call('save_draft', args),
  loadDraft: (args) => call('load_draft', args),
  discardDraft: (args) => call('discard_draft', args),
  listDrafts: () => call('list_drafts'),
  // Signing, addenda, the audit trail
  signRecord: (args) => call('sign_record', args),
  getSigning: (args) => call('get_signing', args),
  addAddendum: (args) => call('add_addendum', args),
  listAddenda: (args) => call('list_addenda', args),
  verifyNotebook: () => call('verify_notebook'),
  caseHistory: (args) => call('case_history', args),
  auditLog: (args) => call('audit_log', args),
  // Exports
  summarySections: () => call('summary_sections'),
  previewSupervisionSummary: (args) => call('preview_supervision_summary', args),
  exportSupervisionSummary: (args) => call('export_supervision_summary', args),
  referralLetterDraft: (args) => call('referral_letter_draft', args),
  exportReferralLetter: (args) => call('export_referral_letter', args),
  // Backups and restores
  backupStatus: () => call('backup_status'),
  chooseBackupFolder: () => call('choose_backup_folder'),
  setBackupPreferences: (args) => call('set_backup_preferences', args),
  backUpNow: () => call('back_up_now'),
  chooseBackupFile: () => call('choose_backup_file'),
  previewRestore: (args) => call('preview_restore', args),
  confirmRestore: () => call('confirm_restore'),
  cancelRestore: () => call('cancel_restore'),
  exportEverything: () => call('export_everything'),
};
