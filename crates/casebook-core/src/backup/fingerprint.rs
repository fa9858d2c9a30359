//! What a backup is compared with: per table, its row count and a hash over every row.
//!
//! Rows are hashed one by one (each value with its type) and the row hashes sorted before they
//! are hashed together, so the fingerprint depends on what the table holds, not on the order a
//! query happens to return it in.

use crate::error::Result;
use blake2::Digest;
use blake2::digest::consts::U32;
use rusqlite::Connection;
use rusqlite::types::ValueRef;

type Hash = blake2::Blake2b<U32>;

/// One table's row count and content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TablePrint {
    pub table: String,
    pub rows: u64,
    pub hash: [u8; 32],
}

/// Every table's print, by table name.
pub(crate) fn of(conn: &Connection) -> Result<Vec<TablePrint>> {
    let names = crate::store::user_tables(conn)?;
    let mut out = Vec::with_capacity(names.len());
    for table in names {
        let quoted = format!("\"{}\"", table.replace('"', "\"\""));
        let mut stmt = conn.prepare(&format!("SELECT * FROM {quoted}"))?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([])?;
        let mut hashes: Vec<[u8; 32]> = Vec::new();
        while let Some(row) = rows.next()? {
            let mut h = Hash::new();
            for i in 0..columns {
                match row.get_ref(i)? {
                    ValueRef::Null => h.update([0u8]),
                    ValueRef::Integer(v) => {
                        h.update([1u8]);
                        h.update(v.to_le_bytes());
                    }
                    ValueRef::Real(v) => {
                        h.update([2u8]);
                        h.update(v.to_bits().to_le_bytes());
                    }
                    ValueRef::Text(t) => {
                        h.update([3u8]);
                        h.update((t.len() as u64).to_le_bytes());
                        h.update(t);
                    }
                    ValueRef::Blob(b) => {
                        h.update([4u8]);
                        h.update((b.len() as u64).to_le_bytes());
                        h.update(b);
                    }
                }
            }
            hashes.push(h.finalize().into());
        }
        hashes.sort_unstable();
        let mut all = Hash::new();
        for row in &hashes {
            all.update(row);
        }
        out.push(TablePrint { table, rows: hashes.len() as u64, hash: all.finalize().into() });
    }
    Ok(out)
}

/// The first table whose print differs, in words without content.
pub(crate) fn first_difference(expected: &[TablePrint], found: &[TablePrint]) -> Option<String> {
    for want in expected {
        match found.iter().find(|f| f.table == want.table) {
            None => return Some(format!("table {} is missing", want.table)),
            Some(got) if got.rows != want.rows => {
                return Some(format!("table {} has {} rows, not {}", want.table, got.rows, want.rows));
            }
            Some(got) if got.hash != want.hash => {
                return Some(format!("table {} holds other content", want.table));
            }
            Some(_) => {}
        }
    }
    found
        .iter()
        .find(|f| !expected.iter().any(|e| e.table == f.table))
        .map(|f| format!("table {} is extra", f.table))
}
