//! Restoring a backup into the notebook's folder, so that a kill at any moment leaves exactly one
//! notebook that opens: the old one until the swap is decided, the restored one after.
//!
//! 1. **Stage**: the backup is checked (checksum), its key file opened with the credential, its
//!    database extracted to `restoring/` inside the notebook folder and opened there with
//!    [`OpenMode::Inspect`] (checked whole, schema exact, not migrated). The preview comes from
//!    it. Nothing of the current notebook has been touched.
//! 2. **Decide**: on confirmation, a marker (`notebook.restoring`) naming a new `set-aside/…`
//!    folder is written atomically. From this moment the restore will finish.
//! 3. **Swap**: the current notebook's files (database, WAL, shared memory, both key files) are
//!    moved into the set-aside folder and the staged ones moved in; then the marker goes.
//!
//! [`finish_interrupted`] runs before any notebook is opened: with a marker it completes step 3
//! (every move is idempotent), without one it removes a stale `restoring/` folder. The notebook
//! that was replaced is never deleted.

use super::container;
use crate::error::{Error, Result};
use crate::files;
use crate::location::Location;
use crate::store::{OpenMode, Store};
use crate::vault::{DataKey, VaultConfig};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// How the therapist proves she may open the backup.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum RestoreCredential {
    /// The passphrase the notebook had when the backup was made.
    #[serde(rename_all = "camelCase")]
    Passphrase { passphrase: String },
    /// The recovery code of that day, with a new passphrase for the restored notebook.
    #[serde(rename_all = "camelCase")]
    RecoveryCode { recovery_code: String, new_passphrase: String },
}

/// A backup file chosen in the dialog, as far as can be read without a passphrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFileView {
    pub file_name: String,
    pub made_at: String,
    pub app_version: String,
    pub bytes: u64,
}

/// What a backup holds, shown before anything changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestorePreview {
    pub file_name: String,
    pub made_at: String,
    pub app_version: String,
    pub schema_version: u32,
    /// The backup file's size.
    pub bytes: u64,
    pub cases: u64,
    pub open_cases: u64,
    /// Session notes and process notes.
    pub notes: u64,
    /// The most recent change it holds (RFC 3339), from its audit trail.
    pub last_change_at: Option<String>,
    /// A notebook is in the folder now and will be kept aside.
    pub replaces_a_notebook: bool,
    /// The backup is of the notebook in the folder (same key file id); false for another one or
    /// when there is none.
    pub same_notebook: bool,
}

/// The restore is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreDone {
    /// Where the replaced notebook was moved, if there was one.
    pub set_aside: Option<String>,
    pub status: crate::notebook::NotebookStatus,
}

const STAGING: &str = "restoring";
const MARKER: &str = "notebook.restoring";
const SET_ASIDE: &str = "set-aside";
/// Moved in from the staging folder, in this order.
const INCOMING: [&str; 3] = ["notebook.db", "notebook.key", "notebook.key.copy"];
/// The old notebook's side files: while the marker is there the staged database has never been
/// opened in place, so any WAL or shared-memory file beside it is the old notebook's.
const OLD_SIDES: [&str; 2] = ["notebook.db-wal", "notebook.db-shm"];

#[derive(Serialize, Deserialize)]
struct Marker {
    set_aside: String,
}

fn staging(location: &Location) -> PathBuf {
    location.dir().join(STAGING)
}

/// Reads and checks a backup file chosen in the dialog (no passphrase needed).
pub(crate) fn look_at(path: &Path) -> Result<BackupFileView> {
    let backup = container::read(path, container::Reading::Whole)?;
    Ok(BackupFileView {
        file_name: file_name(path),
        made_at: backup.header.made_at.to_rfc3339(),
        app_version: backup.header.app_version,
        bytes: backup.bytes,
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Step 1: stages the backup and returns its key and what it holds.
pub(crate) fn stage(
    location: &Location,
    path: &Path,
    credential: &RestoreCredential,
    vault: &VaultConfig,
) -> Result<(DataKey, RestorePreview)> {
    finish_interrupted(location)?;
    discard(location);
    let backup = container::read(path, container::Reading::Header)?;
    let (key, key_file) = match credential {
        RestoreCredential::Passphrase { passphrase } => {
            (backup.key_file.unlock(passphrase, vault)?, backup.key_file.clone())
        }
        RestoreCredential::RecoveryCode { recovery_code, new_passphrase } => {
            crate::vault::check_new_passphrase(new_passphrase, "newPassphrase")?;
            let key = backup.key_file.unlock_with_recovery(recovery_code, vault)?;
            let next = backup.key_file.with_new_passphrase(&key, new_passphrase, vault)?;
            (key, next)
        }
    };
    files::ensure_private_dir(location.dir())?;
    let dir = staging(location);
    files::ensure_private_dir(&dir)?;
    let result = (|| {
        let db = dir.join("notebook.db");
        let again = container::read(path, container::Reading::Extract { to: &db, durable: true })?;
        if !again.key_file.same_file_as(&backup.key_file) {
            return Err(Error::invalid(
                "backup",
                "The backup changed while it was being read. Nothing was changed.",
            ));
        }
        let store = Store::open(&db, &key, OpenMode::Inspect).map_err(|err| match err {
            Error::Corrupt(m) => Error::invalid(
                "backup",
                format!("The backup does not open as a notebook: {m} Nothing was changed."),
            ),
            Error::Incompatible(m) => Error::Incompatible(format!("This backup cannot be restored: {m}")),
            other => other,
        })?;
        let preview = preview(&store, &backup, path, location)?;
        store.close()?;
        for side in ["notebook.db-wal", "notebook.db-shm"] {
            let _ = std::fs::remove_file(dir.join(side));
        }
        key_file.save(&dir.join("notebook.key"))?;
        key_file.save(&dir.join("notebook.key.copy"))?;
        files::sync_dir(&dir)?;
        Ok(preview)
    })();
    match result {
        Ok(preview) => Ok((key, preview)),
        Err(err) => {
            discard(location);
            Err(err)
        }
    }
}

fn preview(
    store: &Store,
    backup: &container::Backup,
    path: &Path,
    location: &Location,
) -> Result<RestorePreview> {
    let conn = store.conn();
    let count =
        |sql: &str| -> Result<u64> { Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))?.max(0) as u64) };
    let cases = count("SELECT count(*) FROM case_file")?;
    let closed = count("SELECT count(*) FROM case_file WHERE status = 'closed'").unwrap_or(0);
    let notes = count("SELECT (SELECT count(*) FROM session_note) + (SELECT count(*) FROM process_note)")?;
    let last_change_at: Option<String> =
        conn.query_row("SELECT max(at) FROM audit_entry", [], |r| r.get(0)).ok().flatten();
    let current = crate::notebook::keys_for_backup(location).ok();
    Ok(RestorePreview {
        file_name: file_name(path),
        made_at: backup.header.made_at.to_rfc3339(),
        app_version: backup.header.app_version.clone(),
        schema_version: store.schema_version()?,
        bytes: backup.bytes,
        cases,
        open_cases: cases.saturating_sub(closed),
        notes,
        last_change_at,
        replaces_a_notebook: location.holds_a_notebook(),
        same_notebook: current.is_some_and(|k| k.notebook_id() == backup.key_file.notebook_id()),
    })
}

