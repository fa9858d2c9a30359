//! The contributing-factor vocabulary: the seed's terms as editable rows, each with the P and
//! domain it usually carries (a suggestion; every factor in a formulation carries its own).

use super::{FactorDomain, FourP};
use crate::columns::row_id;
use crate::error::{Error, Result};
use crate::input::{self, MAX_LINE_CHARS};
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

row_id! {
    /// A term of the contributing-factor vocabulary.
    FactorTermId
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FactorTerm {
    pub id: FactorTermId,
    pub label: String,
    pub usual_p: Option<FourP>,
    pub usual_domain: Option<FactorDomain>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct FactorTermInput {
    pub label: String,
    pub usual_p: Option<FourP>,
    pub usual_domain: Option<FactorDomain>,
}

pub(crate) fn term_exists(conn: &Connection, id: FactorTermId) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM factor_vocabulary WHERE id = ?1")?.exists([id])?)
}

/// The vocabulary, in the notebook's order.
pub fn list_factor_vocabulary(open: &OpenNotebook) -> Result<Vec<FactorTerm>> {
    let conn = open.store().conn();
    let mut stmt =
        conn.prepare("SELECT id, label, usual_p, usual_domain FROM factor_vocabulary ORDER BY position, id")?;
    let rows = stmt.query_map([], |r| {
        Ok(FactorTerm { id: r.get(0)?, label: r.get(1)?, usual_p: r.get(2)?, usual_domain: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a term (`id` none) or changes one. Labels are unique.
pub fn save_factor_term(
    open: &mut OpenNotebook,
    id: Option<FactorTermId>,
    term: FactorTermInput,
) -> Result<FactorTerm> {
    let label = input::required_line("label", &term.label, MAX_LINE_CHARS)?;
    let tx = open.change()?;
    let taken: bool = tx
        .prepare_cached("SELECT 1 FROM factor_vocabulary WHERE label = ?1 AND id IS NOT ?2")?
        .exists(params![label, id])?;
    if taken {
        return Err(Error::invalid("label", "This term is in the vocabulary already."));
    }
    let action = if id.is_some() { AuditAction::Edited } else { AuditAction::Created };
    let id = match id {
        Some(id) => {
            let changed = tx.execute(
                "UPDATE factor_vocabulary SET label = ?1, usual_p = ?2, usual_domain = ?3 WHERE id = ?4",
                params![label, term.usual_p, term.usual_domain, id],
            )?;
            if changed == 0 {
                return Err(Error::NotFound("That term is not in the vocabulary.".into()));
            }
            id
        }
        None => {
            tx.execute(
                "INSERT INTO factor_vocabulary (label, usual_p, usual_domain, position)
                 VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM factor_vocabulary))",
                params![label, term.usual_p, term.usual_domain],
            )?;
            FactorTermId(tx.last_insert_rowid())
        }
    };
    audit::append(&tx, action, Target::record(AuditTable::FactorVocabulary, id.0))?;
    tx.commit()?;
    Ok(FactorTerm { id, label, usual_p: term.usual_p, usual_domain: term.usual_domain })
}
