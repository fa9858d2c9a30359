//! R7 for the files around the database: a notebook whose database is empty, cut short, without
//! tables or missing, or whose key file is damaged or missing, is reported as damaged (never as a
//! wrong passphrase, never opened as a new notebook) and not a byte is written; a damaged key file
//! is repaired from its copy, or rebuilt with the recovery code.

use super::*;

/// A notebook with one setting changed, locked; answers its folder.
fn made(f: &mut Fixture) -> PathBuf {
    f.notebook.create(PASS).unwrap();
    f.notebook.update_settings(named("Dr Kept Safe", 12)).unwrap();
    f.notebook.lock();
    f.notebook.location().dir().to_path_buf()
}

/// Unlocking answers `corrupt` with `words` in the message, twice, and the folder is untouched.
fn refused_untouched(f: &mut Fixture, dir: &std::path::Path, words: &[&str]) {
    let before = snapshot(dir);
    for _ in 0..2 {
        let err = f.notebook.unlock(PASS).unwrap_err();
        assert!(matches!(err, Error::Corrupt(_)), "{err:?}");
        let message = err.to_string();
        for w in words {
            assert!(message.contains(w), "{message:?} lacks {w:?}");
        }
        assert!(!f.notebook.status().unlocked);
        assert!(f.notebook.status().exists);
        assert_eq!(snapshot(dir), before, "a damaged notebook's folder changed");
    }
    assert!(matches!(f.notebook.create("another long passphrase"), Err(Error::Conflict(_))));
    assert_eq!(snapshot(dir), before);
}

