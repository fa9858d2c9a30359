//! Backups: made into a folder the therapist chose, verified as they are made, and restored from
//! the lock screen (RELIABILITY.md R15, R16).
//!
//! A backup is one file (`container`): the notebook's encrypted database byte for byte, the key
//! file in force that day, and a checksum. Making one: the WAL is checkpointed, the file is
//! written under a temporary name and flushed, then read back, its database extracted beside it,
//! opened with the notebook's own key and checked whole (`integrity_check`,
//! `cipher_integrity_check`, a schema exactly as this build writes it) and compared, table by
//! table, with the notebook (`fingerprint`). Only then is it renamed to its final name and
//! recorded as the last verified backup. One that fails is renamed `….failed`, reported, and
//! never counted. A kill at any moment leaves either a verified backup under its final name or
//! none (only a `.partial` or `.failed` one, never listed).
//!
//! Restoring (`restore`) stages the backup inside the notebook's folder, shows what it holds,
//! and only on confirmation swaps it in; the notebook it replaces is moved to `set-aside/`,
//! never deleted.
//!
//! The folder is set only by the shell after the native folder dialog (the page never sends a
//! path), and is never the notebook's folder or inside it.
//!
//! What does not belong here: the key file's cryptography (`vault`), the lock state
//! (`notebook`), the window.

mod container;
mod fingerprint;
pub(crate) mod restore;

use crate::error::{Error, Result};
use crate::files;
use crate::location::Location;
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use crate::store::{OpenMode, Store};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub use restore::{BackupFileView, RestoreCredential, RestoreDone, RestorePreview};

/// The backup file's extension.
pub const EXTENSION: &str = "cbbackup";
const NAME_PREFIX: &str = "casebook-backup-";
const PARTIAL_PREFIX: &str = ".casebook-backup-partial-";
const VERIFY_PREFIX: &str = ".casebook-verify-";
/// Bounds of the settings the window may change.
pub const KEEP: std::ops::RangeInclusive<u32> = 1..=100;
pub const WARN_AFTER_DAYS: std::ops::RangeInclusive<u32> = 1..=90;
/// While the notebook is open and has changed, a backup is made at most this often.
pub const AUTOMATIC_EVERY_MINUTES: i64 = 60;

/// What Settings → Backups and the home screen's banner show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    /// The chosen folder, if any.
    pub folder: Option<String>,
    /// The drive or folder name to show ("USB DISK").
    pub place: Option<String>,
    /// The folder is there now (a drive may be unplugged).
    pub folder_available: bool,
    pub keep: u32,
    pub warn_after_days: u32,
    /// The last backup that was verified, if any.
    pub last: Option<LastBackup>,
    /// There are changes no backup holds yet.
    pub changed_since_last: bool,
    /// The home screen should ask for a backup: none yet, too old, or the folder is missing.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LastBackup {
    /// RFC 3339, UTC.
    pub made_at: String,
    pub file: String,
    pub bytes: u64,
    pub place: String,
}

/// The two backup preferences the window edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BackupPreferences {
    /// How many backups to keep in the folder (older ones are removed).
    pub keep: u32,
    /// Days after which the home screen asks for a backup.
    pub warn_after_days: u32,
}

/// A backup just made and verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupMade {
    pub file: String,
    pub bytes: u64,
    pub made_at: String,
    /// Old backups removed to keep the chosen number.
    pub removed: u32,
    pub took_ms: u64,
}

#[derive(Debug, Clone)]
struct Stored {
    folder: Option<PathBuf>,
    keep: u32,
    warn_after_days: u32,
    last_verified_at: Option<DateTime<Utc>>,
    last_file: Option<String>,
    last_bytes: Option<u64>,
    last_folder: Option<String>,
}

fn read(conn: &rusqlite::Connection) -> Result<Stored> {
    Ok(conn.query_row(
        "SELECT folder, keep, warn_after_days, last_verified_at, last_file, last_bytes, last_folder FROM backup_settings WHERE id = 1",
        [],
        |r| {
            Ok(Stored {
                folder: r.get::<_, Option<String>>(0)?.map(PathBuf::from),
                keep: r.get(1)?,
                warn_after_days: r.get(2)?,
                last_verified_at: r
                    .get::<_, Option<String>>(3)?
                    .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                    .map(|t| t.with_timezone(&Utc)),
                last_file: r.get(4)?,
                last_bytes: r.get::<_, Option<i64>>(5)?.and_then(|b| u64::try_from(b).ok()),
                last_folder: r.get(6)?,
            })
        },
    )?)
}

