//! Commands of the record (signing, addenda, audit, verification) and of exports.
//!
//! Same shape as `casework`: one engine call each. Exports are the exception, in two engine calls
//! with the native save dialog between them: the page never sends a path. The shell opens the
//! dialog itself (or, in end-to-end tests only, uses the `--export-dir` folder given on the
//! command line) and the engine checks the place again before writing (`export::save_export`).
//! No lock is held while the dialog is open, so the idle timer can still lock the notebook.

use crate::cli::ExportFolder;
use crate::ipc::Arg;
use crate::state::AppState;
use casebook_core::export::{ExportResult, ExportTarget, PreparedExport};
use casebook_core::{ErrorReply, case, export, medical, record};
use casebook_pdf::Renderer;
use tauri::{State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

type Reply<T> = Result<T, ErrorReply>;

#[tauri::command(async)]
pub fn sign_record(
    state: State<'_, AppState>,
    record: Arg<record::RecordRef>,
    input: Arg<record::SignInput>,
) -> Reply<record::SigningView> {
    let Arg(record) = record;
    let Arg(input) = input;
    state.with_open("sign_record", |open, clock| record::sign_record(open, clock, record, input))
}

#[tauri::command(async)]
pub fn get_signing(state: State<'_, AppState>, record: Arg<record::RecordRef>) -> Reply<record::SigningView> {
    let Arg(record) = record;
    state.with_open("get_signing", |open, clock| record::get_signing(open, clock, record))
}

#[tauri::command(async)]
pub fn add_addendum(
    state: State<'_, AppState>,
    record: Arg<record::RecordRef>,
    input: Arg<record::AddendumInput>,
) -> Reply<record::AddendumView> {
    let Arg(record) = record;
    let Arg(input) = input;
    state.with_open("add_addendum", |open, clock| record::add_addendum(open, clock, record, input))
}

#[tauri::command(async)]
pub fn list_addenda(
    state: State<'_, AppState>,
    record: Arg<record::RecordRef>,
) -> Reply<Vec<record::AddendumView>> {
    let Arg(record) = record;
    state.with_open("list_addenda", |open, _clock| record::list_addenda(open, record))
}

#[tauri::command(async)]
pub fn verify_notebook(state: State<'_, AppState>) -> Reply<record::VerificationReport> {
    state.with_open("verify_notebook", |open, _clock| Ok(record::verify_notebook(open)))
}

#[tauri::command(async)]
pub fn case_history(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
) -> Reply<Vec<record::audit::AuditEntryView>> {
    let Arg(case_id) = case_id;
    state.with_open("case_history", |open, _clock| record::audit::case_history(open, case_id))
}

#[tauri::command(async)]
pub fn audit_log(state: State<'_, AppState>, page: Arg<u32>) -> Reply<record::audit::AuditPage> {
    let Arg(page) = page;
    state.with_open("audit_log", |open, _clock| record::audit::audit_log(open, page))
}

#[tauri::command(async)]
pub fn summary_sections(state: State<'_, AppState>) -> Reply<Vec<export::SummarySectionInfo>> {
    state.with_open("summary_sections", |_open, _clock| Ok(export::summary_sections()))
}

#[tauri::command(async)]
pub fn preview_supervision_summary(
    state: State<'_, AppState>,
    case_id: Arg<case::CaseId>,
    options: Arg<export::SummaryOptions>,
) -> Reply<export::SupervisionSummary> {
    let Arg(case_id) = case_id;
    let Arg(options) = options;
    state.with_open("preview_supervision_summary", |open, clock| {
        export::supervision_summary(open, clock, case_id, &options)
    })
}

#[tauri::command(async)]
pub fn referral_letter_draft(
    state: State<'_, AppState>,
    referral_id: Arg<medical::ReferralId>,
) -> Reply<export::ReferralLetterDraft> {
    let Arg(referral_id) = referral_id;
    state.with_open("referral_letter_draft", |open, clock| {
        export::referral_letter_draft(open, clock, referral_id)
    })
}

/// Writes the previewed summary where the therapist chooses in the save dialog; `None` when she
/// cancels it.
#[tauri::command(async)]
pub fn export_supervision_summary(
    window: WebviewWindow,
    state: State<'_, AppState>,
    pdf: State<'_, Renderer>,
    folder: State<'_, ExportFolder>,
    request: Arg<export::SummaryExport>,
) -> Reply<Option<ExportResult>> {
    let Arg(request) = request;
    let name = "export_supervision_summary";
    let prepared = state.with_open(name, |open, clock| {
        export::prepare_supervision_summary(open, clock, &request, pdf.inner())
    })?;
    save_where_chosen(name, &window, &state, &folder, prepared)
}

/// Writes a referral letter where the therapist chooses in the save dialog; `None` when she
/// cancels it.
#[tauri::command(async)]
pub fn export_referral_letter(
    window: WebviewWindow,
    state: State<'_, AppState>,
    pdf: State<'_, Renderer>,
    folder: State<'_, ExportFolder>,
    request: Arg<export::LetterExport>,
) -> Reply<Option<ExportResult>> {
    let Arg(request) = request;
    let name = "export_referral_letter";
    let prepared = state
        .with_open(name, |open, clock| export::prepare_referral_letter(open, clock, &request, pdf.inner()))?;
    save_where_chosen(name, &window, &state, &folder, prepared)
}

fn save_where_chosen(
    name: &'static str,
    window: &WebviewWindow,
    state: &AppState,
    folder: &ExportFolder,
    prepared: PreparedExport,
) -> Reply<Option<ExportResult>> {
    let Some(target) = choose_target(window, folder, &prepared) else { return Ok(None) };
    state.with_open(name, |open, _clock| export::save_export(open, prepared, &target)).map(Some)
}

/// The place to write: the test-only export folder (a new file there, never a replacement), or
/// the native save dialog, which asks before replacing a file.
fn choose_target(
    window: &WebviewWindow,
    folder: &ExportFolder,
    prepared: &PreparedExport,
) -> Option<ExportTarget> {
    if let Some(dir) = folder.0.as_ref() {
        return Some(ExportTarget::new_file(dir.join(prepared.file_name())));
    }
    let format = prepared.format();
    let chosen = window
        .dialog()
        .file()
        .set_parent(window)
        .set_title("Save the export")
        .set_file_name(prepared.file_name())
        .add_filter(format.file_kind(), &[format.extension()])
        .blocking_save_file()?;
    chosen.into_path().ok().map(ExportTarget::chosen_in_dialog)
}

/// "Export everything": every record as JSON and each case as Markdown and PDF, into a new folder
/// inside the one the therapist chooses in the folder dialog (the `--export-dir` folder in
/// end-to-end tests); `None` when she cancels it. The window has warned that this is plaintext.
#[tauri::command(async)]
pub fn export_everything(
    window: WebviewWindow,
    state: State<'_, AppState>,
    pdf: State<'_, Renderer>,
    folder: State<'_, ExportFolder>,
) -> Reply<Option<export::everything::FullExportResult>> {
    state.with_notebook("export_everything", |nb| nb.touch())?;
    let title = "Choose where to export the whole notebook (not encrypted)";
    let Some(dir) = super::pick_folder(&window, folder.0.as_deref(), title) else { return Ok(None) };
    state
        .with_open("export_everything", |open, clock| {
            let protected = export::protected_folders(open);
            export::everything::export_everything(open, clock, &dir, &protected, pdf.inner())
        })
        .map(Some)
}
