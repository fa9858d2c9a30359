//! The IPC commands: each one takes its arguments, makes one engine call and returns the result or
//! an [`ErrorReply`]. Secrets arrive as `String`s and are moved into zeroizing buffers at once.
//!
//! Commands run off the main thread (`async`), so a 0.5 s key derivation never freezes the window.

pub mod backups;
pub mod casework;
pub mod records;

use crate::ipc::Arg;
use crate::state::AppState;
use casebook_core::demo::DemoNotebookView;
use casebook_core::{ErrorReply, NotebookStatus, RecoveryCodeView, Settings};
use tauri::State;
use zeroize::Zeroizing;

type Reply<T> = Result<T, ErrorReply>;

/// A folder the therapist chooses in the native folder dialog, opened by the shell (the page never
/// names a path), or the test-only folder given on the command line; `None` when she cancels.
fn pick_folder(
    window: &tauri::WebviewWindow,
    preset: Option<&std::path::Path>,
    title: &str,
) -> Option<std::path::PathBuf> {
    use tauri_plugin_dialog::DialogExt;
    if let Some(dir) = preset {
        return Some(dir.to_path_buf());
    }
    window.dialog().file().set_parent(window).set_title(title).blocking_pick_folder()?.into_path().ok()
}

#[tauri::command(async)]
pub fn notebook_status(state: State<'_, AppState>) -> Reply<NotebookStatus> {
    state.with_notebook("notebook_status", |nb| Ok(nb.status()))
}

#[tauri::command(async)]
pub fn create_notebook(state: State<'_, AppState>, passphrase: Arg<String>) -> Reply<RecoveryCodeView> {
    let Arg(passphrase) = passphrase;
    let passphrase = Zeroizing::new(passphrase);
    state.with_notebook("create_notebook", |nb| nb.create(&passphrase))
}

#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, passphrase: Arg<String>) -> Reply<NotebookStatus> {
    let Arg(passphrase) = passphrase;
    let passphrase = Zeroizing::new(passphrase);
    state.with_notebook("unlock", |nb| {
        nb.unlock(&passphrase)?;
        Ok(nb.status())
    })
}

#[tauri::command(async)]
pub fn unlock_with_recovery(
    state: State<'_, AppState>,
    recovery_code: Arg<String>,
    new_passphrase: Arg<String>,
) -> Reply<NotebookStatus> {
    let Arg(recovery_code) = recovery_code;
    let Arg(new_passphrase) = new_passphrase;
    let (code, passphrase) = (Zeroizing::new(recovery_code), Zeroizing::new(new_passphrase));
    state.with_notebook("unlock_with_recovery", |nb| {
        nb.unlock_with_recovery(&code, &passphrase)?;
        Ok(nb.status())
    })
}

#[tauri::command(async)]
pub fn lock(app: tauri::AppHandle, state: State<'_, AppState>) -> Reply<NotebookStatus> {
    let status = state.with_notebook("lock", |nb| {
        nb.lock();
        Ok(nb.status())
    })?;
    // The page that asked is ended with its process; the new one starts at the lock screen.
    crate::restart_page(&app, "user");
    Ok(status)
}

#[tauri::command(async)]
pub fn change_passphrase(
    state: State<'_, AppState>,
    old_passphrase: Arg<String>,
    new_passphrase: Arg<String>,
) -> Reply<()> {
    let Arg(old_passphrase) = old_passphrase;
    let Arg(new_passphrase) = new_passphrase;
    let (old, new) = (Zeroizing::new(old_passphrase), Zeroizing::new(new_passphrase));
    state.with_notebook("change_passphrase", |nb| nb.change_passphrase(&old, &new))
}

#[tauri::command(async)]
pub fn replace_recovery_code(state: State<'_, AppState>, passphrase: Arg<String>) -> Reply<RecoveryCodeView> {
    let Arg(passphrase) = passphrase;
    let passphrase = Zeroizing::new(passphrase);
    state.with_notebook("replace_recovery_code", |nb| nb.replace_recovery_code(&passphrase))
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Reply<Settings> {
    state.with_notebook("get_settings", |nb| nb.settings())
}

#[tauri::command(async)]
pub fn update_settings(state: State<'_, AppState>, settings: Arg<Settings>) -> Reply<Settings> {
    let Arg(settings) = settings;
    state.with_notebook("update_settings", |nb| nb.update_settings(settings))
}

#[tauri::command(async)]
pub fn touch(state: State<'_, AppState>) -> Reply<()> {
    state.with_notebook("touch", |nb| nb.touch())
}

/// Creates a fresh demo notebook of fictional cases and opens it (its passphrase is shown).
#[tauri::command(async)]
pub fn open_demo_notebook(state: State<'_, AppState>) -> Reply<DemoNotebookView> {
    state.open_demo()
}
