//! Key-file tests that need the private parts (R1, R5, R13's building blocks).

use super::*;

const PASS: &str = "harbour lantern quietly";

fn fast() -> VaultConfig {
    VaultConfig::fast_for_tests()
}

/// A deliberate edit: the change, with the unkeyed checksum recomputed as an attacker would.
fn edit(file: &KeyFile, change: impl FnOnce(&mut serde_json::Value)) -> KeyFile {
    let mut value: serde_json::Value = serde_json::from_slice(&file.to_bytes()).unwrap();
    change(&mut value);
    let mut edited = KeyFile::parse(&serde_json::to_vec(&value).unwrap()).unwrap();
    edited.doc.checksum = Some(edited.checksum());
    KeyFile::from_bytes(&edited.to_bytes()).unwrap()
}

/// Accidental damage: the change alone, checksum untouched.
fn damage(file: &KeyFile, change: impl FnOnce(&mut serde_json::Value)) -> Result<KeyFile> {
    let mut value: serde_json::Value = serde_json::from_slice(&file.to_bytes()).unwrap();
    change(&mut value);
    KeyFile::from_bytes(&serde_json::to_vec(&value).unwrap())
}

#[test]
fn accidental_damage_is_found_before_any_passphrase_is_tried() {
    let made = KeyFile::create(PASS, &fast()).unwrap();
    assert!(made.key_file.has_checksum());
    type Change = fn(&mut serde_json::Value);
    let changes: [(&str, Change); 5] = [
        ("wrapped key", |v| v["slots"][0]["wrapped_key"] = BASE64.encode(&[3u8; 48]).into()),
        ("salt", |v| v["slots"][0]["salt"] = BASE64.encode(&[7u8; 16]).into()),
        ("memory", |v| v["slots"][0]["kdf"]["memory_kib"] = 2048.into()),
        ("recovery nonce", |v| v["slots"][1]["nonce"] = BASE64.encode(&[1u8; 24]).into()),
        ("mac", |v| v["mac"] = BASE64.encode(&[0u8; 32]).into()),
    ];
    for (what, change) in changes {
        let err = damage(&made.key_file, change).unwrap_err();
        assert!(
            matches!(err, Error::Corrupt(ref m) if m.contains("passphrase was not tried")),
            "{what}: {err:?}"
        );
    }
    // Whole, it loads and opens.
    assert!(damage(&made.key_file, |_| {}).unwrap().unlock(PASS, &fast()).is_ok());
}

#[test]
fn same_passphrase_gives_different_salts_and_data_keys() {
    let a = KeyFile::create(PASS, &fast()).unwrap();
    let b = KeyFile::create(PASS, &fast()).unwrap();
    assert!(!a.data_key.same_as(&b.data_key));
    assert_ne!(a.key_file.slot(SlotKind::Passphrase).salt, b.key_file.slot(SlotKind::Passphrase).salt);
    assert_eq!(decode_exact(&a.key_file.slot(SlotKind::Passphrase).salt, SALT_LEN).unwrap().len(), 16);
}

#[test]
fn passphrase_and_recovery_open_the_same_key() {
    let made = KeyFile::create(PASS, &fast()).unwrap();
    let file = KeyFile::from_bytes(&made.key_file.to_bytes()).unwrap();
    assert!(file.unlock(PASS, &fast()).unwrap().same_as(&made.data_key));
    let code = made.recovery_code.display();
    assert!(file.unlock_with_recovery(&code, &fast()).unwrap().same_as(&made.data_key));
    assert!(matches!(file.unlock("harbour lantern quietlY", &fast()), Err(Error::WrongPassphrase)));
    let other = RecoveryCode::generate();
    assert!(matches!(file.unlock_with_recovery(&other.display(), &fast()), Err(Error::WrongRecoveryCode)));
}

#[test]
fn default_parameters_are_argon2id_at_least_64_mib_3_passes() {
    let config = VaultConfig::default();
    assert_eq!(config.kdf, KdfParams { memory_kib: 131072, iterations: 4, parallelism: 1 });
    assert_eq!(config.floor, KdfParams { memory_kib: 65536, iterations: 3, parallelism: 1 });
    assert!(config.kdf.at_least(&config.floor));
    let made = KeyFile::create(PASS, &fast()).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&made.key_file.to_bytes()).unwrap();
    assert_eq!(value["slots"][0]["kdf"]["algorithm"], "argon2id");
    assert_eq!(value["slots"][0]["kdf"]["memory_kib"], 1024);
}

