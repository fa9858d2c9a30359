//! The backup file: one file a therapist can copy, pick in a dialog and restore.
//!
//! ```text
//! "CASEBOOK-BACKUP\n"   16 bytes
//! header length         u32, little-endian (at most 64 KiB)
//! header                JSON: format, app version, schema version, when, the key file, database length
//! database              the notebook's SQLCipher file, byte for byte (still encrypted)
//! checksum              BLAKE2b-256 of every byte above
//! ```
//!
//! The database is never decrypted into the backup: it is the notebook's own encrypted file, and
//! the key file it carries is the one in force when the backup was made, so a backup opens with
//! the passphrase (or recovery code) of that day, whatever the passphrase is later. The header
//! holds no client data. The unkeyed checksum finds damage (a truncated copy, a flipped bit)
//! before any passphrase is asked; the database's own HMACs and the key file's MAC are what
//! defeat tampering.

use crate::error::{Error, Result};
use crate::files;
use crate::vault::KeyFile;
use blake2::Digest;
use blake2::digest::consts::U32;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

type Checksum = blake2::Blake2b<U32>;

const MAGIC: &[u8; 16] = b"CASEBOOK-BACKUP\n";
/// The container format this build writes and reads.
pub(crate) const FORMAT: u32 = 1;
const MAX_HEADER: u32 = 64 * 1024;
const CHECKSUM_LEN: u64 = 32;
const CHUNK: usize = 1 << 20;

/// What the header says, readable without a passphrase.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Header {
    pub format: u32,
    pub app_version: String,
    pub schema_version: u32,
    pub made_at: DateTime<Utc>,
    /// The key file's text as it was on disk.
    pub key_file: String,
    pub database_bytes: u64,
}

/// A backup whose checksum held.
#[derive(Debug)]
pub(crate) struct Backup {
    pub header: Header,
    pub key_file: KeyFile,
    /// The whole file's length.
    pub bytes: u64,
}

fn bad(message: &str) -> Error {
    Error::invalid("backup", message)
}

/// Writes a new backup file at `path` (which must not exist) from the database at `db`, and
/// flushes it to disk before returning. The caller removes it on error.
pub(crate) fn write(path: &Path, header: &Header, db: &Path) -> Result<u64> {
    let fail = |what: &str, e: &std::io::Error| backup_io(what, e);
    let header_json = serde_json::to_vec(header)
        .map_err(|_| Error::Storage("The backup header could not be written.".into()))?;
    let header_len = u32::try_from(header_json.len())
        .ok()
        .filter(|n| *n <= MAX_HEADER)
        .ok_or_else(|| Error::Storage("The backup header is too large.".into()))?;
    let mut out = files::create_private_file(path)?;
    let mut sum = Checksum::new();
    let mut put = |out: &mut File, bytes: &[u8]| -> Result<()> {
        sum.update(bytes);
        out.write_all(bytes).map_err(|e| fail("Could not write the backup", &e))
    };
    put(&mut out, MAGIC)?;
    put(&mut out, &header_len.to_le_bytes())?;
    put(&mut out, &header_json)?;
    let mut source = File::open(db).map_err(|e| Error::io("Could not read the notebook", &e))?;
    let mut buf = vec![0u8; CHUNK];
    let mut copied = 0u64;
    loop {
        let n = source.read(&mut buf).map_err(|e| Error::io("Could not read the notebook", &e))?;
        if n == 0 {
            break;
        }
        put(&mut out, &buf[..n])?;
        copied += n as u64;
    }
    if copied != header.database_bytes {
        return Err(Error::Storage("The notebook changed while it was being copied; try again.".into()));
    }
    let digest = sum.finalize();
    out.write_all(&digest).map_err(|e| fail("Could not write the backup", &e))?;
    out.sync_all().map_err(|e| fail("Could not flush the backup to the disk", &e))?;
    Ok(16 + 4 + u64::from(header_len) + copied + CHECKSUM_LEN)
}

/// Backup folders are often removable drives: a full disk and a drive pulled out mid-write are
/// said in those words.
pub(crate) fn backup_io(what: &str, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28) {
        return Error::Storage(
            "The backup folder's disk is full, so no backup was made. Your notebook is unchanged.".into(),
        );
    }
    Error::Storage(format!("{what} (the backup folder may have been unplugged): {}.", e.kind()))
}

/// How much of a backup [`read`] reads.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reading<'a> {
    /// The header and key file (the shape and length are checked, not the checksum).
    Header,
    /// Every byte, against the checksum.
    Whole,
    /// Every byte, against the checksum, and the database written to `to` (a new, owner-only
    /// file, removed again if the checksum fails), flushed to disk only when `durable`, as a
    /// restore needs and a throwaway verification copy does not.
    Extract { to: &'a Path, durable: bool },
}

