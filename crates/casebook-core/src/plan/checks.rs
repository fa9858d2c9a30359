//! Checking a plan before it is written: SMART goals, interventions and their goal links, the
//! review date, and who agreed.

use super::{GoalInput, GoalStatus, InterventionInput, PlanInput, Plissit, catalogue};
use crate::case::CaseRow;
use crate::consent;
use crate::error::{Error, Result};
use crate::input::{self, MAX_LINE_CHARS};
use crate::measures;
use crate::person::{self, PersonId, Role};
use crate::workflow::Rule;
use chrono::NaiveDate;
use rusqlite::Connection;

/// A plan whose input is checked; the review date is there.
#[derive(Debug)]
pub(super) struct ValidPlan {
    pub goals: Vec<GoalInput>,
    pub interventions: Vec<InterventionInput>,
    pub review_on: NaiveDate,
    pub discussed_on: Option<NaiveDate>,
    pub agreed_by: Vec<PersonId>,
    pub disagreement: Option<String>,
    pub revision_reason: Option<String>,
}

fn goal(i: usize, g: &GoalInput) -> Result<GoalInput> {
    let f = |name: &str| format!("goals.{i}.{name}");
    let status_reason = input::text(&f("statusReason"), g.status_reason.as_deref())?;
    if matches!(g.status, GoalStatus::Revised | GoalStatus::Discontinued) && status_reason.is_none() {
        return Err(Error::invalid(f("statusReason"), "Say why the goal was revised or discontinued."));
    }
    Ok(GoalInput {
        description: input::required_text(&f("description"), &g.description)?,
        measure: input::required_line(&f("measure"), &g.measure, MAX_LINE_CHARS)?,
        target: input::required_line(&f("target"), &g.target, MAX_LINE_CHARS)?,
        target_on: input::date(&f("targetOn"), g.target_on)?,
        status: g.status,
        status_reason,
        target_measure: g.target_measure.clone(),
        target_score: g.target_score,
    })
    .and_then(|checked| match (&g.target_measure, g.target_score) {
        (Some(_), Some(_)) | (None, None) => Ok(checked),
        (Some(_), None) => Err(Error::invalid(f("targetScore"), "Give the score this goal aims for.")),
        (None, Some(_)) => {
            Err(Error::invalid(f("targetMeasure"), "Choose the measure of this target score."))
        }
    })
}

/// Each goal's target measure is in the catalogue and its target score in the measure's range.
pub(super) fn check_targets(conn: &Connection, plan: &ValidPlan) -> Result<()> {
    for (i, g) in plan.goals.iter().enumerate() {
        if let (Some(code), Some(score)) = (&g.target_measure, g.target_score) {
            let measure = measures::find_measure(conn, &format!("goals.{i}.targetMeasure"), code)?;
            measure.check_total(&format!("goals.{i}.targetScore"), score.0)?;
        }
    }
    Ok(())
}

fn intervention(i: usize, v: &InterventionInput, goals: usize) -> Result<InterventionInput> {
    let f = |name: &str| format!("interventions.{i}.{name}");
    input::list_len(&f("goals"), &v.goals)?;
    let mut linked = Vec::with_capacity(v.goals.len());
    for &g in &v.goals {
        if g as usize >= goals {
            return Err(Error::invalid(
                f("goals"),
                "This intervention is linked to a goal that is not in the plan.",
            ));
        }
        if !linked.contains(&g) {
            linked.push(g);
        }
    }
    if v.entry.is_none() && v.plissit.is_none() {
        return Err(Error::invalid(f("plissit"), "Choose the PLISSIT level of this intervention."));
    }
    Ok(InterventionInput {
        entry: v.entry,
        name: input::name(&f("name"), &v.name)?,
        plissit: v.plissit,
        goals: linked,
        homework: input::text(&f("homework"), v.homework.as_deref())?,
    })
}

pub(super) fn validated(plan: &PlanInput, today: NaiveDate) -> Result<ValidPlan> {
    input::list_len("goals", &plan.goals)?;
    input::list_len("interventions", &plan.interventions)?;
    input::list_len("agreedBy", &plan.agreed_by)?;
    if plan.goals.is_empty() {
        return Err(Error::invalid("goals", "A plan needs at least one goal."));
    }
    let goals = plan.goals.iter().enumerate().map(|(i, g)| goal(i, g)).collect::<Result<Vec<_>>>()?;
    let interventions = plan
        .interventions
        .iter()
        .enumerate()
        .map(|(i, v)| intervention(i, v, goals.len()))
        .collect::<Result<Vec<_>>>()?;
    let review_on = plan.review_on.ok_or_else(|| Rule::PlanReviewDate.refuse())?;
    input::date("reviewOn", review_on)?;
    if review_on < today {
        return Err(Error::invalid("reviewOn", "Choose a review date from today on."));
    }
    let mut agreed_by = plan.agreed_by.clone();
    agreed_by.sort();
    agreed_by.dedup();
    Ok(ValidPlan {
        goals,
        interventions,
        review_on,
        discussed_on: plan.discussed_on.map(|d| input::past_date("discussedOn", d, today)).transpose()?,
        agreed_by,
        disagreement: input::text("disagreement", plan.disagreement.as_deref())?,
        revision_reason: input::text("revisionReason", plan.revision_reason.as_deref())?,
    })
}

/// The PLISSIT level of each intervention, from the input or its catalogue entry.
pub(super) fn resolve_interventions(conn: &Connection, plan: &ValidPlan) -> Result<Vec<Plissit>> {
    plan.interventions
        .iter()
        .enumerate()
        .map(|(i, v)| match (v.plissit, v.entry) {
            (Some(level), entry) => {
                if let Some(entry) = entry {
                    catalogue::level_of(conn, entry)?.ok_or_else(|| unknown_entry(i))?;
                }
                Ok(level)
            }
            (None, Some(entry)) => catalogue::level_of(conn, entry)?.ok_or_else(|| unknown_entry(i)),
            (None, None) => {
                Err(Error::invalid(format!("interventions.{i}.plissit"), "Choose the PLISSIT level."))
            }
        })
        .collect()
}

fn unknown_entry(i: usize) -> Error {
    Error::invalid(format!("interventions.{i}.entry"), "That intervention is not in the catalogue.")
}

/// Who agreed must be in the case; a partner's agreement is partner data.
pub(super) fn check_people(
    conn: &Connection,
    case: &CaseRow,
    plan: &ValidPlan,
    today: NaiveDate,
) -> Result<()> {
    if plan.discussed_on.is_some_and(|d| d < case.first_contact_on) {
        return Err(Error::invalid("discussedOn", "This date is before the first contact."));
    }
    for &p in &plan.agreed_by {
        if person::role_in(conn, case.id, p, "agreedBy")? == Role::Partner {
            consent::require_partner_involvement(conn, case.id, plan.discussed_on.unwrap_or(today), false)?;
        }
    }
    Ok(())
}
