//! A case: the client, their presenting difficulties, referral source and whether there is a
//! partner (first contact); its status (open or closed), closing with a reason and a discharge
//! summary, reopening with a reason; the stage and the workflow steps computed from what is
//! recorded; and the retain-until date of DOMAIN.md section 9.
//!
//! Every writer in every domain module asks [`writable`] first: a closed case is read-only
//! (addenda and signing, in `record`, are the exceptions: they add no content). What does not
//! belong here: the content recorded inside a case (intake, consents, notes, ...), which each
//! module owns; this module only reads their summaries to compute the stage and the steps.

mod closing;
mod list;
mod record;
mod retention;
mod view;

pub use closing::{
    CaseEvent, CaseEventKind, CloseCase, ClosingReason, NoteToSign, ReopenCase, close_case, reopen_case,
};
pub use list::{CaseFilter, CaseListItem, CaseListPage, list_case_page, list_cases};
pub use record::{CaseDetails, Difficulty, NewCase, create_case, list_difficulties, update_case};
pub use retention::{Retention, RetentionProfile, retention_profile, set_retention_profile};
pub use view::{CaseView, PartnerView, get_case};

use crate::columns::{self, row_id, text_enum};
use crate::error::{Error, Result};
use crate::person::PersonId;
use crate::workflow::Rule;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

row_id! {
    /// A case.
    CaseId
}

text_enum! {
    pub enum CaseStatus {
        Open = "open",
        Closed = "closed",
    }
}

/// The facts of a case row every module needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CaseRow {
    pub id: CaseId,
    pub client_id: PersonId,
    pub status: CaseStatus,
    pub has_partner: bool,
    pub first_contact_on: NaiveDate,
}

/// Reads a case row; `not_found` when there is none.
pub(crate) fn load_row(conn: &Connection, id: CaseId) -> Result<CaseRow> {
    conn.query_row(
        "SELECT id, client_id, status, has_partner, first_contact_on FROM case_file WHERE id = ?1",
        [id],
        |r| {
            Ok(CaseRow {
                id: r.get(0)?,
                client_id: r.get(1)?,
                status: r.get(2)?,
                has_partner: r.get(3)?,
                first_contact_on: columns::date(r, 4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("That case is not in this notebook.".into()))
}

/// A case that may be written to: it exists and is open.
pub(crate) fn writable(conn: &Connection, id: CaseId) -> Result<CaseRow> {
    let row = load_row(conn, id)?;
    if row.status == CaseStatus::Closed {
        return Err(Rule::ClosedCaseReadOnly.refuse());
    }
    Ok(row)
}

/// Marks the case as changed, for "recently changed" ordering.
pub(crate) fn touch(conn: &Connection, id: CaseId, now: &str) -> Result<()> {
    conn.execute("UPDATE case_file SET updated_at = ?1 WHERE id = ?2", rusqlite::params![now, id])?;
    Ok(())
}

#[cfg(test)]
mod tests;
