//! Durable, private files: owner-only permissions and atomic replacement.
//!
//! Everything the notebook keeps on disk goes through here so that the two promises hold in one
//! place: files are 0600 and folders 0700 (on Unix; other platforms rely on the per-user data
//! folder), and a replaced file is either wholly old or wholly new after a crash (write a temporary
//! file in the same folder, fsync it, rename it over the target, fsync the folder).

use crate::error::{Error, Result};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// Prefix of the temporary files [`replace_atomically`] writes; stale ones are removed at open.
pub(crate) const TEMP_PREFIX: &str = ".casebook-tmp-";

/// Creates `dir` (and parents) if needed and makes it owner-only.
pub(crate) fn ensure_private_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| Error::io("Could not create the notebook folder", &e))?;
    set_mode(dir, 0o700)
}

/// Makes an existing file owner-only.
pub(crate) fn make_private(path: &Path) -> Result<()> {
    set_mode(path, 0o600)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let meta = fs::metadata(path).map_err(|e| Error::io("Could not read file permissions", &e))?;
    if meta.permissions().mode() & 0o777 != mode {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io("Could not make the notebook private to this user", &e))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> Result<()> {
    // Windows and other platforms: the notebook lives in the user's own profile folder, whose ACL
    // already excludes other users.
    Ok(())
}

/// The permission bits of `path` (Unix), for checks and tests.
#[cfg(unix)]
pub fn mode_of(path: &Path) -> std::io::Result<u32> {
    use std::os::unix::fs::PermissionsExt;
    Ok(fs::metadata(path)?.permissions().mode() & 0o777)
}

/// Creates a new, empty, owner-only file; fails if it exists.
pub(crate) fn create_private_file(path: &Path) -> Result<File> {
    new_private_file().open(path).map_err(|e| Error::io("Could not create a notebook file", &e))
}

/// Options that create a new file, owner-only from its first byte.
fn new_private_file() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Replaces `target` with `bytes` so that a crash at any moment leaves either the old or the new
/// content, never a mix, and the new content is on disk before this returns.
pub(crate) fn replace_atomically(target: &Path, bytes: &[u8]) -> Result<()> {
    replace_with(target, bytes, TEMP_PREFIX, &Error::io)
}

/// [`replace_atomically`] with the temporary file's prefix and the I/O error wording chosen by
/// the caller (exports must not name the path, and speak of the export, not the notebook).
pub(crate) fn replace_with(
    target: &Path,
    bytes: &[u8],
    temp_prefix: &str,
    fail: &dyn Fn(&str, &std::io::Error) -> Error,
) -> Result<()> {
    let dir = target.parent().ok_or_else(|| Error::Storage("The path has no folder.".into()))?;
    let temp = dir.join(format!("{temp_prefix}{:016x}", rand::random::<u64>()));
    let result = (|| {
        let mut file = new_private_file().open(&temp).map_err(|e| fail("Could not create the file", &e))?;
        file.write_all(bytes).map_err(|e| fail("Could not write the file", &e))?;
        file.sync_all().map_err(|e| fail("Could not flush the file", &e))?;
        drop(file);
        fs::rename(&temp, target).map_err(|e| fail("Could not replace the file", &e))?;
        #[cfg(unix)]
        File::open(dir).and_then(|d| d.sync_all()).map_err(|e| fail("Could not flush the folder", &e))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Flushes a folder's entries (a rename is durable only after this).
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io("Could not flush the notebook folder", &e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Removes temporary files left by an interrupted [`replace_atomically`].
pub(crate) fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn replacement_is_private_and_complete() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("k");
        replace_atomically(&target, b"one").unwrap();
        replace_atomically(&target, b"two").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        assert_eq!(mode_of(&target).unwrap(), 0o600);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    }

    #[test]
    fn private_dir_is_tightened() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("nb");
        fs::create_dir(&sub).unwrap();
        fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).unwrap();
        ensure_private_dir(&sub).unwrap();
        assert_eq!(mode_of(&sub).unwrap(), 0o700);
    }
}
