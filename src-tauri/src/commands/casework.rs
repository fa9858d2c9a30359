//! Commands of the case workflow: each one engine call on the open notebook, nothing more.
//!
//! One function per engine verb, all of the same shape. The convention is `id` for the record's own id, `caseId`
//! for its case, and `input` for what the form sends. Rules and validation live in the engine.

use crate::ipc::Arg;
use crate::state::AppState;
use casebook_core::ErrorReply;
use casebook_core::{
    case, consent, diagnosis, drafts, formulation, intake, medical, person, plan, search, session,
};
use tauri::State;

type Reply<T> = Result<T, ErrorReply>;

#[tauri::command(async)]
pub fn list_difficulties(state: State<'_, AppState>) -> Reply<Vec<case::Difficulty>> {
    state.with_open("list_difficulties", |open, _clock| case::list_difficulties(open))
}

#[tauri::command(async)]
pub fn create_case(state: State<'_, AppState>, input: Arg<case::NewCase>) -> Reply<case::CaseView> {
    let Arg(input) = input;
    state.with_open("create_case", |open, clock| case::create_case(open, clock, input))
}

#[tauri::command(async)]
pub fn update_case(
    state: State<'_, AppState>,
    id: Arg<case::CaseId>,
    input: Arg<case::CaseDetails>,
) -> Reply<case::CaseView> {
    let Arg(id) = id;
    let Arg(input) = input;
    state.with_open("update_case", |open, clock| case::update_case(open, clock, id, input))
}

#[tauri::command(async)]
pub fn get_case(state: State<'_, AppState>, id: Arg<case::CaseId>) -> Reply<case::CaseView> {
    let Arg(id) = id;
    state.with_open("get_case", |open, clock| case::get_case(open, clock, id))
}

#[tauri::command(async)]
pub fn list_cases(
    state: State<'_, AppState>,
    filter: Arg<case::CaseFilter>,
) -> Reply<Vec<case::CaseListItem>> {
    let Arg(filter) = filter;
    state.with_open("list_cases", |open, clock| case::list_cases(open, clock, filter))
}

#[tauri::command(async)]
pub fn close_case(
    state: State<'_, AppState>,
    id: Arg<case::CaseId>,
    input: Arg<case::CloseCase>,
) -> Reply<case::CaseView> {
    let Arg(id) = id;
    let Arg(input) = input;
    state.with_open("close_case", |open, clock| case::close_case(open, clock, id, input))
}

#[tauri::command(async)]
pub fn reopen_case(
    state: State<'_, AppState>,
    id: Arg<case::CaseId>,
    input: Arg<case::ReopenCase>,
) -> Reply<case::CaseView> {
    let Arg(id) = id;
    let Arg(input) = input;
    state.with_open("reopen_case", |open, clock| case::reopen_case(open, clock, id, input))
}

#[tauri::command(async)]
pub fn get_retention_profile(state: State<'_, AppState>) -> Reply<case::RetentionProfile> {
    state.with_open("get_retention_profile", |open, _clock| case::retention_profile(open))
}

#[tauri::command(async)]
pub fn set_retention_profile(
    state: State<'_, AppState>,
    profile: Arg<case::RetentionProfile>,
) -> Reply<case::RetentionProfile> {
    let Arg(profile) = profile;
    state.with_open("set_retention_profile", |open, _clock| case::set_retention_profile(open, profile))
}

#[tauri::command(async)]
pub fn add_partner(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
    input: Arg<person::PersonInput>,
) -> Reply<person::PersonView> {
    let Arg(case_id) = case_id;
    let Arg(input) = input;
    state.with_open("add_partner", |open, clock| person::add_partner(open, clock, case_id, input))
}

#[tauri::command(async)]
pub fn update_person(
    state: State<'_, AppState>,
    id: Arg<person::PersonId>,
    input: Arg<person::PersonInput>,
) -> Reply<person::PersonView> {
    let Arg(id) = id;
    let Arg(input) = input;
    state.with_open("update_person", |open, clock| person::update_person(open, clock, id, input))
}

#[tauri::command(async)]
pub fn get_person(state: State<'_, AppState>, id: Arg<person::PersonId>) -> Reply<person::PersonView> {
    let Arg(id) = id;
    state.with_open("get_person", |open, _clock| person::get_person(open, id))
}

