//! The intervention catalogue: the seed's interventions as editable rows, each with its PLISSIT
//! level (Permission, Limited Information, Specific Suggestions, Intensive Therapy).

use super::Plissit;
use crate::columns::row_id;
use crate::error::{Error, Result};
use crate::input;
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

row_id! {
    /// An entry of the intervention catalogue.
    InterventionEntryId
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InterventionEntry {
    pub id: InterventionEntryId,
    pub name: String,
    pub plissit: Plissit,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct InterventionEntryInput {
    pub name: String,
    pub plissit: Plissit,
    pub description: Option<String>,
}

/// The PLISSIT level of a catalogue entry; `None` when there is no such entry.
pub(crate) fn level_of(conn: &Connection, id: InterventionEntryId) -> Result<Option<Plissit>> {
    Ok(conn
        .prepare_cached("SELECT plissit FROM intervention_catalogue WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The catalogue, in the notebook's order.
pub fn list_intervention_catalogue(open: &OpenNotebook) -> Result<Vec<InterventionEntry>> {
    let conn = open.store().conn();
    let mut stmt = conn
        .prepare("SELECT id, name, plissit, description FROM intervention_catalogue ORDER BY position, id")?;
    let rows = stmt.query_map([], |r| {
        Ok(InterventionEntry { id: r.get(0)?, name: r.get(1)?, plissit: r.get(2)?, description: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds an entry (`id` none) or changes one. Names are unique.
pub fn save_intervention_entry(
    open: &mut OpenNotebook,
    id: Option<InterventionEntryId>,
    entry: InterventionEntryInput,
) -> Result<InterventionEntry> {
    let name = input::name("name", &entry.name)?;
    let description = input::text("description", entry.description.as_deref())?.unwrap_or_default();
    if description.chars().count() > 1000 {
        return Err(Error::invalid("description", "Use at most 1000 characters."));
    }
    let tx = open.change()?;
    let taken = tx
        .prepare_cached("SELECT 1 FROM intervention_catalogue WHERE name = ?1 AND id IS NOT ?2")?
        .exists(params![name, id])?;
    if taken {
        return Err(Error::invalid("name", "This intervention is in the catalogue already."));
    }
    let action = if id.is_some() { AuditAction::Edited } else { AuditAction::Created };
    let id = match id {
        Some(id) => {
            let changed = tx.execute(
                "UPDATE intervention_catalogue SET name = ?1, plissit = ?2, description = ?3 WHERE id = ?4",
                params![name, entry.plissit, description, id],
            )?;
            if changed == 0 {
                return Err(Error::NotFound("That intervention is not in the catalogue.".into()));
            }
            id
        }
        None => {
            tx.execute(
                "INSERT INTO intervention_catalogue (name, plissit, description, position)
                 VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM intervention_catalogue))",
                params![name, entry.plissit, description],
            )?;
            InterventionEntryId(tx.last_insert_rowid())
        }
    };
    audit::append(&tx, action, Target::record(AuditTable::InterventionCatalogue, id.0))?;
    tx.commit()?;
    Ok(InterventionEntry { id, name, plissit: entry.plissit, description })
}
