//! The audit chain's cryptography: each entry's MAC, the seal on the last entry, and the walk
//! that checks them all.
//!
//! The MAC is keyed BLAKE2b-256 under a subkey of the data key (persona `cb-audit-chain`), over
//! the previous entry's MAC and every field of the entry in an unambiguous encoding (each field
//! tagged, strings length-prefixed), so editing, deleting or moving an entry breaks the chain
//! from there on. A chain alone cannot show that entries were cut from its end, so `audit_head`
//! keeps a seal (a MAC under another persona) over the last sequence number and its MAC.
//!
//! What this protects against: changes made with anything other than Casebook's own code (an
//! SQL shell holding the key, a tool that "repairs" the file, a partial restore, a bug that
//! bypasses the engine). It is not a defence against someone who has the key and reproduces this
//! scheme; nothing inside one file could be.

use crate::error::Result;
use blake2::Blake2bMac;
use blake2::digest::{Mac, consts::U32};
use rusqlite::{Connection, OptionalExtension};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// The subkey persona for the audit chain (at most 16 bytes).
pub(crate) const SUBKEY_PERSONA: &[u8] = b"cb-audit-chain";
const ENTRY_PERSONA: &[u8] = b"cb-audit-entry";
const HEAD_PERSONA: &[u8] = b"cb-audit-head";

/// The MAC of the entry before the first.
pub(super) const GENESIS: [u8; 32] = [0; 32];

pub(crate) type ChainKey = Zeroizing<[u8; 32]>;

/// One entry's fields as stored (words as text, so an unknown word reads as tampering, not as
/// an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fields {
    pub seq: i64,
    pub at: String,
    pub action: String,
    pub table: Option<String>,
    pub target_id: Option<i64>,
    pub case_id: Option<i64>,
    pub count: Option<i64>,
}

fn mac_with(key: &ChainKey, persona: &[u8]) -> Blake2bMac<U32> {
    Blake2bMac::<U32>::new_with_salt_and_personal(key.as_ref(), &[], persona)
        .expect("a 32-byte key and a short persona are valid BLAKE2b inputs")
}

fn put_int(mac: &mut Blake2bMac<U32>, value: Option<i64>) {
    match value {
        None => mac.update(&[0]),
        Some(v) => {
            mac.update(&[1]);
            mac.update(&v.to_be_bytes());
        }
    }
}

fn put_text(mac: &mut Blake2bMac<U32>, value: Option<&str>) {
    match value {
        None => mac.update(&[0]),
        Some(s) => {
            mac.update(&[1]);
            mac.update(&u64::try_from(s.len()).unwrap_or(u64::MAX).to_be_bytes());
            mac.update(s.as_bytes());
        }
    }
}

/// The MAC of an entry that follows `prev`.
pub(super) fn entry_mac(key: &ChainKey, prev: &[u8; 32], f: &Fields) -> [u8; 32] {
    let mut mac = mac_with(key, ENTRY_PERSONA);
    mac.update(prev);
    put_int(&mut mac, Some(f.seq));
    put_text(&mut mac, Some(&f.at));
    put_text(&mut mac, Some(&f.action));
    put_text(&mut mac, f.table.as_deref());
    put_int(&mut mac, f.target_id);
    put_int(&mut mac, f.case_id);
    put_int(&mut mac, f.count);
    mac.finalize().into_bytes().into()
}

/// The seal over the last entry.
pub(super) fn head_seal(key: &ChainKey, seq: i64, last: &[u8; 32]) -> [u8; 32] {
    let mut mac = mac_with(key, HEAD_PERSONA);
    mac.update(&seq.to_be_bytes());
    mac.update(last);
    mac.finalize().into_bytes().into()
}

fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// What the walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChainCheck {
    /// Entries whose MAC checked out, from the first.
    pub intact: u64,
    /// The first problem, in words without content.
    pub problem: Option<String>,
}

/// Walks every entry from the first, then checks the seal on the last.
pub(crate) fn check(conn: &Connection, key: &ChainKey) -> Result<ChainCheck> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, action, target_table, target_id, case_id, count, mac FROM audit_entry ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS;
    let mut expected: i64 = 1;
    let mut intact = 0u64;
    while let Some(r) = rows.next()? {
        let fields = Fields {
            seq: r.get(0)?,
            at: r.get(1)?,
            action: r.get(2)?,
            table: r.get(3)?,
            target_id: r.get(4)?,
            case_id: r.get(5)?,
            count: r.get(6)?,
        };
        let stored: Vec<u8> = r.get(7)?;
        if fields.seq != expected {
            let problem =
                format!("Audit entry {expected} is missing; the trail continues at entry {}.", fields.seq);
            return Ok(ChainCheck { intact, problem: Some(problem) });
        }
        let mac = entry_mac(key, &prev, &fields);
        if !same(&mac, &stored) {
            let problem = format!("Audit entry {} was altered, moved or replaced.", fields.seq);
            return Ok(ChainCheck { intact, problem: Some(problem) });
        }
        prev = mac;
        expected += 1;
        intact += 1;
    }
    let last = expected - 1;
    let head: Option<(i64, Vec<u8>)> = conn
        .query_row("SELECT seq, seal FROM audit_head WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let problem = match head {
        None if last == 0 => None,
        None => Some("The seal on the last audit entry is missing.".to_string()),
        Some((seq, _)) if seq > last => {
            Some(format!("Audit entries after entry {last} were removed (the trail ended at {seq})."))
        }
        Some((seq, _)) if seq < last => {
            Some(format!("Audit entries after entry {seq} were added outside Casebook."))
        }
        Some((seq, seal)) if !same(&head_seal(key, seq, &prev), &seal) => {
            Some("The seal on the last audit entry was altered.".to_string())
        }
        Some(_) => None,
    };
    Ok(ChainCheck { intact, problem })
}
