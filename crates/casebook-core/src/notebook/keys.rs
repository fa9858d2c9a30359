//! The notebook's two key files: `notebook.key` and its copy `notebook.key.copy`.
//!
//! Both hold the same document and are rewritten together (the first, then the copy), each
//! atomically. Reading prefers the first and falls back to the copy when the first is missing or
//! damaged; after an unlock both are made whole again from the one that opened. A crash between
//! the two writes leaves the first newer than the copy, and the first is what opens, so a
//! passphrase change still leaves exactly one of the old and the new passphrase working.
//!
//! What does not belong here: the key file's format and cryptography (`vault`).

use crate::error::{Error, Result};
use crate::location::Location;
use crate::vault::KeyFile;

fn missing_key_file() -> Error {
    Error::Corrupt(
        "The notebook's key file (notebook.key) is missing, so the notebook cannot be opened. Restore the key file from a backup; Casebook has not changed anything."
            .into(),
    )
}

/// Reads the key file, or its copy when the first is missing or damaged.
pub(super) fn load(location: &Location) -> Result<KeyFile> {
    let primary = KeyFile::load(&location.key_path());
    let first_error = match primary {
        Ok(file) => return Ok(file),
        Err(err @ Error::Incompatible(_)) => return Err(err),
        Err(err) => err,
    };
    match KeyFile::load(&location.key_copy_path()) {
        Ok(file) => {
            tracing::warn!("the key file is missing or damaged; its copy is used and repairs it");
            Ok(file)
        }
        Err(err @ Error::Incompatible(_)) => Err(err),
        Err(_) => match first_error {
            Error::NotFound(_) if location.has_database() => Err(missing_key_file()),
            other => Err(other),
        },
    }
}

/// The key file's structure (no checksum) from either file, for the recovery code's last
/// resort when both are damaged.
pub(super) fn load_any_structure(location: &Location) -> Option<KeyFile> {
    KeyFile::load_structure(&location.key_path())
        .or_else(|| KeyFile::load_structure(&location.key_copy_path()))
}

/// Writes `file` as the key file and then as its copy.
pub(super) fn save(location: &Location, file: &KeyFile) -> Result<()> {
    file.save(&location.key_path())?;
    file.save(&location.key_copy_path())
}

/// After an unlock with `file`: rewrites whichever of the two files is missing, damaged or
/// different. A failure is logged, not reported: the notebook is open and the next unlock tries
/// again.
pub(super) fn make_whole(location: &Location, file: &KeyFile) {
    for path in [location.key_path(), location.key_copy_path()] {
        let same = KeyFile::load(&path).is_ok_and(|on_disk| on_disk.same_file_as(file));
        if !same && let Err(err) = file.save(&path) {
            tracing::warn!(kind = ?err.kind(), "a key file could not be restored");
        }
    }
}