#[tauri::command(async)]
pub fn record_consent(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
    input: Arg<consent::ConsentInput>,
) -> Reply<consent::ConsentView> {
    let Arg(case_id) = case_id;
    let Arg(input) = input;
    state.with_open("record_consent", |open, clock| consent::record_consent(open, clock, case_id, input))
}

#[tauri::command(async)]
pub fn withdraw_consent(
    state: State<'_, AppState>,
    id: Arg<consent::ConsentId>,
    input: Arg<consent::WithdrawConsent>,
) -> Reply<consent::ConsentView> {
    let Arg(id) = id;
    let Arg(input) = input;
    state.with_open("withdraw_consent", |open, clock| consent::withdraw_consent(open, clock, id, input))
}

#[tauri::command(async)]
pub fn list_consents(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
) -> Reply<Vec<consent::ConsentView>> {
    let Arg(case_id) = case_id;
    state.with_open("list_consents", |open, clock| consent::list_consents(open, clock, case_id))
}

#[tauri::command(async)]
pub fn add_practitioner(
    state: State<'_, AppState>,
    input: Arg<medical::PractitionerInput>,
) -> Reply<medical::PractitionerView> {
    let Arg(input) = input;
    state.with_open("add_practitioner", |open, clock| medical::add_practitioner(open, clock, input))
}

#[tauri::command(async)]
pub fn update_practitioner(
    state: State<'_, AppState>,
    id: Arg<medical::PractitionerId>,
    input: Arg<medical::PractitionerInput>,
) -> Reply<medical::PractitionerView> {
    let Arg(id) = id;
    let Arg(input) = input;
    state.with_open("update_practitioner", |open, clock| medical::update_practitioner(open, clock, id, input))
}

#[tauri::command(async)]
pub fn list_practitioners(state: State<'_, AppState>) -> Reply<Vec<medical::PractitionerView>> {
    state.with_open("list_practitioners", |open, _clock| medical::list_practitioners(open))
}

#[tauri::command(async)]
pub fn set_rule_out_status(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
    input: Arg<medical::RuleOutInput>,
) -> Reply<medical::MedicalView> {
    let Arg(case_id) = case_id;
    let Arg(input) = input;
    state.with_open("set_rule_out_status", |open, clock| {
        medical::set_rule_out_status(open, clock, case_id, input)
    })
}

#[tauri::command(async)]
pub fn add_referral(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
    input: Arg<medical::ReferralInput>,
) -> Reply<medical::ReferralView> {
    let Arg(case_id) = case_id;
    let Arg(input) = input;
    state.with_open("add_referral", |open, clock| medical::add_referral(open, clock, case_id, input))
}

#[tauri::command(async)]
pub fn get_medical(state: State<'_, AppState>, case_id: Arg<case::CaseId>) -> Reply<medical::MedicalView> {
    let Arg(case_id) = case_id;
    state.with_open("get_medical", |open, _clock| medical::get_medical(open, case_id))
}

#[tauri::command(async)]
pub fn record_diagnosis(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
    input: Arg<diagnosis::DiagnosisInput>,
) -> Reply<diagnosis::DiagnosisView> {
    let Arg(case_id) = case_id;
    let Arg(input) = input;
    state
        .with_open("record_diagnosis", |open, clock| diagnosis::record_diagnosis(open, clock, case_id, input))
}

#[tauri::command(async)]
pub fn update_diagnosis(
    state: State<'_, AppState>,
    id: Arg<diagnosis::DiagnosisId>,
    input: Arg<diagnosis::DiagnosisInput>,
) -> Reply<diagnosis::DiagnosisView> {
    let Arg(id) = id;
    let Arg(input) = input;
    state.with_open("update_diagnosis", |open, clock| diagnosis::update_diagnosis(open, clock, id, input))
}

#[tauri::command(async)]
pub fn list_diagnoses(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
) -> Reply<Vec<diagnosis::DiagnosisView>> {
    let Arg(case_id) = case_id;
    state.with_open("list_diagnoses", |open, _clock| diagnosis::list_diagnoses(open, case_id))
}

#[tauri::command(async)]
pub fn list_diagnosis_catalogue(state: State<'_, AppState>) -> Reply<Vec<diagnosis::CatalogueEntry>> {
    state.with_open("list_diagnosis_catalogue", |open, _clock| diagnosis::list_diagnosis_catalogue(open))
}

