//! The notebook as the window sees it: locked or open, and everything that moves it between the two.
//!
//! [`Notebook`] owns the lock state. While locked it holds no key and no connection, and every data
//! call answers [`Error::Locked`]. Unlocking proves the passphrase against the key file, opens the
//! store and remembers the therapist's activity; after the idle limit (Settings, or an override for
//! tests) the next call or the shell's idle timer locks it again. Failed unlocks are throttled in
//! memory with a growing delay after five attempts: Argon2id, not this counter, is what protects the
//! file from an attacker who copies it.
//!
//! Unlocks, failed unlocks and locks are audit entries (`record::audit`). A failed unlock happens
//! with no database open, so failures are counted here and written as one `unlock_failed` entry
//! (with the count) at the next successful unlock. Locking must always succeed, so a lock entry
//! that cannot be written (a full disk) is logged and the lock goes ahead.
//!
//! What does not belong here: key derivation (`vault`), SQL (`store` and the domain modules).

mod keys;
mod throttle;

use crate::backup::{self, restore};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::files;
use crate::location::Location;
use crate::record::audit::{self, AuditAction, AuditTable, Change, Target};
use crate::settings::Settings;
use crate::store::{OpenMode, Store};
use crate::vault::{self, DataKey, KeyFile, VaultConfig};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use throttle::Throttle;
use ts_rs::TS;

/// What the lock screen needs to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NotebookStatus {
    /// A notebook exists at the location (a key file, its copy or a database is there): the lock
    /// screen offers to unlock it, never to create one over it.
    pub exists: bool,
    pub unlocked: bool,
    /// The notebook folder, shown on the lock screen so the therapist knows which one this is.
    pub folder: String,
    /// The fictional demo notebook, not the therapist's own.
    pub demo: bool,
}

/// The recovery code, shown once after creation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryCodeView {
    /// Eight groups of four characters.
    pub groups: Vec<String>,
}

/// How a notebook is opened: where, with which KDF policy, and an optional idle limit that
/// replaces the Settings value (used by end-to-end tests).
#[derive(Debug, Clone)]
pub struct NotebookConfig {
    pub location: Location,
    pub vault: VaultConfig,
    pub idle_limit_override: Option<Duration>,
    /// A throwaway notebook of fictional cases (shown as such in the window).
    pub demo: bool,
    /// How long unlock waits for the whole-file check (R7) before opening with the check still
    /// running beside it. Within this, a damaged file is refused by unlock itself.
    pub intact_check_wait: std::time::Duration,
}

/// Minutes a restore preview (and the backup's key it holds) waits on the lock screen for its
/// confirmation before it is forgotten.
pub const RESTORE_PREVIEW_LIMIT_MINUTES: i64 = 10;

/// Unlock waits this long for the whole-file check: a notebook up to about 20 MB is checked
/// within it, and unlock of the largest stays under a second with the key derivation's 0.45 s.
pub const INTACT_CHECK_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

impl NotebookConfig {
    pub fn new(location: Location) -> Self {
        NotebookConfig {
            location,
            vault: VaultConfig::default(),
            idle_limit_override: None,
            demo: false,
            intact_check_wait: INTACT_CHECK_WAIT,
        }
    }
}

/// An unlocked notebook.
#[derive(Debug)]
pub struct OpenNotebook {
    store: Store,
    key: DataKey,
    settings: Settings,
    /// Dates the audit entries of every change.
    clock: Arc<dyn Clock>,
    /// `total_changes` of the connection when the last backup was made (or at unlock): a
    /// different count means there is something no backup holds.
    changes_at_backup: u64,
    /// The last automatic or manual backup attempt, so a failing one is not retried every second.
    last_backup_attempt: Option<DateTime<Utc>>,
    /// The unlock's audit entries, written once the whole-file check has passed (the store takes
    /// no write before), ahead of any other change.
    deferred_entries: Vec<(AuditAction, Target)>,
}

