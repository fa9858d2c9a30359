//! The cases list: every case with its client, difficulties, stage, next session and review,
//! filtered by status, stage and a part of the client's name.
//!
//! The stage is computed per case (it is never stored), so filtering by stage happens after the
//! computation; a solo practice's few hundred cases make that cheap. Name matching is done here
//! rather than in SQL so that it folds case for every script, not only ASCII.

use super::record::{self, Difficulty};
use super::view::gather;
use super::{CaseId, CaseStatus, load_row};
use crate::clock::Clock;
use crate::columns;
use crate::error::Result;
use crate::input::{self, MAX_NAME_CHARS};
use crate::notebook::OpenNotebook;
use crate::workflow::CaseStage;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which cases to list; every field narrows the list, none means all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct CaseFilter {
    pub status: Option<CaseStatus>,
    pub stage: Option<CaseStage>,
    /// A part of the client's or the partner's name.
    pub name: Option<String>,
}

/// One row of the cases list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseListItem {
    pub id: CaseId,
    pub client_name: String,
    pub partner_name: Option<String>,
    pub difficulties: Vec<Difficulty>,
    pub status: CaseStatus,
    pub stage: CaseStage,
    pub first_contact_on: NaiveDate,
    pub next_appointment: Option<NaiveDateTime>,
    pub review_on: Option<NaiveDate>,
    pub review_overdue: bool,
}

/// The cases that match `filter`, open ones first, then by client name.
pub fn list_cases(open: &OpenNotebook, clock: &dyn Clock, filter: CaseFilter) -> Result<Vec<CaseListItem>> {
    let needle = input::opt_line("name", filter.name.as_deref(), MAX_NAME_CHARS)?.map(|n| n.to_lowercase());
    let conn = open.store().conn();
    let today = columns::today(clock);
    let mut stmt = conn.prepare(
        "SELECT c.id, c.status, p.full_name, q.full_name FROM case_file c
         JOIN person p ON p.id = c.client_id
         LEFT JOIN partner pa ON pa.case_id = c.id
         LEFT JOIN person q ON q.id = pa.person_id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, CaseId>(0)?, r.get::<_, CaseStatus>(1)?, r.get::<_, String>(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<(CaseId, CaseStatus, String, Option<String>)>>>()?;
    let mut items = Vec::new();
    for (id, status, client_name, partner_name) in rows {
        if filter.status.is_some_and(|s| s != status) {
            continue;
        }
        if let Some(needle) = &needle {
            let names = [Some(&client_name), partner_name.as_ref()];
            if !names.into_iter().flatten().any(|n| n.to_lowercase().contains(needle.as_str())) {
                continue;
            }
        }
        let row = load_row(conn, id)?;
        let g = gather(conn, &row, today)?;
        let stage = g.facts.stage();
        if filter.stage.is_some_and(|s| s != stage) {
            continue;
        }
        items.push(CaseListItem {
            id,
            difficulties: record::difficulties_of(conn, id)?,
            status,
            stage,
            first_contact_on: row.first_contact_on,
            next_appointment: g.next_appointment,
            review_on: g.facts.review_on,
            review_overdue: g.facts.review_overdue(),
            client_name,
            partner_name,
        });
    }
    items.sort_by(|a, b| {
        (a.status, a.client_name.to_lowercase(), a.id).cmp(&(b.status, b.client_name.to_lowercase(), b.id))
    });
    Ok(items)
}