#[tauri::command(async)]
pub fn save_catalogue_entry(
    state: State<'_, AppState>,
    id: Arg<Option<diagnosis::CatalogueEntryId>>,
    input: Arg<diagnosis::CatalogueEntryInput>,
) -> Reply<diagnosis::CatalogueEntry> {
    let Arg(id) = id;
    let Arg(input) = input;
    state.with_open("save_catalogue_entry", |open, _clock| diagnosis::save_catalogue_entry(open, id, input))
}

#[tauri::command(async)]
pub fn record_intake(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
    input: Arg<intake::IntakeInput>,
) -> Reply<intake::IntakeView> {
    let Arg(case_id) = case_id;
    let Arg(input) = input;
    state.with_open("record_intake", |open, clock| intake::record_intake(open, clock, case_id, input))
}

#[tauri::command(async)]
pub fn get_intake(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
) -> Reply<Option<intake::IntakeView>> {
    let Arg(case_id) = case_id;
    state.with_open("get_intake", |open, _clock| intake::get_intake(open, case_id))
}

#[tauri::command(async)]
pub fn intake_sections(state: State<'_, AppState>) -> Reply<Vec<intake::IntakeSectionInfo>> {
    state.with_open("intake_sections", |_open, _clock| Ok(intake::intake_sections()))
}

#[tauri::command(async)]
pub fn save_formulation(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
    input: Arg<formulation::FormulationInput>,
) -> Reply<formulation::FormulationView> {
    let Arg(case_id) = case_id;
    let Arg(input) = input;
    state.with_open("save_formulation", |open, clock| {
        formulation::save_formulation(open, clock, case_id, input)
    })
}

#[tauri::command(async)]
pub fn get_formulation(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
) -> Reply<Option<formulation::FormulationView>> {
    let Arg(case_id) = case_id;
    state.with_open("get_formulation", |open, _clock| formulation::get_formulation(open, case_id))
}

#[tauri::command(async)]
pub fn list_formulation_versions(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
) -> Reply<Vec<formulation::FormulationView>> {
    let Arg(case_id) = case_id;
    state.with_open("list_formulation_versions", |open, _clock| {
        formulation::list_formulation_versions(open, case_id)
    })
}

#[tauri::command(async)]
pub fn list_factor_vocabulary(state: State<'_, AppState>) -> Reply<Vec<formulation::FactorTerm>> {
    state.with_open("list_factor_vocabulary", |open, _clock| formulation::list_factor_vocabulary(open))
}

#[tauri::command(async)]
pub fn save_factor_term(
    state: State<'_, AppState>,
    id: Arg<Option<formulation::FactorTermId>>,
    input: Arg<formulation::FactorTermInput>,
) -> Reply<formulation::FactorTerm> {
    let Arg(id) = id;
    let Arg(input) = input;
    state.with_open("save_factor_term", |open, _clock| formulation::save_factor_term(open, id, input))
}

#[tauri::command(async)]
pub fn nodal_point_prompts(state: State<'_, AppState>) -> Reply<Vec<String>> {
    state.with_open("nodal_point_prompts", |_open, _clock| Ok(formulation::nodal_point_prompts()))
}

#[tauri::command(async)]
pub fn save_plan(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
    input: Arg<plan::PlanInput>,
) -> Reply<plan::PlanView> {
    let Arg(case_id) = case_id;
    let Arg(input) = input;
    state.with_open("save_plan", |open, clock| plan::save_plan(open, clock, case_id, input))
}

#[tauri::command(async)]
pub fn get_plan(state: State<'_, AppState>, case_id: Arg<case::CaseId>) -> Reply<Option<plan::PlanView>> {
    let Arg(case_id) = case_id;
    state.with_open("get_plan", |open, clock| plan::get_plan(open, clock, case_id))
}

#[tauri::command(async)]
pub fn list_plan_versions(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
) -> Reply<Vec<plan::PlanView>> {
    let Arg(case_id) = case_id;
    state.with_open("list_plan_versions", |open, clock| plan::list_plan_versions(open, clock, case_id))
}

#[tauri::command(async)]
pub fn list_intervention_catalogue(state: State<'_, AppState>) -> Reply<Vec<plan::InterventionEntry>> {
    state.with_open("list_intervention_catalogue", |open, _clock| plan::list_intervention_catalogue(open))
}

#[tauri::command(async)]
pub fn save_intervention_entry(
    state: State<'_, AppState>,
    id: Arg<Option<plan::InterventionEntryId>>,
    input: Arg<plan::InterventionEntryInput>,
) -> Reply<plan::InterventionEntry> {
    let Arg(id) = id;
    let Arg(input) = input;
    state.with_open("save_intervention_entry", |open, _clock| plan::save_intervention_entry(open, id, input))
}