impl OpenNotebook {
    fn new(store: Store, key: DataKey, settings: Settings, clock: Arc<dyn Clock>) -> Self {
        let changes_at_backup = store.conn().total_changes();
        OpenNotebook {
            store,
            key,
            settings,
            clock,
            changes_at_backup,
            last_backup_attempt: None,
            deferred_entries: Vec::new(),
        }
    }

    /// Waits for the whole-file check (at most `at_most`; `None`: until it ends), then writes the
    /// unlock's deferred audit entries. `Ok(false)`: still running.
    pub(crate) fn settle(&mut self, at_most: Option<std::time::Duration>) -> Result<bool> {
        if !self.store.await_intact(at_most)? {
            return Ok(false);
        }
        if !self.deferred_entries.is_empty() {
            let entries = std::mem::take(&mut self.deferred_entries);
            let before = self.store.conn().total_changes();
            let unchanged = self.changes_at_backup == before;
            let at = self.clock.now();
            match audit::log_to(&mut self.store, &self.key, at, &entries) {
                Ok(()) => {}
                Err(err @ (Error::Corrupt(_) | Error::Incompatible(_))) => return Err(err),
                Err(err) => {
                    tracing::warn!(kind = ?err.kind(), "the unlock could not be written to the audit trail")
                }
            }
            if unchanged {
                // The unlock's own entries are not something a backup is missing.
                self.changes_at_backup = self.store.conn().total_changes();
            }
        }
        Ok(true)
    }

    /// The clock that dates this notebook's changes.
    pub(crate) fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// True when something changed since the last backup (or since the unlock).
    pub fn changed_since_backup(&self) -> bool {
        self.store.conn().total_changes() != self.changes_at_backup
    }

    pub(crate) fn note_backup_attempt(&mut self) {
        self.last_backup_attempt = Some(self.clock.now());
    }

    pub(crate) fn note_backed_up(&mut self) {
        self.changes_at_backup = self.store.conn().total_changes();
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Checks, stores and audits new settings (`Notebook::update_settings`; the demo names its
    /// therapist this way).
    pub(crate) fn update_settings(&mut self, settings: Settings) -> Result<Settings> {
        let settings = settings.validated()?;
        let change = self.change()?;
        settings.write(&change)?;
        audit::append(&change, AuditAction::Edited, Target::record(AuditTable::Settings, 1))?;
        change.commit()?;
        self.settings = settings.clone();
        Ok(settings)
    }

    /// The data key, for the subkeys derived from it (the audit chain's).
    pub(crate) fn key(&self) -> &DataKey {
        &self.key
    }

    /// Begins a change to the record: one transaction for the change and its audit entries.
    pub(crate) fn change(&mut self) -> Result<Change<'_>> {
        self.settle(None)?;
        let at = self.clock.now();
        Change::begin(&mut self.store, &self.key, at)
    }
}

/// The notebook and its lock.
#[derive(Debug)]
pub struct Notebook {
    config: NotebookConfig,
    clock: Arc<dyn Clock>,
    open: Option<OpenNotebook>,
    throttle: Throttle,
    /// Failed unlocks since the last unlock, for the audit trail.
    unlock_failures: u32,
    last_activity: DateTime<Utc>,
    /// The backup file chosen in the restore dialog (by the shell, never by the page).
    chosen_backup: Option<PathBuf>,
    /// A staged restore waiting for confirmation: the backup's key, what it holds and its file.
    /// Dropped (the key zeroized) on cancel, on lock and when the restore is done.
    pending_restore: Option<(DataKey, backup::RestorePreview, PathBuf)>,
    /// When the preview was made: a preview left on the lock screen is forgotten (its key
    /// zeroized) after [`RESTORE_PREVIEW_LIMIT_MINUTES`], as an open notebook would lock.
    pending_restore_at: Option<DateTime<Utc>>,
    /// The last whole-file check of this notebook found damage: the next unlock waits for its
    /// check to end, so the lock screen says so at once instead of opening first.
    found_damaged: bool,
}

/// The key file (or its copy) for a backup or a restore preview.
pub(crate) fn keys_for_backup(location: &Location) -> Result<KeyFile> {
    keys::load(location)
}

impl Notebook {
    pub fn new(config: NotebookConfig, clock: Arc<dyn Clock>) -> Self {
        let now = clock.now();
        if let Err(err) = restore::finish_interrupted(&config.location) {
            tracing::warn!(kind = ?err.kind(), "an interrupted restore could not be finished");
        }
        Notebook {
            config,
            clock,
            open: None,
            throttle: Throttle::default(),
            unlock_failures: 0,
            last_activity: now,
            chosen_backup: None,
            pending_restore: None,
            pending_restore_at: None,
            found_damaged: false,
        }
    }

