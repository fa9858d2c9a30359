//! Backups and restores. The page never sends a path: the backup folder and the backup file to
//! restore are chosen in native dialogs that the shell opens itself (or, in end-to-end tests
//! only, taken from the `--backup-dir` folder), and the engine checks them again. No lock is held
//! while a dialog is open.

use crate::cli::BackupFolder;
use crate::ipc::Arg;
use crate::state::AppState;
use casebook_core::ErrorReply;
use casebook_core::backup::{
    self, BackupFileView, BackupMade, BackupPreferences, BackupStatus, RestoreCredential, RestoreDone,
    RestorePreview,
};
use std::path::PathBuf;
use tauri::{State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;
use zeroize::Zeroize;

type Reply<T> = Result<T, ErrorReply>;

#[tauri::command(async)]
pub fn backup_status(state: State<'_, AppState>) -> Reply<BackupStatus> {
    state.with_notebook("backup_status", |nb| nb.backup_status())
}

/// Asks for the backup folder in the native folder dialog; `None` when the therapist cancels.
#[tauri::command(async)]
pub fn choose_backup_folder(
    window: WebviewWindow,
    state: State<'_, AppState>,
    preset: State<'_, BackupFolder>,
) -> Reply<Option<BackupStatus>> {
    state.with_notebook("choose_backup_folder", |nb| nb.touch())?;
    let title = "Choose the folder for backups (an external drive is best)";
    let Some(folder) = super::pick_folder(&window, preset.0.as_deref(), title) else { return Ok(None) };
    state.with_notebook("choose_backup_folder", |nb| nb.set_backup_folder(&folder)).map(Some)
}

#[tauri::command(async)]
pub fn set_backup_preferences(
    state: State<'_, AppState>,
    preferences: Arg<BackupPreferences>,
) -> Reply<BackupStatus> {
    let Arg(preferences) = preferences;
    state.with_notebook("set_backup_preferences", |nb| nb.set_backup_preferences(preferences))
}

#[tauri::command(async)]
pub fn back_up_now(state: State<'_, AppState>) -> Reply<BackupMade> {
    state.with_notebook("back_up_now", |nb| nb.back_up_now())
}

/// Asks for the backup file to restore in the native open dialog (from the lock screen); `None`
/// when the therapist cancels. The file is checked (not yet opened) and remembered by the engine.
#[tauri::command(async)]
pub fn choose_backup_file(
    window: WebviewWindow,
    state: State<'_, AppState>,
    preset: State<'_, BackupFolder>,
) -> Reply<Option<BackupFileView>> {
    let chosen: Option<PathBuf> = match preset.0.as_ref() {
        Some(dir) => backup::list(dir).pop(),
        None => window
            .dialog()
            .file()
            .set_parent(&window)
            .set_title("Choose a Casebook backup to restore")
            .add_filter("Casebook backup", &[backup::EXTENSION])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(file) = chosen else { return Ok(None) };
    state.with_notebook("choose_backup_file", |nb| nb.choose_backup_file(&file)).map(Some)
}

/// Opens the chosen backup with its passphrase (or recovery code) and shows what it holds.
#[tauri::command(async)]
pub fn preview_restore(
    state: State<'_, AppState>,
    credential: Arg<RestoreCredential>,
) -> Reply<RestorePreview> {
    let Arg(mut credential) = credential;
    let result = state.with_notebook("preview_restore", |nb| nb.preview_restore(&credential));
    match &mut credential {
        RestoreCredential::Passphrase { passphrase } => passphrase.zeroize(),
        RestoreCredential::RecoveryCode { recovery_code, new_passphrase } => {
            recovery_code.zeroize();
            new_passphrase.zeroize();
        }
    }
    result
}

/// Restores the previewed backup; the notebook it replaces is kept in `set-aside/`.
#[tauri::command(async)]
pub fn confirm_restore(state: State<'_, AppState>) -> Reply<RestoreDone> {
    state.with_notebook("confirm_restore", |nb| nb.confirm_restore())
}

#[tauri::command(async)]
pub fn cancel_restore(state: State<'_, AppState>) -> Reply<()> {
    state.with_notebook("cancel_restore", |nb| {
        nb.cancel_restore();
        Ok(())
    })
}