#[tauri::command(async)]
pub fn record_session(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
    input: Arg<session::SessionInput>,
) -> Reply<session::SessionView> {
    let Arg(case_id) = case_id;
    let Arg(input) = input;
    state.with_open("record_session", |open, clock| session::record_session(open, clock, case_id, input))
}

#[tauri::command(async)]
pub fn update_session(
    state: State<'_, AppState>,
    id: Arg<session::SessionId>,
    input: Arg<session::SessionInput>,
) -> Reply<session::SessionView> {
    let Arg(id) = id;
    let Arg(input) = input;
    state.with_open("update_session", |open, clock| session::update_session(open, clock, id, input))
}

#[tauri::command(async)]
pub fn get_session(state: State<'_, AppState>, id: Arg<session::SessionId>) -> Reply<session::SessionView> {
    let Arg(id) = id;
    state.with_open("get_session", |open, _clock| session::get_session(open, id))
}

#[tauri::command(async)]
pub fn list_sessions(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
) -> Reply<Vec<session::SessionSummary>> {
    let Arg(case_id) = case_id;
    state.with_open("list_sessions", |open, _clock| session::list_sessions(open, case_id))
}

#[tauri::command(async)]
pub fn record_process_note(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
    input: Arg<session::ProcessNoteInput>,
) -> Reply<session::ProcessNoteView> {
    let Arg(case_id) = case_id;
    let Arg(input) = input;
    state.with_open("record_process_note", |open, clock| {
        session::record_process_note(open, clock, case_id, input)
    })
}

#[tauri::command(async)]
pub fn update_process_note(
    state: State<'_, AppState>,
    id: Arg<session::ProcessNoteId>,
    input: Arg<session::ProcessNoteInput>,
) -> Reply<session::ProcessNoteView> {
    let Arg(id) = id;
    let Arg(input) = input;
    state.with_open("update_process_note", |open, clock| session::update_process_note(open, clock, id, input))
}

#[tauri::command(async)]
pub fn list_process_notes(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
) -> Reply<Vec<session::ProcessNoteView>> {
    let Arg(case_id) = case_id;
    state.with_open("list_process_notes", |open, _clock| session::list_process_notes(open, case_id))
}

#[tauri::command(async)]
pub fn get_default_note_format(state: State<'_, AppState>) -> Reply<session::NoteFormat> {
    state.with_open("get_default_note_format", |open, _clock| session::default_note_format(open))
}

#[tauri::command(async)]
pub fn set_default_note_format(
    state: State<'_, AppState>,
    format: Arg<session::NoteFormat>,
) -> Reply<session::NoteFormat> {
    let Arg(format) = format;
    state.with_open("set_default_note_format", |open, _clock| session::set_default_note_format(open, format))
}

#[tauri::command(async)]
pub fn save_draft(
    state: State<'_, AppState>,
    editor_key: Arg<String>,
    body: Arg<String>,
) -> Reply<drafts::DraftInfo> {
    let Arg(editor_key) = editor_key;
    let Arg(body) = body;
    state.with_open("save_draft", |open, clock| drafts::save_draft(open, clock, &editor_key, &body))
}

#[tauri::command(async)]
pub fn load_draft(state: State<'_, AppState>, editor_key: Arg<String>) -> Reply<Option<drafts::DraftView>> {
    let Arg(editor_key) = editor_key;
    state.with_open("load_draft", |open, _clock| drafts::load_draft(open, &editor_key))
}

#[tauri::command(async)]
pub fn discard_draft(state: State<'_, AppState>, editor_key: Arg<String>) -> Reply<bool> {
    let Arg(editor_key) = editor_key;
    state.with_open("discard_draft", |open, _clock| drafts::discard_draft(open, &editor_key))
}

#[tauri::command(async)]
pub fn list_drafts(state: State<'_, AppState>) -> Reply<Vec<drafts::DraftInfo>> {
    state.with_open("list_drafts", |open, _clock| drafts::list_drafts(open))
}

/// Searches everything written in the notebook. Reads only; the words are never logged.
#[tauri::command(async)]
pub fn search(
    state: State<'_, AppState>,
    request: Arg<search::SearchRequest>,
) -> Reply<search::SearchResults> {
    let Arg(request) = request;
    state.with_open("search", |open, _clock| search::search(open, &request))
}
