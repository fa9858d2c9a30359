//! The record's integrity (DOMAIN.md section 9, RELIABILITY.md R17 and R18): signing, addenda,
//! the audit trail and the verification of the whole notebook.
//!
//! Five kinds of item are signed: a session note, the intake, a formulation version, a plan
//! version and a measure's administration ([`RecordRef`]). Signing records the therapist's name from Settings and the time, and
//! a note signed more than 24 hours after its session ends keeps the reason it is late. Signed is
//! final twice over: each domain writer refuses to change a signed item (a workflow rule), and
//! the `guard_` triggers of migration 3 abort any UPDATE or DELETE of a signed row, or of the rows
//! that belong to it, whatever code runs the SQL. Corrections are addenda (reason, text, date,
//! signature), themselves final, shown with the original, and allowed on closed cases.
//!
//! What does not belong here: the content of the items (their own modules), and the drafts.

mod addendum;
pub mod audit;
mod sign;
mod verify;

pub use addendum::{AddendumId, AddendumInput, AddendumView, add_addendum, list_addenda};
pub use sign::{LATE_AFTER_HOURS, SignInput, SignatureView, SigningView, get_signing, sign_record};
pub(crate) use sign::{sign_in, signer};
pub use verify::{CheckKind, CheckOutcome, VerificationReport, verify_notebook};

use crate::case::CaseId;
use crate::columns::{self, text_enum};
use crate::error::{Error, Result};
use crate::formulation::FormulationId;
use crate::measures::AdministrationId;
use crate::plan::PlanId;
use crate::session::SessionId;
use audit::AuditTable;
use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// The kinds of item that are signed.
    pub enum RecordKind {
        SessionNote = "session_note",
        Intake = "intake",
        Formulation = "formulation",
        Plan = "plan",
        /// A measure's administration.
        Measure = "measure",
    }
}

/// An item that is signed, and to which addenda are added. The intake is named by its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum RecordRef {
    SessionNote(SessionId),
    Intake(CaseId),
    Formulation(FormulationId),
    Plan(PlanId),
    Measure(AdministrationId),
}

impl RecordRef {
    pub fn kind(self) -> RecordKind {
        match self {
            RecordRef::SessionNote(_) => RecordKind::SessionNote,
            RecordRef::Intake(_) => RecordKind::Intake,
            RecordRef::Formulation(_) => RecordKind::Formulation,
            RecordRef::Plan(_) => RecordKind::Plan,
            RecordRef::Measure(_) => RecordKind::Measure,
        }
    }

    /// The row id (for the intake, its case's id, which is the intake's key).
    pub fn raw_id(self) -> i64 {
        match self {
            RecordRef::SessionNote(id) => id.0,
            RecordRef::Intake(id) => id.0,
            RecordRef::Formulation(id) => id.0,
            RecordRef::Plan(id) => id.0,
            RecordRef::Measure(id) => id.0,
        }
    }

    pub(crate) fn from_parts(kind: RecordKind, id: i64) -> RecordRef {
        match kind {
            RecordKind::SessionNote => RecordRef::SessionNote(SessionId(id)),
            RecordKind::Intake => RecordRef::Intake(CaseId(id)),
            RecordKind::Formulation => RecordRef::Formulation(FormulationId(id)),
            RecordKind::Plan => RecordRef::Plan(PlanId(id)),
            RecordKind::Measure => RecordRef::Measure(AdministrationId(id)),
        }
    }

    pub(crate) fn audit_table(self) -> AuditTable {
        match self {
            RecordRef::SessionNote(_) => AuditTable::SessionNote,
            RecordRef::Intake(_) => AuditTable::Intake,
            RecordRef::Formulation(_) => AuditTable::Formulation,
            RecordRef::Plan(_) => AuditTable::Plan,
            RecordRef::Measure(_) => AuditTable::MeasureAdministration,
        }
    }

    /// The table and its key column.
    fn table(self) -> (&'static str, &'static str) {
        match self {
            RecordRef::SessionNote(_) => ("session_note", "id"),
            RecordRef::Intake(_) => ("intake", "case_id"),
            RecordRef::Formulation(_) => ("formulation", "id"),
            RecordRef::Plan(_) => ("plan", "id"),
            RecordRef::Measure(_) => ("measure_administration", "id"),
        }
    }

    fn not_found(self) -> Error {
        let what = match self {
            RecordRef::SessionNote(_) => "That session note is not in this notebook.",
            RecordRef::Intake(_) => "This case has no intake yet.",
            RecordRef::Formulation(_) => "That formulation is not in this notebook.",
            RecordRef::Plan(_) => "That plan is not in this notebook.",
            RecordRef::Measure(_) => "That administration is not in this notebook.",
        };
        Error::NotFound(what.into())
    }
}

/// What signing and addenda need to know about a stored item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stored {
    pub case_id: CaseId,
    pub signed_at: Option<DateTime<Utc>>,
    pub signed_by: Option<String>,
    pub late_reason: Option<String>,
    /// An intake is final once completed, even before it is signed; the others once signed.
    pub completed: bool,
    /// When the session ended, for a session note.
    pub session_end: Option<DateTime<Utc>>,
}

impl Stored {
    /// No longer changes: corrections are addenda.
    pub fn is_final(&self) -> bool {
        self.signed_at.is_some() || self.completed
    }
}

/// A local wall-clock moment as an instant (the earlier one when clocks go back).
fn local_instant(at: NaiveDateTime) -> DateTime<Utc> {
    Local.from_local_datetime(&at).earliest().map_or_else(|| at.and_utc(), |t| t.with_timezone(&Utc))
}

pub(crate) fn load_stored(conn: &Connection, record: RecordRef) -> Result<Stored> {
    let (table, key) = record.table();
    let (late, completed, held) = match record {
        RecordRef::SessionNote(_) => ("late_reason", "0", "held_on || 'T' || ends_at"),
        RecordRef::Intake(_) => ("NULL", "completed_at IS NOT NULL", "NULL"),
        RecordRef::Formulation(_) | RecordRef::Plan(_) | RecordRef::Measure(_) => ("NULL", "0", "NULL"),
    };
    let sql = format!(
        "SELECT case_id, signed_at, signed_by, {late}, {completed}, {held} FROM {table} WHERE {key} = ?1"
    );
    conn.prepare_cached(&sql)?
        .query_row([record.raw_id()], |r| {
            Ok(Stored {
                case_id: r.get(0)?,
                signed_at: columns::opt_instant(r, 1)?,
                signed_by: r.get(2)?,
                late_reason: r.get(3)?,
                completed: r.get(4)?,
                session_end: r.get::<_, Option<columns::SqlDateTime>>(5)?.map(|t| local_instant(t.0)),
            })
        })
        .optional()?
        .ok_or_else(|| record.not_found())
}

#[cfg(test)]
mod tests;
