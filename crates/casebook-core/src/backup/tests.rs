use super::container::{self, Header};
use super::*;
use crate::clock::ManualClock;
use crate::notebook::{Notebook, NotebookConfig};
use crate::testing::{Fixture, PASS};
use crate::vault::VaultConfig;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Every file of a folder (not recursing) with its bytes: "byte-identical" checks.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.file_type().unwrap().is_file() {
            out.insert(
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    out
}

fn notebook_at(dir: &Path, clock: &ManualClock) -> Notebook {
    let mut config = NotebookConfig::new(Location::new(dir));
    config.vault = VaultConfig::fast_for_tests();
    Notebook::new(config, Arc::new(clock.clone()))
}

fn with_folder(f: &mut Fixture) -> PathBuf {
    let folder = f.root().join("usb");
    std::fs::create_dir(&folder).unwrap();
    f.notebook.set_backup_folder(&folder).unwrap();
    folder
}

fn cases(nb: &mut Notebook) -> Result<Vec<crate::case::CaseListItem>> {
    let (open, clock) = nb.open_with_clock()?;
    crate::case::list_cases(open, clock, Default::default())
}

fn pass(p: &str) -> RestoreCredential {
    RestoreCredential::Passphrase { passphrase: p.into() }
}

fn field_of<T: std::fmt::Debug>(r: Result<T>) -> String {
    match r {
        Err(Error::Invalid { field, .. }) => field,
        other => panic!("expected an invalid error, got {other:?}"),
    }
}

#[test]
fn a_backup_is_verified_named_recorded_and_audited() {
    let mut f = Fixture::new();
    f.new_case(false);
    let folder = with_folder(&mut f);
    let before = f.notebook.backup_status().unwrap();
    assert!(before.overdue && before.last.is_none() && before.folder_available);
    let made = f.notebook.back_up_now().unwrap();
    assert!(made.file.starts_with("casebook-backup-2025-03-10-120000") && made.file.ends_with(".cbbackup"));
    assert_eq!(std::fs::metadata(folder.join(&made.file)).unwrap().len(), made.bytes);
    assert_eq!(list(&folder).len(), 1, "only the verified file is there: no partial, no scratch copy");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
    let after = f.notebook.backup_status().unwrap();
    assert!(!after.overdue && !after.changed_since_last);
    assert_eq!(after.last.unwrap().place, "usb");
    let log = crate::record::audit::audit_log(f.nb(), 0).unwrap();
    assert!(log.entries.iter().any(|e| e.action == AuditAction::BackedUp));
}

#[test]
fn the_age_warning_follows_the_threshold_and_the_folder() {
    let mut f = Fixture::new();
    let folder = with_folder(&mut f);
    f.notebook.back_up_now().unwrap();
    f.notebook.set_backup_preferences(BackupPreferences { keep: 10, warn_after_days: 3 }).unwrap();
    f.advance_days(2);
    assert!(!f.notebook.backup_status().unwrap().overdue);
    f.advance_days(2);
    assert!(f.notebook.backup_status().unwrap().overdue, "older than 3 days");
    f.notebook.back_up_now().unwrap();
    assert!(!f.notebook.backup_status().unwrap().overdue);
    std::fs::rename(&folder, f.root().join("unplugged")).unwrap();
    let status = f.notebook.backup_status().unwrap();
    assert!(status.overdue && !status.folder_available, "an unplugged drive is said");
    assert_eq!(field_of(f.notebook.back_up_now()), "backupFolder");
}

#[test]
fn only_the_chosen_number_of_backups_is_kept() {
    let mut f = Fixture::new();
    let folder = with_folder(&mut f);
    f.notebook.set_backup_preferences(BackupPreferences { keep: 3, warn_after_days: 7 }).unwrap();
    std::fs::write(folder.join("holiday.jpg"), b"not ours").unwrap();
    for _ in 0..5 {
        f.clock.advance(chrono::Duration::minutes(1));
        f.new_case(false);
        f.notebook.back_up_now().unwrap();
    }
    let kept = list(&folder);
    assert_eq!(kept.len(), 3);
    assert!(kept[2].to_string_lossy().contains("120500"), "the newest are kept: {kept:?}");
    assert!(folder.join("holiday.jpg").exists(), "files that are not backups are never touched");
    assert_eq!(
        field_of(f.notebook.set_backup_preferences(BackupPreferences { keep: 0, warn_after_days: 7 })),
        "keep"
    );
    assert_eq!(
        field_of(f.notebook.set_backup_preferences(BackupPreferences { keep: 5, warn_after_days: 91 })),
        "warnAfterDays"
    );
}

#[test]
fn two_backups_in_the_same_second_both_stay() {
    let mut f = Fixture::new();
    let folder = with_folder(&mut f);
    f.notebook.back_up_now().unwrap();
    f.new_case(false);
    let second = f.notebook.back_up_now().unwrap();
    assert!(second.file.ends_with("-2.cbbackup"));
    assert_eq!(list(&folder).last().unwrap().file_name().unwrap().to_string_lossy(), second.file);
}

#[test]
fn the_backup_folder_is_never_the_notebook_folder_or_inside_it() {
    let mut f = Fixture::new();
    let nb = f.root().join("nb");
    std::fs::create_dir(nb.join("inner")).unwrap();
    for bad in [
        nb.clone(),
        nb.join("inner"),
        nb.join("inner/.."),
        PathBuf::from("relative"),
        f.root().join("missing"),
    ] {
        assert_eq!(field_of(f.notebook.set_backup_folder(&bad)), "backupFolder", "{bad:?}");
    }
    #[cfg(unix)]
    {
        let link = f.root().join("link-to-nb");
        std::os::unix::fs::symlink(&nb, &link).unwrap();
        assert_eq!(field_of(f.notebook.set_backup_folder(&link)), "backupFolder");
    }
    assert!(f.notebook.backup_status().unwrap().folder.is_none());
}

#[test]
fn a_place_is_named_by_its_drive_label() {
    assert_eq!(place_name(Path::new("/media/thandi/USB DISK/Casebook")), "USB DISK");
    assert_eq!(place_name(Path::new("/run/media/thandi/BACKUP")), "BACKUP");
    assert_eq!(place_name(Path::new("/home/thandi/Backups")), "Backups");
}

/// R15: a backup restored on a new laptop holds exactly what the notebook held.
#[test]
fn a_backup_restores_on_a_new_machine_with_every_record() {
    let mut f = Fixture::new();
    let case = f.new_case(true);
    f.intake_session(&case);
    let folder = with_folder(&mut f);
    let expected = fingerprint::of(f.nb().store().conn()).unwrap();
    let made = f.notebook.back_up_now().unwrap();

    let laptop = f.root().join("new-laptop");
    let mut other = notebook_at(&laptop, &f.clock);
    assert!(!other.status().exists);
    let view = other.choose_backup_file(&folder.join(&made.file)).unwrap();
    assert_eq!(view.made_at, made.made_at);
    assert_eq!(field_of(other.preview_restore(&pass("not the passphrase"))), "passphrase");
    let preview = other.preview_restore(&pass(PASS)).unwrap();
    assert_eq!((preview.cases, preview.open_cases, preview.notes), (1, 1, 1));
    assert!(!preview.replaces_a_notebook && !preview.same_notebook);
    assert!(!other.status().exists, "the preview changes nothing");
    let done = other.confirm_restore().unwrap();
    assert!(done.status.unlocked && done.set_aside.is_none());
    assert!(!laptop.join("set-aside").exists() && !laptop.join("restoring").exists());
    let open = other.open_mut().unwrap();
    let restored = fingerprint::of(open.store().conn()).unwrap();
    for (want, got) in expected.iter().zip(&restored) {
        if want.table == "audit_entry" {
            assert_eq!(got.rows, want.rows + 2, "the restore and the backup it came from are audit entries");
        } else if want.table == "audit_head" || want.table == "backup_settings" {
            assert_eq!(got.rows, want.rows);
        } else {
            assert_eq!(want, got);
        }
    }
    let log = crate::record::audit::audit_log(open, 0).unwrap();
    assert!(log.entries.iter().any(|e| e.action == AuditAction::Restored));
    let last = status(open).unwrap().last.unwrap();
    assert_eq!((last.file.as_str(), last.made_at.as_str()), (made.file.as_str(), made.made_at.as_str()));
    assert_eq!(last.place, "usb", "the backup it came from is the last verified one");
    assert!(crate::record::verify_notebook(open).passed);
    other.lock();
    other.unlock(PASS).unwrap();
}

#[test]
fn restoring_keeps_the_replaced_notebook_aside_and_it_still_opens() {
    let mut f = Fixture::new();
    let folder = with_folder(&mut f);
    let made = f.notebook.back_up_now().unwrap();
    f.new_case(false);
    f.new_case(false);
    f.notebook.lock();
    let nb_dir = f.root().join("nb");
    let before = snapshot(&nb_dir);
    f.notebook.choose_backup_file(&folder.join(&made.file)).unwrap();
    let preview = f.notebook.preview_restore(&pass(PASS)).unwrap();
    assert!(preview.replaces_a_notebook && preview.same_notebook);
    assert_eq!(preview.cases, 0);
    let done = f.notebook.confirm_restore().unwrap();
    assert_eq!(cases(&mut f.notebook).unwrap().len(), 0);
    let aside = PathBuf::from(done.set_aside.unwrap());
    assert!(aside.starts_with(nb_dir.join("set-aside")));
    for name in ["notebook.db", "notebook.key", "notebook.key.copy"] {
        assert_eq!(std::fs::read(aside.join(name)).unwrap(), before[name], "{name} kept byte for byte");
    }
    let mut old = notebook_at(&aside, &f.clock);
    old.unlock(PASS).unwrap();
    assert_eq!(cases(&mut old).unwrap().len(), 2);
}

/// Changing the passphrase does not strand older backups: each opens with the passphrase of
/// its day, which the preview error says.
#[test]
fn an_older_backup_opens_with_the_passphrase_of_its_day() {
    let mut f = Fixture::new();
    let folder = with_folder(&mut f);
    let old = f.notebook.back_up_now().unwrap();
    f.notebook.change_passphrase(PASS, "a brand new passphrase today").unwrap();
    f.new_case(false);
    let new = f.notebook.back_up_now().unwrap();
    f.notebook.lock();
    f.notebook.choose_backup_file(&folder.join(&old.file)).unwrap();
    f.notebook.preview_restore(&pass("a brand new passphrase today")).unwrap_err();
    f.notebook.preview_restore(&pass(PASS)).unwrap();
    f.notebook.choose_backup_file(&folder.join(&new.file)).unwrap();
    f.notebook.preview_restore(&pass(PASS)).unwrap_err();
    assert_eq!(f.notebook.preview_restore(&pass("a brand new passphrase today")).unwrap().cases, 1);
    f.notebook.cancel_restore();
    assert!(!f.root().join("nb/restoring").exists());
}

#[test]
fn a_backup_restores_with_its_recovery_code_and_a_new_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(crate::clock::test_start());
    let mut nb = notebook_at(&dir.path().join("nb"), &clock);
    let code = nb.create(PASS).unwrap().groups.join("-");
    let folder = dir.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    nb.set_backup_folder(&folder).unwrap();
    let made = nb.back_up_now().unwrap();
    let mut laptop = notebook_at(&dir.path().join("laptop"), &clock);
    laptop.choose_backup_file(&folder.join(&made.file)).unwrap();
    let weak =
        RestoreCredential::RecoveryCode { recovery_code: code.clone(), new_passphrase: "short".into() };
    assert_eq!(field_of(laptop.preview_restore(&weak)), "newPassphrase");
    let cred = RestoreCredential::RecoveryCode {
        recovery_code: code,
        new_passphrase: "the laptop's own passphrase".into(),
    };
    laptop.preview_restore(&cred).unwrap();
    laptop.confirm_restore().unwrap();
    laptop.lock();
    laptop.unlock("the laptop's own passphrase").unwrap();
}

