//! Reading the trail back: a case's history (oldest first) and the whole log, a page at a time
//! (newest first), each entry with a one-line summary that names the record, never its content.

use super::{AuditAction, AuditTable};
use crate::case::{self, CaseId};
use crate::columns;
use crate::error::Result;
use crate::notebook::OpenNotebook;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// Entries per page of the whole log.
pub const AUDIT_PAGE_SIZE: u32 = 100;

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryView {
    /// Its place in the chain, from 1.
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub action: AuditAction,
    pub table: Option<AuditTable>,
    pub record_id: Option<i64>,
    pub case_id: Option<CaseId>,
    /// How many (failed unlocks, records exported).
    pub count: Option<u32>,
    /// One line for the therapist, for example "Signed session note 12".
    pub summary: String,
}

/// One page of the whole log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    pub entries: Vec<AuditEntryView>,
    /// From 0.
    pub page: u32,
    pub page_size: u32,
    /// Entries in the whole log.
    pub total: u32,
}

const SELECT: &str = "SELECT seq, at, action, target_table, target_id, case_id, count FROM audit_entry";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntryView> {
    let action: AuditAction = r.get(2)?;
    let table: Option<AuditTable> = r.get(3)?;
    let record_id: Option<i64> = r.get(4)?;
    let count: Option<u32> = r.get(6)?;
    Ok(AuditEntryView {
        seq: r.get(0)?,
        at: columns::instant(r, 1)?,
        summary: summary(action, table, record_id, count),
        action,
        table,
        record_id,
        case_id: r.get(5)?,
        count,
    })
}

/// Everything that happened to a case and its records, oldest first.
pub fn case_history(open: &OpenNotebook, case_id: CaseId) -> Result<Vec<AuditEntryView>> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE case_id = ?1 ORDER BY seq"))?;
    Ok(stmt.query_map([case_id], read)?.collect::<rusqlite::Result<_>>()?)
}

/// The whole log, newest first; `page` counts from 0.
pub fn audit_log(open: &OpenNotebook, page: u32) -> Result<AuditPage> {
    let conn = open.store().conn();
    let total: u32 = conn.query_row("SELECT count(*) FROM audit_entry", [], |r| r.get(0))?;
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY seq DESC LIMIT ?1 OFFSET ?2"))?;
    let offset = i64::from(page) * i64::from(AUDIT_PAGE_SIZE);
    let entries =
        stmt.query_map(rusqlite::params![AUDIT_PAGE_SIZE, offset], read)?.collect::<rusqlite::Result<_>>()?;
    Ok(AuditPage { entries, page, page_size: AUDIT_PAGE_SIZE, total })
}

fn summary(action: AuditAction, table: Option<AuditTable>, id: Option<i64>, count: Option<u32>) -> String {
    let what = match (table, id) {
        (Some(t), Some(id)) => format!("{} {id}", t.label()),
        (Some(t), None) => t.label().to_string(),
        _ => "the notebook".to_string(),
    };
    let times = count.map_or(String::new(), |n| format!(" ×{n}"));
    match action {
        AuditAction::NotebookCreated => "Notebook created".into(),
        AuditAction::Unlocked => "Unlocked".into(),
        AuditAction::RecoveryUnlocked => "Unlocked with the recovery code; new passphrase set".into(),
        AuditAction::UnlockFailed => format!("Unlock failed{times}"),
        AuditAction::Locked => "Locked".into(),
        AuditAction::AutoLocked => "Locked after the idle time".into(),
        AuditAction::PassphraseChanged => "Passphrase changed".into(),
        AuditAction::RecoveryCodeReplaced => "Recovery code replaced".into(),
        AuditAction::Created => format!("Created {what}"),
        AuditAction::Edited => format!("Changed {what}"),
        AuditAction::Signed => format!("Signed {what}"),
        AuditAction::AddendumAdded => format!("Addendum added to {what}"),
        AuditAction::ConsentRecorded => format!("Recorded {what}"),
        AuditAction::ConsentWithdrawn => format!("Withdrew {what}"),
        AuditAction::CaseClosed => "Case closed".into(),
        AuditAction::CaseReopened => "Case reopened".into(),
        AuditAction::Exported => format!("Exported {what}, de-identified{times}"),
        AuditAction::ExportedIdentified => format!("Exported {what}, identified{times}"),
        AuditAction::BackedUp => "Backup made".into(),
        AuditAction::Restored => "Restored from a backup".into(),
    }
}