/// The drive's label when the folder is on a mounted drive (`/media/USER/LABEL/…`), else the
/// folder's own name: what "on …" says.
pub fn place_name(folder: &Path) -> String {
    let parts: Vec<String> =
        folder.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let label = match parts.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["/", "media", _user, label, ..] | ["/", "run", "media", _user, label, ..] => {
            Some((*label).to_string())
        }
        ["/", "Volumes", label, ..] => Some((*label).to_string()),
        _ => None,
    };
    label
        .or_else(|| folder.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| folder.display().to_string())
}

/// The backup state for the window.
pub fn status(open: &OpenNotebook) -> Result<BackupStatus> {
    let stored = read(open.store().conn())?;
    let now = open.clock().now();
    let folder_available = stored.folder.as_deref().is_some_and(Path::is_dir);
    let last = match (stored.last_verified_at, stored.last_file.clone()) {
        (Some(at), Some(file)) => Some(LastBackup {
            made_at: at.to_rfc3339(),
            file,
            bytes: stored.last_bytes.unwrap_or(0),
            place: stored.last_folder.clone().unwrap_or_default(),
        }),
        _ => None,
    };
    let too_old =
        stored.last_verified_at.is_none_or(|at| now - at > Duration::days(i64::from(stored.warn_after_days)));
    Ok(BackupStatus {
        folder: stored.folder.as_ref().map(|f| f.display().to_string()),
        place: stored.folder.as_deref().map(place_name),
        folder_available,
        keep: stored.keep,
        warn_after_days: stored.warn_after_days,
        last,
        changed_since_last: open.changed_since_backup(),
        overdue: too_old || !folder_available,
    })
}

/// Checks a folder for backups: an absolute path to an existing folder, not the notebook's
/// folder nor inside it (nothing but the store writes there).
fn check_folder(folder: &Path, location: &Location) -> Result<PathBuf> {
    if !folder.is_absolute() {
        return Err(Error::invalid("backupFolder", "Choose a folder with the folder dialog."));
    }
    let real = folder.canonicalize().map_err(|_| {
        Error::invalid(
            "backupFolder",
            "The backup folder is not there. If it is on a drive, plug the drive in, or choose another folder.",
        )
    })?;
    if !real.is_dir() {
        return Err(Error::invalid("backupFolder", "Choose a folder, not a file."));
    }
    let notebook = location.dir().canonicalize().unwrap_or_else(|_| location.dir().to_path_buf());
    if real.starts_with(&notebook) {
        return Err(Error::invalid(
            "backupFolder",
            "Backups cannot go in the notebook's own folder: a backup must survive the loss of that folder. Choose a folder on another drive.",
        ));
    }
    Ok(real)
}

/// Sets the backup folder (chosen by the therapist in the native dialog).
pub fn set_folder(open: &mut OpenNotebook, location: &Location, folder: &Path) -> Result<BackupStatus> {
    check_folder(folder, location)?;
    let text = folder.to_str().ok_or_else(|| {
        Error::invalid("backupFolder", "Casebook cannot use a folder whose name is not valid text.")
    })?;
    let change = open.change()?;
    change.execute("UPDATE backup_settings SET folder = ?1 WHERE id = 1", [text])?;
    audit::append(&change, AuditAction::Edited, Target::record(AuditTable::Settings, 1))?;
    change.commit()?;
    status(open)
}

/// Sets how many backups are kept and when the window asks for one.
pub fn set_preferences(open: &mut OpenNotebook, prefs: BackupPreferences) -> Result<BackupStatus> {
    if !KEEP.contains(&prefs.keep) {
        return Err(Error::invalid(
            "keep",
            format!("Keep between {} and {} backups.", KEEP.start(), KEEP.end()),
        ));
    }
    if !WARN_AFTER_DAYS.contains(&prefs.warn_after_days) {
        return Err(Error::invalid(
            "warnAfterDays",
            format!("Choose between {} and {} days.", WARN_AFTER_DAYS.start(), WARN_AFTER_DAYS.end()),
        ));
    }
    let change = open.change()?;
    change.execute(
        "UPDATE backup_settings SET keep = ?1, warn_after_days = ?2 WHERE id = 1",
        (prefs.keep, prefs.warn_after_days),
    )?;
    audit::append(&change, AuditAction::Edited, Target::record(AuditTable::Settings, 1))?;
    change.commit()?;
    status(open)
}

