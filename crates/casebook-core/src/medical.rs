//! Medical liaison: whether medical causes have been ruled out (with its history), the
//! practitioners the therapist works with (GP, urologist, gynaecologist, endocrinologist,
//! pelvic-floor physiotherapist), and referrals to them.
//!
//! A referral needs the client's active release-of-information consent naming that practitioner
//! on the referral date (the check lives in `consent`). While the rule-out is pending (not
//! assessed, referred, awaiting a result) the formulation and the plan carry a reminder.
//! Practitioners are the notebook's directory, not part of one case. What does not belong here:
//! the referral letter's rendering (`export`, later), the consent itself (`consent`).

mod practitioner;

pub(crate) use practitioner::practitioner_exists;
pub use practitioner::{
    PractitionerInput, PractitionerKind, PractitionerView, add_practitioner, list_practitioners,
    update_practitioner,
};

use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns::{self, SqlDate, row_id, text_enum};
use crate::consent::{self, ConsentId};
use crate::error::{Error, Result};
use crate::input;
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

row_id! {
    /// A practitioner in the therapist's directory.
    PractitionerId
}

row_id! {
    /// A referral to a practitioner.
    ReferralId
}

text_enum! {
    /// Whether medical causes of the difficulty have been ruled out.
    pub enum RuleOutStatus {
        NotAssessed = "not_assessed",
        Referred = "referred",
        AwaitingResult = "awaiting_result",
        /// A medical factor contributes to the difficulty.
        Contributing = "contributing",
        RuledOut = "ruled_out",
    }
}

impl RuleOutStatus {
    /// The status in a therapist's words.
    pub fn label(self) -> &'static str {
        match self {
            RuleOutStatus::NotAssessed => "not assessed",
            RuleOutStatus::Referred => "referred",
            RuleOutStatus::AwaitingResult => "awaiting result",
            RuleOutStatus::Contributing => "medical factor contributing",
            RuleOutStatus::RuledOut => "ruled out",
        }
    }

    /// Medical causes are still open.
    pub fn is_pending(self) -> bool {
        matches!(self, RuleOutStatus::NotAssessed | RuleOutStatus::Referred | RuleOutStatus::AwaitingResult)
    }
}

/// A change of the rule-out status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct RuleOutInput {
    pub status: RuleOutStatus,
    pub on_date: NaiveDate,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RuleOutEntry {
    pub status: RuleOutStatus,
    pub on_date: NaiveDate,
    pub note: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

/// A referral as the window sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct ReferralInput {
    pub practitioner: PractitionerId,
    pub referred_on: NaiveDate,
    /// What the practitioner is asked to assess.
    pub reason: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralView {
    pub id: ReferralId,
    pub case_id: CaseId,
    pub practitioner: PractitionerId,
    /// The release-of-information consent the referral relied on.
    pub consent_id: ConsentId,
    pub referred_on: NaiveDate,
    pub reason: String,
    pub note: Option<String>,
}

/// The medical liaison of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MedicalView {
    pub status: RuleOutStatus,
    /// Shown while medical causes are not ruled out.
    pub reminder: Option<String>,
    /// Status changes, oldest first.
    pub history: Vec<RuleOutEntry>,
    pub referrals: Vec<ReferralView>,
}

/// The reminder the formulation and plan show while the rule-out is pending.
pub fn reminder(status: RuleOutStatus) -> Option<String> {
    status.is_pending().then(|| {
        format!(
            "Medical causes are not ruled out yet (status: {}). Keep the formulation and plan provisional until they are.",
            status.label()
        )
    })
}

/// The current rule-out status of a case.
pub(crate) fn current_status(conn: &Connection, case_id: CaseId) -> Result<RuleOutStatus> {
    Ok(conn
        .prepare_cached("SELECT status FROM rule_out WHERE case_id = ?1 ORDER BY id DESC LIMIT 1")?
        .query_row([case_id], |r| r.get(0))
        .optional()?
        .unwrap_or(RuleOutStatus::NotAssessed))
}

