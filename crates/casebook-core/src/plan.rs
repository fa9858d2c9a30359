//! The treatment plan (DOMAIN.md section 6): SMART goals (description, measure, target, target
//! date, status), interventions from the catalogue with their PLISSIT level, linked to goals and
//! with homework, a review date, and when it was discussed with the client(s): who agreed and any
//! disagreement.
//!
//! A plan needs a formulation and a review date; an overdue review is flagged. It is versioned
//! like the formulation: saving inserts the next version, earlier versions stay as they were. The
//! intervention catalogue is editable data ([`catalogue`]). What does not belong here: what was
//! done in a session (`session` records goals addressed and interventions used).

mod catalogue;
mod checks;
mod load;

pub(crate) use catalogue::level_of as intervention_level;
pub use catalogue::{
    InterventionEntry, InterventionEntryId, InterventionEntryInput, list_intervention_catalogue,
    save_intervention_entry,
};
pub(crate) use load::{goal_in_case, latest_summary, made_on};

use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns::{self, SqlDate, row_id, text_enum};
use crate::error::Result;
use crate::formulation::{self, FormulationId};
use crate::measures::{GoalProgress, Points};
use crate::notebook::OpenNotebook;
use crate::person::PersonId;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use crate::workflow::Rule;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

row_id! {
    /// One version of a case's treatment plan.
    PlanId
}

row_id! {
    /// A goal of one plan version.
    GoalId
}

text_enum! {
    pub enum GoalStatus {
        Active = "active",
        Achieved = "achieved",
        /// Replaced by a revised goal; say why.
        Revised = "revised",
        /// Given up; say why.
        Discontinued = "discontinued",
    }
}

text_enum! {
    /// The PLISSIT level of an intervention.
    pub enum Plissit {
        Permission = "permission",
        LimitedInformation = "limited_information",
        SpecificSuggestions = "specific_suggestions",
        IntensiveTherapy = "intensive_therapy",
    }
}

/// A SMART goal as the window sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct GoalInput {
    pub description: String,
    /// How progress is measured.
    pub measure: String,
    pub target: String,
    pub target_on: NaiveDate,
    pub status: GoalStatus,
    /// Required when revised or discontinued.
    pub status_reason: Option<String>,
    /// A measure from the catalogue that tracks this goal, with the score it aims for: at least
    /// it when higher is better, at most it when higher is worse. Both or neither.
    #[serde(default)]
    pub target_measure: Option<String>,
    #[serde(default)]
    pub target_score: Option<Points>,
}

/// An intervention in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct InterventionInput {
    /// The catalogue entry, if picked from it.
    pub entry: Option<InterventionEntryId>,
    pub name: String,
    /// The catalogue's level when omitted; required for a free entry.
    pub plissit: Option<Plissit>,
    /// Positions (from 0) in the plan's `goals` that this intervention serves.
    pub goals: Vec<u32>,
    pub homework: Option<String>,
}