fn flip_in(path: &std::path::Path, needle: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text.find(needle).unwrap() + needle.len() + 5;
    let mut bytes = text.into_bytes();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn an_empty_database_is_damaged_not_a_new_notebook() {
    let mut f = fixture();
    let dir = made(&mut f);
    std::fs::write(dir.join("notebook.db"), b"").unwrap();
    refused_untouched(&mut f, &dir, &["damaged", "Restore it from a backup"]);
}

#[test]
fn a_database_shorter_than_its_header_is_damaged() {
    let mut f = fixture();
    let dir = made(&mut f);
    let bytes = std::fs::read(dir.join("notebook.db")).unwrap();
    for len in [10, 100, 4095] {
        std::fs::write(dir.join("notebook.db"), &bytes[..len]).unwrap();
        refused_untouched(&mut f, &dir, &["damaged", "cut short"]);
    }
}

#[test]
fn a_database_without_its_tables_is_damaged() {
    let mut f = fixture();
    let dir = made(&mut f);
    // A database under the notebook's own key that decrypts but holds no schema.
    let key =
        KeyFile::load(&dir.join("notebook.key")).unwrap().unlock(PASS, &f.notebook.config.vault).unwrap();
    std::fs::remove_file(dir.join("notebook.db")).unwrap();
    {
        #[allow(clippy::disallowed_methods)] // an empty database made outside the store, on purpose
        let conn = rusqlite::Connection::open(dir.join("notebook.db")).unwrap();
        conn.execute_batch(&format!("PRAGMA key = \"{}\";", key.sqlcipher_literal().as_str())).unwrap();
        conn.execute_batch("PRAGMA cipher_compatibility = 4; CREATE TABLE t(x); DROP TABLE t;").unwrap();
    }
    assert!(std::fs::metadata(dir.join("notebook.db")).unwrap().len() >= 4096);
    refused_untouched(&mut f, &dir, &["damaged", "tables are missing"]);
}

#[test]
fn a_database_that_is_not_a_file_is_damaged() {
    let mut f = fixture();
    let dir = made(&mut f);
    std::fs::remove_file(dir.join("notebook.db")).unwrap();
    std::fs::create_dir(dir.join("notebook.db")).unwrap();
    refused_untouched(&mut f, &dir, &["not a regular file"]);
}

#[test]
fn both_key_files_damaged_is_reported_as_damage_not_a_wrong_passphrase() {
    let mut f = fixture();
    let dir = made(&mut f);
    for (field, file) in [("\"wrapped_key\": \"", "notebook.key"), ("\"salt\": \"", "notebook.key.copy")] {
        flip_in(&dir.join(file), field);
    }
    // The copy's salt and the first file's wrapped key are both damaged.
    refused_untouched(&mut f, &dir, &["key file is damaged", "recovery code"]);
    // A KDF parameter changed by accident is damage too.
    let mut f = fixture();
    let dir = made(&mut f);
    for file in ["notebook.key", "notebook.key.copy"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        std::fs::write(dir.join(file), text.replacen("\"memory_kib\": 1024", "\"memory_kib\": 1025", 1))
            .unwrap();
    }
    refused_untouched(&mut f, &dir, &["key file is damaged"]);
}

#[test]
fn a_damaged_or_lost_key_file_is_restored_from_its_copy() {
    let mut f = fixture();
    let dir = made(&mut f);
    let original = std::fs::read(dir.join("notebook.key")).unwrap();
    assert_eq!(std::fs::read(dir.join("notebook.key.copy")).unwrap(), original, "the copy is whole");

    flip_in(&dir.join("notebook.key"), "\"wrapped_key\": \"");
    f.notebook.unlock(PASS).unwrap();
    assert_eq!(f.notebook.settings().unwrap().therapist_name, "Dr Kept Safe");
    f.notebook.lock();
    assert_eq!(std::fs::read(dir.join("notebook.key")).unwrap(), original, "repaired from the copy");

    std::fs::write(dir.join("notebook.key"), b"overwritten by something else").unwrap();
    f.notebook.unlock(PASS).unwrap();
    f.notebook.lock();
    std::fs::remove_file(dir.join("notebook.key")).unwrap();
    f.notebook.unlock(PASS).unwrap();
    f.notebook.lock();
    assert_eq!(std::fs::read(dir.join("notebook.key")).unwrap(), original);
    #[cfg(unix)]
    assert_eq!(crate::files::mode_of(&dir.join("notebook.key")).unwrap(), 0o600);

    // The copy, lost or damaged, is made again from the first file.
    std::fs::remove_file(dir.join("notebook.key.copy")).unwrap();
    f.notebook.unlock(PASS).unwrap();
    f.notebook.lock();
    assert_eq!(std::fs::read(dir.join("notebook.key.copy")).unwrap(), original);
}

#[test]
fn a_wrong_passphrase_on_a_whole_key_file_is_still_a_wrong_passphrase() {
    let mut f = fixture();
    let dir = made(&mut f);
    let before = snapshot(&dir);
    assert!(matches!(f.notebook.unlock("harbour lantern quietlx"), Err(Error::WrongPassphrase)));
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn the_recovery_code_rebuilds_a_key_file_whose_passphrase_slot_is_damaged_in_both_copies() {
    let mut f = fixture();
    let code = f.notebook.create(PASS).unwrap().groups.join("-");
    f.notebook.update_settings(named("Dr Kept Safe", 12)).unwrap();
    f.notebook.lock();
    let dir = f.notebook.location().dir().to_path_buf();
    for file in ["notebook.key", "notebook.key.copy"] {
        flip_in(&dir.join(file), "\"wrapped_key\": \"");
    }
    assert!(matches!(f.notebook.unlock(PASS), Err(Error::Corrupt(_))));
    let wrong = "0000-0000-0000-0000-0000-0000-0000-0000";
    assert!(matches!(
        f.notebook.unlock_with_recovery(wrong, "new moon over tidewater"),
        Err(Error::WrongRecoveryCode)
    ));
    f.notebook.unlock_with_recovery(&code, "new moon over tidewater").unwrap();
    assert_eq!(f.notebook.settings().unwrap().therapist_name, "Dr Kept Safe");
    f.notebook.lock();
    f.notebook.unlock("new moon over tidewater").unwrap();
    f.notebook.lock();
    assert_eq!(
        std::fs::read(dir.join("notebook.key")).unwrap(),
        std::fs::read(dir.join("notebook.key.copy")).unwrap()
    );
}

#[test]
fn a_key_file_from_before_the_checksum_still_opens_and_gains_one() {
    let mut f = fixture();
    let dir = made(&mut f);
    for file in ["notebook.key", "notebook.key.copy"] {
        let mut value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(file)).unwrap()).unwrap();
        value.as_object_mut().unwrap().remove("checksum");
        std::fs::write(dir.join(file), serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    }
    std::fs::remove_file(dir.join("notebook.key.copy")).unwrap();
    f.notebook.unlock(PASS).unwrap();
    f.notebook.lock();
    for file in ["notebook.key", "notebook.key.copy"] {
        let value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(file)).unwrap()).unwrap();
        assert!(value["checksum"].is_string(), "{file} has a checksum");
    }
}
