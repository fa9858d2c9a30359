//! The formulation (DOMAIN.md section 5): the problem statement, contributing factors tagged with
//! one of the 4 Ps and a domain, the nodal-point narrative (the maintaining cycle where the
//! factors converge, and so the first target of treatment), the biomedical status from medical
//! liaison, treatment implications, and when it was shared with the client(s) and their response.
//!
//! A formulation needs a completed intake. It is versioned: saving inserts the next version and
//! every earlier version is kept as it was. While medical causes are not ruled out, the view
//! carries a reminder. The contributing-factor vocabulary is editable data ([`vocabulary`]);
//! free entries need no vocabulary row. What does not belong here: the plan that follows from it.

mod vocabulary;

pub use vocabulary::{FactorTerm, FactorTermId, FactorTermInput, list_factor_vocabulary, save_factor_term};

use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns::{self, SqlDate, row_id, text_enum};
use crate::error::{Error, Result};
use crate::input;
use crate::intake;
use crate::medical::{self, RuleOutStatus};
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use crate::workflow::{IntakeProgress, Rule};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

row_id! {
    /// One version of a case's formulation.
    FormulationId
}

text_enum! {
    /// The 4 Ps.
    pub enum FourP {
        Predisposing = "predisposing",
        Precipitating = "precipitating",
        Perpetuating = "perpetuating",
        Protective = "protective",
    }
}

text_enum! {
    pub enum FactorDomain {
        Biological = "biological",
        Psychological = "psychological",
        RelationalSocial = "relational_social",
    }
}

/// A contributing factor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct Factor {
    /// The vocabulary term it came from; none for a free entry.
    pub term: Option<FactorTermId>,
    pub label: String,
    pub p: FourP,
    pub domain: FactorDomain,
    pub note: Option<String>,
}

/// A formulation as the window sends it; saving it makes the next version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct FormulationInput {
    /// Specific and behavioural.
    pub problem_statement: String,
    pub factors: Vec<Factor>,
    /// The maintaining cycle.
    pub nodal_point: Option<String>,
    pub biomedical_note: Option<String>,
    /// Which link of the cycle treatment targets first.
    pub treatment_implications: Option<String>,
    pub shared_on: Option<NaiveDate>,
    pub shared_response: Option<String>,
    /// What changed since the previous version.
    pub revision_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FormulationView {
    pub id: FormulationId,
    pub case_id: CaseId,
    pub version: u32,
    pub problem_statement: String,
    pub factors: Vec<Factor>,
    pub nodal_point: Option<String>,
    /// The rule-out status when this version was saved.
    pub biomedical_status: RuleOutStatus,
    pub biomedical_note: Option<String>,
    pub treatment_implications: Option<String>,
    pub shared_on: Option<NaiveDate>,
    pub shared_response: Option<String>,
    pub revision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Filled by signing (`record::sign_record`); a signed version no longer changes.
    pub signed_at: Option<DateTime<Utc>>,
    /// From the case's rule-out status now: shown while medical causes are not ruled out.
    pub medical_reminder: Option<String>,
}

/// The prompts of the nodal-point narrative.
pub fn nodal_point_prompts() -> Vec<String> {
    [
        "What thoughts come before and during sex (for example anticipatory failure thoughts)?",
        "What happens in the body and in attention (anxiety, spectatoring)?",
        "What happens next, and what does the client conclude about themselves (\"I am inadequate\")?",
        "How does the partner respond (withdrawal, reassurance, criticism)?",
        "What is avoided, and how are the stakes higher next time?",
        "Where do the contributing factors converge: which link keeps the cycle going?",
    ]
    .map(String::from)
    .to_vec()
}

impl FormulationInput {
    fn validated(&self, today: NaiveDate) -> Result<FormulationInput> {
        input::list_len("factors", &self.factors)?;
        let mut factors = Vec::with_capacity(self.factors.len());
        for (i, f) in self.factors.iter().enumerate() {
            factors.push(Factor {
                label: input::required_line(&format!("factors.{i}.label"), &f.label, input::MAX_LINE_CHARS)?,
                note: input::text(&format!("factors.{i}.note"), f.note.as_deref())?,
                ..f.clone()
            });
        }
        Ok(FormulationInput {
            problem_statement: input::required_text("problemStatement", &self.problem_statement)?,
            factors,
            nodal_point: input::text("nodalPoint", self.nodal_point.as_deref())?,
            biomedical_note: input::text("biomedicalNote", self.biomedical_note.as_deref())?,
            treatment_implications: input::text(
                "treatmentImplications",
                self.treatment_implications.as_deref(),
            )?,
            shared_on: self.shared_on.map(|d| input::past_date("sharedOn", d, today)).transpose()?,
            shared_response: input::text("sharedResponse", self.shared_response.as_deref())?,
            revision_reason: input::text("revisionReason", self.revision_reason.as_deref())?,
        })
    }
}

