//! Lock-state tests: R3 (wrong passphrase), R6 (locked means locked), R14 (recovery), R19 (idle).

use super::*;
use crate::ErrorReply;
use crate::clock::ManualClock;
use std::collections::BTreeMap;
use std::path::PathBuf;

const PASS: &str = "harbour lantern quietly";

struct Fixture {
    _dir: tempfile::TempDir,
    clock: ManualClock,
    notebook: Notebook,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(crate::clock::test_start());
    let mut config = NotebookConfig::new(Location::new(dir.path().join("nb")));
    config.vault = VaultConfig::fast_for_tests();
    let notebook = Notebook::new(config, Arc::new(clock.clone()));
    Fixture { _dir: dir, clock, notebook }
}

fn snapshot(dir: &std::path::Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let bytes = if p.is_dir() { b"<folder>".to_vec() } else { std::fs::read(&p).unwrap() };
            (p, bytes)
        })
        .collect()
}

fn named(name: &str, minutes: u32) -> Settings {
    Settings { therapist_name: name.into(), auto_lock_minutes: minutes, ..Settings::default() }
}

#[test]
fn create_lock_unlock_round_trip_keeps_settings() {
    let mut f = fixture();
    assert!(!f.notebook.status().exists);
    let code = f.notebook.create(PASS).unwrap();
    assert_eq!(code.groups.len(), 8);
    assert!(f.notebook.status().unlocked);
    f.notebook.update_settings(named("Dr Thandi Mokoena", 15)).unwrap();
    f.notebook.lock();
    assert!(f.notebook.status().exists && !f.notebook.status().unlocked);
    f.notebook.unlock(PASS).unwrap();
    assert_eq!(f.notebook.settings().unwrap(), named("Dr Thandi Mokoena", 15));
}

#[test]
fn the_date_format_is_kept_with_the_other_preferences() {
    let mut f = fixture();
    f.notebook.create(PASS).unwrap();
    assert_eq!(f.notebook.settings().unwrap().date_format, crate::settings::DateFormat::DayMonthYear);
    let iso = Settings { date_format: crate::settings::DateFormat::Iso, ..named("Dr Iso", 10) };
    f.notebook.update_settings(iso.clone()).unwrap();
    f.notebook.lock();
    f.notebook.unlock(PASS).unwrap();
    assert_eq!(f.notebook.settings().unwrap(), iso);
}

#[test]
fn a_second_create_in_the_same_folder_is_refused() {
    let mut f = fixture();
    f.notebook.create(PASS).unwrap();
    f.notebook.lock();
    assert!(matches!(f.notebook.create("another long passphrase"), Err(Error::Conflict(_))));
    f.notebook.unlock(PASS).unwrap();
}

#[test]
fn weak_passphrases_create_nothing() {
    let mut f = fixture();
    for weak in ["short", "password123"] {
        assert!(matches!(f.notebook.create(weak), Err(Error::Invalid { .. })));
    }
    assert!(!f.notebook.location().dir().exists());
}

#[test]
fn wrong_passphrases_change_no_byte_and_leave_no_wal() {
    let mut f = fixture();
    f.notebook.create(PASS).unwrap();
    f.notebook.lock();
    let dir = f.notebook.location().dir().to_path_buf();
    let before = snapshot(&dir);
    let huge = "x".repeat(1024 * 1024);
    let odd = "\u{FFFD}\u{0}\u{202E}ñ\u{1F512}\u{10FFFF}";
    for wrong in ["", "harbour lantern quietlx", huge.as_str(), odd] {
        let err = f.notebook.unlock(wrong).unwrap_err();
        assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
        assert_eq!(ErrorReply::from(&err).kind(), crate::ErrorKind::WrongPassphrase);
        assert_eq!(snapshot(&dir), before);
        assert!(!dir.join("notebook.db-wal").exists());
    }
}

#[test]
fn repeated_failures_are_throttled_and_a_success_resets() {
    let mut f = fixture();
    f.notebook.create(PASS).unwrap();
    f.notebook.lock();
    for _ in 0..5 {
        assert!(matches!(f.notebook.unlock("wrong wrong wrong"), Err(Error::WrongPassphrase)));
    }
    // Even the right passphrase waits out the delay.
    assert!(matches!(f.notebook.unlock(PASS), Err(Error::Throttled { retry_after_secs: 1 })));
    f.clock.advance(Duration::seconds(1));
    f.notebook.unlock(PASS).unwrap();
    f.notebook.lock();
    assert!(matches!(f.notebook.unlock("wrong wrong wrong"), Err(Error::WrongPassphrase)));
    f.notebook.unlock(PASS).unwrap();
}