/// Removes a staged restore that was not confirmed.
pub(crate) fn discard(location: &Location) {
    let dir = staging(location);
    if dir.exists() && !location.dir().join(MARKER).exists() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Steps 2 and 3: decides the restore and swaps the staged notebook in. Returns the set-aside
/// folder when a notebook was replaced.
pub(crate) fn commit(location: &Location, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    let dir = staging(location);
    if INCOMING.iter().any(|f| !dir.join(f).is_file()) {
        return Err(Error::Conflict("The restore was not prepared; choose the backup again.".into()));
    }
    let replaces = location.holds_a_notebook();
    let base = format!("{}", now.format("%Y-%m-%d-%H%M%S"));
    let root = location.dir().join(SET_ASIDE);
    let mut name = base.clone();
    let mut n = 2;
    while root.join(&name).exists() {
        name = format!("{base}-{n}");
        n += 1;
    }
    files::ensure_private_dir(&root)?;
    files::ensure_private_dir(&root.join(&name))?;
    files::sync_dir(&root)?;
    let marker = Marker { set_aside: name.clone() };
    let bytes =
        serde_json::to_vec(&marker).map_err(|_| Error::Storage("Could not start the restore.".into()))?;
    files::replace_atomically(&location.dir().join(MARKER), &bytes)?;
    roll_forward(location, &name)?;
    Ok(replaces.then(|| root.join(name)))
}

/// Completes a restore a kill interrupted, or clears a staged one that was never confirmed.
pub(crate) fn finish_interrupted(location: &Location) -> Result<()> {
    let marker_path = location.dir().join(MARKER);
    match std::fs::read(&marker_path) {
        Ok(bytes) => {
            let marker: Marker = serde_json::from_slice(&bytes).map_err(|_| {
                Error::Corrupt("An interrupted restore left a damaged marker (notebook.restoring); Casebook has not changed anything.".into())
            })?;
            if marker.set_aside.is_empty()
                || marker.set_aside.contains(['/', '\\'])
                || marker.set_aside.starts_with('.')
            {
                return Err(Error::Corrupt("An interrupted restore left a damaged marker (notebook.restoring); Casebook has not changed anything.".into()));
            }
            tracing::warn!("finishing a restore that was interrupted");
            roll_forward(location, &marker.set_aside)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            discard(location);
            Ok(())
        }
        Err(e) => Err(Error::io("Could not read the notebook folder", &e)),
    }
}

/// Step 3, idempotent: every move is a rename inside one file system, and each is done only if
/// its source is still there.
fn roll_forward(location: &Location, set_aside: &str) -> Result<()> {
    let dir = location.dir();
    let aside = dir.join(SET_ASIDE).join(set_aside);
    files::ensure_private_dir(&aside)?;
    let moved = |from: &Path, to: &Path| -> Result<()> {
        std::fs::rename(from, to)
            .map_err(|e| Error::io("Could not move a notebook file during the restore", &e))
    };
    for side in OLD_SIDES {
        if std::fs::symlink_metadata(dir.join(side)).is_ok() {
            moved(&dir.join(side), &aside.join(side))?;
        }
    }
    let staged = staging(location);
    for name in INCOMING {
        if staged.join(name).exists() {
            if std::fs::symlink_metadata(dir.join(name)).is_ok() {
                moved(&dir.join(name), &aside.join(name))?;
            }
            files::sync_dir(&aside)?;
            moved(&staged.join(name), &dir.join(name))?;
        }
    }
    files::sync_dir(dir)?;
    std::fs::remove_file(dir.join(MARKER)).map_err(|e| Error::io("Could not finish the restore", &e))?;
    files::sync_dir(dir)?;
    let _ = std::fs::remove_dir_all(&staged);
    // A set-aside folder that received nothing (there was no notebook) is not kept.
    if std::fs::read_dir(&aside).is_ok_and(|mut d| d.next().is_none()) {
        let _ = std::fs::remove_dir(&aside);
        let _ = std::fs::remove_dir(dir.join(SET_ASIDE));
    }
    Ok(())
}