    pub fn location(&self) -> &Location {
        &self.config.location
    }

    pub fn config(&self) -> &NotebookConfig {
        &self.config
    }

    pub fn status(&self) -> NotebookStatus {
        NotebookStatus {
            exists: self.config.location.holds_a_notebook(),
            unlocked: self.open.is_some(),
            folder: self.config.location.dir().display().to_string(),
            demo: self.config.demo,
        }
    }

    pub fn is_unlocked(&self) -> bool {
        self.open.is_some()
    }

    /// Creates a new notebook and leaves it unlocked. The recovery code is returned once and
    /// never stored.
    pub fn create(&mut self, passphrase: &str) -> Result<RecoveryCodeView> {
        vault::check_new_passphrase(passphrase, "passphrase")?;
        let location = self.config.location.clone();
        let marker = location.creating_marker_path();
        // A database without a key file is what an interrupted creation leaves (its key was never
        // stored, so nobody can ever read it) only when the creation marker is still there. Any
        // other notebook file here belongs to a notebook, damaged or not: never create over it.
        if marker.exists() && !location.key_path().exists() && !location.key_copy_path().exists() {
            for orphan in std::iter::once(location.db_path()).chain(location.db_side_paths()) {
                if orphan.exists() {
                    std::fs::remove_file(&orphan)
                        .map_err(|e| Error::io("Could not clear an unfinished notebook", &e))?;
                }
            }
        }
        if location.holds_a_notebook() {
            return Err(Error::Conflict("A notebook already exists in this folder.".into()));
        }
        files::ensure_private_dir(location.dir())?;
        if !marker.exists() {
            drop(files::create_private_file(&marker)?);
        }
        files::sync_dir(location.dir())?;
        let made = KeyFile::create(passphrase, &self.config.vault)?;
        let mut store = Store::open(&location.db_path(), &made.data_key, OpenMode::CreateNew)?;
        let created = [(AuditAction::NotebookCreated, Target::none())];
        audit::log_to(&mut store, &made.data_key, self.clock.now(), &created)?;
        if let Err(err) = keys::save(&location, &made.key_file) {
            drop(store);
            for path in [location.db_path(), location.key_path(), location.key_copy_path()]
                .into_iter()
                .chain(location.db_side_paths())
            {
                let _ = std::fs::remove_file(path);
            }
            return Err(err);
        }
        files::sync_dir(location.dir())?;
        std::fs::remove_file(&marker).map_err(|e| Error::io("Could not finish creating the notebook", &e))?;
        files::sync_dir(location.dir())?;
        let settings = Settings::read(store.conn())?;
        self.open = Some(OpenNotebook::new(store, made.data_key, settings, self.clock.clone()));
        self.last_activity = self.clock.now();
        tracing::info!("notebook created");
        Ok(RecoveryCodeView { groups: made.recovery_code.groups() })
    }