#[test]
fn after_lock_every_data_call_answers_locked() {
    let mut f = fixture();
    f.notebook.create(PASS).unwrap();
    f.notebook.lock();
    assert!(f.notebook.open.is_none(), "no key or connection is kept");
    assert!(matches!(f.notebook.settings(), Err(Error::Locked)));
    assert!(matches!(f.notebook.update_settings(named("A", 5)), Err(Error::Locked)));
    assert!(matches!(f.notebook.touch(), Err(Error::Locked)));
    assert!(matches!(f.notebook.change_passphrase(PASS, "new moon over tidewater"), Err(Error::Locked)));
    assert!(matches!(f.notebook.open_mut(), Err(Error::Locked)));
}

#[test]
fn idle_past_the_limit_locks_and_activity_postpones_it() {
    let mut f = fixture();
    f.notebook.create(PASS).unwrap();
    f.notebook.update_settings(named("", 10)).unwrap();
    f.clock.advance(Duration::minutes(9));
    assert!(!f.notebook.lock_if_idle());
    f.notebook.touch().unwrap();
    f.clock.advance(Duration::minutes(9));
    assert!(!f.notebook.lock_if_idle());
    f.clock.advance(Duration::minutes(1));
    assert!(f.notebook.lock_if_idle());
    assert!(matches!(f.notebook.settings(), Err(Error::Locked)));
}

#[test]
fn a_data_call_after_the_idle_limit_is_refused_even_without_the_timer() {
    let mut f = fixture();
    f.notebook.create(PASS).unwrap();
    f.clock.advance(Duration::minutes(10));
    assert!(matches!(f.notebook.settings(), Err(Error::Locked)));
    assert!(!f.notebook.status().unlocked);
}

#[test]
fn the_idle_override_replaces_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(crate::clock::test_start());
    let mut config = NotebookConfig::new(Location::new(dir.path()));
    config.vault = VaultConfig::fast_for_tests();
    config.idle_limit_override = Some(Duration::seconds(3));
    let mut notebook = Notebook::new(config, Arc::new(clock.clone()));
    notebook.create(PASS).unwrap();
    clock.advance(Duration::seconds(3));
    assert!(notebook.lock_if_idle());
}

#[test]
fn changing_the_passphrase_swaps_which_one_opens() {
    let mut f = fixture();
    f.notebook.create(PASS).unwrap();
    f.notebook.update_settings(named("Dr Same Content", 10)).unwrap();
    let err = f.notebook.change_passphrase("not the passphrase", "new moon over tidewater").unwrap_err();
    assert!(matches!(err, Error::Invalid { ref field, .. } if field == "oldPassphrase"));
    let err = f.notebook.change_passphrase(PASS, "short").unwrap_err();
    assert!(matches!(err, Error::Invalid { ref field, .. } if field == "newPassphrase"));
    f.notebook.change_passphrase(PASS, "new moon over tidewater").unwrap();
    f.notebook.lock();
    assert!(matches!(f.notebook.unlock(PASS), Err(Error::WrongPassphrase)));
    f.notebook.unlock("new moon over tidewater").unwrap();
    assert_eq!(f.notebook.settings().unwrap().therapist_name, "Dr Same Content");
}

