//! Process notes: the therapist's private impressions, kept apart from the clinical record. They
//! may point at a session, but no session view carries them, and exports leave them out unless
//! the therapist explicitly includes them.

use super::SessionId;
use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns::{self, SqlDate, row_id};
use crate::error::{Error, Result};
use crate::input;
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

row_id! {
    /// A private process note.
    ProcessNoteId
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct ProcessNoteInput {
    /// The session it is about, if any.
    pub session: Option<SessionId>,
    pub written_on: NaiveDate,
    /// At most 1 MB.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProcessNoteView {
    pub id: ProcessNoteId,
    pub case_id: CaseId,
    pub session: Option<SessionId>,
    pub written_on: NaiveDate,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

struct Valid {
    session: Option<SessionId>,
    written_on: NaiveDate,
    body: String,
}

fn validated(note: &ProcessNoteInput, today: NaiveDate) -> Result<Valid> {
    Ok(Valid {
        session: note.session,
        written_on: input::past_date("writtenOn", note.written_on, today)?,
        body: input::required_text("body", &note.body)?,
    })
}

fn check_session(conn: &Connection, case_id: CaseId, session: Option<SessionId>) -> Result<()> {
    if let Some(s) = session {
        let ok = conn
            .prepare_cached("SELECT 1 FROM session_note WHERE id = ?1 AND case_id = ?2")?
            .exists(params![s, case_id])?;
        if !ok {
            return Err(Error::invalid("session", "That session is not in this case."));
        }
    }
    Ok(())
}

/// Writes a private process note in an open case.
pub fn record_process_note(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    case_id: CaseId,
    note: ProcessNoteInput,
) -> Result<ProcessNoteView> {
    let v = validated(&note, columns::today(clock))?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    case::writable(&tx, case_id)?;
    check_session(&tx, case_id, v.session)?;
    tx.execute(
        "INSERT INTO process_note (case_id, session_id, written_on, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![case_id, v.session, SqlDate(v.written_on), v.body, now],
    )?;
    let id = ProcessNoteId(tx.last_insert_rowid());
    audit::append(&tx, AuditAction::Created, Target::in_case(AuditTable::ProcessNote, id.0, case_id))?;
    tx.commit()?;
    tracing::info!(case = %case_id, note = %id, "process note written");
    load(open.store().conn(), id)
}

/// Changes a private process note of an open case.
pub fn update_process_note(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    id: ProcessNoteId,
    note: ProcessNoteInput,
) -> Result<ProcessNoteView> {
    let v = validated(&note, columns::today(clock))?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let case_id = load(&tx, id)?.case_id;
    case::writable(&tx, case_id)?;
    check_session(&tx, case_id, v.session)?;
    tx.execute(
        "UPDATE process_note SET session_id = ?1, written_on = ?2, body = ?3, updated_at = ?4 WHERE id = ?5",
        params![v.session, SqlDate(v.written_on), v.body, now, id],
    )?;
    audit::append(&tx, AuditAction::Edited, Target::in_case(AuditTable::ProcessNote, id.0, case_id))?;
    tx.commit()?;
    load(open.store().conn(), id)
}

/// A case's process notes, oldest first.
pub fn list_process_notes(open: &OpenNotebook, case_id: CaseId) -> Result<Vec<ProcessNoteView>> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE case_id = ?1 ORDER BY written_on, id"))?;
    Ok(stmt.query_map([case_id], read)?.collect::<rusqlite::Result<_>>()?)
}

const SELECT: &str =
    "SELECT id, case_id, session_id, written_on, body, created_at, updated_at FROM process_note";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<ProcessNoteView> {
    Ok(ProcessNoteView {
        id: r.get(0)?,
        case_id: r.get(1)?,
        session: r.get(2)?,
        written_on: columns::date(r, 3)?,
        body: r.get(4)?,
        created_at: columns::instant(r, 5)?,
        updated_at: columns::instant(r, 6)?,
    })
}

fn load(conn: &Connection, id: ProcessNoteId) -> Result<ProcessNoteView> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], read)
        .optional()?
        .ok_or_else(|| Error::NotFound("That process note is not in this notebook.".into()))
}
