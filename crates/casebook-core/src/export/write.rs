//! Writing an export where the therapist chose, safely.
//!
//! The page never names a path. The shell asks the therapist with the native save dialog (or, in
//! end-to-end tests only, uses a folder given on the command line) and hands the engine an
//! [`ExportTarget`]; the engine checks it again as if an attacker had chosen it: an absolute path
//! with a file name and no `.` or `..` parts; not a link, a folder or any other non-regular file;
//! an existing file only when the therapist confirmed replacing it in the dialog; and never inside
//! the notebook's folder (or a backup folder), whatever links lead there. A notebook's key file
//! overwritten by an export would lose every record for good.
//!
//! The bytes go to a temporary file in the same folder, owner-only (0600) from its first byte,
//! flushed to disk, then renamed over the target and the folder flushed; a rename replaces a
//! directory entry and never writes through a link. A folder that cannot be written, or a full
//! disk, gives a clear error and leaves nothing behind. Error messages never carry the path: a
//! file name may hold a client's name.

use crate::error::{Error, Result};
use crate::files;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

/// Prefix of the temporary file written next to the target.
const TEMP_PREFIX: &str = ".casebook-export-";

/// Where an export is to be written, and whether the therapist agreed to replace a file there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportTarget {
    path: PathBuf,
    replace_confirmed: bool,
}

impl ExportTarget {
    /// A path the therapist chose in the native save dialog, which asks before it replaces a file.
    pub fn chosen_in_dialog(path: impl Into<PathBuf>) -> Self {
        ExportTarget { path: path.into(), replace_confirmed: true }
    }

    /// A path nobody confirmed: an existing file there is refused, not replaced.
    pub fn new_file(path: impl Into<PathBuf>) -> Self {
        ExportTarget { path: path.into(), replace_confirmed: false }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn failed(err: &std::io::Error) -> Error {
    match err.kind() {
        ErrorKind::StorageFull => Error::DiskFull,
        _ if err.raw_os_error() == Some(28) => Error::DiskFull,
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Error::Storage(
            "The export was not written: that folder cannot be written to. Choose another folder.".into(),
        ),
        ErrorKind::NotFound => Error::Storage(
            "The export was not written: that folder does not exist. Choose another folder.".into(),
        ),
        kind => Error::Storage(format!("The export was not written ({kind}). Choose another folder.")),
    }
}

fn refused(message: &str) -> Error {
    Error::invalid("path", message)
}

/// Checks `target` and writes `bytes` there. `protected` are the folders no export may enter:
/// the notebook's own and any backup folder.
pub fn write_export(target: &ExportTarget, protected: &[PathBuf], bytes: &[u8]) -> Result<u64> {
    check_target(target, protected)?;
    files::replace_with(&target.path, bytes, TEMP_PREFIX, &|_, e| failed(e))?;
    Ok(bytes.len() as u64)
}

fn check_target(target: &ExportTarget, protected: &[PathBuf]) -> Result<()> {
    let path = &target.path;
    let plain = path
        .components()
        .all(|c| matches!(c, Component::RootDir | Component::Prefix(_) | Component::Normal(_)));
    if !path.is_absolute() || !plain {
        return Err(refused("Choose where to save the export in the save dialog."));
    }
    let Some(name) = path.file_name().filter(|n| !n.is_empty()) else {
        return Err(refused("Choose a file name to save the export as."));
    };
    if name.to_string_lossy().starts_with(TEMP_PREFIX)
        || name.to_string_lossy().starts_with(files::TEMP_PREFIX)
    {
        return Err(refused("That name is reserved for Casebook's temporary files. Choose another name."));
    }
    let folder = path.parent().ok_or_else(|| refused("Choose a folder to save the export in."))?;
    let folder = std::fs::canonicalize(folder).map_err(|e| failed(&e))?;
    for guarded in protected {
        let guarded = std::fs::canonicalize(guarded).unwrap_or_else(|_| guarded.clone());
        if folder.starts_with(&guarded) {
            return Err(refused(
                "Casebook does not save exports in the notebook's folder or a backup folder: a file there could replace the notebook's own. Choose another folder.",
            ));
        }
    }
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(refused(
                "That name is a link to another file. Casebook saves exports only as ordinary files: choose another name.",
            ));
        }
        Ok(meta) if meta.is_dir() => {
            return Err(refused("That is a folder. Choose a file name to save the export as."));
        }
        Ok(meta) if !meta.is_file() => {
            return Err(refused("That is not an ordinary file. Choose another name."));
        }
        Ok(_) if !target.replace_confirmed => {
            return Err(Error::Conflict(
                "A file with that name is already there, and replacing it was not confirmed. Nothing was written; choose another name.".into(),
            ));
        }
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(failed(&e)),
    }
    Ok(())
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::PermissionsExt;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn write_new(path: &Path, bytes: &[u8]) -> Result<u64> {
        write_export(&ExportTarget::new_file(path), &[], bytes)
    }

