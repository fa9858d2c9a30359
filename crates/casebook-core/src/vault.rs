//! Keys: the notebook's data key, and the key file that stores it wrapped.
//!
//! A notebook's database is encrypted by SQLCipher with a random 256-bit **data key**, handed over
//! as a raw key so SQLCipher's own PBKDF2 never runs. The data key is stored only wrapped, in the
//! key file, once per **slot**: a passphrase slot and a recovery-code slot. Each slot derives a
//! key-encryption key with Argon2id (parameters stored in the slot, so they can be raised later)
//! and wraps the data key with XChaCha20-Poly1305. The AEAD's associated data covers the slot kind,
//! the notebook id and every KDF parameter, so an edited slot fails to open; parameters below the
//! configured floor are refused outright, so a downgraded key file is reported, not used. A keyed
//! BLAKE2b MAC under a subkey of the data key covers the whole file, so after any unlock an edit of
//! the *other* slot is detected too.
//!
//! Changing the passphrase rewraps 32 bytes and replaces the key file atomically; the database is
//! never rewritten. Every buffer holding key material is zeroized on drop.
//!
//! Damage is told apart from a wrong passphrase. An unkeyed BLAKE2b checksum over the whole
//! document is checked when the file is read, before any passphrase is tried: a flipped byte in a
//! wrapped key, a salt or a KDF parameter is reported as a damaged key file, so a therapist does
//! not lock herself out trying passphrases that were right. The checksum catches accidents only
//! (anyone can recompute it); deliberate edits are caught by the AEAD and, after unwrapping, by the
//! keyed MAC. Key files written before the checksum existed have none and are accepted; they get
//! one at their next rewrite. The notebook keeps a second copy of the key file beside the first
//! (`notebook`), so losing one file of 1 KB never loses the notebook.
//!
//! What does not belong here: opening the database (`store`), the lock state and attempt
//! throttling (`notebook`).

mod passphrase;
mod recovery;

pub use passphrase::{PassphraseStrength, check_new_passphrase, rate_passphrase};
pub use recovery::RecoveryCode;

use crate::error::{Error, Result};
use crate::files;
use argon2::{Algorithm, Argon2, Params, Version};
use blake2::Blake2bMac;
use blake2::digest::{Mac, consts::U32};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use data_encoding::{BASE64, HEXLOWER};
use rand::RngCore;
use rand::rngs::OsRng;
use serde::{Deserialize, Serialize};
use std::path::Path;
use zeroize::Zeroizing;

const FORMAT: &str = "casebook-key";
const FORMAT_VERSION: u32 = 1;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const KEY_LEN: usize = 32;
/// A key file larger than this is not a key file.
const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;

/// Argon2id cost parameters, as stored with each slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    /// The default for new notebooks: 128 MiB, 4 passes, 1 lane. Measured (`make bench`) at about
    /// 0.3 s per unlock on the 2-core build machine, so 0.25-1 s on an ordinary laptop.
    pub const DEFAULT: KdfParams = KdfParams { memory_kib: 128 * 1024, iterations: 4, parallelism: 1 };
    /// The weakest parameters a key file may use: 64 MiB and 3 passes (RELIABILITY.md R5). Key
    /// files asking for less are refused as tampered.
    pub const MINIMUM: KdfParams = KdfParams { memory_kib: 64 * 1024, iterations: 3, parallelism: 1 };
    /// The most a key file may ask for (4 GiB, 64 passes): more is a denial of service, not a key.
    const CEILING: KdfParams = KdfParams { memory_kib: 4 * 1024 * 1024, iterations: 64, parallelism: 16 };

    fn at_least(&self, floor: &KdfParams) -> bool {
        self.memory_kib >= floor.memory_kib
            && self.iterations >= floor.iterations
            && self.parallelism >= floor.parallelism
    }
}

/// How keys are derived for new slots, and the weakest parameters an existing slot may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VaultConfig {
    pub kdf: KdfParams,
    pub floor: KdfParams,
}

impl Default for VaultConfig {
    fn default() -> Self {
        VaultConfig { kdf: KdfParams::DEFAULT, floor: KdfParams::MINIMUM }
    }
}