    /// Unlocks with the passphrase.
    pub fn unlock(&mut self, passphrase: &str) -> Result<()> {
        if self.open.is_some() {
            return Ok(());
        }
        let now = self.clock.now();
        self.throttle.check(now)?;
        restore::finish_interrupted(&self.config.location)?;
        let key_file = keys::load(&self.config.location)?;
        let key = match key_file.unlock(passphrase, &self.config.vault) {
            Ok(key) => key,
            Err(err) => return Err(self.count_failure(err, now)),
        };
        self.open_with(key, AuditAction::Unlocked)?;
        self.keep_key_files_whole(&key_file);
        Ok(())
    }

    /// After an unlock: both key files hold the file that opened (with a checksum), so a key file
    /// found damaged or missing is repaired from its copy.
    fn keep_key_files_whole(&self, key_file: &KeyFile) {
        let Some(open) = self.open.as_ref() else { return };
        if key_file.has_checksum() {
            keys::make_whole(&self.config.location, key_file);
        } else if let Ok(resealed) = key_file.resealed(&open.key) {
            keys::make_whole(&self.config.location, &resealed);
        }
    }

    /// Unlocks with the recovery code and, in the same step, sets a new passphrase: the code
    /// proves who you are, and a forgotten passphrase must not stay in the key file.
    pub fn unlock_with_recovery(&mut self, code: &str, new_passphrase: &str) -> Result<()> {
        vault::check_new_passphrase(new_passphrase, "newPassphrase")?;
        let now = self.clock.now();
        self.throttle.check(now)?;
        let location = self.config.location.clone();
        let key = match keys::load(&location) {
            Ok(key_file) => {
                let key = match key_file.unlock_with_recovery(code, &self.config.vault) {
                    Ok(key) => key,
                    Err(err) => return Err(self.count_failure(err, now)),
                };
                self.replace_passphrase(&key_file, &key, new_passphrase)?;
                key
            }
            // Both key files damaged: the recovery slot may still be whole. The code proves itself
            // through the slot's AEAD, and the rebuilt file replaces everything else.
            Err(damage @ Error::Corrupt(_)) => {
                let Some(structure) = keys::load_any_structure(&location) else { return Err(damage) };
                let (rebuilt, key) =
                    match structure.rebuild_with_recovery(code, new_passphrase, &self.config.vault) {
                        Ok(made) => made,
                        Err(Error::WrongRecoveryCode) => {
                            return Err(self.count_failure(Error::WrongRecoveryCode, now));
                        }
                        Err(_) => return Err(damage),
                    };
                keys::save(&location, &rebuilt)?;
                tracing::warn!("a damaged key file was rebuilt with the recovery code");
                key
            }
            Err(err) => return Err(err),
        };
        self.open = None;
        self.open_with(key, AuditAction::RecoveryUnlocked)
    }

    /// Locks: closes the database and drops (zeroizes) the key.
    pub fn lock(&mut self) {
        self.lock_with(AuditAction::Locked);
    }

    fn lock_with(&mut self, action: AuditAction) {
        self.pending_restore = None;
        self.pending_restore_at = None;
        self.chosen_backup = None;
        if let Some(mut open) = self.open.take() {
            // Nothing is written (audit entry, backup, checkpoint) before the file is known whole.
            if let Err(err) = open.settle(None) {
                tracing::warn!(kind = ?err.kind(), "the notebook failed its check; locked without writing");
                self.note_check_failure(&err);
            }
            let back_up =
                open.changed_since_backup() && backup::folder_is_set(&open) && !open.store.is_stopped();
            if let Err(err) = audit::log(&mut open, action, Target::none()) {
                tracing::warn!(kind = ?err.kind(), "the lock could not be written to the audit trail");
            }
            if back_up && let Err(err) = backup::make(&mut open, &self.config.location) {
                tracing::warn!(kind = ?err.kind(), "the backup at lock failed");
            }
            let OpenNotebook { store, key, .. } = open;
            if let Err(err) = store.close() {
                tracing::warn!(kind = ?err.kind(), "closing the notebook at lock failed");
            }
            drop(key);
            tracing::info!("notebook locked");
        }
    }

