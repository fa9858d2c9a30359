//! The intake: the sections of DOMAIN.md section 4, each a free-text answer to its prompts; only
//! the presenting problem is required. One intake per case.
//!
//! An intake is saved as often as needed and then completed: the formulation needs it, and a
//! completed intake no longer changes (corrections are addenda, `record`). Signing it (`record`)
//! adds the therapist's name and the time, and completes it if it was not. The intake *session*
//! (date, time, who was present) is a session note of kind `intake` in `session`; this module
//! holds the content of the assessment.

mod sections;

pub use sections::{IntakeSectionInfo, IntakeSections, intake_sections};

use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns;
use crate::error::Result;
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use crate::workflow::{IntakeProgress, Rule};
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Saving the intake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IntakeInput {
    pub sections: IntakeSections,
    /// Completes (signs off) the intake with this save; afterwards it no longer changes.
    pub complete: bool,
    /// Signs it too, with the therapist's name from Settings: the formulation needs a signed
    /// intake (DOMAIN.md section 2). Only with `complete`.
    #[serde(default)]
    pub sign: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IntakeView {
    pub case_id: CaseId,
    pub sections: IntakeSections,
    pub completed_at: Option<DateTime<Utc>>,
    /// Filled by signing (`record::sign_record`); the signature is in `record::get_signing`.
    pub signed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// Saves the intake of an open case, and completes it when asked.
pub fn record_intake(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    case_id: CaseId,
    intake: IntakeInput,
) -> Result<IntakeView> {
    let sections = intake.sections.validated()?;
    if intake.sign && !intake.complete {
        return Err(crate::Error::invalid("sign", "Complete the intake to sign it."));
    }
    let signer = if intake.sign { Some(crate::record::signer(open)?) } else { None };
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    case::writable(&tx, case_id)?;
    let started = match progress(&tx, case_id)? {
        IntakeProgress::Completed | IntakeProgress::Signed => return Err(Rule::IntakeCompleted.refuse()),
        IntakeProgress::Started => true,
        IntakeProgress::NotStarted => false,
    };
    let columns = sections::COLUMNS;
    let placeholders: Vec<String> = (0..columns.len()).map(|i| format!("?{}", i + 6)).collect();
    let updates: Vec<String> = columns.iter().map(|c| format!("{c} = excluded.{c}")).collect();
    let sql = format!(
        "INSERT INTO intake (case_id, created_at, updated_at, completed_at, signed_at, signed_by, {cols})
         VALUES (?1, ?2, ?2, ?3, ?4, ?5, {vals})
         ON CONFLICT (case_id) DO UPDATE SET updated_at = excluded.updated_at,
             completed_at = excluded.completed_at, signed_at = excluded.signed_at,
             signed_by = excluded.signed_by, {updates}",
        cols = columns.join(", "),
        vals = placeholders.join(", "),
        updates = updates.join(", "),
    );
    let text = |v: Option<&str>| v.map_or(Value::Null, |s| Value::Text(s.to_string()));
    let mut values = vec![
        Value::Integer(case_id.0),
        text(Some(now.as_str())),
        text(intake.complete.then_some(now.as_str())),
        text(signer.is_some().then_some(now.as_str())),
        text(signer.as_deref()),
    ];
    values.extend(sections.values().into_iter().map(text));
    tx.execute(&sql, params_from_iter(values))?;
    case::touch(&tx, case_id, &now)?;
    let action = if started { AuditAction::Edited } else { AuditAction::Created };
    audit::append(&tx, action, Target::in_case(AuditTable::Intake, case_id.0, case_id))?;
    if signer.is_some() {
        audit::append(&tx, AuditAction::Signed, Target::in_case(AuditTable::Intake, case_id.0, case_id))?;
    }
    tx.commit()?;
    tracing::info!(case = %case_id, completed = intake.complete, signed = intake.sign, "intake saved");
    get_intake(open, case_id)?.ok_or_else(|| crate::Error::Storage("The intake was not saved.".into()))
}

/// The intake of a case, if one was started.
pub fn get_intake(open: &OpenNotebook, case_id: CaseId) -> Result<Option<IntakeView>> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    let sql = format!(
        "SELECT completed_at, signed_at, updated_at, {} FROM intake WHERE case_id = ?1",
        sections::COLUMNS.join(", ")
    );
    Ok(conn
        .query_row(&sql, [case_id], |r| {
            let mut values = Vec::with_capacity(sections::COLUMNS.len());
            for i in 0..sections::COLUMNS.len() {
                values.push(r.get::<_, Option<String>>(3 + i)?);
            }
            Ok(IntakeView {
                case_id,
                completed_at: columns::opt_instant(r, 0)?,
                signed_at: columns::opt_instant(r, 1)?,
                updated_at: columns::instant(r, 2)?,
                sections: IntakeSections::from_values(values),
            })
        })
        .optional()?)
}

/// How far the intake of a case has come.
pub(crate) fn progress(conn: &Connection, case_id: CaseId) -> Result<IntakeProgress> {
    let level: Option<u8> = conn
        .prepare_cached(&format!("SELECT {PROGRESS} FROM intake WHERE case_id = ?1"))?
        .query_row([case_id], |r| r.get(0))
        .optional()?;
    Ok(progress_of(level))
}

/// How far an intake row has come, as a number [`progress_of`] reads: 0 started, 1 completed,
/// 2 signed (signing completes it too).
pub(crate) const PROGRESS: &str =
    "CASE WHEN signed_at IS NOT NULL THEN 2 WHEN completed_at IS NOT NULL THEN 1 ELSE 0 END";

/// The intake's progress from whether its row exists (`None`) and how far it has come ([`PROGRESS`]).
pub(crate) fn progress_of(level: Option<u8>) -> IntakeProgress {
    match level {
        None => IntakeProgress::NotStarted,
        Some(0) => IntakeProgress::Started,
        Some(1) => IntakeProgress::Completed,
        Some(_) => IntakeProgress::Signed,
    }
}

#[cfg(test)]
mod tests;