impl VaultConfig {
    /// Cheap parameters for tests and harnesses that exercise files, not the KDF. Never used by
    /// the app: a notebook made with them is refused by the default floor.
    pub fn fast_for_tests() -> Self {
        let cheap = KdfParams { memory_kib: 1024, iterations: 1, parallelism: 1 };
        VaultConfig { kdf: cheap, floor: cheap }
    }
}

/// The notebook's data key. Zeroized on drop; never printed, serialized or sent over IPC.
pub struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

impl DataKey {
    fn generate() -> Self {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        OsRng.fill_bytes(key.as_mut());
        DataKey(key)
    }

    /// The raw-key literal SQLCipher expects (`x'…'`), in a zeroizing buffer.
    pub(crate) fn sqlcipher_literal(&self) -> Zeroizing<String> {
        let mut literal = Zeroizing::new(String::with_capacity(3 + 2 * KEY_LEN));
        literal.push_str("x'");
        let hex = Zeroizing::new(HEXLOWER.encode(self.0.as_ref()));
        literal.push_str(&hex);
        literal.push('\'');
        literal
    }

    /// A 32-byte key for one purpose (`persona`, at most 16 bytes), derived from the data key, so
    /// that the data key itself is used only by SQLCipher.
    pub(crate) fn subkey(&self, persona: &[u8]) -> Zeroizing<[u8; 32]> {
        let mut mac = Blake2bMac::<U32>::new_with_salt_and_personal(self.0.as_ref(), &[], persona)
            .expect("a 32-byte key and a short persona are valid BLAKE2b inputs");
        mac.update(b"casebook subkey v1");
        let mut out = Zeroizing::new([0u8; 32]);
        out.copy_from_slice(&mac.finalize().into_bytes());
        out
    }

