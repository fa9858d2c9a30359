//! The diagnosis catalogue: DOMAIN.md section 3 as editable rows, each entry with its codes.
//! Entries are retired rather than deleted, because recorded diagnoses point at them.

use super::{CodeSystem, valid_code};
use crate::columns::row_id;
use crate::error::{Error, Result};
use crate::input::{self, MAX_LIST_LEN};
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

row_id! {
    /// An entry of the diagnosis catalogue.
    CatalogueEntryId
}

/// A catalogue code. `verified: false` marks a code the domain notes as unverified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueCode {
    pub system: CodeSystem,
    pub code: String,
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CatalogueEntry {
    pub id: CatalogueEntryId,
    /// The presenting difficulty it usually goes with.
    pub difficulty: Option<String>,
    pub name: String,
    /// A paraphrased hint, never criteria text.
    pub hint: String,
    pub codes: Vec<CatalogueCode>,
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct CatalogueEntryInput {
    pub difficulty: Option<String>,
    pub name: String,
    pub hint: Option<String>,
    pub codes: Vec<CatalogueCode>,
    #[serde(default)]
    pub retired: bool,
}

pub(crate) fn entry_exists(conn: &Connection, id: CatalogueEntryId) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM diagnosis_catalogue WHERE id = ?1")?.exists([id])?)
}

/// Adds an entry (`id` none) or changes one.
pub fn save_catalogue_entry(
    open: &mut OpenNotebook,
    id: Option<CatalogueEntryId>,
    entry: CatalogueEntryInput,
) -> Result<CatalogueEntry> {
    let name = input::name("name", &entry.name)?;
    let hint = input::text("hint", entry.hint.as_deref())?.unwrap_or_default();
    if hint.chars().count() > 1000 {
        return Err(Error::invalid("hint", "Use at most 1000 characters."));
    }
    let difficulty = input::opt_line("difficulty", entry.difficulty.as_deref(), 60)?;
    if entry.codes.len() > MAX_LIST_LEN {
        return Err(Error::invalid("codes", format!("At most {MAX_LIST_LEN} codes.")));
    }
    let mut codes = Vec::with_capacity(entry.codes.len());
    for (i, c) in entry.codes.iter().enumerate() {
        let code = valid_code(&format!("codes.{i}.code"), &c.code)?;
        if !codes.iter().any(|k: &CatalogueCode| k.system == c.system && k.code == code) {
            codes.push(CatalogueCode { system: c.system, code, verified: c.verified });
        }
    }
    let tx = open.change()?;
    if let Some(code) = &difficulty
        && !tx.prepare_cached("SELECT 1 FROM difficulty WHERE code = ?1")?.exists([code])?
    {
        return Err(Error::invalid("difficulty", "That difficulty is not in the list."));
    }
    let action = if id.is_some() { AuditAction::Edited } else { AuditAction::Created };
    let id = match id {
        Some(id) => {
            let changed = tx.execute(
                "UPDATE diagnosis_catalogue SET difficulty = ?1, name = ?2, hint = ?3, retired = ?4 WHERE id = ?5",
                params![difficulty, name, hint, entry.retired, id],
            )?;
            if changed == 0 {
                return Err(Error::NotFound("That catalogue entry is not in this notebook.".into()));
            }
            tx.execute("DELETE FROM diagnosis_catalogue_code WHERE entry_id = ?1", [id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO diagnosis_catalogue (difficulty, name, hint, position, retired)
                 VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM diagnosis_catalogue), ?4)",
                params![difficulty, name, hint, entry.retired],
            )?;
            CatalogueEntryId(tx.last_insert_rowid())
        }
    };
    let mut stmt = tx.prepare_cached(
        "INSERT INTO diagnosis_catalogue_code (entry_id, system, code, verified) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in &codes {
        stmt.execute(params![id, c.system, c.code, c.verified])?;
    }
    drop(stmt);
    audit::append(&tx, action, Target::record(AuditTable::DiagnosisCatalogue, id.0))?;
    tx.commit()?;
    tracing::info!(entry = %id, "diagnosis catalogue entry saved");
    Ok(CatalogueEntry { id, difficulty, name, hint, codes, retired: entry.retired })
}

/// The whole catalogue, retired entries included (marked), in the notebook's order.
pub fn list_diagnosis_catalogue(open: &OpenNotebook) -> Result<Vec<CatalogueEntry>> {
    let conn = open.store().conn();
    let mut stmt = conn.prepare(
        "SELECT id, difficulty, name, hint, retired FROM diagnosis_catalogue ORDER BY position, id",
    )?;
    let mut entries = stmt
        .query_map([], |r| {
            Ok(CatalogueEntry {
                id: r.get(0)?,
                difficulty: r.get(1)?,
                name: r.get(2)?,
                hint: r.get(3)?,
                codes: Vec::new(),
                retired: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut codes = conn.prepare(
        "SELECT system, code, verified FROM diagnosis_catalogue_code WHERE entry_id = ?1 ORDER BY system, code",
    )?;
    for e in &mut entries {
        e.codes = codes
            .query_map([e.id], |r| {
                Ok(CatalogueCode { system: r.get(0)?, code: r.get(1)?, verified: r.get(2)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(entries)
}