/// The backup folder, when one is set (exports never go there).
pub(crate) fn folder(open: &OpenNotebook) -> Option<PathBuf> {
    read(open.store().conn()).ok().and_then(|s| s.folder)
}

/// True when a backup folder is set: automatic backups are wanted.
pub(crate) fn folder_is_set(open: &OpenNotebook) -> bool {
    folder(open).is_some()
}

/// After a restore: the backup it came from is the last verified backup of what the notebook now
/// holds (it was checked whole before it was restored), so that is what Settings shows, rather
/// than whatever the backup itself remembered.
pub(crate) fn record_restored_from(
    open: &mut OpenNotebook,
    file: &Path,
    preview: &RestorePreview,
) -> Result<()> {
    let place = file.parent().map(place_name).unwrap_or_default();
    let change = open.change()?;
    change.execute(
        "UPDATE backup_settings SET last_verified_at = ?1, last_file = ?2, last_bytes = ?3, last_folder = ?4 WHERE id = 1",
        (&preview.made_at, &preview.file_name, i64::try_from(preview.bytes).unwrap_or(i64::MAX), place),
    )?;
    audit::append(&change, AuditAction::Edited, Target::record(AuditTable::Settings, 1))?;
    change.commit()
}

/// Makes a backup now, verifies it, records it, and removes backups beyond the number kept.
pub fn make(open: &mut OpenNotebook, location: &Location) -> Result<BackupMade> {
    let started = std::time::Instant::now();
    // Noted first, so an unplugged drive is tried again in an hour, not on every tick.
    open.note_backup_attempt();
    // A backup checkpoints the notebook (a write) and copies it: only a file known whole.
    open.settle(None)?;
    let stored = read(open.store().conn())?;
    let Some(chosen) = stored.folder.clone() else {
        return Err(Error::invalid("backupFolder", "Choose a backup folder first (Settings → Backups)."));
    };
    let folder = check_folder(&chosen, location)?;
    sweep_leftovers(&folder);
    let made_at = open.clock().now();
    let name = free_name(&folder, made_at);
    let partial = folder.join(format!("{PARTIAL_PREFIX}{:016x}", rand::random::<u64>()));
    let result = write_and_verify(open, location, &folder, &partial, made_at);
    let bytes = match result {
        Ok(bytes) => bytes,
        Err(err @ Error::Corrupt(_)) => {
            let failed = folder.join(format!("{name}.failed"));
            let kept = std::fs::rename(&partial, &failed).is_ok();
            tracing::warn!(kept, "a backup failed its verification");
            return Err(Error::Storage(format!(
                "The backup made just now did not pass its check ({err}), so it is not counted.{} Your notebook is unchanged; try again, or choose another backup folder.",
                if kept { format!(" It was kept aside as {name}.failed.") } else { String::new() }
            )));
        }
        Err(err) => {
            let _ = std::fs::remove_file(&partial);
            return Err(match err {
                Error::DiskFull => Error::Storage(
                    "The backup folder's disk is full, so no backup was made. Your notebook is unchanged; free some space or choose another folder.".into(),
                ),
                other => other,
            });
        }
    };
    let target = folder.join(&name);
    std::fs::rename(&partial, &target).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        container::backup_io("Could not name the backup", &e)
    })?;
    files::sync_dir(&folder).map_err(|_| Error::Storage("Could not flush the backup folder.".into()))?;
    let removed = prune(&folder, stored.keep);
    let change = open.change()?;
    change.execute(
        "UPDATE backup_settings SET last_verified_at = ?1, last_file = ?2, last_bytes = ?3, last_folder = ?4 WHERE id = 1",
        (made_at.to_rfc3339(), &name, i64::try_from(bytes).unwrap_or(i64::MAX), place_name(&chosen)),
    )?;
    audit::append(&change, AuditAction::BackedUp, Target::none())?;
    change.commit()?;
    open.note_backed_up();
    let took_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    tracing::info!(bytes, took_ms, removed, "backup made and verified");
    Ok(BackupMade { file: name, bytes, made_at: made_at.to_rfc3339(), removed, took_ms })
}