fn insert_status(
    conn: &Connection,
    case_id: CaseId,
    entry: &RuleOutInput,
    note: Option<&str>,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO rule_out (case_id, status, on_date, note, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![case_id, entry.status, SqlDate(entry.on_date), note, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Records a new rule-out status; the earlier ones stay in the history.
pub fn set_rule_out_status(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    case_id: CaseId,
    change: RuleOutInput,
) -> Result<MedicalView> {
    let today = columns::today(clock);
    input::past_date("onDate", change.on_date, today)?;
    let note = input::text("note", change.note.as_deref())?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let row = case::writable(&tx, case_id)?;
    if change.on_date < row.first_contact_on {
        return Err(Error::invalid("onDate", "This date is before the first contact."));
    }
    // One event, one row: a referral already recorded "referred" itself, and saying the same
    // status again would write a second history row for nothing that happened.
    let current = current_status(&tx, case_id)?;
    if current == change.status {
        return Err(Error::invalid(
            "status",
            format!(
                "The medical rule-out is already “{}”. Choose the status it has moved to.",
                current.label()
            ),
        ));
    }
    let entry = insert_status(&tx, case_id, &change, note.as_deref(), &now)?;
    case::touch(&tx, case_id, &now)?;
    audit::append(&tx, AuditAction::Created, Target::in_case(AuditTable::RuleOut, entry, case_id))?;
    tx.commit()?;
    tracing::info!(case = %case_id, status = change.status.as_str(), "rule-out status set");
    get_medical(open, case_id)
}

/// Refers the client to a practitioner. Needs the client's active release-of-information consent
/// naming that practitioner on the referral date. A case not yet assessed becomes "referred".
pub fn add_referral(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    case_id: CaseId,
    referral: ReferralInput,
) -> Result<ReferralView> {
    let today = columns::today(clock);
    let referred_on = input::past_date("referredOn", referral.referred_on, today)?;
    let reason = input::required_text("reason", &referral.reason)?;
    let note = input::text("note", referral.note.as_deref())?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let row = case::writable(&tx, case_id)?;
    if referred_on < row.first_contact_on {
        return Err(Error::invalid("referredOn", "This date is before the first contact."));
    }
    if !practitioner_exists(&tx, referral.practitioner)? {
        return Err(Error::invalid("practitioner", "That practitioner is not in this notebook."));
    }
    let consent_id = consent::require_release(&tx, case_id, referral.practitioner, referred_on)?;
    tx.execute(
        "INSERT INTO referral (case_id, practitioner_id, consent_id, referred_on, reason, note, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![case_id, referral.practitioner, consent_id, SqlDate(referred_on), reason, note, now],
    )?;
    let id = ReferralId(tx.last_insert_rowid());
    if current_status(&tx, case_id)? == RuleOutStatus::NotAssessed {
        let change = RuleOutInput { status: RuleOutStatus::Referred, on_date: referred_on, note: None };
        let entry = insert_status(&tx, case_id, &change, None, &now)?;
        audit::append(&tx, AuditAction::Created, Target::in_case(AuditTable::RuleOut, entry, case_id))?;
    }
    audit::append(&tx, AuditAction::Created, Target::in_case(AuditTable::Referral, id.0, case_id))?;
    case::touch(&tx, case_id, &now)?;
    tx.commit()?;
    tracing::info!(case = %case_id, referral = %id, "referral added");
    Ok(ReferralView {
        id,
        case_id,
        practitioner: referral.practitioner,
        consent_id,
        referred_on,
        reason,
        note,
    })
}

/// Checks, today, that a referral letter may go to its practitioner: the release consent must
/// still be active. The letter's export (a later issue) calls this before writing anything.
pub fn check_referral_letter(open: &OpenNotebook, clock: &dyn Clock, id: ReferralId) -> Result<()> {
    let conn = open.store().conn();
    let (case_id, practitioner): (CaseId, PractitionerId) = conn
        .query_row("SELECT case_id, practitioner_id FROM referral WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound("That referral is not in this notebook.".into()))?;
    consent::require_release(conn, case_id, practitioner, columns::today(clock)).map(|_| ())
}

/// The medical liaison of a case: status, history and referrals.
pub fn get_medical(open: &OpenNotebook, case_id: CaseId) -> Result<MedicalView> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT status, on_date, note, recorded_at FROM rule_out WHERE case_id = ?1 ORDER BY id",
    )?;
    let history = stmt
        .query_map([case_id], |r| {
            Ok(RuleOutEntry {
                status: r.get(0)?,
                on_date: columns::date(r, 1)?,
                note: r.get(2)?,
                recorded_at: columns::instant(r, 3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, practitioner_id, consent_id, referred_on, reason, note FROM referral
         WHERE case_id = ?1 ORDER BY referred_on, id",
    )?;
    let referrals = stmt
        .query_map([case_id], |r| {
            Ok(ReferralView {
                id: r.get(0)?,
                case_id,
                practitioner: r.get(1)?,
                consent_id: r.get(2)?,
                referred_on: columns::date(r, 3)?,
                reason: r.get(4)?,
                note: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let status = history.last().map_or(RuleOutStatus::NotAssessed, |e| e.status);
    Ok(MedicalView { status, reminder: reminder(status), history, referrals })
}

#[cfg(test)]
mod tests;
