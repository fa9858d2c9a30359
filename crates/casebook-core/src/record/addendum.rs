//! Addenda: the only way to correct an item that no longer changes (a signed item, or a
//! completed intake). Each has a reason, its text, the date it was written and a signature, is
//! itself final (a trigger refuses any change), and is listed with the original, which always
//! stays visible as it was. Addenda are allowed on closed cases: a correction to the record must
//! never need the case reopened.

use super::audit::{self, AuditAction, Target};
use super::sign::signer;
use super::{RecordKind, RecordRef, load_stored};
use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns::{self, SqlDate, row_id};
use crate::error::Result;
use crate::input;
use crate::notebook::OpenNotebook;
use crate::workflow::Rule;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

row_id! {
    /// An addendum.
    AddendumId
}

/// An addendum as the window sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddendumInput {
    /// Why the correction is made.
    pub reason: String,
    /// The correction itself; at most 1 MB.
    pub body: String,
}

/// An addendum as stored: always signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AddendumView {
    pub id: AddendumId,
    pub record: RecordRef,
    pub case_id: CaseId,
    pub reason: String,
    pub body: String,
    /// The therapist's calendar day it was written.
    pub written_on: NaiveDate,
    pub signed_at: DateTime<Utc>,
    pub signed_by: String,
}

/// Adds a signed addendum to an item that no longer changes.
pub fn add_addendum(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    record: RecordRef,
    addendum: AddendumInput,
) -> Result<AddendumView> {
    let reason = input::required_text("reason", &addendum.reason)?;
    let body = input::required_text("body", &addendum.body)?;
    let name = signer(open)?;
    let at = columns::instant_text(clock.now());
    let tx = open.change()?;
    let stored = load_stored(&tx, record)?;
    if !stored.is_final() {
        return Err(Rule::AddendumNeedsFinal.refuse());
    }
    tx.execute(
        "INSERT INTO addendum (case_id, record_kind, record_id, reason, body, written_on, signed_at, signed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            stored.case_id,
            record.kind(),
            record.raw_id(),
            reason,
            body,
            SqlDate(columns::today(clock)),
            at,
            name
        ],
    )?;
    let id = AddendumId(tx.last_insert_rowid());
    case::touch(&tx, stored.case_id, &at)?;
    let target = Target::in_case(record.audit_table(), record.raw_id(), stored.case_id);
    audit::append(&tx, AuditAction::AddendumAdded, target)?;
    tx.commit()?;
    tracing::info!(case = %stored.case_id, addendum = %id, kind = record.kind().as_str(), "addendum added");
    let mut all = list_addenda(open, record)?;
    all.retain(|a| a.id == id);
    all.pop().ok_or_else(|| crate::Error::Storage("The addendum was not saved.".into()))
}

/// The addenda of an item, oldest first.
pub fn list_addenda(open: &OpenNotebook, record: RecordRef) -> Result<Vec<AddendumView>> {
    load(open.store().conn(), record)
}

fn load(conn: &Connection, record: RecordRef) -> Result<Vec<AddendumView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, case_id, record_kind, record_id, reason, body, written_on, signed_at, signed_by
         FROM addendum WHERE record_kind = ?1 AND record_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![record.kind(), record.raw_id()], |r| {
        let kind: RecordKind = r.get(2)?;
        Ok(AddendumView {
            id: r.get(0)?,
            case_id: r.get(1)?,
            record: RecordRef::from_parts(kind, r.get(3)?),
            reason: r.get(4)?,
            body: r.get(5)?,
            written_on: columns::date(r, 6)?,
            signed_at: columns::instant(r, 7)?,
            signed_by: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
