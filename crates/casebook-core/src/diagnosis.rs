//! Diagnoses: recorded with the code system named on every code (WHO ICD-10, ICD-10-CM or
//! ICD-11), a status (provisional, confirmed, ruled out, resolved) and the specifiers lifelong or
//! acquired, generalized or situational, and severity.
//!
//! The table of DOMAIN.md section 3 is seed *data* in the notebook ([`catalogue`]), which the
//! therapist may edit: codes the domain marks unverified are stored with `verified = false`, and
//! nothing in the engine depends on a particular code. DSM criteria text is copyrighted: the
//! catalogue holds names, codes and paraphrased hints only. A diagnosis about the partner is
//! partner data and needs the client's active consent to involve the partner.

mod catalogue;

pub use catalogue::{
    CatalogueCode, CatalogueEntry, CatalogueEntryId, CatalogueEntryInput, list_diagnosis_catalogue,
    save_catalogue_entry,
};

use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns::{self, SqlDate, row_id, text_enum};
use crate::consent;
use crate::error::{Error, Result};
use crate::input;
use crate::notebook::OpenNotebook;
use crate::person::{self, PersonId, Role};
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

row_id! {
    /// A recorded diagnosis.
    DiagnosisId
}

text_enum! {
    pub enum CodeSystem {
        /// WHO ICD-10.
        Icd10Who = "icd10_who",
        Icd10Cm = "icd10_cm",
        Icd11 = "icd11",
    }
}

text_enum! {
    pub enum DiagnosisStatus {
        Provisional = "provisional",
        Confirmed = "confirmed",
        RuledOut = "ruled_out",
        Resolved = "resolved",
    }
}

text_enum! {
    pub enum Course {
        Lifelong = "lifelong",
        Acquired = "acquired",
    }
}

text_enum! {
    pub enum Context {
        Generalized = "generalized",
        Situational = "situational",
    }
}

text_enum! {
    pub enum Severity {
        Mild = "mild",
        Moderate = "moderate",
        Severe = "severe",
    }
}

/// A code, always with its system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Code {
    pub system: CodeSystem,
    pub code: String,
}

/// The longest code, in characters.
pub const MAX_CODE_CHARS: usize = 20;

/// Checks and tidies a code: upper-case letters, digits and dots, starting with a letter or digit.
pub(crate) fn valid_code(field: &str, code: &str) -> Result<String> {
    let code = input::required_line(field, code, MAX_CODE_CHARS)?.to_ascii_uppercase();
    let well_formed = code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        && code.starts_with(|c: char| c.is_ascii_alphanumeric());
    if !well_formed {
        return Err(Error::invalid(
            field,
            "A code holds letters, digits and dots only, like F52.21 or HA01.1.",
        ));
    }
    Ok(code)
}

/// A diagnosis as the window sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct DiagnosisInput {
    /// The client or the partner.
    pub person: PersonId,
    /// The catalogue entry it was picked from, if any.
    pub catalogue_entry: Option<CatalogueEntryId>,
    pub name: String,
    pub code: Code,
    pub status: DiagnosisStatus,
    pub course: Option<Course>,
    pub context: Option<Context>,
    pub severity: Option<Severity>,
    pub note: Option<String>,
    pub recorded_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosisView {
    pub id: DiagnosisId,
    pub case_id: CaseId,
    pub person: PersonId,
    pub catalogue_entry: Option<CatalogueEntryId>,
    pub name: String,
    pub code: Code,
    pub status: DiagnosisStatus,
    pub course: Option<Course>,
    pub context: Option<Context>,
    pub severity: Option<Severity>,
    pub note: Option<String>,
    pub recorded_on: NaiveDate,
}

impl DiagnosisInput {
    fn validated(&self, today: NaiveDate) -> Result<DiagnosisInput> {
        Ok(DiagnosisInput {
            name: input::name("name", &self.name)?,
            code: Code { system: self.code.system, code: valid_code("code.code", &self.code.code)? },
            note: input::text("note", self.note.as_deref())?,
            recorded_on: input::past_date("recordedOn", self.recorded_on, today)?,
            ..self.clone()
        })
    }
}

