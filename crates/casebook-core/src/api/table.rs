//! The table of commands. Each entry is one command the page may call: its name, its arguments
//! (named as the page sends them, in camelCase), its answer, and the engine call it makes. The
//! conventions: `id` for the record's own id, `caseId` for its case, `input` for what a form
//! sends. Rules and validation live in the engine functions, never here.

use super::{FolderPurpose, commands};
use crate::backup::{
    BackupFileView, BackupMade, BackupPreferences, BackupStatus, RestoreCredential, RestoreDone,
    RestorePreview,
};
use crate::demo::DemoNotebookView;
use crate::error::ErrorReply;
use crate::export::{ExportResult, PreparedExport};
use crate::{NotebookStatus, RecoveryCodeView, Settings};
use crate::{
    case, consent, diagnosis, drafts, due, export, formulation, intake, measures, medical, person, plan,
    record, search, session,
};
use zeroize::{Zeroize, Zeroizing};

/// The place the therapist chooses for an export, then the engine's checked write there.
fn save_where_chosen(
    cx: &super::engine::Cx<'_>,
    prepared: PreparedExport,
) -> Result<Option<ExportResult>, ErrorReply> {
    let Some(target) = cx.host().pick_save(prepared.file_name(), prepared.format()) else { return Ok(None) };
    cx.open(|open, _clock| export::save_export(open, prepared, &target)).map(Some)
}

