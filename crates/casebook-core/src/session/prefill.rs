//! What the record already knows when the therapist starts a new session note: the plan's active
//! goals and its interventions to choose from, and the case's latest note (its homework set, its
//! modality, the appointment it booked). The window offers each with where it came from; nothing
//! here is written, and nothing is chosen for her.

use super::{Modality, SessionId, SessionKind};
use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns;
use crate::error::Result;
use crate::notebook::OpenNotebook;
use crate::plan::{self, GoalStatus, GoalView, InterventionView};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

/// The case's latest session note, as far as a new note starts from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviousNote {
    pub id: SessionId,
    pub kind: SessionKind,
    pub held_on: NaiveDate,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
    pub modality: Modality,
    /// What it set: this session's homework to review.
    pub homework_set: Option<String>,
    /// The appointment it booked: perhaps this session.
    pub next_appointment: Option<NaiveDateTime>,
}

/// What a new session note is offered, each part with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionPrefill {
    /// The version of the plan the goals and interventions come from; `null` without a plan.
    pub plan_version: Option<u32>,
    /// The plan's active goals, in the plan's order.
    pub goals: Vec<GoalView>,
    /// The plan's interventions, in the plan's order.
    pub interventions: Vec<InterventionView>,
    /// The case's latest note (by date and start), if any.
    pub previous: Option<PreviousNote>,
}

/// What a new note of `case_id` starts from. Reads only.
pub fn session_prefill(open: &OpenNotebook, clock: &dyn Clock, case_id: CaseId) -> Result<SessionPrefill> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    let plan = plan::get_plan(open, clock, case_id)?;
    let previous = conn
        .prepare_cached(
            "SELECT id, kind, held_on, starts_at, ends_at, modality, homework_set, next_appointment
             FROM session_note WHERE case_id = ?1 ORDER BY held_on DESC, starts_at DESC, id DESC LIMIT 1",
        )?
        .query_row([case_id], |r| {
            Ok(PreviousNote {
                id: r.get(0)?,
                kind: r.get(1)?,
                held_on: columns::date(r, 2)?,
                starts_at: columns::time(r, 3)?,
                ends_at: columns::time(r, 4)?,
                modality: r.get(5)?,
                homework_set: r.get(6)?,
                next_appointment: columns::opt_datetime(r, 7)?,
            })
        })
        .optional()?;
    Ok(match plan {
        Some(plan) => SessionPrefill {
            plan_version: Some(plan.version),
            goals: plan.goals.into_iter().filter(|g| g.status == GoalStatus::Active).collect(),
            interventions: plan.interventions,
            previous,
        },
        None => SessionPrefill { plan_version: None, goals: vec![], interventions: vec![], previous },
    })
}