    /// Called when a call on the open notebook found it damaged: stop every write (including the
    /// checkpoint at close) and lock, so the damaged file is left exactly as it is.
    pub fn report_damage(&mut self) {
        if let Some(open) = self.open.as_ref() {
            open.store.stop_writing();
            tracing::warn!("notebook damaged: writes stopped and notebook locked");
        }
        self.lock();
    }

    /// Changes the passphrase; the database is not rewritten. Reported only after the new key
    /// file has been read back from disk and opens with the new passphrase.
    pub fn change_passphrase(&mut self, old: &str, new: &str) -> Result<()> {
        self.open_mut()?;
        vault::check_new_passphrase(new, "newPassphrase")?;
        let now = self.clock.now();
        self.throttle.check(now)?;
        let key_file = keys::load(&self.config.location)?;
        let proven = match key_file.unlock(old, &self.config.vault) {
            Ok(key) => key,
            Err(Error::WrongPassphrase) => {
                self.throttle.fail(now);
                return Err(Error::invalid("oldPassphrase", "The current passphrase is not right."));
            }
            Err(err) => return Err(err),
        };
        self.throttle.succeed();
        let open = self.open.as_ref().ok_or(Error::Locked)?;
        if !open.key.same_as(&proven) {
            return Err(Error::Conflict("The key file on disk belongs to a different notebook.".into()));
        }
        self.replace_passphrase(&key_file, &proven, new)?;
        tracing::info!("passphrase changed");
        self.log_key_change(AuditAction::PassphraseChanged);
        Ok(())
    }

    /// Replaces the recovery code (the old one stops working) after proving the passphrase, and
    /// returns the new code to show once. For a code that was lost or never written down.
    pub fn replace_recovery_code(&mut self, passphrase: &str) -> Result<RecoveryCodeView> {
        self.open_mut()?;
        let now = self.clock.now();
        self.throttle.check(now)?;
        let key_path = self.config.location.key_path();
        let key_file = keys::load(&self.config.location)?;
        let proven = match key_file.unlock(passphrase, &self.config.vault) {
            Ok(key) => key,
            Err(Error::WrongPassphrase) => {
                self.throttle.fail(now);
                return Err(Error::invalid("passphrase", "The passphrase is not right."));
            }
            Err(err) => return Err(err),
        };
        self.throttle.succeed();
        let open = self.open.as_ref().ok_or(Error::Locked)?;
        if !open.key.same_as(&proven) {
            return Err(Error::Conflict("The key file on disk belongs to a different notebook.".into()));
        }
        let (next, code) = key_file.with_new_recovery_code(&proven, &self.config.vault)?;
        keys::save(&self.config.location, &next)?;
        let reread = KeyFile::load(&key_path)?;
        let reopened = reread.unlock_with_recovery(&code.display(), &self.config.vault)?;
        if !reopened.same_as(&proven) {
            return Err(Error::Storage("The new recovery code could not be verified; try again.".into()));
        }
        tracing::info!("recovery code replaced");
        self.log_key_change(AuditAction::RecoveryCodeReplaced);
        Ok(RecoveryCodeView { groups: code.groups() })
    }

    /// The key file changed, and that change is done: an audit entry that cannot be written is
    /// logged, not reported, or the window would say the change failed when it did not.
    fn log_key_change(&mut self, action: AuditAction) {
        if let Some(open) = self.open.as_mut()
            && let Err(err) = audit::log(open, action, Target::record(AuditTable::KeyFile, 1))
        {
            tracing::warn!(kind = ?err.kind(), "a key file change could not be written to the audit trail");
        }
    }

