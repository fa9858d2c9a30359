//! Commands of the record (signing, addenda, audit, verification) and of exports.
//!
//! Same shape as `casework`: one engine call each. Exports also take the path the therapist chose
//! in the save dialog (or, in tests only, the `--export-dir` folder) and the PDF renderer.

use crate::cli::ExportFolder;
use crate::state::AppState;
use casebook_core::{Error, export::ExportResult};
use casebook_core::{ErrorReply, case, export, medical, record};
use casebook_pdf::Renderer;
use tauri::State;

type Reply<T> = Result<T, ErrorReply>;

#[tauri::command(async)]
pub fn sign_record(
    state: State<'_, AppState>,
    record: record::RecordRef,
    input: record::SignInput,
) -> Reply<record::SigningView> {
    state.with_open("sign_record", |open, clock| record::sign_record(open, clock, record, input))
}

#[tauri::command(async)]
pub fn get_signing(state: State<'_, AppState>, record: record::RecordRef) -> Reply<record::SigningView> {
    state.with_open("get_signing", |open, clock| record::get_signing(open, clock, record))
}

#[tauri::command(async)]
pub fn add_addendum(
    state: State<'_, AppState>,
    record: record::RecordRef,
    input: record::AddendumInput,
) -> Reply<record::AddendumView> {
    state.with_open("add_addendum", |open, clock| record::add_addendum(open, clock, record, input))
}

#[tauri::command(async)]
pub fn list_addenda(
    state: State<'_, AppState>,
    record: record::RecordRef,
) -> Reply<Vec<record::AddendumView>> {
    state.with_open("list_addenda", |open, _clock| record::list_addenda(open, record))
}

#[tauri::command(async)]
pub fn verify_notebook(state: State<'_, AppState>) -> Reply<record::VerificationReport> {
    state.with_open("verify_notebook", |open, _clock| Ok(record::verify_notebook(open)))
}

#[tauri::command(async)]
pub fn case_history(
    state: State<'_, AppState>,
    case_id: case::CaseId,
) -> Reply<Vec<record::audit::AuditEntryView>> {
    state.with_open("case_history", |open, _clock| record::audit::case_history(open, case_id))
}

#[tauri::command(async)]
pub fn audit_log(state: State<'_, AppState>, page: u32) -> Reply<record::audit::AuditPage> {
    state.with_open("audit_log", |open, _clock| record::audit::audit_log(open, page))
}

#[tauri::command(async)]
pub fn summary_sections(state: State<'_, AppState>) -> Reply<Vec<export::SummarySectionInfo>> {
    state.with_open("summary_sections", |_open, _clock| Ok(export::summary_sections()))
}

#[tauri::command(async)]
pub fn preview_supervision_summary(
    state: State<'_, AppState>,
    case_id: case::CaseId,
    options: export::SummaryOptions,
) -> Reply<export::SupervisionSummary> {
    state.with_open("preview_supervision_summary", |open, clock| {
        export::supervision_summary(open, clock, case_id, &options)
    })
}

#[tauri::command(async)]
pub fn referral_letter_draft(
    state: State<'_, AppState>,
    referral_id: medical::ReferralId,
) -> Reply<export::ReferralLetterDraft> {
    state.with_open("referral_letter_draft", |open, clock| {
        export::referral_letter_draft(open, clock, referral_id)
    })
}

#[tauri::command(async)]
pub fn export_supervision_summary(
    state: State<'_, AppState>,
    pdf: State<'_, Renderer>,
    request: export::SummaryExport,
    path: String,
) -> Reply<ExportResult> {
    state.with_open("export_supervision_summary", |open, clock| {
        export::export_supervision_summary(open, clock, &request, std::path::Path::new(&path), pdf.inner())
    })
}

#[tauri::command(async)]
pub fn export_referral_letter(
    state: State<'_, AppState>,
    pdf: State<'_, Renderer>,
    request: export::LetterExport,
    path: String,
) -> Reply<ExportResult> {
    state.with_open("export_referral_letter", |open, clock| {
        export::export_referral_letter(open, clock, &request, std::path::Path::new(&path), pdf.inner())
    })
}

/// In tests only (`--export-dir`): where an export named `file_name` goes without the save
/// dialog, which WebDriver cannot drive. `None` in normal use: the window shows the dialog.
#[tauri::command(async)]
pub fn preset_export_path(folder: State<'_, ExportFolder>, file_name: String) -> Reply<Option<String>> {
    let Some(dir) = folder.0.as_ref() else { return Ok(None) };
    let name = std::path::Path::new(&file_name)
        .file_name()
        .filter(|n| !n.is_empty())
        .ok_or_else(|| ErrorReply::from(Error::invalid("fileName", "The file needs a name.")))?;
    Ok(Some(dir.join(name).display().to_string()))
}