/// A plan as the window sends it; saving it makes the next version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct PlanInput {
    pub goals: Vec<GoalInput>,
    pub interventions: Vec<InterventionInput>,
    /// Required: when the plan will be reviewed (today or later).
    pub review_on: Option<NaiveDate>,
    pub discussed_on: Option<NaiveDate>,
    /// The people who agreed to the plan (the client, the partner).
    pub agreed_by: Vec<PersonId>,
    pub disagreement: Option<String>,
    pub revision_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalView {
    pub id: GoalId,
    pub description: String,
    pub measure: String,
    pub target: String,
    pub target_on: NaiveDate,
    pub status: GoalStatus,
    pub status_reason: Option<String>,
    pub target_measure: Option<String>,
    pub target_score: Option<Points>,
    /// Progress towards the target score, per person given the measure.
    pub progress: Vec<GoalProgress>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InterventionView {
    pub entry: Option<InterventionEntryId>,
    pub name: String,
    pub plissit: Plissit,
    pub goals: Vec<GoalId>,
    pub homework: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanView {
    pub id: PlanId,
    pub case_id: CaseId,
    pub version: u32,
    /// The formulation version the plan was made from.
    pub formulation_id: FormulationId,
    pub goals: Vec<GoalView>,
    pub interventions: Vec<InterventionView>,
    pub review_on: NaiveDate,
    pub review_overdue: bool,
    pub discussed_on: Option<NaiveDate>,
    pub agreed_by: Vec<PersonId>,
    pub disagreement: Option<String>,
    pub revision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Filled by signing (`record::sign_record`); a signed version no longer changes.
    pub signed_at: Option<DateTime<Utc>>,
    /// From the case's rule-out status now: shown while medical causes are not ruled out.
    pub medical_reminder: Option<String>,
}

/// Saves the next version of a case's plan. Needs a formulation and a review date.
pub fn save_plan(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    case_id: CaseId,
    plan: PlanInput,
) -> Result<PlanView> {
    let today = columns::today(clock);
    let p = checks::validated(&plan, today)?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let row = case::writable(&tx, case_id)?;
    let formulation_id =
        formulation::latest_id(&tx, case_id)?.ok_or_else(|| Rule::PlanNeedsFormulation.refuse())?;
    let interventions = checks::resolve_interventions(&tx, &p)?;
    checks::check_targets(&tx, &p)?;
    checks::check_people(&tx, &row, &p, today)?;
    let version = latest_summary(&tx, case_id)?.map_or(0, |s| s.version) + 1;
    tx.execute(
        "INSERT INTO plan (case_id, version, formulation_id, review_on, discussed_on, disagreement, revision_reason,
                           created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            case_id,
            version,
            formulation_id,
            SqlDate(p.review_on),
            p.discussed_on.map(SqlDate),
            p.disagreement,
            p.revision_reason,
            now
        ],
    )?;
    let id = PlanId(tx.last_insert_rowid());
    let mut goal_ids = Vec::with_capacity(p.goals.len());
    for (i, g) in p.goals.iter().enumerate() {
        tx.execute(
            "INSERT INTO plan_goal (plan_id, position, description, measure, target, target_on, status, status_reason,
                                    target_measure, target_score)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id,
                i as i64,
                g.description,
                g.measure,
                g.target,
                SqlDate(g.target_on),
                g.status,
                g.status_reason,
                g.target_measure,
                g.target_score.map(|s| s.0)
            ],
        )?;
        goal_ids.push(GoalId(tx.last_insert_rowid()));
    }
    for (i, (input, plissit)) in p.interventions.iter().zip(interventions).enumerate() {
        tx.execute(
            "INSERT INTO plan_intervention (plan_id, position, catalogue_id, name, plissit, homework)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, i as i64, input.entry, input.name, plissit, input.homework],
        )?;
        let intervention = tx.last_insert_rowid();
        for &g in &input.goals {
            tx.execute(
                "INSERT INTO plan_intervention_goal (intervention_id, goal_id) VALUES (?1, ?2)",
                params![intervention, goal_ids[g as usize]],
            )?;
        }
    }
    for person in &p.agreed_by {
        tx.execute("INSERT INTO plan_agreement (plan_id, person_id) VALUES (?1, ?2)", params![id, person])?;
    }
    case::touch(&tx, case_id, &now)?;
    audit::append(&tx, AuditAction::Created, Target::in_case(AuditTable::Plan, id.0, case_id))?;
    tx.commit()?;
    tracing::info!(case = %case_id, plan = %id, version, goals = goal_ids.len(), "plan saved");
    load::load(open.store().conn(), id, today)
}

/// The current (latest) plan of a case.
pub fn get_plan(open: &OpenNotebook, clock: &dyn Clock, case_id: CaseId) -> Result<Option<PlanView>> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    let today = columns::today(clock);
    latest_summary(conn, case_id)?.map(|s| load::load(conn, s.id, today)).transpose()
}

/// Every version of a case's plan, newest first.
pub fn list_plan_versions(open: &OpenNotebook, clock: &dyn Clock, case_id: CaseId) -> Result<Vec<PlanView>> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    let today = columns::today(clock);
    let mut stmt = conn.prepare("SELECT id FROM plan WHERE case_id = ?1 ORDER BY version DESC")?;
    let ids = stmt.query_map([case_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<PlanId>>>()?;
    ids.into_iter().map(|id| load::load(conn, id, today)).collect()
}

#[cfg(test)]
mod tests;