    fn replace_passphrase(&self, key_file: &KeyFile, key: &DataKey, new: &str) -> Result<()> {
        let key_path = self.config.location.key_path();
        let next = key_file.with_new_passphrase(key, new, &self.config.vault)?;
        keys::save(&self.config.location, &next)?;
        let reread = KeyFile::load(&key_path)?;
        if !reread.opens_to(new, key, &self.config.vault)? {
            return Err(Error::Storage("The new key file could not be verified; try again.".into()));
        }
        Ok(())
    }

    /// The settings, from memory.
    pub fn settings(&mut self) -> Result<Settings> {
        Ok(self.open_mut()?.settings.clone())
    }

    pub fn update_settings(&mut self, settings: Settings) -> Result<Settings> {
        self.open_mut()?.update_settings(settings)
    }

    /// Records activity by the therapist (keys, pointer); answers `locked` when locked.
    pub fn touch(&mut self) -> Result<()> {
        self.open_mut().map(|_| ())
    }

    /// Locks if idle for longer than the limit; true when this call locked it.
    pub fn lock_if_idle(&mut self) -> bool {
        self.expire_restore_preview();
        if self.open.is_some() && self.is_idle(self.clock.now()) {
            tracing::info!("idle limit reached");
            self.lock_with(AuditAction::AutoLocked);
            return true;
        }
        false
    }

    /// The idle limit in force.
    pub fn idle_limit(&self) -> Option<Duration> {
        self.config.idle_limit_override.or_else(|| {
            self.open.as_ref().map(|o| Duration::minutes(i64::from(o.settings.auto_lock_minutes)))
        })
    }

    fn is_idle(&self, now: DateTime<Utc>) -> bool {
        self.idle_limit().is_some_and(|limit| now - self.last_activity >= limit)
    }

    /// The open notebook, for every data call: locked (or idle past the limit) answers `locked`.
    pub fn open_mut(&mut self) -> Result<&mut OpenNotebook> {
        self.lock_if_idle();
        if let Some(open) = self.open.as_mut()
            && let Err(err) = open.settle(Some(std::time::Duration::ZERO))
        {
            self.note_check_failure(&err);
            self.report_damage();
            return Err(err);
        }
        let now = self.clock.now();
        match self.open.as_mut() {
            Some(open) => {
                self.last_activity = now;
                Ok(open)
            }
            None => Err(Error::Locked),
        }
    }

    /// The open notebook together with the clock, for domain calls that date what they write.
    pub fn open_with_clock(&mut self) -> Result<(&mut OpenNotebook, &dyn Clock)> {
        self.open_mut()?;
        let open = self.open.as_mut().ok_or(Error::Locked)?;
        Ok((open, self.clock.as_ref()))
    }

    fn open_with(&mut self, key: DataKey, how: AuditAction) -> Result<()> {
        files::remove_stale_temps(self.config.location.dir());
        files::ensure_private_dir(self.config.location.dir())?;
        for key_path in [self.config.location.key_path(), self.config.location.key_copy_path()] {
            if key_path.exists() {
                files::make_private(&key_path)?;
            }
        }
        let store = Store::open(&self.config.location.db_path(), &key, OpenMode::Existing)?;
        // A notebook last found damaged is checked whole before it opens again.
        let wait = if self.found_damaged { None } else { Some(self.config.intact_check_wait) };
        match store.await_intact(wait) {
            // Whole again (restored, or repaired by hand): later unlocks need not wait.
            Ok(true) => self.found_damaged = false,
            Ok(false) => {}
            Err(err) => {
                self.note_check_failure(&err);
                store.close_refused();
                return Err(err);
            }
        }
        let settings = Settings::read(store.conn())?;
        self.throttle.succeed();
        let mut open = OpenNotebook::new(store, key, settings, self.clock.clone());
        open.deferred_entries = self.unlock_entries(how);
        // Written now if the check has passed, else once it does (before any other change). An
        // unlock whose entry cannot be written for want of space still opens: reading the record
        // matters more than recording that it was read.
        if let Err(err) = open.settle(Some(std::time::Duration::ZERO)) {
            self.note_check_failure(&err);
            let OpenNotebook { store, .. } = open;
            store.close_refused();
            return Err(err);
        }
        self.open = Some(open);
        self.last_activity = self.clock.now();
        tracing::info!("notebook unlocked");
        Ok(())
    }