/// Builds a backup file around any database and key file, unverified: how the bad files of R16
/// are made.
fn craft(out: &Path, db: &Path, key_file: &Path) {
    let header = Header {
        format: container::FORMAT,
        app_version: "0.0.0".into(),
        schema_version: crate::store::LATEST_VERSION,
        made_at: crate::clock::test_start(),
        key_file: std::fs::read_to_string(key_file).unwrap(),
        database_bytes: std::fs::metadata(db).unwrap().len(),
    };
    container::write(out, &header, db).unwrap();
}

/// R16: each bad file gets its own message and leaves the current notebook byte-identical.
#[test]
fn bad_backup_files_are_refused_with_a_message_and_change_nothing() {
    let mut f = Fixture::new();
    f.new_case(false);
    let folder = with_folder(&mut f);
    let good = folder.join(f.notebook.back_up_now().unwrap().file);
    let bytes = std::fs::read(&good).unwrap();
    let nb_dir = f.root().join("nb");
    let bad = f.root().join("bad");
    std::fs::create_dir(&bad).unwrap();

    // Another notebook, and a copy of this one with a view and a trigger slipped in, and one
    // from a newer Casebook.
    let other_dir = f.root().join("other");
    let mut other = notebook_at(&other_dir, &f.clock);
    other.create("another notebook's passphrase").unwrap();
    other.set_backup_folder(&folder).unwrap();
    let other_backup = folder.join(other.back_up_now().unwrap().file);
    other.lock();
    {
        let open = f.nb();
        open.store().conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    }
    f.notebook.lock();
    let tampered_dir = f.root().join("tampered");
    std::fs::create_dir(&tampered_dir).unwrap();
    for (name, sql) in [
        ("view", "CREATE VIEW leak AS SELECT * FROM person;"),
        ("trigger", "CREATE TRIGGER t AFTER INSERT ON person BEGIN SELECT 1; END;"),
        ("newer", "PRAGMA user_version = 99;"),
    ] {
        let copy = tampered_dir.join(format!("{name}.db"));
        std::fs::copy(nb_dir.join("notebook.db"), &copy).unwrap();
        let mut nb = notebook_at(&nb_dir, &f.clock);
        nb.unlock(PASS).unwrap();
        let key = nb.open_mut().unwrap().key();
        let store = Store::open(&copy, key, OpenMode::Inspect).unwrap();
        store.conn().execute_batch(sql).unwrap();
        store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        store.close().unwrap();
        nb.lock();
        craft(&bad.join(format!("{name}.cbbackup")), &copy, &nb_dir.join("notebook.key"));
    }
    // A plaintext SQLite database inside a well-formed container.
    let plain = tampered_dir.join("plain.db");
    #[allow(clippy::disallowed_methods)] // a plain SQLite file, made on purpose outside the store
    rusqlite::Connection::open(&plain)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    craft(&bad.join("plaintext-inside.cbbackup"), &plain, &nb_dir.join("notebook.key"));
    std::fs::write(bad.join("empty.cbbackup"), b"").unwrap();
    std::fs::write(
        bad.join("random.cbbackup"),
        (0..9000).map(|i| (i * 7919 % 251) as u8).collect::<Vec<_>>(),
    )
    .unwrap();
    std::fs::write(bad.join("truncated.cbbackup"), &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(bad.join("lengthened.cbbackup"), [&bytes[..], b"more"].concat()).unwrap();
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    std::fs::write(bad.join("flipped.cbbackup"), flipped).unwrap();
    std::fs::copy(nb_dir.join("notebook.db"), bad.join("plain-notebook.cbbackup")).unwrap();
    std::fs::write(bad.join("document.pdf"), b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n").unwrap();
    let mut newer_format = bytes.clone();
    let header_len = u32::from_le_bytes(newer_format[16..20].try_into().unwrap()) as usize;
    let header = String::from_utf8(newer_format[20..20 + header_len].to_vec()).unwrap();
    let bumped = header.replacen("\"format\":1", "\"format\":2", 1);
    assert_eq!(bumped.len(), header.len());
    newer_format[20..20 + header_len].copy_from_slice(bumped.as_bytes());
    std::fs::write(bad.join("newer-format.cbbackup"), newer_format).unwrap();
    std::fs::create_dir(bad.join("a-folder.cbbackup")).unwrap();

    let before = snapshot(&nb_dir);
    let mut messages = BTreeMap::new();
    let cases: Vec<(&str, PathBuf)> = vec![
        ("empty", bad.join("empty.cbbackup")),
        ("random", bad.join("random.cbbackup")),
        ("truncated", bad.join("truncated.cbbackup")),
        ("lengthened", bad.join("lengthened.cbbackup")),
        ("flipped", bad.join("flipped.cbbackup")),
        ("plain notebook file", bad.join("plain-notebook.cbbackup")),
        ("pdf", bad.join("document.pdf")),
        ("newer format", bad.join("newer-format.cbbackup")),
        ("folder", bad.join("a-folder.cbbackup")),
        ("missing", bad.join("nothing-here.cbbackup")),
        ("other notebook", other_backup),
        ("view", bad.join("view.cbbackup")),
        ("trigger", bad.join("trigger.cbbackup")),
        ("newer schema", bad.join("newer.cbbackup")),
        ("plaintext inside", bad.join("plaintext-inside.cbbackup")),
    ];
    for (what, path) in &cases {
        let mut nb = notebook_at(&nb_dir, &f.clock);
        let err = match nb.choose_backup_file(path) {
            Err(err) => err,
            Ok(_) => nb.preview_restore(&pass(PASS)).expect_err(what),
        };
        assert!(
            matches!(err, Error::Invalid { .. } | Error::Incompatible(_)),
            "{what}: a bad file is the file's fault, not the notebook's: {err:?}"
        );
        assert!(nb.confirm_restore().is_err(), "{what}: nothing to confirm");
        assert_eq!(snapshot(&nb_dir), before, "{what}: the notebook changed");
        assert!(!nb_dir.join("restoring").exists(), "{what}: the staging folder was left");
        messages.insert(*what, err.to_string());
        nb.unlock(PASS).unwrap();
        nb.lock();
        let _ = std::fs::remove_file(nb_dir.join("notebook.db-wal"));
        std::fs::write(nb_dir.join("notebook.db"), &before["notebook.db"]).unwrap();
        for name in ["notebook.key", "notebook.key.copy"] {
            std::fs::write(nb_dir.join(name), &before[name]).unwrap();
        }
    }
    for (what, message) in &messages {
        assert!(!message.is_empty() && !message.contains("Error"), "{what}: {message}");
    }
    assert!(messages["newer schema"].contains("newer Casebook"), "{}", messages["newer schema"]);
    assert!(messages["newer format"].contains("newer Casebook"));
    assert!(messages["truncated"].contains("cut short"));
    assert!(messages["flipped"].contains("checksum"));
    assert!(messages["pdf"].contains("not a Casebook backup"));
    assert!(messages["view"].contains("not the ones Casebook writes"), "{}", messages["view"]);
    assert!(messages["trigger"].contains("not the ones Casebook writes"));
    assert!(messages["other notebook"].contains("does not open this backup"));
}

/// A backup whose verification fails is kept aside, reported and never counted.
#[test]
fn a_backup_that_fails_its_check_is_kept_aside_and_not_counted() {
    let mut f = Fixture::new();
    let folder = with_folder(&mut f);
    let open = f.nb();
    let expected = fingerprint::of(open.store().conn()).unwrap();
    let partial = folder.join(format!("{PARTIAL_PREFIX}test"));
    let location = Location::new(f.root().join("nb"));
    write_and_verify(f.nb(), &location, &folder, &partial, crate::clock::test_start()).unwrap();
    // The same file compared with a notebook that has one more row is a failed check.
    let mut wrong = expected.clone();
    wrong[0].rows += 1;
    let err = verify(&partial, &folder, f.nb(), &wrong).unwrap_err();
    assert!(matches!(err, Error::Corrupt(ref m) if m.contains("rows")), "{err:?}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "the scratch copy is removed");
    assert!(f.notebook.backup_status().unwrap().last.is_none());
}

#[test]
fn a_lock_backs_up_what_changed_and_an_unchanged_lock_does_not() {
    let mut f = Fixture::new();
    let folder = with_folder(&mut f);
    f.new_case(false);
    f.notebook.lock();
    assert_eq!(list(&folder).len(), 1, "changed: backed up at lock");
    f.notebook.unlock(PASS).unwrap();
    f.clock.advance(chrono::Duration::minutes(1));
    f.notebook.lock();
    assert_eq!(list(&folder).len(), 1, "reading only: no new backup");
    f.notebook.unlock(PASS).unwrap();
    assert!(f.notebook.back_up_if_due().is_none(), "nothing changed");
    f.new_case(false);
    assert!(f.notebook.back_up_if_due().unwrap().is_ok(), "changed, never tried this session");
    f.new_case(false);
    assert!(f.notebook.back_up_if_due().is_none(), "tried less than an hour ago");
    f.clock.advance(chrono::Duration::minutes(61));
    assert!(f.notebook.back_up_if_due().unwrap().is_ok());
    assert_eq!(list(&folder).len(), 3);
}

#[test]
fn an_interrupted_restore_is_finished_at_the_next_start() {
    let mut f = Fixture::new();
    let folder = with_folder(&mut f);
    let made = f.notebook.back_up_now().unwrap();
    f.new_case(false);
    f.notebook.lock();
    let nb_dir = f.root().join("nb");
    let location = Location::new(&nb_dir);
    f.notebook.choose_backup_file(&folder.join(&made.file)).unwrap();
    f.notebook.preview_restore(&pass(PASS)).unwrap();
    // Decide, then stop half-way through the moves, as a kill would.
    std::fs::create_dir_all(nb_dir.join("set-aside/x")).unwrap();
    std::fs::write(nb_dir.join("notebook.restoring"), br#"{"set_aside":"x"}"#).unwrap();
    std::fs::rename(nb_dir.join("notebook.db"), nb_dir.join("set-aside/x/notebook.db")).unwrap();
    std::fs::rename(nb_dir.join("restoring/notebook.db"), nb_dir.join("notebook.db")).unwrap();
    let mut again = notebook_at(&nb_dir, &f.clock);
    again.unlock(PASS).unwrap();
    assert_eq!(cases(&mut again).unwrap().len(), 0);
    assert!(!nb_dir.join("notebook.restoring").exists() && !nb_dir.join("restoring").exists());
    assert!(nb_dir.join("set-aside/x/notebook.key").exists());
    // A staged restore that was never confirmed is cleared away, and the notebook is untouched.
    assert!(location.holds_a_notebook());
}

/// A restore preview holds the backup's key: left alone on the lock screen for the limit, it is
/// forgotten (what the shell's timer calls every second), and the restore must start again.
#[test]
fn a_restore_preview_left_alone_is_forgotten() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    f.intake_session(&case);
    let folder = with_folder(&mut f);
    let made = f.notebook.back_up_now().unwrap();
    let laptop = f.root().join("new-laptop");
    let mut other = notebook_at(&laptop, &f.clock);
    other.choose_backup_file(&folder.join(&made.file)).unwrap();
    other.preview_restore(&pass(PASS)).unwrap();
    f.clock.advance(chrono::Duration::minutes(crate::notebook::RESTORE_PREVIEW_LIMIT_MINUTES - 1));
    other.lock_if_idle();
    other.preview_restore(&pass(PASS)).unwrap();
    f.clock.advance(chrono::Duration::minutes(crate::notebook::RESTORE_PREVIEW_LIMIT_MINUTES));
    assert!(!other.lock_if_idle(), "nothing was open to lock");
    let err = other.confirm_restore().unwrap_err();
    assert!(matches!(err, Error::Conflict(ref m) if m.contains("Preview the backup")), "{err:?}");
    assert!(
        matches!(other.preview_restore(&pass(PASS)), Err(Error::Conflict(_))),
        "the chosen file is forgotten too"
    );
    assert!(!laptop.join("restoring").exists(), "nothing staged is left behind");
    assert!(!other.status().exists);
}
