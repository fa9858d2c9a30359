//! The cases list: every case with its client, difficulties, stage, next session and review,
//! filtered by status, stage and a part of the client's name.
//!
//! The stage is computed per case (it is never stored), so filtering by stage happens after the
//! computation, from facts read in one statement (see [`rows`]). Status and name narrow the
//! cases inside that statement; names are matched by the store's own SQL function, which folds
//! case for every script, not only ASCII as SQLite's `LIKE` does.

use super::record::Difficulty;
use super::{CaseId, CaseStatus};
use crate::clock::Clock;
use crate::columns;
use crate::error::Result;
use crate::input::{self, MAX_NAME_CHARS};
use crate::notebook::OpenNotebook;
use crate::workflow::{self, CaseStage, StageFacts};
use crate::{intake, plan};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
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
    /// The next session, for an open case (a closed case has none).
    pub next_appointment: Option<NaiveDateTime>,
    pub review_on: Option<NaiveDate>,
    pub review_overdue: bool,
    /// Session notes not signed yet.
    pub unsigned_notes: u32,
}

/// The first cases of the list and how many match: what the window draws, a page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseListPage {
    /// The first `limit` cases that match, in the list's order.
    pub items: Vec<CaseListItem>,
    /// How many cases match in all.
    pub total: u32,
}

/// The first `limit` cases that match `filter` (all of them without a limit), and their number.
/// A keystroke in the window's search carries one page of rows, not a thousand (issue 13).
pub fn list_case_page(
    open: &OpenNotebook,
    clock: &dyn Clock,
    filter: CaseFilter,
    limit: Option<u32>,
) -> Result<CaseListPage> {
    let mut items = list_cases(open, clock, filter)?;
    let total = u32::try_from(items.len()).unwrap_or(u32::MAX);
    if let Some(limit) = limit {
        items.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    }
    Ok(CaseListPage { items, total })
}

/// The cases that match `filter`, open ones first, then by client name.
pub fn list_cases(open: &OpenNotebook, clock: &dyn Clock, filter: CaseFilter) -> Result<Vec<CaseListItem>> {
    let needle = input::opt_line("name", filter.name.as_deref(), MAX_NAME_CHARS)?.map(|n| n.to_lowercase());
    let conn = open.store().conn();
    let today = columns::today(clock);
    let mut difficulties = difficulties_by_case(conn)?;
    let mut items = Vec::new();
    for row in rows(conn, filter.status, needle.as_deref())? {
        let stage = row.stage.stage();
        if filter.stage.is_some_and(|s| s != stage) {
            continue;
        }
        items.push(CaseListItem {
            id: row.id,
            difficulties: difficulties.remove(&row.id).unwrap_or_default(),
            status: row.status,
            stage,
            first_contact_on: row.first_contact_on,
            next_appointment: row.next_appointment.filter(|_| row.status == CaseStatus::Open),
            unsigned_notes: row.unsigned_notes,
            review_on: row.review_on,
            review_overdue: workflow::review_overdue(row.status, row.review_on, today),
            client_name: row.client_name,
            partner_name: row.partner_name,
        });
    }
    items.sort_by(|a, b| {
        (a.status, a.client_name.to_lowercase(), a.id).cmp(&(b.status, b.client_name.to_lowercase(), b.id))
    });
    Ok(items)
}

/// One case as the list reads it.
struct Row {
    id: CaseId,
    status: CaseStatus,
    client_name: String,
    partner_name: Option<String>,
    first_contact_on: NaiveDate,
    stage: StageFacts,
    next_appointment: Option<NaiveDateTime>,
    review_on: Option<NaiveDate>,
    unsigned_notes: u32,
}

/// Every case with what its stage needs, in one statement: each fact is an index lookup per
/// case (the latest session through `session_note_by_case`, which covers kind and next
/// appointment; the latest plan and formulation through their `(case_id, version)` keys), where
/// the case page's `gather` runs ten small queries per case and counts every session. At 1,000
/// cases and 100,000 notes that is the difference between about 130 ms and a few (issue 13).
/// The two must agree; `tests::the_list_agrees_with_each_case_page` holds them to it.
/// The status and the name (`needle`, lowercased) narrow the cases first, so a search reads the
/// facts of the cases it finds only.
fn rows(conn: &Connection, status: Option<CaseStatus>, needle: Option<&str>) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.status, p.full_name, q.full_name, c.first_contact_on,
                (SELECT {progress} FROM intake i WHERE i.case_id = c.id),
                EXISTS (SELECT 1 FROM session_note s WHERE s.case_id = c.id AND s.kind = 'intake'),
                (SELECT max(f.version) FROM formulation f WHERE f.case_id = c.id),
                pl.version, pl.review_on, pl.created_at,
                (SELECT s.held_on FROM session_note s WHERE s.case_id = c.id AND s.kind <> 'intake'
                 ORDER BY s.held_on DESC LIMIT 1),
                (SELECT s.next_appointment FROM session_note s WHERE s.case_id = c.id
                 ORDER BY s.held_on DESC, s.starts_at DESC, s.id DESC LIMIT 1),
                (SELECT count(*) FROM session_note s INDEXED BY session_note_unsigned
                 WHERE s.case_id = c.id AND s.signed_at IS NULL)
         FROM case_file c
         JOIN person p ON p.id = c.client_id
         LEFT JOIN partner pa ON pa.case_id = c.id
         LEFT JOIN person q ON q.id = pa.person_id
         LEFT JOIN plan pl ON pl.case_id = c.id
              AND pl.version = (SELECT max(version) FROM plan WHERE case_id = c.id)
         WHERE (?1 IS NULL OR c.status = ?1)
           AND (?2 IS NULL OR {name_has}(p.full_name, ?2) OR {name_has}(q.full_name, ?2))",
        progress = intake::PROGRESS,
        name_has = crate::store::NAME_HAS,
    ))?;
    let rows = stmt.query_map(rusqlite::params![status, needle], |r| {
        let intake = intake::progress_of(r.get(5)?);
        let plan_made_on = columns::opt_instant(r, 10)?.map(plan::made_on);
        let last_after_intake = columns::opt_date(r, 11)?;
        let under_plan =
            matches!((plan_made_on, last_after_intake), (Some(made), Some(held)) if held >= made);
        let status: CaseStatus = r.get(1)?;
        Ok(Row {
            id: r.get(0)?,
            status,
            client_name: r.get(2)?,
            partner_name: r.get(3)?,
            first_contact_on: columns::date(r, 4)?,
            stage: StageFacts {
                status,
                intake,
                intake_sessions: u32::from(r.get::<_, bool>(6)?),
                formulation_version: r.get(7)?,
                plan_version: r.get(8)?,
                sessions_under_plan: u32::from(under_plan),
            },
            next_appointment: columns::opt_datetime(r, 12)?,
            review_on: columns::opt_date(r, 9)?,
            unsigned_notes: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every case's difficulties, in the seed list's order, read at once.
fn difficulties_by_case(conn: &Connection) -> Result<HashMap<CaseId, Vec<Difficulty>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT cd.case_id, d.code, d.label FROM case_difficulty cd JOIN difficulty d ON d.code = cd.difficulty
         ORDER BY cd.case_id, d.position, d.code",
    )?;
    let mut by_case: HashMap<CaseId, Vec<Difficulty>> = HashMap::new();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, CaseId>(0)?, Difficulty { code: r.get(1)?, label: r.get(2)? })))?;
    for row in rows {
        let (case, difficulty) = row?;
        by_case.entry(case).or_default().push(difficulty);
    }
    Ok(by_case)
}