    /// A whole-file check (or a write) found this notebook damaged: its next unlock waits for the
    /// check. A check that could not run is not damage.
    fn note_check_failure(&mut self, err: &Error) {
        self.found_damaged = matches!(err, Error::Corrupt(_));
    }

    /// The unlock's audit entries, with the failures counted while locked.
    fn unlock_entries(&mut self, how: AuditAction) -> Vec<(AuditAction, Target)> {
        let mut entries = Vec::with_capacity(2);
        if self.unlock_failures > 0 {
            entries.push((AuditAction::UnlockFailed, Target::none().times(self.unlock_failures)));
        }
        entries.push((how, Target::none()));
        self.unlock_failures = 0;
        entries
    }

    /// Looks, without waiting, whether the whole-file check that unlock started has ended. When
    /// it found damage: writes stop, the notebook locks, and `true` tells the shell to say so.
    pub fn poll_intact_check(&mut self) -> bool {
        let Some(open) = self.open.as_mut() else { return false };
        match open.settle(Some(std::time::Duration::ZERO)) {
            Ok(_) => false,
            Err(err) => {
                tracing::warn!(kind = ?err.kind(), "the notebook's whole-file check failed; locking");
                self.note_check_failure(&err);
                self.report_damage();
                true
            }
        }
    }

    fn count_failure(&mut self, err: Error, now: DateTime<Utc>) -> Error {
        if matches!(err, Error::WrongPassphrase | Error::WrongRecoveryCode) {
            self.unlock_failures = self.unlock_failures.saturating_add(1);
            self.throttle.fail(now);
            tracing::info!(failures = self.throttle.failures(), "unlock refused");
        }
        err
    }
}

/// Backups and restores, with the lock state they need.
impl Notebook {
    /// Makes a verified backup now.
    pub fn back_up_now(&mut self) -> Result<backup::BackupMade> {
        let location = self.config.location.clone();
        backup::make(self.open_mut()?, &location)
    }

    /// The automatic backup while open: made when a folder is set, something changed, and the
    /// last attempt is an hour old. Called by the shell's timer; `None` when nothing was due.
    pub fn back_up_if_due(&mut self) -> Option<Result<backup::BackupMade>> {
        let now = self.clock.now();
        let open = self.open.as_mut()?;
        let due = open.changed_since_backup()
            && open
                .last_backup_attempt
                .is_none_or(|at| now - at >= Duration::minutes(backup::AUTOMATIC_EVERY_MINUTES))
            && backup::folder_is_set(open);
        if !due {
            return None;
        }
        Some(backup::make(open, &self.config.location))
    }

    pub fn backup_status(&mut self) -> Result<backup::BackupStatus> {
        backup::status(self.open_mut()?)
    }

    /// Sets the backup folder: the shell passes the folder the therapist chose in the dialog.
    pub fn set_backup_folder(&mut self, folder: &Path) -> Result<backup::BackupStatus> {
        let location = self.config.location.clone();
        backup::set_folder(self.open_mut()?, &location, folder)
    }

    pub fn set_backup_preferences(
        &mut self,
        prefs: backup::BackupPreferences,
    ) -> Result<backup::BackupStatus> {
        backup::set_preferences(self.open_mut()?, prefs)
    }

    /// Restoring starts from the lock screen.
    fn must_be_locked(&self) -> Result<()> {
        if self.open.is_some() {
            return Err(Error::Conflict("Lock the notebook before restoring a backup.".into()));
        }
        Ok(())
    }

