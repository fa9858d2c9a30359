//! The case code: a random code that stands for a case in every de-identified export, so a
//! supervisor can follow one case across summaries without learning anything about it.
//!
//! The code is drawn from the operating system's random source at the case's first export and
//! stored (migration 4); it is never derived from the case's id, its dates or its people, so two
//! codes say nothing about each other. Letters that read alike (0/O, 1/I) are left out.

use crate::case::CaseId;
use crate::clock::Clock;
use crate::columns;
use crate::error::{Error, Result};
use crate::store::Store;
use rand::Rng;
use rand::rngs::OsRng;
use rusqlite::{OptionalExtension, params};

const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A new code: two groups of four, such as `K7QX-M2P4` (40 random bits).
fn new_code() -> String {
    let mut rng = OsRng;
    let mut code = String::with_capacity(9);
    for i in 0..8 {
        if i == 4 {
            code.push('-');
        }
        code.push(char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]));
    }
    code
}

/// The case's code, created and stored the first time it is asked for.
pub(crate) fn case_code(store: &Store, clock: &dyn Clock, case_id: CaseId) -> Result<String> {
    let existing: Option<String> = store
        .conn()
        .prepare_cached("SELECT code FROM case_code WHERE case_id = ?1")?
        .query_row([case_id], |r| r.get(0))
        .optional()?;
    if let Some(code) = existing {
        return Ok(code);
    }
    let conn = store.writable()?;
    let now = columns::instant_text(clock.now());
    for _ in 0..8 {
        let code = new_code();
        let inserted = conn
            .prepare_cached("INSERT INTO case_code (case_id, code, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")?
            .execute(params![case_id, code, now])?;
        if inserted == 1 {
            tracing::info!(case = %case_id, "case code created");
            return Ok(code);
        }
    }
    Err(Error::Storage("A case code could not be created; try again.".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_the_documented_shape_and_differ() {
        let a = new_code();
        assert_eq!(a.len(), 9);
        assert_eq!(&a[4..5], "-");
        assert!(a.bytes().filter(|&b| b != b'-').all(|b| ALPHABET.contains(&b)));
        assert_ne!(a, new_code());
    }
}