#[test]
fn the_recovery_code_unlocks_and_forces_a_new_passphrase() {
    let mut f = fixture();
    let code = f.notebook.create(PASS).unwrap().groups.join("-");
    f.notebook.update_settings(named("Dr Recovered", 10)).unwrap();
    f.notebook.lock();
    // The new passphrase is checked before the code is tried.
    let err = f.notebook.unlock_with_recovery(&code, "short").unwrap_err();
    assert!(matches!(err, Error::Invalid { ref field, .. } if field == "newPassphrase"));
    let wrong = "0000-0000-0000-0000-0000-0000-0000-0000";
    assert!(matches!(
        f.notebook.unlock_with_recovery(wrong, "new moon over tidewater"),
        Err(Error::WrongRecoveryCode)
    ));
    assert!(!f.notebook.status().unlocked);
    f.notebook.unlock_with_recovery(&code.to_lowercase(), "new moon over tidewater").unwrap();
    assert_eq!(f.notebook.settings().unwrap().therapist_name, "Dr Recovered");
    f.notebook.lock();
    assert!(matches!(f.notebook.unlock(PASS), Err(Error::WrongPassphrase)));
    f.notebook.unlock("new moon over tidewater").unwrap();
    f.notebook.lock();
    // The code keeps working.
    f.notebook.unlock_with_recovery(&code, "third passphrase for luck").unwrap();
}

#[test]
fn an_interrupted_creation_is_cleared_away() {
    let mut f = fixture();
    let location = f.notebook.location().clone();
    std::fs::create_dir_all(location.dir()).unwrap();
    std::fs::write(location.db_path(), b"half-made").unwrap();
    std::fs::write(location.creating_marker_path(), b"").unwrap();
    f.notebook.create(PASS).unwrap();
    assert!(!location.creating_marker_path().exists(), "the marker goes once the key file is saved");
    f.notebook.lock();
    f.notebook.unlock(PASS).unwrap();
}

#[test]
fn a_database_without_its_key_file_is_never_created_over() {
    let mut f = fixture();
    f.notebook.create(PASS).unwrap();
    f.notebook.lock();
    let location = f.notebook.location().clone();
    std::fs::remove_file(location.key_path()).unwrap();
    std::fs::remove_file(location.key_copy_path()).unwrap();
    let before = snapshot(location.dir());
    assert!(f.notebook.status().exists, "the lock screen must not offer to create a notebook here");
    assert!(matches!(f.notebook.create("another long passphrase"), Err(Error::Conflict(_))));
    let err = f.notebook.unlock(PASS).unwrap_err();
    assert!(
        matches!(err, Error::Corrupt(ref m) if m.contains("key file") && m.contains("missing")),
        "{err:?}"
    );
    assert_eq!(snapshot(location.dir()), before, "nothing was written or deleted");
}

#[test]
fn a_missing_database_is_reported_not_recreated() {
    let mut f = fixture();
    f.notebook.create(PASS).unwrap();
    f.notebook.lock();
    std::fs::remove_file(f.notebook.location().db_path()).unwrap();
    assert!(matches!(f.notebook.unlock(PASS), Err(Error::Corrupt(_))));
    assert!(!f.notebook.location().db_path().exists());
}

#[test]
fn a_replaced_recovery_code_works_and_the_old_one_does_not() {
    let mut f = fixture();
    let old = f.notebook.create(PASS).unwrap().groups.join("-");
    let err = f.notebook.replace_recovery_code("not the passphrase").unwrap_err();
    assert!(matches!(err, Error::Invalid { ref field, .. } if field == "passphrase"));
    let new = f.notebook.replace_recovery_code(PASS).unwrap().groups.join("-");
    assert_ne!(old, new);
    f.notebook.lock();
    assert!(matches!(
        f.notebook.unlock_with_recovery(&old, "another fine passphrase"),
        Err(Error::WrongRecoveryCode)
    ));
    f.notebook.unlock_with_recovery(&new, "another fine passphrase").unwrap();
    f.notebook.lock();
    assert!(matches!(f.notebook.replace_recovery_code(PASS), Err(Error::Locked)));
}

#[test]
fn damage_found_while_open_stops_writes_even_the_closing_checkpoint() {
    let mut f = fixture();
    f.notebook.create(PASS).unwrap();
    f.notebook.update_settings(named("Pending in the WAL", 12)).unwrap();
    let db = f.notebook.location().db_path();
    let before = std::fs::read(&db).unwrap();
    f.notebook.report_damage();
    assert!(!f.notebook.status().unlocked);
    assert_eq!(std::fs::read(&db).unwrap(), before, "no checkpoint into the damaged file");
    // The committed change is still in the WAL, so nothing acknowledged is lost either.
    f.notebook.unlock(PASS).unwrap();
    assert_eq!(f.notebook.settings().unwrap().therapist_name, "Pending in the WAL");
}

mod damaged_files;
