//! Closing a case (reason, date, discharge summary) and reopening it (reason, date). Both are
//! events appended to the case's history; the case's status follows the latest event.

use super::{CaseId, CaseStatus, CaseView, load_row, touch, writable};
use crate::clock::Clock;
use crate::columns::{self, SqlDate, text_enum};
use crate::due;
use crate::error::{Error, Result};
use crate::input;
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use crate::record::{self, RecordRef};
use crate::session::{self, SessionId};
use crate::workflow::Rule;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    pub enum ClosingReason {
        GoalsAchieved = "goals_achieved",
        ClientEnded = "client_ended",
        ReferredOn = "referred_on",
        LostContact = "lost_contact",
        /// Say which in `reasonNote`.
        Other = "other",
    }
}

text_enum! {
    pub enum CaseEventKind {
        Closed = "closed",
        Reopened = "reopened",
    }
}

/// Closing a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct CloseCase {
    /// Not in the future, not before the last session.
    pub closed_on: NaiveDate,
    pub reason: ClosingReason,
    /// Required when the reason is `other`.
    pub reason_note: Option<String>,
    pub discharge_summary: String,
    /// Unsigned session notes to sign as the case closes, each with its late reason where one is
    /// needed. A case closes only when none is left unsigned: a closed record is final.
    #[serde(default)]
    pub sign_notes: Vec<NoteToSign>,
}

/// One unsigned session note signed on closing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct NoteToSign {
    pub session_id: SessionId,
    /// Why it is signed late; required when it is.
    pub late_reason: Option<String>,
}

/// Reopening a closed case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReopenCase {
    pub reopened_on: NaiveDate,
    pub reason: String,
}

/// One closing or reopening in a case's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseEvent {
    pub kind: CaseEventKind,
    pub on_date: NaiveDate,
    pub closing_reason: Option<ClosingReason>,
    pub reason: Option<String>,
    pub discharge_summary: Option<String>,
}

/// Closes an open case. Afterwards it is read-only until reopened.
pub fn close_case(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    id: CaseId,
    close: CloseCase,
) -> Result<CaseView> {
    let today = columns::today(clock);
    let closed_on = input::past_date("closedOn", close.closed_on, today)?;
    let reason_note = input::text("reasonNote", close.reason_note.as_deref())?;
    if close.reason == ClosingReason::Other && reason_note.is_none() {
        return Err(Error::invalid("reasonNote", "Say why the case is closing."));
    }
    let summary = input::required_text("dischargeSummary", &close.discharge_summary)?;
    let mut to_sign = Vec::with_capacity(close.sign_notes.len());
    for (i, note) in close.sign_notes.iter().enumerate() {
        let reason = input::text(&format!("signNotes.{i}.lateReason"), note.late_reason.as_deref())?;
        to_sign.push((i, note.session_id, reason));
    }
    let signer = if to_sign.is_empty() { None } else { Some(record::signer(open)?) };
    let moment = clock.now();
    let now = columns::instant_text(moment);
    let tx = open.change()?;
    let row = writable(&tx, id)?;
    let last_session = session::last_held_on(&tx, id)?;
    if closed_on < row.first_contact_on || last_session.is_some_and(|d| closed_on < d) {
        return Err(Error::invalid(
            "closedOn",
            "A case cannot close before its first contact or its last session.",
        ));
    }
    let unsigned = due::unsigned_note_ids(&tx, id)?;
    for (i, session_id, reason) in to_sign {
        if !unsigned.contains(&session_id) {
            return Err(Error::invalid(
                format!("signNotes.{i}.sessionId"),
                "This is not an unsigned session note of this case.",
            ));
        }
        let name = signer.as_deref().unwrap_or_default();
        match record::sign_in(&tx, RecordRef::SessionNote(session_id), name, moment, reason) {
            Err(Error::Workflow { rule: Rule::LateNoteReason, .. }) => {
                return Err(Error::invalid(
                    format!("signNotes.{i}.lateReason"),
                    "This note is signed more than 24 hours after its session: say why it is late.",
                ));
            }
            other => other?,
        };
    }
    if !due::unsigned_note_ids(&tx, id)?.is_empty() {
        return Err(Rule::UnsignedNotes.refuse());
    }
    if crate::measures::unsigned_count(&tx, id)? > 0 {
        return Err(Rule::UnsignedMeasures.refuse());
    }
    tx.execute(
        "INSERT INTO case_event (case_id, kind, on_date, closing_reason, reason, discharge_summary, recorded_at)
         VALUES (?1, 'closed', ?2, ?3, ?4, ?5, ?6)",
        params![id, SqlDate(closed_on), close.reason, reason_note, summary, now],
    )?;
    let event = tx.last_insert_rowid();
    set_status(&tx, id, CaseStatus::Closed, &now)?;
    audit::append(&tx, AuditAction::CaseClosed, Target::in_case(AuditTable::CaseEvent, event, id))?;
    tx.commit()?;
    tracing::info!(case = %id, "case closed");
    super::get_case(open, clock, id)
}

/// Reopens a closed case; the reason is required and kept in the history.
pub fn reopen_case(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    id: CaseId,
    reopen: ReopenCase,
) -> Result<CaseView> {
    let today = columns::today(clock);
    let reopened_on = input::past_date("reopenedOn", reopen.reopened_on, today)?;
    let reason =
        input::text("reason", Some(&reopen.reason))?.ok_or_else(|| Rule::ReopenNeedsReason.refuse())?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let row = load_row(&tx, id)?;
    if row.status == CaseStatus::Open {
        return Err(Rule::CaseAlreadyOpen.refuse());
    }
    if last_closed_on(&tx, id)?.is_some_and(|closed| reopened_on < closed) {
        return Err(Error::invalid("reopenedOn", "A case cannot reopen before it closed."));
    }
    tx.execute(
        "INSERT INTO case_event (case_id, kind, on_date, reason, recorded_at) VALUES (?1, 'reopened', ?2, ?3, ?4)",
        params![id, SqlDate(reopened_on), reason, now],
    )?;
    let event = tx.last_insert_rowid();
    set_status(&tx, id, CaseStatus::Open, &now)?;
    audit::append(&tx, AuditAction::CaseReopened, Target::in_case(AuditTable::CaseEvent, event, id))?;
    tx.commit()?;
    tracing::info!(case = %id, "case reopened");
    super::get_case(open, clock, id)
}

fn set_status(conn: &Connection, id: CaseId, status: CaseStatus, now: &str) -> Result<()> {
    conn.execute("UPDATE case_file SET status = ?1 WHERE id = ?2", params![status, id])?;
    touch(conn, id, now)
}

/// The date of the latest closing, if the case was ever closed.
pub(crate) fn last_closed_on(conn: &Connection, id: CaseId) -> Result<Option<NaiveDate>> {
    Ok(conn
        .query_row(
            "SELECT on_date FROM case_event WHERE case_id = ?1 AND kind = 'closed' ORDER BY id DESC LIMIT 1",
            [id],
            |r| columns::date(r, 0),
        )
        .optional()?)
}

/// The case's closings and reopenings, oldest first.
pub(crate) fn history(conn: &Connection, id: CaseId) -> Result<Vec<CaseEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, on_date, closing_reason, reason, discharge_summary FROM case_event
         WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(CaseEvent {
            kind: r.get(0)?,
            on_date: columns::date(r, 1)?,
            closing_reason: r.get(2)?,
            reason: r.get(3)?,
            discharge_summary: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
