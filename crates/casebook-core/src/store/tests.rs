//! Store tests on real SQLCipher files (R1, R4, R8).

use super::*;
use crate::vault::{KeyFile, VaultConfig};

fn key() -> DataKey {
    KeyFile::create("harbour lantern quietly", &VaultConfig::fast_for_tests()).unwrap().data_key
}

#[test]
fn the_file_is_opaque() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    let store = Store::open(&path, &key(), OpenMode::CreateNew).unwrap();
    store.conn().execute("UPDATE settings SET therapist_name = 'Dr Canary Opaque'", []).unwrap();
    store.close().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    assert!(!bytes.windows(6).any(|w| w == b"Canary"));
}

#[test]
fn every_pinned_setting_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("n.db"), &key(), OpenMode::CreateNew).unwrap();
    let facts = store.facts().unwrap();
    assert!(facts.cipher_version.starts_with('4'), "{}", facts.cipher_version);
    let get = |n: &str| facts.settings.iter().find(|(k, _)| k == n).unwrap().1.clone();
    assert_eq!(get("cipher_hmac_algorithm"), "HMAC_SHA512");
    assert_eq!(get("cipher_plaintext_header_size"), "0");
    assert_eq!(get("journal_mode"), "wal");
    assert_eq!(get("synchronous"), "2");
    assert_eq!(get("temp_store"), "2");
    assert_eq!(get("foreign_keys"), "1");
    assert_eq!(get("secure_delete"), "1");
    assert_eq!(get("trusted_schema"), "0");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
}

#[test]
fn a_wrong_key_is_reported_as_damage_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    Store::open(&path, &key(), OpenMode::CreateNew).unwrap().close().unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, &key(), OpenMode::Existing).unwrap_err();
    assert!(matches!(err, Error::Corrupt(_)), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_missing_file_is_not_created_when_opening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    assert!(Store::open(&path, &key(), OpenMode::Existing).is_err());
    assert!(!path.exists());
}

#[cfg(unix)]
#[test]
fn files_are_owner_only_after_open() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("nb");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("n.db");
    let k = key();
    Store::open(&path, &k, OpenMode::CreateNew).unwrap().close().unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    let store = Store::open(&path, &k, OpenMode::Existing).unwrap();
    store.writable().unwrap().execute("UPDATE settings SET auto_lock_minutes = 5", []).unwrap();
    assert_eq!(files::mode_of(&folder).unwrap(), 0o700);
    for suffix in ["", "-wal", "-shm"] {
        let f = folder.join(format!("n.db{suffix}"));
        assert_eq!(files::mode_of(&f).unwrap(), 0o600, "{suffix}");
    }
}

/// Opened for use, the store refuses every write until its whole-file check has passed: SQLite
/// itself answers "read-only" to a write that does not go through `writable`, which waits.
#[test]
fn writes_wait_for_the_whole_file_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    let k = key();
    Store::open(&path, &k, OpenMode::CreateNew).unwrap().close().unwrap();
    let store = Store::open(&path, &k, OpenMode::Existing).unwrap();
    let checked = store.await_intact(Some(std::time::Duration::ZERO)).unwrap();
    if !checked {
        let err = store.conn().execute("UPDATE settings SET auto_lock_minutes = 5", []).unwrap_err();
        assert!(err.to_string().contains("readonly"), "{err}");
    }
    store.writable().unwrap().execute("UPDATE settings SET auto_lock_minutes = 6", []).unwrap();
    assert!(store.await_intact(Some(std::time::Duration::ZERO)).unwrap());
    store.conn().execute("UPDATE settings SET auto_lock_minutes = 7", []).unwrap();
}