/// Reads and checks a backup file.
pub(crate) fn read(path: &Path, reading: Reading<'_>) -> Result<Backup> {
    let (extract_to, durable) = match reading {
        Reading::Extract { to, durable } => (Some(to), durable),
        Reading::Header | Reading::Whole => (None, false),
    };
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => bad("That backup file is no longer there."),
        _ => bad("That backup file could not be read."),
    })?;
    if !meta.is_file() {
        return Err(bad("That is not a file, so it is not a Casebook backup."));
    }
    let mut file = File::open(path).map_err(|_| bad("That backup file could not be read."))?;
    let not_backup =
        || bad("That file is not a Casebook backup (it does not start like one). Nothing was changed.");
    let mut magic = [0u8; 16];
    if meta.len() < 20 || file.read_exact(&mut magic).is_err() || &magic != MAGIC {
        return Err(not_backup());
    }
    let mut len = [0u8; 4];
    file.read_exact(&mut len).map_err(|_| not_backup())?;
    let header_len = u32::from_le_bytes(len);
    if header_len > MAX_HEADER || u64::from(header_len) + 20 > meta.len() {
        return Err(bad(
            "The backup is damaged or cut short: its header is incomplete. Nothing was changed.",
        ));
    }
    let mut header_json = vec![0u8; header_len as usize];
    file.read_exact(&mut header_json).map_err(|_| not_backup())?;
    let header = parse_header(&header_json)?;
    let expected = 20 + u64::from(header_len) + header.database_bytes + CHECKSUM_LEN;
    if meta.len() < expected {
        return Err(bad("The backup is cut short (the copy did not finish). Nothing was changed."));
    }
    if meta.len() > expected {
        return Err(bad(
            "The backup has bytes that do not belong to it, so it is not used. Nothing was changed.",
        ));
    }
    let key_file = KeyFile::from_bytes(header.key_file.as_bytes()).map_err(|err| match err {
        Error::Incompatible(m) => Error::Incompatible(m),
        _ => bad("The backup's key file is damaged, so it cannot be opened. Nothing was changed."),
    })?;
    if matches!(reading, Reading::Header) {
        return Ok(Backup { header, key_file, bytes: meta.len() });
    }
    let mut sum = Checksum::new();
    sum.update(magic);
    sum.update(len);
    sum.update(&header_json);
    let mut sink = match extract_to {
        Some(to) => Some(files::create_private_file(to)?),
        None => None,
    };
    let result = copy_checked(&mut file, &mut sum, header.database_bytes, sink.as_mut());
    let result = result.and_then(|()| {
        let mut stored = [0u8; CHECKSUM_LEN as usize];
        file.read_exact(&mut stored).map_err(|_| bad("The backup could not be read to its end."))?;
        if sum.finalize().as_slice() != stored {
            return Err(bad(
                "The backup is damaged: its checksum does not match what it holds. Try another backup. Nothing was changed.",
            ));
        }
        if let Some(out) = sink.as_mut().filter(|_| durable) {
            out.sync_all().map_err(|e| Error::io("Could not write the restored notebook", &e))?;
        }
        Ok(())
    });
    if let Err(err) = result {
        drop(sink);
        if let Some(to) = extract_to {
            let _ = std::fs::remove_file(to);
        }
        return Err(err);
    }
    Ok(Backup { header, key_file, bytes: meta.len() })
}

fn parse_header(json: &[u8]) -> Result<Header> {
    #[derive(Deserialize)]
    struct Version {
        format: u32,
    }
    let version: Version = serde_json::from_slice(json).map_err(|_| {
        bad("That file is not a Casebook backup (its header cannot be read). Nothing was changed.")
    })?;
    if version.format > FORMAT {
        return Err(Error::Incompatible(
            "This backup was made by a newer Casebook. Update Casebook to restore it.".into(),
        ));
    }
    let header: Header = serde_json::from_slice(json)
        .map_err(|_| bad("The backup's header is damaged. Nothing was changed."))?;
    if header.format != FORMAT {
        return Err(bad("The backup's header is damaged. Nothing was changed."));
    }
    Ok(header)
}

fn copy_checked(
    file: &mut File,
    sum: &mut Checksum,
    mut left: u64,
    mut sink: Option<&mut File>,
) -> Result<()> {
    let mut buf = vec![0u8; CHUNK];
    while left > 0 {
        let want = usize::try_from(left.min(CHUNK as u64)).unwrap_or(CHUNK);
        file.read_exact(&mut buf[..want]).map_err(|_| bad("The backup could not be read to its end."))?;
        sum.update(&buf[..want]);
        if let Some(out) = sink.as_deref_mut() {
            out.write_all(&buf[..want])
                .map_err(|e| Error::io("Could not write the restored notebook", &e))?;
        }
        left -= want as u64;
    }
    Ok(())
}