commands! {
    fn notebook_status(cx) -> NotebookStatus {
        cx.notebook(|nb| Ok(nb.status()))
    }

    /// Creates the notebook, leaves it unlocked, and answers the recovery code (shown once).
    fn create_notebook(cx, passphrase: String) -> RecoveryCodeView {
        let passphrase = Zeroizing::new(passphrase);
        cx.notebook(|nb| nb.create(&passphrase))
    }

    fn unlock(cx, passphrase: String) -> NotebookStatus {
        let passphrase = Zeroizing::new(passphrase);
        cx.notebook(|nb| {
            nb.unlock(&passphrase)?;
            Ok(nb.status())
        })
    }

    /// The recovery code proves who she is, and the passphrase is replaced.
    fn unlock_with_recovery(cx, recovery_code: String, new_passphrase: String) -> NotebookStatus {
        let (code, passphrase) = (Zeroizing::new(recovery_code), Zeroizing::new(new_passphrase));
        cx.notebook(|nb| {
            nb.unlock_with_recovery(&code, &passphrase)?;
            Ok(nb.status())
        })
    }

    /// The engine drops the key, and the page that asked is ended with its process (the new one
    /// starts at the lock screen).
    fn lock(cx) -> NotebookStatus {
        let status = cx.notebook(|nb| {
            nb.lock();
            Ok(nb.status())
        })?;
        cx.host().after_lock();
        Ok(status)
    }

    /// A wrong current passphrase is an `invalid` error on `oldPassphrase`.
    fn change_passphrase(cx, old_passphrase: String, new_passphrase: String) -> () {
        let (old, new) = (Zeroizing::new(old_passphrase), Zeroizing::new(new_passphrase));
        cx.notebook(|nb| nb.change_passphrase(&old, &new))
    }

    /// The passphrase proves who she is; the old code stops working.
    fn replace_recovery_code(cx, passphrase: String) -> RecoveryCodeView {
        let passphrase = Zeroizing::new(passphrase);
        cx.notebook(|nb| nb.replace_recovery_code(&passphrase))
    }

    fn get_settings(cx) -> Settings {
        cx.notebook(|nb| nb.settings())
    }

    fn update_settings(cx, settings: Settings) -> Settings {
        cx.notebook(|nb| nb.update_settings(settings))
    }

    fn touch(cx) -> () {
        cx.notebook(|nb| nb.touch())
    }

    /// Creates a fresh demo notebook of fictional cases in a temporary folder and opens it (its
    /// passphrase is shown).
    fn open_demo_notebook(cx) -> DemoNotebookView {
        cx.open_demo()
    }

    fn list_difficulties(cx) -> Vec<case::Difficulty> {
        cx.open(|open, _clock| case::list_difficulties(open))
    }

    fn create_case(cx, input: case::NewCase) -> case::CaseView {
        cx.open(|open, clock| case::create_case(open, clock, input))
    }

    fn update_case(cx, id: case::CaseId, input: case::CaseDetails) -> case::CaseView {
        cx.open(|open, clock| case::update_case(open, clock, id, input))
    }

    fn get_case(cx, id: case::CaseId) -> case::CaseView {
        cx.open(|open, clock| case::get_case(open, clock, id))
    }

    /// The first `limit` cases that match (all without one), and how many match.
    fn list_cases(cx, filter: case::CaseFilter, limit: Option<u32>) -> case::CaseListPage {
        cx.open(|open, clock| case::list_case_page(open, clock, filter, limit))
    }

    /// What needs the therapist: notes to sign, reviews, drafts, consents, rule-outs, backup.
    fn due(cx) -> due::DueList {
        cx.open(|open, clock| due::due(open, clock))
    }

    /// A case's unsigned session notes, as closing it offers to sign them.
    fn unsigned_notes(cx, case_id: case::CaseId) -> Vec<due::DueItem> {
        cx.open(|open, clock| due::unsigned_notes(open, clock, case_id))
    }

    fn search(cx, request: search::SearchRequest) -> search::SearchResults {
        cx.open(|open, _clock| search::search(open, &request))
    }

    fn close_case(cx, id: case::CaseId, input: case::CloseCase) -> case::CaseView {
        cx.open(|open, clock| case::close_case(open, clock, id, input))
    }

    fn reopen_case(cx, id: case::CaseId, input: case::ReopenCase) -> case::CaseView {
        cx.open(|open, clock| case::reopen_case(open, clock, id, input))
    }

    fn get_retention_profile(cx) -> case::RetentionProfile {
        cx.open(|open, _clock| case::retention_profile(open))
    }

    fn set_retention_profile(cx, profile: case::RetentionProfile) -> case::RetentionProfile {
        cx.open(|open, _clock| case::set_retention_profile(open, profile))
    }

    fn add_partner(cx, case_id: case::CaseId, input: person::PersonInput) -> person::PersonView {
        cx.open(|open, clock| person::add_partner(open, clock, case_id, input))
    }

    fn update_person(cx, id: person::PersonId, input: person::PersonInput) -> person::PersonView {
        cx.open(|open, clock| person::update_person(open, clock, id, input))
    }

    fn get_person(cx, id: person::PersonId) -> person::PersonView {
        cx.open(|open, _clock| person::get_person(open, id))
    }

    fn record_consent(cx, case_id: case::CaseId, input: consent::ConsentInput) -> consent::ConsentView {
        cx.open(|open, clock| consent::record_consent(open, clock, case_id, input))
    }

    fn withdraw_consent(cx, id: consent::ConsentId, input: consent::WithdrawConsent) -> consent::ConsentView {
        cx.open(|open, clock| consent::withdraw_consent(open, clock, id, input))
    }

    fn list_consents(cx, case_id: case::CaseId) -> Vec<consent::ConsentView> {
        cx.open(|open, clock| consent::list_consents(open, clock, case_id))
    }

    fn add_practitioner(cx, input: medical::PractitionerInput) -> medical::PractitionerView {
        cx.open(|open, clock| medical::add_practitioner(open, clock, input))
    }

    fn update_practitioner(cx, id: medical::PractitionerId, input: medical::PractitionerInput) -> medical::PractitionerView {
        cx.open(|open, clock| medical::update_practitioner(open, clock, id, input))
    }

    fn list_practitioners(cx) -> Vec<medical::PractitionerView> {
        cx.open(|open, _clock| medical::list_practitioners(open))
    }

    fn set_rule_out_status(cx, case_id: case::CaseId, input: medical::RuleOutInput) -> medical::MedicalView {
        cx.open(|open, clock| { medical::set_rule_out_status(open, clock, case_id, input) })
    }

    fn add_referral(cx, case_id: case::CaseId, input: medical::ReferralInput) -> medical::ReferralView {
        cx.open(|open, clock| medical::add_referral(open, clock, case_id, input))
    }

    fn get_medical(cx, case_id: case::CaseId) -> medical::MedicalView {
        cx.open(|open, _clock| medical::get_medical(open, case_id))
    }

    fn record_diagnosis(cx, case_id: case::CaseId, input: diagnosis::DiagnosisInput) -> diagnosis::DiagnosisView {
        cx.open(|open, clock| diagnosis::record_diagnosis(open, clock, case_id, input))
    }

    fn update_diagnosis(cx, id: diagnosis::DiagnosisId, input: diagnosis::DiagnosisInput) -> diagnosis::DiagnosisView {
        cx.open(|open, clock| diagnosis::update_diagnosis(open, clock, id, input))
    }

    fn list_diagnoses(cx, case_id: case::CaseId) -> Vec<diagnosis::DiagnosisView> {
        cx.open(|open, _clock| diagnosis::list_diagnoses(open, case_id))
    }

    fn list_diagnosis_catalogue(cx) -> Vec<diagnosis::CatalogueEntry> {
        cx.open(|open, _clock| diagnosis::list_diagnosis_catalogue(open))
    }

    fn save_catalogue_entry(cx, id: Option<diagnosis::CatalogueEntryId>, input: diagnosis::CatalogueEntryInput) -> diagnosis::CatalogueEntry {
        cx.open(|open, _clock| diagnosis::save_catalogue_entry(open, id, input))
    }

    fn record_intake(cx, case_id: case::CaseId, input: intake::IntakeInput) -> intake::IntakeView {
        cx.open(|open, clock| intake::record_intake(open, clock, case_id, input))
    }

    fn get_intake(cx, case_id: case::CaseId) -> Option<intake::IntakeView> {
        cx.open(|open, _clock| intake::get_intake(open, case_id))
    }

    fn intake_sections(cx) -> Vec<intake::IntakeSectionInfo> {
        cx.open(|_open, _clock| Ok(intake::intake_sections()))
    }

    fn save_formulation(cx, case_id: case::CaseId, input: formulation::FormulationInput) -> formulation::FormulationView {
        cx.open(|open, clock| { formulation::save_formulation(open, clock, case_id, input) })
    }

    fn get_formulation(cx, case_id: case::CaseId) -> Option<formulation::FormulationView> {
        cx.open(|open, _clock| formulation::get_formulation(open, case_id))
    }

    fn list_formulation_versions(cx, case_id: case::CaseId) -> Vec<formulation::FormulationView> {
        cx.open(|open, _clock| { formulation::list_formulation_versions(open, case_id) })
    }

    fn list_factor_vocabulary(cx) -> Vec<formulation::FactorTerm> {
        cx.open(|open, _clock| formulation::list_factor_vocabulary(open))
    }

    fn save_factor_term(cx, id: Option<formulation::FactorTermId>, input: formulation::FactorTermInput) -> formulation::FactorTerm {
        cx.open(|open, _clock| formulation::save_factor_term(open, id, input))
    }

    fn nodal_point_prompts(cx) -> Vec<String> {
        cx.open(|_open, _clock| Ok(formulation::nodal_point_prompts()))
    }

    fn save_plan(cx, case_id: case::CaseId, input: plan::PlanInput) -> plan::PlanView {
        cx.open(|open, clock| plan::save_plan(open, clock, case_id, input))
    }

    fn get_plan(cx, case_id: case::CaseId) -> Option<plan::PlanView> {
        cx.open(|open, clock| plan::get_plan(open, clock, case_id))
    }

    fn list_plan_versions(cx, case_id: case::CaseId) -> Vec<plan::PlanView> {
        cx.open(|open, clock| plan::list_plan_versions(open, clock, case_id))
    }

    fn list_intervention_catalogue(cx) -> Vec<plan::InterventionEntry> {
        cx.open(|open, _clock| plan::list_intervention_catalogue(open))
    }

    fn save_intervention_entry(cx, id: Option<plan::InterventionEntryId>, input: plan::InterventionEntryInput) -> plan::InterventionEntry {
        cx.open(|open, _clock| plan::save_intervention_entry(open, id, input))
    }

    fn record_session(cx, case_id: case::CaseId, input: session::SessionInput) -> session::SessionView {
        cx.open(|open, clock| session::record_session(open, clock, case_id, input))
    }

    fn update_session(cx, id: session::SessionId, input: session::SessionInput) -> session::SessionView {
        cx.open(|open, clock| session::update_session(open, clock, id, input))
    }

    fn get_session(cx, id: session::SessionId) -> session::SessionView {
        cx.open(|open, _clock| session::get_session(open, id))
    }

    fn list_sessions(cx, case_id: case::CaseId) -> Vec<session::SessionSummary> {
        cx.open(|open, _clock| session::list_sessions(open, case_id))
    }

    /// What a new note is offered from the record: the plan's active goals and interventions,
    /// and the latest note's homework set, modality and booked appointment.
    fn session_prefill(cx, case_id: case::CaseId) -> session::SessionPrefill {
        cx.open(|open, clock| session::session_prefill(open, clock, case_id))
    }

    fn record_process_note(cx, case_id: case::CaseId, input: session::ProcessNoteInput) -> session::ProcessNoteView {
        cx.open(|open, clock| { session::record_process_note(open, clock, case_id, input) })
    }

    fn update_process_note(cx, id: session::ProcessNoteId, input: session::ProcessNoteInput) -> session::ProcessNoteView {
        cx.open(|open, clock| session::update_process_note(open, clock, id, input))
    }

    fn list_process_notes(cx, case_id: case::CaseId) -> Vec<session::ProcessNoteView> {
        cx.open(|open, _clock| session::list_process_notes(open, case_id))
    }

    /// The measures a therapist can give: the built-in catalogue, then her custom measures.
    fn list_measures(cx) -> Vec<measures::MeasureView> {
        cx.open(|open, _clock| measures::list_measures(open))
    }

    fn add_custom_measure(cx, input: measures::CustomMeasureInput) -> measures::MeasureView {
        cx.open(|open, clock| measures::add_custom_measure(open, clock, input))
    }

    /// A case's administrations, newest first, and each measure's trend per person.
    fn case_measures(cx, case_id: case::CaseId) -> measures::CaseMeasures {
        cx.open(|open, clock| measures::case_measures(open, clock, case_id))
    }

    fn record_measure(cx, case_id: case::CaseId, input: measures::AdministrationInput) -> measures::AdministrationView {
        cx.open(|open, clock| measures::record_measure(open, clock, case_id, input))
    }

    fn update_measure(cx, id: measures::AdministrationId, input: measures::AdministrationInput) -> measures::AdministrationView {
        cx.open(|open, clock| measures::update_measure(open, clock, id, input))
    }

    fn get_default_note_format(cx) -> session::NoteFormat {
        cx.open(|open, _clock| session::default_note_format(open))
    }

    fn set_default_note_format(cx, format: session::NoteFormat) -> session::NoteFormat {
        cx.open(|open, _clock| session::set_default_note_format(open, format))
    }

    fn save_draft(cx, editor_key: String, body: String) -> drafts::DraftInfo {
        cx.open(|open, clock| drafts::save_draft(open, clock, &editor_key, &body))
    }

    fn load_draft(cx, editor_key: String) -> Option<drafts::DraftView> {
        cx.open(|open, _clock| drafts::load_draft(open, &editor_key))
    }

    fn discard_draft(cx, editor_key: String) -> bool {
        cx.open(|open, _clock| drafts::discard_draft(open, &editor_key))
    }

    fn list_drafts(cx) -> Vec<drafts::DraftInfo> {
        cx.open(|open, _clock| drafts::list_drafts(open))
    }

    fn sign_record(cx, record: record::RecordRef, input: record::SignInput) -> record::SigningView {
        cx.open(|open, clock| record::sign_record(open, clock, record, input))
    }

    fn get_signing(cx, record: record::RecordRef) -> record::SigningView {
        cx.open(|open, clock| record::get_signing(open, clock, record))
    }

    fn add_addendum(cx, record: record::RecordRef, input: record::AddendumInput) -> record::AddendumView {
        cx.open(|open, clock| record::add_addendum(open, clock, record, input))
    }

    fn list_addenda(cx, record: record::RecordRef) -> Vec<record::AddendumView> {
        cx.open(|open, _clock| record::list_addenda(open, record))
    }

    fn verify_notebook(cx) -> record::VerificationReport {
        cx.open(|open, _clock| Ok(record::verify_notebook(open)))
    }

    fn case_history(cx, case_id: case::CaseId) -> Vec<record::audit::AuditEntryView> {
        cx.open(|open, _clock| record::audit::case_history(open, case_id))
    }

    fn audit_log(cx, page: u32) -> record::audit::AuditPage {
        cx.open(|open, _clock| record::audit::audit_log(open, page))
    }

    fn summary_sections(cx) -> Vec<export::SummarySectionInfo> {
        cx.open(|_open, _clock| Ok(export::summary_sections()))
    }

    fn preview_supervision_summary(cx, case_id: case::CaseId, options: export::SummaryOptions) -> export::SupervisionSummary {
        cx.open(|open, clock| { export::supervision_summary(open, clock, case_id, &options) })
    }

    fn referral_letter_draft(cx, referral_id: medical::ReferralId) -> export::ReferralLetterDraft {
        cx.open(|open, clock| { export::referral_letter_draft(open, clock, referral_id) })
    }

    /// Writes the previewed summary where the therapist chooses in the save dialog; `null` when
    /// she cancels it.
    fn export_supervision_summary(cx, request: export::SummaryExport) -> Option<ExportResult> {
        let prepared =
            cx.open(|open, clock| export::prepare_supervision_summary(open, clock, &request, cx.host().pdf()))?;
        save_where_chosen(cx, prepared)
    }

    /// Writes a referral letter where the therapist chooses in the save dialog; `null` when she
    /// cancels it.
    fn export_referral_letter(cx, request: export::LetterExport) -> Option<ExportResult> {
        let prepared =
            cx.open(|open, clock| export::prepare_referral_letter(open, clock, &request, cx.host().pdf()))?;
        save_where_chosen(cx, prepared)
    }

    /// "Export everything": every record as JSON and each case as Markdown and PDF, into a new
    /// folder inside the one the therapist chooses in the folder dialog; `null` when she cancels.
    /// The window has warned that this is plaintext.
    fn export_everything(cx) -> Option<export::everything::FullExportResult> {
        cx.notebook(|nb| nb.touch())?;
        let Some(dir) = cx.host().pick_folder(FolderPurpose::FullExport) else { return Ok(None) };
        cx.open(|open, clock| {
            let protected = export::protected_folders(open);
            export::everything::export_everything(open, clock, &dir, &protected, cx.host().pdf())
        })
        .map(Some)
    }

    fn backup_status(cx) -> BackupStatus {
        cx.notebook(|nb| nb.backup_status())
    }

    /// Asks for the backup folder in the native folder dialog; `null` when she cancels.
    fn choose_backup_folder(cx) -> Option<BackupStatus> {
        cx.notebook(|nb| nb.touch())?;
        let Some(folder) = cx.host().pick_folder(FolderPurpose::Backups) else { return Ok(None) };
        cx.notebook(|nb| nb.set_backup_folder(&folder)).map(Some)
    }

    fn set_backup_preferences(cx, preferences: BackupPreferences) -> BackupStatus {
        cx.notebook(|nb| nb.set_backup_preferences(preferences))
    }

    fn back_up_now(cx) -> BackupMade {
        cx.notebook(|nb| nb.back_up_now())
    }

    /// Asks for the backup file to restore in the native open dialog (from the lock screen);
    /// `null` when she cancels. The file is checked (not yet opened) and remembered.
    fn choose_backup_file(cx) -> Option<BackupFileView> {
        let Some(file) = cx.host().pick_backup_file() else { return Ok(None) };
        cx.notebook(|nb| nb.choose_backup_file(&file)).map(Some)
    }

    /// Opens the chosen backup with its passphrase (or recovery code) and shows what it holds.
    fn preview_restore(cx, credential: RestoreCredential) -> RestorePreview {
        let mut credential = credential;
        let result = cx.notebook(|nb| nb.preview_restore(&credential));
        match &mut credential {
            RestoreCredential::Passphrase { passphrase } => passphrase.zeroize(),
            RestoreCredential::RecoveryCode { recovery_code, new_passphrase } => {
                recovery_code.zeroize();
                new_passphrase.zeroize();
            }
        }
        result
    }

    fn confirm_restore(cx) -> RestoreDone {
        cx.notebook(|nb| nb.confirm_restore())
    }

    fn cancel_restore(cx) -> () {
        cx.notebook(|nb| { nb.cancel_restore(); Ok(()) })
    }
}
