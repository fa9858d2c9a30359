//! Reading session notes back: one in full, a case's list, and the counts the workflow needs.

use super::body::{self, NoteBody};
use super::{Modality, NoteFormat, RiskScreen, SessionId, SessionIntervention, SessionKind, SessionView};
use crate::case::{self, CaseId};
use crate::columns::{self, SqlDate};
use crate::error::{Error, Result};
use crate::notebook::OpenNotebook;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

/// One line of a case's session list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionSummary {
    pub id: SessionId,
    pub kind: SessionKind,
    pub format: NoteFormat,
    pub held_on: NaiveDate,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
    pub modality: Modality,
    pub risk_screen: RiskScreen,
    pub signed: bool,
    /// Who was present.
    pub present: Vec<crate::person::PersonId>,
}

/// What the workflow and the cases list need to know about a case's sessions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SessionCounts {
    pub intake: u32,
    /// Partner and couples sessions.
    pub with_partner: u32,
    pub total: u32,
    /// Sessions other than intake on or after `since`.
    pub under_plan: u32,
    pub last_held_on: Option<NaiveDate>,
    /// The latest note's next appointment.
    pub next_appointment: Option<NaiveDateTime>,
}

pub(crate) fn counts(conn: &Connection, case_id: CaseId, since: Option<NaiveDate>) -> Result<SessionCounts> {
    let (intake, with_partner, total, under_plan, last): (u32, u32, u32, u32, Option<String>) = conn
        .prepare_cached(
            "SELECT coalesce(sum(kind = 'intake'), 0), coalesce(sum(kind IN ('partner', 'couples')), 0), count(*),
                    coalesce(sum(kind <> 'intake' AND ?2 IS NOT NULL AND held_on >= ?2), 0), max(held_on)
             FROM session_note WHERE case_id = ?1",
        )?
        .query_row(params![case_id, since.map(SqlDate)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    let next_appointment = conn
        .prepare_cached(
            "SELECT next_appointment FROM session_note WHERE case_id = ?1
             ORDER BY held_on DESC, starts_at DESC, id DESC LIMIT 1",
        )?
        .query_row([case_id], |r| columns::opt_datetime(r, 0))
        .optional()?
        .flatten();
    let last_held_on = last.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    Ok(SessionCounts { intake, with_partner, total, under_plan, last_held_on, next_appointment })
}

/// The date of the case's latest session.
pub(crate) fn last_held_on(conn: &Connection, case_id: CaseId) -> Result<Option<NaiveDate>> {
    Ok(counts(conn, case_id, None)?.last_held_on)
}

/// One session note in full.
pub fn get_session(open: &OpenNotebook, id: SessionId) -> Result<SessionView> {
    load(open.store().conn(), id)
}

/// A case's session notes, oldest first.
pub fn list_sessions(open: &OpenNotebook, case_id: CaseId) -> Result<Vec<SessionSummary>> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    let mut stmt = conn.prepare(
        "SELECT id, kind, format, held_on, starts_at, ends_at, modality, risk_screen, signed_at IS NOT NULL,
                (SELECT group_concat(person_id) FROM session_present p WHERE p.session_id = s.id)
         FROM session_note s WHERE case_id = ?1 ORDER BY held_on, starts_at, id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok(SessionSummary {
            id: r.get(0)?,
            kind: r.get(1)?,
            format: r.get(2)?,
            held_on: columns::date(r, 3)?,
            starts_at: columns::time(r, 4)?,
            ends_at: columns::time(r, 5)?,
            modality: r.get(6)?,
            risk_screen: r.get(7)?,
            signed: r.get(8)?,
            present: r
                .get::<_, Option<String>>(9)?
                .unwrap_or_default()
                .split(',')
                .filter_map(|id| id.parse().ok().map(crate::person::PersonId))
                .collect(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn load(conn: &Connection, id: SessionId) -> Result<SessionView> {
    let sql = format!(
        "SELECT case_id, kind, format, held_on, starts_at, ends_at, modality, others_present, homework_reviewed,
                homework_set, measures_given, risk_screen, risk_action, medical_updates, next_appointment,
                signed_at, created_at, updated_at, {}
         FROM session_note WHERE id = ?1",
        body::COLUMNS.join(", ")
    );
    let mut view = conn
        .query_row(&sql, [id], |r| {
            let mut parts: [Option<String>; 8] = Default::default();
            for (i, part) in parts.iter_mut().enumerate() {
                *part = r.get(18 + i)?;
            }
            Ok(SessionView {
                id,
                case_id: r.get(0)?,
                kind: r.get(1)?,
                body: NoteBody::from_columns(r.get(2)?, parts),
                held_on: columns::date(r, 3)?,
                starts_at: columns::time(r, 4)?,
                ends_at: columns::time(r, 5)?,
                modality: r.get(6)?,
                others_present: r.get(7)?,
                homework_reviewed: r.get(8)?,
                homework_set: r.get(9)?,
                measures_given: r.get(10)?,
                risk_screen: r.get(11)?,
                risk_action: r.get(12)?,
                medical_updates: r.get(13)?,
                next_appointment: columns::opt_datetime(r, 14)?,
                signed_at: columns::opt_instant(r, 15)?,
                created_at: columns::instant(r, 16)?,
                updated_at: columns::instant(r, 17)?,
                present: Vec::new(),
                goals_addressed: Vec::new(),
                interventions_used: Vec::new(),
                measures: Vec::new(),
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound("That session note is not in this notebook.".into()))?;
    let mut stmt = conn
        .prepare_cached("SELECT person_id FROM session_present WHERE session_id = ?1 ORDER BY person_id")?;
    view.present = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut stmt =
        conn.prepare_cached("SELECT goal_id FROM session_goal WHERE session_id = ?1 ORDER BY goal_id")?;
    view.goals_addressed = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT catalogue_id, name FROM session_intervention WHERE session_id = ?1 ORDER BY position",
    )?;
    view.interventions_used = stmt
        .query_map([id], |r| Ok(SessionIntervention { entry: r.get(0)?, name: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    view.measures = crate::measures::for_session(conn, id)?;
    Ok(view)
}
