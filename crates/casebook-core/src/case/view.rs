//! The case page: the case with its people, stage, workflow steps, reminders and retention.

use super::closing::{self, CaseEvent};
use super::record::{self, Difficulty};
use super::retention::{self, Retention};
use super::{CaseId, CaseRow, CaseStatus, load_row};
use crate::clock::Clock;
use crate::columns;
use crate::consent::{self, PartnerRole};
use crate::error::Result;
use crate::formulation;
use crate::intake;
use crate::medical::{self, RuleOutStatus};
use crate::notebook::OpenNotebook;
use crate::person::{self, PersonView};
use crate::plan;
use crate::session;
use crate::workflow::{CaseFacts, CaseStage, PartnerConsentState, WorkflowStep};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// The partner, as the case page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartnerView {
    pub person: PersonView,
    /// From the partner's own consent, if given.
    pub role: Option<PartnerRole>,
    pub own_consent_active: bool,
}

/// Everything the case page shows at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseView {
    pub id: CaseId,
    pub client: PersonView,
    pub partner: Option<PartnerView>,
    pub difficulties: Vec<Difficulty>,
    pub other_difficulty: Option<String>,
    pub referral_source: Option<String>,
    pub has_partner: bool,
    pub first_contact_on: NaiveDate,
    pub status: CaseStatus,
    pub stage: CaseStage,
    /// Intake, partner involvement, medical liaison, formulation, plan, sessions, closing.
    pub steps: Vec<WorkflowStep>,
    pub partner_consent: PartnerConsentState,
    pub rule_out_status: RuleOutStatus,
    /// Shown on the formulation and the plan while medical causes are not ruled out.
    pub medical_reminder: Option<String>,
    pub review_on: Option<NaiveDate>,
    pub review_overdue: bool,
    /// The next session, for an open case (a closed case has none).
    pub next_appointment: Option<NaiveDateTime>,
    pub session_count: u32,
    /// Session notes not signed yet (a closed case's too: signing is not editing).
    pub unsigned_notes: u32,
    /// Measures given and not yet signed.
    pub unsigned_measures: u32,
    pub retention: Retention,
    /// Closings and reopenings, oldest first.
    pub history: Vec<CaseEvent>,
}

/// What the workflow needs, plus what the list and page show next to it.
pub(crate) struct Gathered {
    pub facts: CaseFacts,
    pub next_appointment: Option<NaiveDateTime>,
    pub last_contact_on: NaiveDate,
}

pub(crate) fn gather(conn: &Connection, row: &CaseRow, today: NaiveDate) -> Result<Gathered> {
    let plan = plan::latest_summary(conn, row.id)?;
    let counts = session::counts(conn, row.id, plan.as_ref().map(|p| p.made_on))?;
    let last_closed = closing::last_closed_on(conn, row.id)?;
    let last_contact_on = [Some(row.first_contact_on), counts.last_held_on, last_closed]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(today);
    let facts = CaseFacts {
        status: row.status,
        has_partner: row.has_partner,
        partner_added: person::partner_of(conn, row.id)?.is_some(),
        intake: intake::progress(conn, row.id)?,
        intake_sessions: counts.intake,
        partner_consent: consent::partner_consent_state(conn, row.id, row.client_id, today)?,
        partner_sessions: counts.with_partner,
        rule_out: medical::current_status(conn, row.id)?,
        formulation_version: formulation::latest_version(conn, row.id)?,
        plan_version: plan.as_ref().map(|p| p.version),
        review_on: plan.as_ref().map(|p| p.review_on),
        sessions_under_plan: counts.under_plan,
        sessions: counts.total,
        today,
    };
    Ok(Gathered { facts, next_appointment: counts.next_appointment, last_contact_on })
}

/// One case, with its workflow steps.
pub fn get_case(open: &OpenNotebook, clock: &dyn Clock, id: CaseId) -> Result<CaseView> {
    let conn = open.store().conn();
    let today = columns::today(clock);
    let row = load_row(conn, id)?;
    let g = gather(conn, &row, today)?;
    let client = person::load(conn, row.client_id)?;
    let partner = match person::partner_of(conn, id)? {
        Some(pid) => {
            let (role, own_consent_active) = consent::partner_role(conn, id, pid, today)?;
            Some(PartnerView { person: person::load(conn, pid)?, role, own_consent_active })
        }
        None => None,
    };
    let (other_difficulty, referral_source): (Option<String>, Option<String>) = conn
        .query_row("SELECT other_difficulty, referral_source FROM case_file WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .unwrap_or_default();
    let profile = retention::retention_profile(open)?;
    let facts = &g.facts;
    Ok(CaseView {
        id,
        retention: retention::compute(profile, g.last_contact_on, &client),
        client,
        partner,
        difficulties: record::difficulties_of(conn, id)?,
        other_difficulty,
        referral_source,
        has_partner: row.has_partner,
        first_contact_on: row.first_contact_on,
        status: row.status,
        stage: facts.stage(),
        steps: facts.steps(),
        partner_consent: facts.partner_consent,
        rule_out_status: facts.rule_out,
        medical_reminder: medical::reminder(facts.rule_out),
        review_on: facts.review_on,
        review_overdue: facts.review_overdue(),
        next_appointment: g.next_appointment.filter(|_| row.status == CaseStatus::Open),
        session_count: facts.sessions,
        unsigned_notes: crate::due::unsigned_count(conn, id)?,
        unsigned_measures: crate::measures::unsigned_count(conn, id)?,
        history: closing::history(conn, id)?,
    })
}