#[test]
fn edited_parameters_are_detected() {
    let made = KeyFile::create(PASS, &fast()).unwrap();
    // Raising a parameter (still above the floor) breaks the AEAD's associated data.
    let raised = edit(&made.key_file, |v| v["slots"][0]["kdf"]["iterations"] = 2.into());
    assert!(raised.unlock(PASS, &fast()).is_err());
    // Lowering below the floor is refused before any derivation, as tampering.
    let strict = VaultConfig {
        kdf: KdfParams::DEFAULT,
        floor: KdfParams { memory_kib: 2048, iterations: 1, parallelism: 1 },
    };
    assert!(matches!(made.key_file.unlock(PASS, &strict), Err(Error::Corrupt(_))));
    // An absurd cost is refused rather than run.
    let huge = edit(&made.key_file, |v| v["slots"][0]["kdf"]["memory_kib"] = (u32::MAX).into());
    assert!(matches!(huge.unlock(PASS, &fast()), Err(Error::Corrupt(_))));
    // Salt, nonce or notebook id edits fail too.
    let salt = edit(&made.key_file, |v| v["slots"][0]["salt"] = BASE64.encode(&[7u8; 16]).into());
    assert!(salt.unlock(PASS, &fast()).is_err());
    let id = edit(&made.key_file, |v| v["notebook_id"] = "00".repeat(16).into());
    assert!(id.unlock(PASS, &fast()).is_err());
}

#[test]
fn an_edited_recovery_slot_is_caught_at_passphrase_unlock() {
    let made = KeyFile::create(PASS, &fast()).unwrap();
    let edited = edit(&made.key_file, |v| v["slots"][1]["nonce"] = BASE64.encode(&[1u8; 24]).into());
    assert!(matches!(edited.unlock(PASS, &fast()), Err(Error::Corrupt(_))));
}

#[test]
fn malformed_key_files_are_damaged_not_panics() {
    for bytes in [
        &b""[..],
        b"{}",
        b"\x00\xff garbage",
        br#"{"format":"casebook-key","version":1,"notebook_id":"","slots":[],"mac":""}"#,
    ] {
        assert!(matches!(KeyFile::from_bytes(bytes), Err(Error::Corrupt(_))));
    }
    let made = KeyFile::create(PASS, &fast()).unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&made.key_file.to_bytes()).unwrap();
    value["version"] = 9.into();
    assert!(matches!(KeyFile::from_bytes(&serde_json::to_vec(&value).unwrap()), Err(Error::Incompatible(_))));
}

#[test]
fn rewrapping_keeps_the_key_and_the_recovery_slot() {
    let made = KeyFile::create(PASS, &fast()).unwrap();
    let next = made.key_file.with_new_passphrase(&made.data_key, "new moon over tidewater", &fast()).unwrap();
    assert!(next.unlock("new moon over tidewater", &fast()).unwrap().same_as(&made.data_key));
    assert!(matches!(next.unlock(PASS, &fast()), Err(Error::WrongPassphrase)));
    assert_eq!(next.slot(SlotKind::Recovery), made.key_file.slot(SlotKind::Recovery));
    assert!(next.opens_to("new moon over tidewater", &made.data_key, &fast()).unwrap());
}

#[test]
fn key_material_is_not_printed() {
    let made = KeyFile::create(PASS, &fast()).unwrap();
    assert_eq!(format!("{:?}", made.data_key), "DataKey(..)");
    assert_eq!(format!("{:?}", made.recovery_code), "RecoveryCode(..)");
    let literal = made.data_key.sqlcipher_literal();
    assert!(literal.starts_with("x'") && literal.ends_with('\'') && literal.len() == 67);
}

#[test]
fn a_new_recovery_code_replaces_the_old_one() {
    let made = KeyFile::create(PASS, &fast()).unwrap();
    let (next, code) = made.key_file.with_new_recovery_code(&made.data_key, &fast()).unwrap();
    assert!(next.unlock_with_recovery(&code.display(), &fast()).unwrap().same_as(&made.data_key));
    assert!(matches!(
        next.unlock_with_recovery(&made.recovery_code.display(), &fast()),
        Err(Error::WrongRecoveryCode)
    ));
    assert!(next.unlock(PASS, &fast()).unwrap().same_as(&made.data_key));
}
