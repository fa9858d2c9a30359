//! The therapist's directory of practitioners, shared by all cases.

use super::PractitionerId;
use crate::clock::Clock;
use crate::columns::{self, text_enum};
use crate::error::{Error, Result};
use crate::input::{self, MAX_LINE_CHARS};
use crate::notebook::OpenNotebook;
use crate::person::{MAX_ADDRESS_CHARS, MAX_CONTACT_CHARS};
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    pub enum PractitionerKind {
        Gp = "gp",
        Urologist = "urologist",
        Gynaecologist = "gynaecologist",
        Endocrinologist = "endocrinologist",
        /// Pelvic-floor physiotherapist.
        Physiotherapist = "physiotherapist",
        Other = "other",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct PractitionerInput {
    pub kind: PractitionerKind,
    pub name: String,
    pub practice: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PractitionerView {
    pub id: PractitionerId,
    pub kind: PractitionerKind,
    pub name: String,
    pub practice: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

impl PractitionerInput {
    fn validate(&self) -> Result<PractitionerView> {
        let address = input::text("address", self.address.as_deref())?;
        if address.as_deref().is_some_and(|a| a.chars().count() > MAX_ADDRESS_CHARS) {
            return Err(Error::invalid("address", format!("Use at most {MAX_ADDRESS_CHARS} characters.")));
        }
        Ok(PractitionerView {
            id: PractitionerId(0),
            kind: self.kind,
            name: input::name("name", &self.name)?,
            practice: input::opt_line("practice", self.practice.as_deref(), MAX_LINE_CHARS)?,
            phone: input::opt_line("phone", self.phone.as_deref(), MAX_CONTACT_CHARS)?,
            email: input::opt_line("email", self.email.as_deref(), MAX_CONTACT_CHARS)?,
            address,
        })
    }
}

pub(crate) fn practitioner_exists(conn: &Connection, id: PractitionerId) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM practitioner WHERE id = ?1")?.exists([id])?)
}

/// Adds a practitioner to the directory.
pub fn add_practitioner(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    practitioner: PractitionerInput,
) -> Result<PractitionerView> {
    let mut p = practitioner.validate()?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    tx.execute(
        "INSERT INTO practitioner (kind, name, practice, phone, email, address, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![p.kind, p.name, p.practice, p.phone, p.email, p.address, now],
    )?;
    p.id = PractitionerId(tx.last_insert_rowid());
    audit::append(&tx, AuditAction::Created, Target::record(AuditTable::Practitioner, p.id.0))?;
    tx.commit()?;
    tracing::info!(practitioner = %p.id, "practitioner added");
    Ok(p)
}

/// Changes a practitioner's details.
pub fn update_practitioner(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    id: PractitionerId,
    practitioner: PractitionerInput,
) -> Result<PractitionerView> {
    let mut p = practitioner.validate()?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let changed = tx.execute(
        "UPDATE practitioner SET kind = ?1, name = ?2, practice = ?3, phone = ?4, email = ?5, address = ?6,
                updated_at = ?7
         WHERE id = ?8",
        params![p.kind, p.name, p.practice, p.phone, p.email, p.address, now, id],
    )?;
    if changed == 0 {
        return Err(Error::NotFound("That practitioner is not in this notebook.".into()));
    }
    audit::append(&tx, AuditAction::Edited, Target::record(AuditTable::Practitioner, id.0))?;
    tx.commit()?;
    p.id = id;
    Ok(p)
}

/// The directory, by kind then name.
pub fn list_practitioners(open: &OpenNotebook) -> Result<Vec<PractitionerView>> {
    let conn = open.store().conn();
    let mut stmt = conn.prepare(
        "SELECT id, kind, name, practice, phone, email, address FROM practitioner ORDER BY kind, name, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(PractitionerView {
            id: r.get(0)?,
            kind: r.get(1)?,
            name: r.get(2)?,
            practice: r.get(3)?,
            phone: r.get(4)?,
            email: r.get(5)?,
            address: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