    #[test]
    fn a_relative_path_is_refused_and_nothing_is_written() {
        let err = write_new(Path::new("summary.md"), b"text").unwrap_err();
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "path"));
        assert!(!Path::new("summary.md").exists());
    }

    #[test]
    fn the_file_is_complete_and_owner_only_and_no_temporary_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("summary.pdf");
        assert_eq!(write_new(&target, b"first").unwrap(), 5);
        // Replacing needs the dialog's confirmation.
        assert!(matches!(write_new(&target, b"second"), Err(Error::Conflict(_))));
        assert_eq!(fs::read(&target).unwrap(), b"first");
        assert_eq!(write_export(&ExportTarget::chosen_in_dialog(&target), &[], b"second").unwrap(), 6);
        assert_eq!(fs::read(&target).unwrap(), b"second");
        assert_eq!(files::mode_of(&target).unwrap(), 0o600);
        assert_eq!(entries(dir.path()), ["summary.pdf"]);
    }

    #[test]
    fn a_read_only_folder_gives_a_clear_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).unwrap();
        let target = locked.join("Thandi summary.pdf");
        let result = write_new(&target, b"content");
        let probe = fs::write(locked.join("probe"), b"x").is_ok();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).unwrap();
        if probe {
            return; // running as root: permissions do not stop writes here
        }
        let err = result.unwrap_err();
        assert!(err.to_string().contains("cannot be written"), "{err}");
        assert!(!err.to_string().contains("Thandi"));
        assert!(entries(&locked).is_empty());
    }

    #[test]
    fn a_missing_folder_or_a_folder_as_target_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            write_new(&dir.path().join("nope/x.pdf"), b"x")
                .unwrap_err()
                .to_string()
                .contains("does not exist")
        );
        let confirmed = ExportTarget::chosen_in_dialog(dir.path());
        assert!(matches!(write_export(&confirmed, &[], b"x"), Err(Error::Invalid { .. })));
        assert!(entries(dir.path()).is_empty());
    }

    /// R27: whatever path reaches the engine, confirmed or not, nothing lands in the notebook's
    /// folder or a backup folder, through a link or a `..`, and no link or special file is
    /// replaced. Each refusal leaves every byte where it was.
    #[test]
    fn hostile_targets_are_refused_and_nothing_changes() {
        use std::os::unix::fs::symlink;
        let root = tempfile::tempdir().unwrap();
        let nb = root.path().join("notebook");
        let backups = root.path().join("backups");
        let out = root.path().join("out");
        for d in [&nb, &backups, &out] {
            fs::create_dir(d).unwrap();
        }
        fs::write(nb.join("notebook.key"), b"KEY").unwrap();
        fs::write(nb.join("notebook.db"), b"DB").unwrap();
        fs::write(backups.join("b1.casebook"), b"BACKUP").unwrap();
        fs::write(out.join("unrelated.txt"), b"MINE").unwrap();
        symlink(nb.join("notebook.key"), out.join("link-to-key.pdf")).unwrap();
        symlink(&nb, out.join("nb-folder")).unwrap();
        symlink(out.join("missing"), out.join("dangling.pdf")).unwrap();
        let protected = vec![nb.clone(), backups.clone()];
        let snapshot = || {
            let mut all = Vec::new();
            for d in [&nb, &backups, &out] {
                for name in entries(d) {
                    let p = d.join(&name);
                    let meta = fs::symlink_metadata(&p).unwrap();
                    let body = if meta.is_file() { fs::read(&p).unwrap() } else { Vec::new() };
                    all.push((p, meta.file_type().is_symlink(), body));
                }
            }
            all
        };
        let before = snapshot();
        let fifo = out.join("pipe.pdf");
        let made_fifo = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
        let before = if made_fifo { snapshot() } else { before };
        let mut cases: Vec<PathBuf> = vec![
            nb.join("notebook.key"),
            nb.join("notebook.db"),
            nb.join("new-file.pdf"),
            nb.join("notebook.key.copy"),
            backups.join("b1.casebook"),
            backups.join("summary.pdf"),
            out.join("../notebook/notebook.key"),
            out.join("nb-folder/notebook.key"),
            out.join("nb-folder/summary.pdf"),
            out.join("link-to-key.pdf"),
            out.join("dangling.pdf"),
            out.join("unrelated.txt"),
            out.clone(),
            PathBuf::from("/"),
            PathBuf::from("relative.pdf"),
            out.join(".casebook-tmp-0000000000000001"),
        ];
        if made_fifo {
            cases.push(fifo.clone());
        }
        for path in cases {
            for target in [ExportTarget::chosen_in_dialog(&path), ExportTarget::new_file(&path)] {
                if path.ends_with("unrelated.txt") && target.replace_confirmed {
                    continue; // confirmed in the dialog: replacing it is what she asked for
                }
                let err = write_export(&target, &protected, b"EXPORT").unwrap_err();
                assert!(
                    matches!(err, Error::Invalid { .. } | Error::Conflict(_)),
                    "{}: {err:?}",
                    path.display()
                );
                assert!(!err.to_string().contains("notebook.key"), "the message names no path");
                assert_eq!(snapshot(), before, "{} changed something", path.display());
            }
        }
        // The same folder, chosen properly, works.
        write_export(&ExportTarget::new_file(out.join("summary.pdf")), &protected, b"EXPORT").unwrap();
        assert_eq!(fs::read(nb.join("notebook.key")).unwrap(), b"KEY");
    }
}