/// Writes the backup to `partial` and proves it: `Corrupt` when what was written does not read
/// back as the notebook, any other error when it could not be written at all.
fn write_and_verify(
    open: &OpenNotebook,
    location: &Location,
    folder: &Path,
    partial: &Path,
    made_at: DateTime<Utc>,
) -> Result<u64> {
    let conn = open.store().conn();
    let (busy, _, _): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    if busy != 0 {
        return Err(Error::Storage("The notebook is busy; the backup will be tried again.".into()));
    }
    let key_file = crate::notebook::keys_for_backup(location)?;
    key_file.verify(open.key())?;
    let db = location.db_path();
    let database_bytes =
        std::fs::metadata(&db).map_err(|e| Error::io("Could not read the notebook", &e))?.len();
    let header = container::Header {
        format: container::FORMAT,
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version: open.store().schema_version()?,
        made_at,
        key_file: String::from_utf8(key_file.to_bytes())
            .map_err(|_| Error::Storage("The key file is not text.".into()))?,
        database_bytes,
    };
    // The notebook's fingerprint is computed on a second connection while the file is copied:
    // one is CPU, the other the disk, and this machine has two cores. Nothing writes meanwhile
    // (the caller holds the notebook).
    let key = open.key();
    let (expected, bytes) = std::thread::scope(|scope| {
        let print = scope.spawn(|| Store::reader(&db, key).and_then(|reader| fingerprint::of(&reader)));
        let written = container::write(partial, &header, &db);
        let expected =
            print.join().map_err(|_| Error::Storage("The backup check stopped unexpectedly.".into()))?;
        Ok::<_, Error>((expected?, written?))
    })?;
    verify(partial, folder, open, &expected)?;
    Ok(bytes)
}

/// Reads the written backup back, opens its database with the notebook's key and compares it.
fn verify(
    partial: &Path,
    folder: &Path,
    open: &OpenNotebook,
    expected: &[fingerprint::TablePrint],
) -> Result<()> {
    let scratch = folder.join(format!("{VERIFY_PREFIX}{:016x}", rand::random::<u64>()));
    let outcome = (|| {
        let backup = container::read(partial, container::Reading::Extract { to: &scratch, durable: false })
            .map_err(|e| match e {
            Error::Invalid { message, .. } => Error::Corrupt(message),
            other => other,
        })?;
        backup
            .key_file
            .verify(open.key())
            .map_err(|_| Error::Corrupt("its key file does not match".into()))?;
        // The whole-file checks and the content's fingerprint run side by side, one per core.
        let key = open.key();
        let found = std::thread::scope(|scope| {
            let checked =
                scope.spawn(|| Store::open(&scratch, key, OpenMode::Inspect).and_then(Store::close));
            let found = Store::reader(&scratch, key).and_then(|reader| fingerprint::of(&reader));
            let checked = checked
                .join()
                .map_err(|_| Error::Storage("The backup check stopped unexpectedly.".into()))?;
            checked?;
            found
        })?;
        match fingerprint::first_difference(expected, &found) {
            Some(what) => Err(Error::Corrupt(what)),
            None => Ok(()),
        }
    })();
    remove_with_sides(&scratch);
    outcome
}

fn remove_with_sides(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Removes what an interrupted backup left (a partial file or a verification copy).
fn sweep_leftovers(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(PARTIAL_PREFIX) || name.starts_with(VERIFY_PREFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn free_name(folder: &Path, at: DateTime<Utc>) -> String {
    let stamp = at.format("%Y-%m-%d-%H%M%S").to_string();
    let mut name = format!("{NAME_PREFIX}{stamp}.{EXTENSION}");
    let mut n = 2;
    while folder.join(&name).exists() || folder.join(format!("{name}.failed")).exists() {
        name = format!("{NAME_PREFIX}{stamp}-{n}.{EXTENSION}");
        n += 1;
    }
    name
}

/// The verified backups in `folder`, oldest first (their names sort by time).
pub fn list(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(NAME_PREFIX) && n.ends_with(&format!(".{EXTENSION}")))
        })
        .collect();
    found.sort_by_key(|p| backup_sort_key(p));
    found
}

/// `casebook-backup-2026-12-02-101500-2.cbbackup` sorts after `…-101500.cbbackup`.
fn backup_sort_key(path: &Path) -> (String, u32) {
    let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or_default();
    let stamp = name.trim_start_matches(NAME_PREFIX);
    match stamp.get(17..).and_then(|s| s.strip_prefix('-')).and_then(|n| n.parse().ok()) {
        Some(n) => (stamp[..17].to_string(), n),
        None => (stamp.to_string(), 1),
    }
}

/// Removes the oldest verified backups beyond `keep`; returns how many went.
fn prune(folder: &Path, keep: u32) -> u32 {
    let all = list(folder);
    let extra = all.len().saturating_sub(keep as usize);
    let mut removed = 0;
    for old in &all[..extra] {
        if std::fs::remove_file(old).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests;
