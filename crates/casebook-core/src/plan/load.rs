//! Reading plans back: one version in full, and the summary the case page needs.

use super::{GoalId, GoalView, InterventionView, PlanId, PlanView};
use crate::case::CaseId;
use crate::columns;
use crate::error::{Error, Result};
use crate::medical;
use chrono::{Local, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

/// The latest plan of a case, in brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PlanSummary {
    pub id: PlanId,
    pub version: u32,
    pub review_on: NaiveDate,
    /// The therapist's calendar day the version was saved.
    pub made_on: NaiveDate,
}

/// The day (local) a plan was made, from its creation instant: sessions held on or after it are
/// under the plan.
pub(crate) fn made_on(created_at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    created_at.with_timezone(&Local).date_naive()
}

pub(crate) fn latest_summary(conn: &Connection, case_id: CaseId) -> Result<Option<PlanSummary>> {
    Ok(conn
        .prepare_cached("SELECT id, version, review_on, created_at FROM plan WHERE case_id = ?1 ORDER BY version DESC LIMIT 1")?
        .query_row([case_id], |r| {
            Ok(PlanSummary {
                id: r.get(0)?,
                version: r.get(1)?,
                review_on: columns::date(r, 2)?,
                made_on: made_on(columns::instant(r, 3)?),
            })
        })
        .optional()?)
}

/// Whether `goal` belongs to a plan (any version) of `case_id`.
pub(crate) fn goal_in_case(conn: &Connection, case_id: CaseId, goal: GoalId) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM plan_goal g JOIN plan p ON p.id = g.plan_id WHERE g.id = ?1 AND p.case_id = ?2",
        )?
        .exists(params![goal, case_id])?)
}

pub(super) fn load(conn: &Connection, id: PlanId, today: NaiveDate) -> Result<PlanView> {
    let mut view = conn
        .query_row(
            "SELECT case_id, version, formulation_id, review_on, discussed_on, disagreement, revision_reason, created_at,
                    signed_at
             FROM plan WHERE id = ?1",
            [id],
            |r| {
                let review_on = columns::date(r, 3)?;
                Ok(PlanView {
                    id,
                    case_id: r.get(0)?,
                    version: r.get(1)?,
                    formulation_id: r.get(2)?,
                    goals: Vec::new(),
                    interventions: Vec::new(),
                    review_on,
                    review_overdue: review_on < today,
                    discussed_on: columns::opt_date(r, 4)?,
                    agreed_by: Vec::new(),
                    disagreement: r.get(5)?,
                    revision_reason: r.get(6)?,
                    created_at: columns::instant(r, 7)?,
                    signed_at: columns::opt_instant(r, 8)?,
                    medical_reminder: None,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("That plan is not in this notebook.".into()))?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, description, measure, target, target_on, status, status_reason, target_measure, target_score
         FROM plan_goal WHERE plan_id = ?1 ORDER BY position",
    )?;
    view.goals = stmt
        .query_map([id], |r| {
            Ok(GoalView {
                id: r.get(0)?,
                description: r.get(1)?,
                measure: r.get(2)?,
                target: r.get(3)?,
                target_on: columns::date(r, 4)?,
                status: r.get(5)?,
                status_reason: r.get(6)?,
                target_measure: r.get(7)?,
                target_score: r.get::<_, Option<i32>>(8)?.map(crate::measures::Points),
                progress: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for goal in &mut view.goals {
        if let (Some(measure), Some(target)) = (&goal.target_measure, goal.target_score) {
            goal.progress = crate::measures::goal_progress(conn, view.case_id, measure, target.0)?;
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, catalogue_id, name, plissit, homework FROM plan_intervention WHERE plan_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                InterventionView {
                    entry: r.get(1)?,
                    name: r.get(2)?,
                    plissit: r.get(3)?,
                    goals: Vec::new(),
                    homework: r.get(4)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut links = conn.prepare_cached(
        "SELECT l.goal_id FROM plan_intervention_goal l JOIN plan_goal g ON g.id = l.goal_id
         WHERE l.intervention_id = ?1 ORDER BY g.position",
    )?;
    for (row_id, mut v) in rows {
        v.goals = links.query_map([row_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        view.interventions.push(v);
    }
    let mut stmt =
        conn.prepare_cached("SELECT person_id FROM plan_agreement WHERE plan_id = ?1 ORDER BY person_id")?;
    view.agreed_by = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    view.medical_reminder = medical::reminder(medical::current_status(conn, view.case_id)?);
    Ok(view)
}
