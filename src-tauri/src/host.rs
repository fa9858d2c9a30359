//! What the engine asks of the shell ([`casebook_core::api::Host`]): native dialogs, the PDF
//! renderer, and ending the page's process after a lock. The page never names a path: each one
//! comes from a dialog the shell opens itself, or, in end-to-end tests only, from the
//! `--export-dir` and `--backup-dir` folders given on the command line (WebDriver cannot drive a
//! native dialog). The engine checks every place again before it writes.

use casebook_core::api::{FolderPurpose, Host};
use casebook_core::backup;
use casebook_core::export::{ExportFormat, ExportTarget, PdfRenderer};
use casebook_pdf::Renderer;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Wry};
use tauri_plugin_dialog::DialogExt;

/// The shell as the engine's host.
#[derive(Debug)]
pub struct ShellHost {
    app: AppHandle<Wry>,
    pdf: std::sync::Arc<Renderer>,
    /// The test-only export folder: a new file there, never a replacement.
    export_dir: Option<PathBuf>,
    /// The test-only backup folder: chosen instead of asking, and its newest backup is the one a
    /// restore picks.
    backup_dir: Option<PathBuf>,
}

impl ShellHost {
    pub fn new(
        app: AppHandle<Wry>,
        pdf: std::sync::Arc<Renderer>,
        export_dir: Option<PathBuf>,
        backup_dir: Option<PathBuf>,
    ) -> Self {
        ShellHost { app, pdf, export_dir, backup_dir }
    }

    fn window(&self) -> Option<tauri::WebviewWindow<Wry>> {
        self.app.get_webview_window("main")
    }
}

impl Host for ShellHost {
    fn pick_folder(&self, purpose: FolderPurpose) -> Option<PathBuf> {
        let (preset, title) = match purpose {
            FolderPurpose::Backups => {
                (&self.backup_dir, "Choose the folder for backups (an external drive is best)")
            }
            FolderPurpose::FullExport => {
                (&self.export_dir, "Choose where to export the whole notebook (not encrypted)")
            }
        };
        if let Some(dir) = preset {
            return Some(dir.clone());
        }
        let window = self.window()?;
        window.dialog().file().set_parent(&window).set_title(title).blocking_pick_folder()?.into_path().ok()
    }

    fn pick_backup_file(&self) -> Option<PathBuf> {
        if let Some(dir) = &self.backup_dir {
            return backup::list(dir).pop();
        }
        let window = self.window()?;
        window
            .dialog()
            .file()
            .set_parent(&window)
            .set_title("Choose a Casebook backup to restore")
            .add_filter("Casebook backup", &[backup::EXTENSION])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    }

    fn pick_save(&self, file_name: &str, format: ExportFormat) -> Option<ExportTarget> {
        if let Some(dir) = &self.export_dir {
            return Some(ExportTarget::new_file(dir.join(file_name)));
        }
        let window = self.window()?;
        let chosen = window
            .dialog()
            .file()
            .set_parent(&window)
            .set_title("Save the export")
            .set_file_name(file_name)
            .add_filter(format.file_kind(), &[format.extension()])
            .blocking_save_file()?;
        chosen.into_path().ok().map(ExportTarget::chosen_in_dialog)
    }

    fn pdf(&self) -> &dyn PdfRenderer {
        self.pdf.as_ref()
    }

    fn after_lock(&self) {
        crate::restart_page(&self.app, "user");
    }
}
