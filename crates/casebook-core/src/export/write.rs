//! Writing an export to the path the therapist chose, safely: a temporary file in the same
//! folder, owner-only (0600) from its first byte, flushed to disk, then renamed over the target
//! and the folder flushed. A folder that cannot be written, or a full disk, gives a clear error
//! and leaves nothing behind: neither a half-written file nor the temporary one.
//!
//! Error messages never carry the path: a file name may hold a client's name.

use crate::error::{Error, Result};
use crate::files;
use std::io::ErrorKind;
use std::path::Path;

/// Prefix of the temporary file written next to the target.
const TEMP_PREFIX: &str = ".casebook-export-";

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

/// Writes `bytes` to `target`, replacing a file already there (the save dialog asked first).
/// The path must be absolute: a relative one would land wherever the app happened to start.
pub fn write_export(target: &Path, bytes: &[u8]) -> Result<u64> {
    if !target.is_absolute() || target.file_name().is_none_or(|n| n.is_empty()) {
        return Err(Error::invalid("path", "Choose a file name to save the export as."));
    }
    if target.is_dir() {
        return Err(Error::invalid("path", "That is a folder. Choose a file name to save the export as."));
    }
    files::replace_with(target, bytes, TEMP_PREFIX, &|_, e| failed(e))?;
    Ok(bytes.len() as u64)
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

    #[test]
    fn a_relative_path_is_refused_and_nothing_is_written() {
        let err = write_export(Path::new("summary.md"), b"text").unwrap_err();
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "path"));
        assert!(!Path::new("summary.md").exists());
    }

    #[test]
    fn the_file_is_complete_and_owner_only_and_no_temporary_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("summary.pdf");
        assert_eq!(write_export(&target, b"first").unwrap(), 5);
        assert_eq!(write_export(&target, b"second").unwrap(), 6);
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
        let result = write_export(&target, b"content");
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
            write_export(&dir.path().join("nope/x.pdf"), b"x")
                .unwrap_err()
                .to_string()
                .contains("does not exist")
        );
        assert!(matches!(write_export(dir.path(), b"x"), Err(Error::Invalid { .. })));
        assert!(entries(dir.path()).is_empty());
    }
}