/// Checks what needs the database, inside the writing transaction.
fn check_links(conn: &Connection, case_id: CaseId, d: &DiagnosisInput) -> Result<()> {
    if person::role_in(conn, case_id, d.person, "person")? == Role::Partner {
        consent::require_partner_involvement(conn, case_id, d.recorded_on, false)?;
    }
    if let Some(entry) = d.catalogue_entry
        && !catalogue::entry_exists(conn, entry)?
    {
        return Err(Error::invalid("catalogueEntry", "That catalogue entry is not in this notebook."));
    }
    Ok(())
}

/// Records a diagnosis in an open case.
pub fn record_diagnosis(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    case_id: CaseId,
    diagnosis: DiagnosisInput,
) -> Result<DiagnosisView> {
    let d = diagnosis.validated(columns::today(clock))?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    case::writable(&tx, case_id)?;
    check_links(&tx, case_id, &d)?;
    tx.execute(
        "INSERT INTO diagnosis (case_id, person_id, catalogue_id, name, code_system, code, status, course, context,
                                severity, note, recorded_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            case_id,
            d.person,
            d.catalogue_entry,
            d.name,
            d.code.system,
            d.code.code,
            d.status,
            d.course,
            d.context,
            d.severity,
            d.note,
            SqlDate(d.recorded_on),
            now
        ],
    )?;
    let id = DiagnosisId(tx.last_insert_rowid());
    case::touch(&tx, case_id, &now)?;
    audit::append(&tx, AuditAction::Created, Target::in_case(AuditTable::Diagnosis, id.0, case_id))?;
    tx.commit()?;
    tracing::info!(case = %case_id, diagnosis = %id, "diagnosis recorded");
    load(open.store().conn(), id)
}

/// Changes a diagnosis (its status, specifiers, code) in an open case.
pub fn update_diagnosis(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    id: DiagnosisId,
    diagnosis: DiagnosisInput,
) -> Result<DiagnosisView> {
    let d = diagnosis.validated(columns::today(clock))?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let case_id = load(&tx, id)?.case_id;
    case::writable(&tx, case_id)?;
    check_links(&tx, case_id, &d)?;
    tx.execute(
        "UPDATE diagnosis SET person_id = ?1, catalogue_id = ?2, name = ?3, code_system = ?4, code = ?5, status = ?6,
                course = ?7, context = ?8, severity = ?9, note = ?10, recorded_on = ?11, updated_at = ?12
         WHERE id = ?13",
        params![
            d.person,
            d.catalogue_entry,
            d.name,
            d.code.system,
            d.code.code,
            d.status,
            d.course,
            d.context,
            d.severity,
            d.note,
            SqlDate(d.recorded_on),
            now,
            id
        ],
    )?;
    case::touch(&tx, case_id, &now)?;
    audit::append(&tx, AuditAction::Edited, Target::in_case(AuditTable::Diagnosis, id.0, case_id))?;
    tx.commit()?;
    tracing::info!(diagnosis = %id, "diagnosis updated");
    load(open.store().conn(), id)
}

const COLUMNS: &str =
    "id, case_id, person_id, catalogue_id, name, code_system, code, status, course, context, severity,
    note, recorded_on";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<DiagnosisView> {
    Ok(DiagnosisView {
        id: r.get(0)?,
        case_id: r.get(1)?,
        person: r.get(2)?,
        catalogue_entry: r.get(3)?,
        name: r.get(4)?,
        code: Code { system: r.get(5)?, code: r.get(6)? },
        status: r.get(7)?,
        course: r.get(8)?,
        context: r.get(9)?,
        severity: r.get(10)?,
        note: r.get(11)?,
        recorded_on: columns::date(r, 12)?,
    })
}

fn load(conn: &Connection, id: DiagnosisId) -> Result<DiagnosisView> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM diagnosis WHERE id = ?1"), [id], read)
        .optional()?
        .ok_or_else(|| Error::NotFound("That diagnosis is not in this notebook.".into()))
}

/// The diagnoses of a case, in the order recorded.
pub fn list_diagnoses(open: &OpenNotebook, case_id: CaseId) -> Result<Vec<DiagnosisView>> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    let mut stmt = conn
        .prepare(&format!("SELECT {COLUMNS} FROM diagnosis WHERE case_id = ?1 ORDER BY recorded_on, id"))?;
    Ok(stmt.query_map([case_id], read)?.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests;
