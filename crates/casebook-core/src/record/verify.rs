//! "Verify notebook": SQLite's integrity check (with the foreign-key check), SQLCipher's
//! cipher integrity check (every page's HMAC), the audit chain, and the guards that keep signed
//! items final, each with its outcome and, when it fails, what to do.
//!
//! A check that cannot even run (the file is too damaged to read) is reported as failed, never
//! as an error: the report is what the therapist needs most when something is wrong. Problems
//! are SQLite's and SQLCipher's own lines (page numbers, index and table names) and never carry
//! client data. Verification only reads.

use super::audit;
use crate::columns::text_enum;
use crate::error::{Error, Result};
use crate::notebook::OpenNotebook;
use crate::store;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// The most problem lines kept per check.
const MAX_PROBLEMS: usize = 20;

const DAMAGED: &str =
    "The notebook file is damaged. Restore it from a backup, and add nothing to this notebook until then.";
const AUDIT_ALTERED: &str = "The audit trail was changed outside Casebook. Keep this notebook as it is, note today's date, and restore a backup to compare.";
const GUARDS_ALTERED: &str =
    "The protection of signed items was changed outside Casebook. Restore the notebook from a backup.";

text_enum! {
    /// The checks "Verify notebook" runs, in order.
    pub enum CheckKind {
        /// SQLite's integrity check and foreign-key check.
        DatabaseIntegrity = "database_integrity",
        /// SQLCipher's check of every page's HMAC.
        CipherIntegrity = "cipher_integrity",
        /// The audit trail's chain of keyed hashes.
        AuditChain = "audit_chain",
        /// The database triggers that keep signed items, addenda and the audit trail final.
        RecordGuards = "record_guards",
    }
}

/// One check's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckOutcome {
    pub check: CheckKind,
    pub passed: bool,
    /// One line for the therapist.
    pub summary: String,
    /// What was found, at most 20 lines (page numbers, entry numbers; never content).
    pub problems: Vec<String>,
    /// What to do, when it failed.
    pub advice: Option<String>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VerificationReport {
    /// Every check passed.
    pub passed: bool,
    pub checks: Vec<CheckOutcome>,
    /// Entries in the audit trail whose chain checked out.
    pub audit_entries: u64,
    /// The first failed check's advice.
    pub advice: Option<String>,
    /// How long the checks took, in milliseconds (seconds at a decade's notebook), said in the
    /// window beside the result.
    pub took_ms: u64,
}

fn outcome(check: CheckKind, problems: Vec<String>, ok: &str, failed: &str, advice: &str) -> CheckOutcome {
    let passed = problems.is_empty();
    CheckOutcome {
        check,
        passed,
        summary: if passed { ok.to_string() } else { failed.to_string() },
        problems: problems.into_iter().take(MAX_PROBLEMS).collect(),
        advice: (!passed).then(|| advice.to_string()),
    }
}

/// A check that could not run: damage, or a failure to read.
fn not_run(check: CheckKind, err: &Error) -> CheckOutcome {
    let advice = match err {
        Error::Corrupt(_) => DAMAGED.to_string(),
        other => format!("{other} Try again; if this keeps happening, restore from a backup."),
    };
    CheckOutcome {
        check,
        passed: false,
        summary: "This check could not be completed.".into(),
        problems: vec![err.to_string()],
        advice: Some(advice),
    }
}

fn strings(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, rusqlite::types::Value>(0))?;
    let mut out = Vec::new();
    for row in rows {
        out.push(match row? {
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        });
    }
    Ok(out)
}

fn database_integrity(conn: &Connection) -> Result<Vec<String>> {
    let mut problems: Vec<String> = strings(conn, &format!("PRAGMA integrity_check({MAX_PROBLEMS})"))?
        .into_iter()
        .filter(|line| line != "ok")
        .collect();
    let mut stmt = conn.prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")?;
    let broken = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?))
    })?;
    for row in broken.take(MAX_PROBLEMS) {
        let (table, rowid, parent) = row?;
        let at = rowid.map_or(String::new(), |id| format!(" row {id}"));
        problems.push(format!("{table}{at} refers to a missing {parent} row."));
    }
    Ok(problems)
}

fn record_guards(conn: &Connection) -> Result<Vec<String>> {
    let expected: BTreeMap<String, String> = store::expected_triggers().into_iter().collect();
    let mut stmt =
        conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")?;
    let stored: BTreeMap<String, String> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())))?
        .collect::<rusqlite::Result<_>>()?;
    let mut problems = Vec::new();
    for (name, sql) in &expected {
        match stored.get(name) {
            None => problems.push(format!("The guard {name} is missing.")),
            Some(got) if store::normalize_sql(got) != *sql => {
                problems.push(format!("The guard {name} was changed."))
            }
            Some(_) => {}
        }
    }
    for name in stored.keys().filter(|n| !expected.contains_key(*n)) {
        problems.push(format!("A trigger that Casebook does not make ({name}) was added."));
    }
    Ok(problems)
}

/// Runs every check on an open notebook. Reads only.
pub fn verify_notebook(open: &OpenNotebook) -> VerificationReport {
    let started = std::time::Instant::now();
    let conn = open.store().conn();
    let mut checks = Vec::with_capacity(4);
    checks.push(match database_integrity(conn) {
        Ok(p) => outcome(
            CheckKind::DatabaseIntegrity,
            p,
            "The database's structure is intact.",
            "The database's structure is damaged.",
            DAMAGED,
        ),
        Err(e) => not_run(CheckKind::DatabaseIntegrity, &e),
    });
    checks.push(match strings(conn, "PRAGMA cipher_integrity_check") {
        Ok(p) => outcome(
            CheckKind::CipherIntegrity,
            p,
            "Every page of the encrypted file is as it was written.",
            "Some pages of the encrypted file were changed or damaged.",
            DAMAGED,
        ),
        Err(e) => not_run(CheckKind::CipherIntegrity, &e),
    });
    let mut audit_entries = 0;
    checks.push(match audit::verify(open) {
        Ok(chain) => {
            audit_entries = chain.intact;
            outcome(
                CheckKind::AuditChain,
                chain.problem.into_iter().collect(),
                &format!("The audit trail is complete and unaltered ({} entries).", chain.intact),
                "The audit trail was altered.",
                AUDIT_ALTERED,
            )
        }
        Err(e) => not_run(CheckKind::AuditChain, &e),
    });
    checks.push(match record_guards(conn) {
        Ok(p) => outcome(
            CheckKind::RecordGuards,
            p,
            "Signed items, addenda and the audit trail are protected.",
            "The protection of signed items was changed.",
            GUARDS_ALTERED,
        ),
        Err(e) => not_run(CheckKind::RecordGuards, &e),
    });
    let advice = checks.iter().find_map(|c| c.advice.clone());
    let passed = checks.iter().all(|c| c.passed);
    tracing::info!(passed, audit_entries, "notebook verified");
    let took_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    VerificationReport { passed, checks, audit_entries, advice, took_ms }
}
