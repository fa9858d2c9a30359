//! Where a notebook lives: a folder holding `notebook.db` and `notebook.key`.
//!
//! By default the OS data folder (`~/.local/share/Casebook` on Linux); a `--notebook PATH` flag
//! wins over the `CASEBOOK_NOTEBOOK` environment variable, which wins over the default. Tests
//! always pass a temporary folder.

use crate::error::{Error, Result};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable that names the notebook folder.
pub const NOTEBOOK_ENV: &str = "CASEBOOK_NOTEBOOK";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    dir: PathBuf,
}

impl Location {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Location { dir: dir.into() }
    }

    /// Picks the folder: the flag, else the environment variable, else the OS data folder.
    pub fn resolve(flag: Option<PathBuf>, env: Option<OsString>) -> Result<Location> {
        if let Some(dir) = flag.filter(|p| !p.as_os_str().is_empty()) {
            return Ok(Location::new(dir));
        }
        if let Some(dir) = env.filter(|p| !p.is_empty()) {
            return Ok(Location::new(PathBuf::from(dir)));
        }
        dirs::data_dir().map(|d| Location::new(d.join("Casebook"))).ok_or_else(|| {
            Error::Storage("This system has no user data folder; start Casebook with --notebook PATH.".into())
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.join("notebook.db")
    }

    pub fn key_path(&self) -> PathBuf {
        self.dir.join("notebook.key")
    }

    /// The second copy of the key file, rewritten with the first: a damaged or overwritten key
    /// file must not lose the notebook.
    pub fn key_copy_path(&self) -> PathBuf {
        self.dir.join("notebook.key.copy")
    }

    /// Present while a notebook is being created and removed once its key file is saved: a
    /// database without a key file is cleared away only when this marker says creation was
    /// interrupted; otherwise it is a notebook whose key file was lost, and is never deleted.
    pub fn creating_marker_path(&self) -> PathBuf {
        self.dir.join("notebook.creating")
    }

    /// True when anything of a notebook is here (a key file, its copy or a database): such a
    /// folder is opened or reported damaged, never overwritten by a new notebook.
    pub fn holds_a_notebook(&self) -> bool {
        self.key_path().exists() || self.key_copy_path().exists() || self.has_database()
    }

    /// True when a database file is here, whatever its state.
    pub fn has_database(&self) -> bool {
        std::fs::symlink_metadata(self.db_path()).is_ok()
    }

    /// The database's side files (WAL and shared memory).
    pub fn db_side_paths(&self) -> [PathBuf; 2] {
        [self.dir.join("notebook.db-wal"), self.dir.join("notebook.db-shm")]
    }
}

/// Exclusive use of a notebook folder by this process, held for as long as the value lives.
///
/// The desktop's single-instance plugin focuses a running window instead of starting a second
/// one; this OS file lock is the backstop that makes two writers on one notebook impossible even
/// when that fails (another build, another identifier, a command-line tool).
#[derive(Debug)]
pub struct Claim {
    _file: std::fs::File,
}

impl Location {
    /// Claims the folder (creating it, owner-only) or says it is open elsewhere.
    pub fn claim(&self) -> Result<Claim> {
        crate::files::ensure_private_dir(&self.dir)?;
        let path = self.dir.join("notebook.lock");
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&path).map_err(|e| Error::io("Could not open the notebook folder", &e))?;
        match file.try_lock() {
            Ok(()) => Ok(Claim { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Conflict(
                "This notebook is already open in another Casebook window. Close that one first.".into(),
            )),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io("Could not lock the notebook folder", &e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_can_be_claimed_by_one_holder_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let location = Location::new(dir.path().join("nb"));
        let first = location.claim().unwrap();
        assert!(matches!(location.claim(), Err(Error::Conflict(_))));
        drop(first);
        location.claim().unwrap();
    }

    #[test]
    fn the_flag_wins_over_the_environment_which_wins_over_the_default() {
        let flag = Some(PathBuf::from("/tmp/a"));
        let env = Some(OsString::from("/tmp/b"));
        assert_eq!(Location::resolve(flag, env.clone()).unwrap().dir(), Path::new("/tmp/a"));
        assert_eq!(Location::resolve(None, env).unwrap().dir(), Path::new("/tmp/b"));
        let default = Location::resolve(None, Some(OsString::new())).unwrap();
        assert!(default.dir().ends_with("Casebook"));
    }
}