/// Saves the next version of a case's formulation. Needs a completed intake.
pub fn save_formulation(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    case_id: CaseId,
    formulation: FormulationInput,
) -> Result<FormulationView> {
    let f = formulation.validated(columns::today(clock))?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let row = case::writable(&tx, case_id)?;
    if intake::progress(&tx, case_id)? != IntakeProgress::Signed {
        return Err(Rule::FormulationNeedsIntake.refuse());
    }
    if f.shared_on.is_some_and(|d| d < row.first_contact_on) {
        return Err(Error::invalid("sharedOn", "This date is before the first contact."));
    }
    for (i, factor) in f.factors.iter().enumerate() {
        if let Some(term) = factor.term
            && !vocabulary::term_exists(&tx, term)?
        {
            return Err(Error::invalid(format!("factors.{i}.term"), "That term is not in the vocabulary."));
        }
    }
    let version = latest_version(&tx, case_id)?.unwrap_or(0) + 1;
    let status = medical::current_status(&tx, case_id)?;
    tx.execute(
        "INSERT INTO formulation (case_id, version, problem_statement, nodal_point, biomedical_status,
                                  biomedical_note, treatment_implications, shared_on, shared_response,
                                  revision_reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            case_id,
            version,
            f.problem_statement,
            f.nodal_point,
            status,
            f.biomedical_note,
            f.treatment_implications,
            f.shared_on.map(SqlDate),
            f.shared_response,
            f.revision_reason,
            now
        ],
    )?;
    let id = FormulationId(tx.last_insert_rowid());
    let mut stmt = tx.prepare_cached(
        "INSERT INTO formulation_factor (formulation_id, position, vocabulary_id, label, p, domain, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, factor) in f.factors.iter().enumerate() {
        stmt.execute(params![id, i as i64, factor.term, factor.label, factor.p, factor.domain, factor.note])?;
    }
    drop(stmt);
    case::touch(&tx, case_id, &now)?;
    audit::append(&tx, AuditAction::Created, Target::in_case(AuditTable::Formulation, id.0, case_id))?;
    tx.commit()?;
    tracing::info!(case = %case_id, formulation = %id, version, "formulation saved");
    load(open.store().conn(), id)
}

/// The current (latest) formulation of a case.
pub fn get_formulation(open: &OpenNotebook, case_id: CaseId) -> Result<Option<FormulationView>> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    latest_id(conn, case_id)?.map(|id| load(conn, id)).transpose()
}

/// Every version of a case's formulation, newest first.
pub fn list_formulation_versions(open: &OpenNotebook, case_id: CaseId) -> Result<Vec<FormulationView>> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    let mut stmt = conn.prepare("SELECT id FROM formulation WHERE case_id = ?1 ORDER BY version DESC")?;
    let ids = stmt.query_map([case_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<FormulationId>>>()?;
    ids.into_iter().map(|id| load(conn, id)).collect()
}

pub(crate) fn latest_version(conn: &Connection, case_id: CaseId) -> Result<Option<u32>> {
    Ok(conn
        .prepare_cached("SELECT max(version) FROM formulation WHERE case_id = ?1")?
        .query_row([case_id], |r| r.get(0))?)
}

pub(crate) fn latest_id(conn: &Connection, case_id: CaseId) -> Result<Option<FormulationId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM formulation WHERE case_id = ?1 ORDER BY version DESC LIMIT 1")?
        .query_row([case_id], |r| r.get(0))
        .optional()?)
}

fn load(conn: &Connection, id: FormulationId) -> Result<FormulationView> {
    let mut view = conn
        .query_row(
            "SELECT case_id, version, problem_statement, nodal_point, biomedical_status, biomedical_note,
                    treatment_implications, shared_on, shared_response, revision_reason, created_at, signed_at
             FROM formulation WHERE id = ?1",
            [id],
            |r| {
                Ok(FormulationView {
                    id,
                    case_id: r.get(0)?,
                    version: r.get(1)?,
                    problem_statement: r.get(2)?,
                    factors: Vec::new(),
                    nodal_point: r.get(3)?,
                    biomedical_status: r.get(4)?,
                    biomedical_note: r.get(5)?,
                    treatment_implications: r.get(6)?,
                    shared_on: columns::opt_date(r, 7)?,
                    shared_response: r.get(8)?,
                    revision_reason: r.get(9)?,
                    created_at: columns::instant(r, 10)?,
                    signed_at: columns::opt_instant(r, 11)?,
                    medical_reminder: None,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("That formulation is not in this notebook.".into()))?;
    let mut stmt = conn.prepare_cached(
        "SELECT vocabulary_id, label, p, domain, note FROM formulation_factor WHERE formulation_id = ?1 ORDER BY position",
    )?;
    view.factors = stmt
        .query_map([id], |r| {
            Ok(Factor { term: r.get(0)?, label: r.get(1)?, p: r.get(2)?, domain: r.get(3)?, note: r.get(4)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    view.medical_reminder = medical::reminder(medical::current_status(conn, view.case_id)?);
    Ok(view)
}

#[cfg(test)]
mod tests;