    /// Remembers and checks the backup file the therapist chose in the dialog.
    pub fn choose_backup_file(&mut self, path: &Path) -> Result<backup::BackupFileView> {
        self.must_be_locked()?;
        self.pending_restore = None;
        self.pending_restore_at = None;
        restore::discard(&self.config.location);
        self.chosen_backup = None;
        let view = restore::look_at(path)?;
        self.chosen_backup = Some(path.to_path_buf());
        Ok(view)
    }

    /// Opens the chosen backup with its credential and shows what it holds; nothing of the
    /// current notebook changes.
    pub fn preview_restore(
        &mut self,
        credential: &backup::RestoreCredential,
    ) -> Result<backup::RestorePreview> {
        self.must_be_locked()?;
        let path = self
            .chosen_backup
            .clone()
            .ok_or_else(|| Error::Conflict("Choose the backup file first.".into()))?;
        let now = self.clock.now();
        self.throttle.check(now)?;
        self.pending_restore = None;
        self.pending_restore_at = None;
        match restore::stage(&self.config.location, &path, credential, &self.config.vault) {
            Ok((key, preview)) => {
                self.throttle.succeed();
                self.pending_restore = Some((key, preview.clone(), path));
                self.pending_restore_at = Some(now);
                Ok(preview)
            }
            Err(err @ (Error::WrongPassphrase | Error::WrongRecoveryCode)) => {
                let field = if matches!(err, Error::WrongPassphrase) { "passphrase" } else { "recoveryCode" };
                self.throttle.fail(now);
                Err(Error::invalid(
                    field,
                    "That does not open this backup. A backup opens with the passphrase (or recovery code) the notebook had on the day it was made.",
                ))
            }
            Err(err) => Err(err),
        }
    }

    /// Restores the previewed backup: the current notebook is moved aside (never deleted), the
    /// backup takes its place, and the restored notebook is left unlocked.
    pub fn confirm_restore(&mut self) -> Result<backup::RestoreDone> {
        self.must_be_locked()?;
        let (key, preview, file) = self
            .pending_restore
            .take()
            .ok_or_else(|| Error::Conflict("Preview the backup before restoring it.".into()))?;
        self.pending_restore_at = None;
        self.chosen_backup = None;
        let set_aside = restore::commit(&self.config.location, self.clock.now())?;
        self.open_with(key, AuditAction::Restored)?;
        if let Some(open) = self.open.as_mut()
            && let Err(err) = backup::record_restored_from(open, &file, &preview)
        {
            tracing::warn!(kind = ?err.kind(), "the restored backup could not be recorded as the last one");
        }
        if let Ok(file) = keys::load(&self.config.location) {
            self.keep_key_files_whole(&file);
        }
        tracing::info!("a backup was restored");
        Ok(backup::RestoreDone {
            set_aside: set_aside.map(|p| p.display().to_string()),
            status: self.status(),
        })
    }

    /// A restore preview holds the backup's data key in memory until it is confirmed or
    /// cancelled; left alone on the lock screen, it is cancelled after the idle limit (the test
    /// override) or [`RESTORE_PREVIEW_LIMIT_MINUTES`], so "locked" stays true for memory (R28).
    fn expire_restore_preview(&mut self) {
        let Some(at) = self.pending_restore_at else { return };
        let limit = self
            .config
            .idle_limit_override
            .unwrap_or_else(|| Duration::minutes(RESTORE_PREVIEW_LIMIT_MINUTES));
        if self.clock.now() - at >= limit {
            tracing::info!("a restore preview left alone was forgotten");
            self.cancel_restore();
        }
    }

    /// Forgets a chosen or previewed backup.
    pub fn cancel_restore(&mut self) {
        self.pending_restore_at = None;
        self.pending_restore = None;
        self.chosen_backup = None;
        restore::discard(&self.config.location);
    }
}

#[cfg(test)]
mod tests;