    pub(crate) fn same_as(&self, other: &DataKey) -> bool {
        use subtle::ConstantTimeEq;
        self.0.as_ref().ct_eq(other.0.as_ref()).into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum SlotKind {
    Passphrase,
    Recovery,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Kdf {
    algorithm: String,
    version: u32,
    #[serde(flatten)]
    params: KdfParams,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Slot {
    kind: SlotKind,
    kdf: Kdf,
    salt: String,
    nonce: String,
    wrapped_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFileDoc {
    format: String,
    version: u32,
    notebook_id: String,
    slots: Vec<Slot>,
    /// BLAKE2b-256 under a subkey of the data key, over the document with `mac` empty and no
    /// checksum.
    mac: String,
    /// Unkeyed BLAKE2b-256 (hex) over the document without this field: detects accidental damage
    /// before a passphrase is tried. Absent in key files written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    checksum: Option<String>,
}

/// A parsed key file. Loading checks its structure; unlocking checks its cryptography.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFile {
    doc: KeyFileDoc,
}

/// What [`KeyFile::create`] hands back: the file to save, the key to open the database with,
/// and the recovery code to show once.
#[derive(Debug)]
pub struct NewKeyFile {
    pub key_file: KeyFile,
    pub data_key: DataKey,
    pub recovery_code: RecoveryCode,
}

fn damaged_key_file() -> Error {
    Error::Corrupt(
        "The notebook's key file is damaged or was altered, so your passphrase was not tried. Restore the key file (notebook.key) from a backup, or unlock with your recovery code."
            .into(),
    )
}

impl KeyFile {
    /// Makes a new data key, wrapped under `passphrase` and under a fresh recovery code.
    pub fn create(passphrase: &str, config: &VaultConfig) -> Result<NewKeyFile> {
        let data_key = DataKey::generate();
        let recovery_code = RecoveryCode::generate();
        let mut id = [0u8; 16];
        OsRng.fill_bytes(&mut id);
        let notebook_id = HEXLOWER.encode(&id);
        let slots = vec![
            wrap(SlotKind::Passphrase, passphrase.as_bytes(), &data_key, &notebook_id, config.kdf)?,
            wrap(
                SlotKind::Recovery,
                recovery_code.normalized().as_bytes(),
                &data_key,
                &notebook_id,
                config.kdf,
            )?,
        ];
        let mut key_file = KeyFile {
            doc: KeyFileDoc {
                format: FORMAT.into(),
                version: FORMAT_VERSION,
                notebook_id,
                slots,
                mac: String::new(),
                checksum: None,
            },
        };
        key_file.seal(&data_key);
        Ok(NewKeyFile { key_file, data_key, recovery_code })
    }

    /// Reads and checks the structure of a key file.
    pub fn load(path: &Path) -> Result<KeyFile> {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound("There is no notebook here yet.".into()),
            _ => Error::io("Could not read the key file", &e),
        })?;
        if meta.len() > MAX_KEY_FILE_BYTES {
            return Err(damaged_key_file());
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io("Could not read the key file", &e))?;
        Self::from_bytes(&bytes)
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<KeyFile> {
        let file = Self::parse(bytes)?;
        if let Some(stored) = &file.doc.checksum
            && !bool::from(subtle::ConstantTimeEq::ct_eq(stored.as_bytes(), file.checksum().as_bytes()))
        {
            return Err(damaged_key_file());
        }
        Ok(file)
    }

    /// The structure alone, without the checksum: for the recovery code, which may still open a
    /// key file whose other slot is damaged.
    fn parse(bytes: &[u8]) -> Result<KeyFile> {
        let doc: KeyFileDoc = serde_json::from_slice(bytes).map_err(|_| damaged_key_file())?;
        if doc.format != FORMAT {
            return Err(damaged_key_file());
        }
        if doc.version > FORMAT_VERSION {
            return Err(Error::Incompatible(
                "This notebook's key file was written by a newer Casebook. Update Casebook to open it."
                    .into(),
            ));
        }
        let kinds: Vec<SlotKind> = doc.slots.iter().map(|s| s.kind).collect();
        if doc.version != FORMAT_VERSION || kinds != [SlotKind::Passphrase, SlotKind::Recovery] {
            return Err(damaged_key_file());
        }
        Ok(KeyFile { doc })
    }

    /// The serialized file.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(&self.doc).expect("a key file always serializes")
    }

    /// Writes the key file so that a crash leaves either the old or the new one.
    pub fn save(&self, path: &Path) -> Result<()> {
        files::replace_atomically(path, &self.to_bytes())
    }

    /// Reads the key file at `path` with its structure only (no checksum), or `None` when the
    /// bytes are not a key file at all: the recovery code's last resort.
    pub fn load_structure(path: &Path) -> Option<KeyFile> {
        let meta = std::fs::metadata(path).ok()?;
        if meta.len() > MAX_KEY_FILE_BYTES {
            return None;
        }
        Self::parse(&std::fs::read(path).ok()?).ok()
    }

    /// This key file sealed again under `key` (verified first), so that one written before the
    /// checksum existed gets one.
    pub fn resealed(&self, key: &DataKey) -> Result<KeyFile> {
        self.verify(key)?;
        let mut next = self.clone();
        next.seal(key);
        Ok(next)
    }

    /// False for a key file written before the checksum existed.
    pub fn has_checksum(&self) -> bool {
        self.doc.checksum.is_some()
    }

    /// True when both files hold the same document.
    pub fn same_file_as(&self, other: &KeyFile) -> bool {
        self.doc == other.doc
    }

    /// Opens the recovery slot of a key file whose checksum or MAC may be broken (its passphrase
    /// slot damaged), and returns a whole, sealed key file with `new_passphrase` and the same
    /// recovery slot. The AEAD proves the code, so nothing an attacker edited is trusted: the
    /// passphrase slot is replaced and the file sealed anew.
    pub fn rebuild_with_recovery(
        &self,
        code: &str,
        new_passphrase: &str,
        config: &VaultConfig,
    ) -> Result<(KeyFile, DataKey)> {
        let code = RecoveryCode::parse(code)?;
        let key = self
            .unwrap_slot(SlotKind::Recovery, code.normalized().as_bytes(), config)?
            .ok_or(Error::WrongRecoveryCode)?;
        let mut next = self.clone();
        next.doc.slots[0] =
            wrap(SlotKind::Passphrase, new_passphrase.as_bytes(), &key, &self.doc.notebook_id, config.kdf)?;
        next.seal(&key);
        Ok((next, key))
    }

    /// The notebook's random id (not secret; ties the slots to this notebook).
    pub fn notebook_id(&self) -> &str {
        &self.doc.notebook_id
    }

    /// Opens the passphrase slot.
    pub fn unlock(&self, passphrase: &str, config: &VaultConfig) -> Result<DataKey> {
        let key = self
            .unwrap_slot(SlotKind::Passphrase, passphrase.as_bytes(), config)?
            .ok_or(Error::WrongPassphrase)?;
        self.verify(&key)?;
        Ok(key)
    }

    /// Opens the recovery slot. The code is read leniently (case, spaces, dashes, O for 0).
    pub fn unlock_with_recovery(&self, code: &str, config: &VaultConfig) -> Result<DataKey> {
        let code = RecoveryCode::parse(code)?;
        let key = self
            .unwrap_slot(SlotKind::Recovery, code.normalized().as_bytes(), config)?
            .ok_or(Error::WrongRecoveryCode)?;
        self.verify(&key)?;
        Ok(key)
    }

    /// A copy of this key file whose passphrase slot wraps `key` under `new_passphrase`; the
    /// recovery slot is kept as it is.
    pub fn with_new_passphrase(
        &self,
        key: &DataKey,
        new_passphrase: &str,
        config: &VaultConfig,
    ) -> Result<KeyFile> {
        self.verify(key)?;
        let mut next = self.clone();
        next.doc.slots[0] =
            wrap(SlotKind::Passphrase, new_passphrase.as_bytes(), key, &self.doc.notebook_id, config.kdf)?;
        next.seal(key);
        Ok(next)
    }

    /// A copy of this key file with a fresh recovery code; the old code stops working. The
    /// passphrase slot is kept as it is.
    pub fn with_new_recovery_code(
        &self,
        key: &DataKey,
        config: &VaultConfig,
    ) -> Result<(KeyFile, RecoveryCode)> {
        self.verify(key)?;
        let code = RecoveryCode::generate();
        let mut next = self.clone();
        next.doc.slots[1] =
            wrap(SlotKind::Recovery, code.normalized().as_bytes(), key, &self.doc.notebook_id, config.kdf)?;
        next.seal(key);
        Ok((next, code))
    }

    /// True when the passphrase slot opens to `key` (used to prove a change before reporting it).
    pub fn opens_to(&self, passphrase: &str, key: &DataKey, config: &VaultConfig) -> Result<bool> {
        Ok(match self.unwrap_slot(SlotKind::Passphrase, passphrase.as_bytes(), config)? {
            Some(found) => found.same_as(key),
            None => false,
        })
    }

    fn slot(&self, kind: SlotKind) -> &Slot {
        // `from_bytes` and `create` guarantee exactly one slot of each kind, in this order.
        match kind {
            SlotKind::Passphrase => &self.doc.slots[0],
            SlotKind::Recovery => &self.doc.slots[1],
        }
    }

    /// `Ok(None)` when the secret is wrong; `Err` when the slot itself is unusable.
    fn unwrap_slot(&self, kind: SlotKind, secret: &[u8], config: &VaultConfig) -> Result<Option<DataKey>> {
        let slot = self.slot(kind);
        if slot.kdf.algorithm != "argon2id" || slot.kdf.version != 0x13 {
            return Err(damaged_key_file());
        }
        let params = slot.kdf.params;
        if !params.at_least(&config.floor) {
            return Err(Error::Corrupt(
                "The notebook's key file asks for weaker protection than Casebook allows; it may have been tampered with. Restore it from a backup.".into(),
            ));
        }
        if !KdfParams::CEILING.at_least(&params) {
            return Err(damaged_key_file());
        }
        let salt = decode_exact(&slot.salt, SALT_LEN)?;
        let nonce = decode_exact(&slot.nonce, NONCE_LEN)?;
        let wrapped = decode_exact(&slot.wrapped_key, KEY_LEN + 16)?;
        let kek = derive(secret, &salt, params)?;
        let cipher = XChaCha20Poly1305::new(Key::from_slice(kek.as_ref()));
        let aad = associated_data(kind, &self.doc.notebook_id, &slot.kdf, &slot.salt);
        match cipher.decrypt(XNonce::from_slice(&nonce), Payload { msg: &wrapped, aad: aad.as_bytes() }) {
            Ok(plain) => {
                let plain = Zeroizing::new(plain);
                let mut key = Zeroizing::new([0u8; KEY_LEN]);
                key.copy_from_slice(&plain);
                Ok(Some(DataKey(key)))
            }
            Err(_) => Ok(None),
        }
    }

    /// The unkeyed checksum of the document (without its own field), hex.
    fn checksum(&self) -> String {
        let mut body = self.doc.clone();
        body.checksum = None;
        let bytes = serde_json::to_vec(&body).expect("a key file always serializes");
        HEXLOWER.encode(&<blake2::Blake2b<U32> as blake2::Digest>::digest(&bytes))
    }

    fn mac_of(&self, key: &DataKey) -> Vec<u8> {
        let mut body = self.doc.clone();
        body.mac = String::new();
        body.checksum = None;
        let bytes = serde_json::to_vec(&body).expect("a key file always serializes");
        let subkey = key.subkey(b"cb-keyfile-mac");
        let mut mac = <Blake2bMac<U32> as Mac>::new_from_slice(subkey.as_ref()).expect("32-byte key");
        mac.update(&bytes);
        mac.finalize().into_bytes().to_vec()
    }

    fn seal(&mut self, key: &DataKey) {
        self.doc.mac = String::new();
        self.doc.mac = BASE64.encode(&self.mac_of(key));
        self.doc.checksum = Some(self.checksum());
    }

    pub(crate) fn verify(&self, key: &DataKey) -> Result<()> {
        use subtle::ConstantTimeEq;
        let stored = BASE64.decode(self.doc.mac.as_bytes()).map_err(|_| damaged_key_file())?;
        if bool::from(stored.ct_eq(&self.mac_of(key))) { Ok(()) } else { Err(damaged_key_file()) }
    }
}

fn decode_exact(text: &str, len: usize) -> Result<Vec<u8>> {
    match BASE64.decode(text.as_bytes()) {
        Ok(bytes) if bytes.len() == len => Ok(bytes),
        _ => Err(damaged_key_file()),
    }
}

fn associated_data(kind: SlotKind, notebook_id: &str, kdf: &Kdf, salt: &str) -> String {
    let kind = match kind {
        SlotKind::Passphrase => "passphrase",
        SlotKind::Recovery => "recovery",
    };
    format!(
        "{FORMAT}/{FORMAT_VERSION}\0{notebook_id}\0{kind}\0{}\0{}\0{}\0{}\0{}\0{salt}",
        kdf.algorithm, kdf.version, kdf.params.memory_kib, kdf.params.iterations, kdf.params.parallelism
    )
}

fn derive(secret: &[u8], salt: &[u8], params: KdfParams) -> Result<Zeroizing<[u8; KEY_LEN]>> {
    let argon_params = Params::new(params.memory_kib, params.iterations, params.parallelism, Some(KEY_LEN))
        .map_err(|_| damaged_key_file())?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(|_| Error::Storage("Could not derive the notebook key.".into()))?;
    Ok(out)
}

fn wrap(kind: SlotKind, secret: &[u8], key: &DataKey, notebook_id: &str, params: KdfParams) -> Result<Slot> {
    let mut salt = [0u8; SALT_LEN];
    OsRng.fill_bytes(&mut salt);
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut nonce);
    let kdf = Kdf { algorithm: "argon2id".into(), version: 0x13, params };
    let salt_text = BASE64.encode(&salt);
    let kek = derive(secret, &salt, params)?;
    let cipher = XChaCha20Poly1305::new(Key::from_slice(kek.as_ref()));
    let aad = associated_data(kind, notebook_id, &kdf, &salt_text);
    let wrapped = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: key.0.as_ref(), aad: aad.as_bytes() })
        .map_err(|_| Error::Storage("Could not protect the notebook key.".into()))?;
    Ok(Slot {
        kind,
        kdf,
        salt: salt_text,
        nonce: BASE64.encode(&nonce),
        wrapped_key: BASE64.encode(&wrapped),
    })
}

#[cfg(test)]
mod tests;
