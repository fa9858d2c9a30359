//! What needs the therapist: session notes to sign (late ones first, then those turning late),
//! measures given and not signed, plan reviews overdue or due within a week, drafts left open,
//! consents expiring or lately expired, referrals waiting on a doctor for weeks, and an overdue
//! backup. The home screen lists them; each names the case and the record, so the window opens
//! the place it is resolved.
//!
//! Everything is computed from the record when asked, never stored, and each part is an index
//! lookup (unsigned notes through `session_note_unsigned`, which holds only them), so the list
//! stays quick in a notebook of 1,000 cases and 100,000 notes.

use crate::backup;
use crate::case::CaseId;
use crate::clock::Clock;
use crate::columns::{self, SqlDate, TextEnum};
use crate::consent::ConsentKind;
use crate::error::Result;
use crate::measures::AdministrationId;
use crate::medical::RuleOutStatus;
use crate::notebook::OpenNotebook;
use crate::record::{LATE_AFTER_HOURS, RecordKind, RecordRef, load_stored};
use crate::session::{SessionId, SessionKind};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// A plan review is listed this many days before it is due.
pub const REVIEW_AHEAD_DAYS: i64 = 7;
/// A consent is listed this many days before it expires, and as long after.
pub const CONSENT_WINDOW_DAYS: i64 = 30;
/// A referral or a pending result is listed once it has waited this long.
pub const RULE_OUT_WAIT_DAYS: i64 = 28;
/// The most notes to sign the home screen lists (oldest first); `unsigned_notes` counts them all.
pub const NOTES_LISTED: u32 = 100;

/// One thing that needs the therapist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum DueItem {
    /// An unsigned session note: late (signing needs a reason) or turning late at `lateAt`.
    NoteToSign {
        case_id: CaseId,
        client_name: String,
        session_id: SessionId,
        session_kind: SessionKind,
        held_on: NaiveDate,
        late_at: DateTime<Utc>,
        late: bool,
        /// The case is closed; its notes can still be signed.
        case_closed: bool,
    },
    /// A measure given and not yet signed.
    MeasureToSign {
        case_id: CaseId,
        client_name: String,
        administration_id: AdministrationId,
        measure_name: String,
        given_on: NaiveDate,
        case_closed: bool,
    },
    /// The current plan's review date has passed or is within [`REVIEW_AHEAD_DAYS`].
    PlanReview { case_id: CaseId, client_name: String, review_on: NaiveDate, overdue: bool },
    /// Text kept as a draft in a form that was left without saving.
    Draft {
        case_id: CaseId,
        client_name: String,
        /// Which form: `intake`, `formulation`, `plan`, `session`, `consent`, `release`,
        /// `referral`, `ruleout`, `diagnosis`, `process`, `closing`, `reopen`, `addendum`, or
        /// `other`.
        form: String,
        /// For a draft of an existing session note (or an addendum to one).
        session_id: Option<SessionId>,
        saved_at: DateTime<Utc>,
    },
    /// A consent that expires within [`CONSENT_WINDOW_DAYS`], or expired as recently.
    ConsentExpiring {
        case_id: CaseId,
        client_name: String,
        consent_kind: ConsentKind,
        expires_on: NaiveDate,
        expired: bool,
    },
    /// Medical causes not ruled out, waiting on a referral or a result since `since`.
    AwaitingRuleOut {
        case_id: CaseId,
        client_name: String,
        status: RuleOutStatus,
        since: NaiveDate,
        /// Whole weeks since then, on the engine's calendar.
        weeks_waiting: u32,
    },
    /// No verified backup for longer than the chosen number of days (or none yet).
    Backup { last_made_at: Option<String>, warn_after_days: u32 },
}

impl DueItem {
    /// Sorting: what is past its time first, then by date.
    fn order(&self) -> (u8, String) {
        match self {
            DueItem::NoteToSign { late, late_at, .. } => (u8::from(!late), late_at.to_rfc3339()),
            DueItem::PlanReview { overdue, review_on, .. } => (u8::from(!overdue), review_on.to_string()),
            DueItem::ConsentExpiring { expired, expires_on, .. } => {
                (u8::from(!expired), expires_on.to_string())
            }
            DueItem::AwaitingRuleOut { since, .. } => (1, since.to_string()),
            DueItem::MeasureToSign { given_on, .. } => (1, given_on.to_string()),
            DueItem::Draft { saved_at, .. } => (2, saved_at.to_rfc3339()),
            DueItem::Backup { .. } => (0, String::new()),
        }
    }
}

/// Everything due, most pressing first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueList {
    pub items: Vec<DueItem>,
    /// Unsigned session notes in the whole notebook; the items list the oldest
    /// [`NOTES_LISTED`] of them.
    pub unsigned_notes: u32,
}

/// What needs the therapist today.
pub fn due(open: &OpenNotebook, clock: &dyn Clock) -> Result<DueList> {
    let conn = open.store().conn();
    let now = clock.now();
    let today = columns::today(clock);
    let mut items = notes_to_sign(conn, None, now, NOTES_LISTED)?;
    let unsigned_notes: u32 = conn
        .prepare_cached(
            "SELECT count(*) FROM session_note INDEXED BY session_note_unsigned WHERE signed_at IS NULL",
        )?
        .query_row([], |r| r.get(0))?;
    items.extend(measures_to_sign(conn)?);
    items.extend(plan_reviews(conn, today)?);
    items.extend(consents(conn, today)?);
    items.extend(rule_outs(conn, today)?);
    items.extend(drafts(conn)?);
    let backup = backup::status(open)?;
    if backup.overdue {
        items.push(DueItem::Backup {
            last_made_at: backup.last.map(|l| l.made_at),
            warn_after_days: backup.warn_after_days,
        });
    }
    items.sort_by_key(DueItem::order);
    Ok(DueList { items, unsigned_notes })
}

/// The unsigned session notes of a case, oldest first: what closing it must sign.
pub fn unsigned_notes(open: &OpenNotebook, clock: &dyn Clock, case_id: CaseId) -> Result<Vec<DueItem>> {
    crate::case::load_row(open.store().conn(), case_id)?;
    notes_to_sign(open.store().conn(), Some(case_id), clock.now(), u32::MAX)
}

/// The ids of a case's unsigned session notes.
pub(crate) fn unsigned_note_ids(conn: &Connection, case_id: CaseId) -> Result<Vec<SessionId>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM session_note WHERE case_id = ?1 AND signed_at IS NULL")?;
    Ok(stmt.query_map([case_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// How many session notes of a case are unsigned.
pub(crate) fn unsigned_count(conn: &Connection, case_id: CaseId) -> Result<u32> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM session_note WHERE case_id = ?1 AND signed_at IS NULL")?
        .query_row([case_id], |r| r.get(0))?)
}

fn notes_to_sign(
    conn: &Connection,
    case_id: Option<CaseId>,
    now: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<DueItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.case_id, p.full_name, s.kind, s.held_on, c.status = 'closed'
         FROM session_note s INDEXED BY session_note_unsigned
         JOIN case_file c ON c.id = s.case_id
         JOIN person p ON p.id = c.client_id
         WHERE s.signed_at IS NULL AND (?1 IS NULL OR s.case_id = ?1)
         ORDER BY s.held_on, s.starts_at, s.id
         LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![case_id, limit], |r| {
        Ok((r.get::<_, SessionId>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, columns::date(r, 4)?, r.get(5)?))
    })?;
    let mut items = Vec::new();
    for row in rows {
        let (session_id, case_id, client_name, session_kind, held_on, case_closed) = row?;
        // The session's end, as the signing rule reads it.
        let ends = load_stored(conn, RecordRef::SessionNote(session_id))?.session_end.unwrap_or(now);
        let late_at = ends + Duration::hours(LATE_AFTER_HOURS);
        items.push(DueItem::NoteToSign {
            case_id,
            client_name,
            session_id,
            session_kind,
            held_on,
            late_at,
            late: now > late_at,
            case_closed,
        });
    }
    Ok(items)
}

/// Measures given and not signed, oldest first (at most [`NOTES_LISTED`]).
fn measures_to_sign(conn: &Connection) -> Result<Vec<DueItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.case_id, p.full_name, a.measure, a.given_on, c.status = 'closed'
         FROM measure_administration a INDEXED BY measure_administration_unsigned
         JOIN case_file c ON c.id = a.case_id
         JOIN person p ON p.id = c.client_id
         WHERE a.signed_at IS NULL
         ORDER BY a.given_on, a.id
         LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([NOTES_LISTED], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?, columns::date(r, 4)?, r.get(5)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut items = Vec::with_capacity(rows.len());
    for (administration_id, case_id, client_name, code, given_on, case_closed) in rows {
        let measure_name = crate::measures::find_measure(conn, "measure", &code).map_or(code, |m| m.name);
        items.push(DueItem::MeasureToSign {
            case_id,
            client_name,
            administration_id,
            measure_name,
            given_on,
            case_closed,
        });
    }
    Ok(items)
}

fn plan_reviews(conn: &Connection, today: NaiveDate) -> Result<Vec<DueItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, p.full_name, pl.review_on
         FROM case_file c
         JOIN person p ON p.id = c.client_id
         JOIN plan pl ON pl.case_id = c.id AND pl.version = (SELECT max(version) FROM plan WHERE case_id = c.id)
         WHERE c.status = 'open' AND pl.review_on <= ?1
         ORDER BY pl.review_on",
    )?;
    let until = SqlDate(today + Duration::days(REVIEW_AHEAD_DAYS));
    let rows = stmt.query_map([until], |r| Ok((r.get(0)?, r.get(1)?, columns::date(r, 2)?)))?;
    rows.map(|row| {
        let (case_id, client_name, review_on) = row?;
        Ok(DueItem::PlanReview { case_id, client_name, review_on, overdue: review_on < today })
    })
    .collect()
}

fn consents(conn: &Connection, today: NaiveDate) -> Result<Vec<DueItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.case_id, p.full_name, c.kind, c.expires_on
         FROM consent c
         JOIN case_file k ON k.id = c.case_id
         JOIN person p ON p.id = k.client_id
         WHERE k.status = 'open' AND c.withdrawn_on IS NULL AND c.expires_on BETWEEN ?1 AND ?2
           AND c.version = (SELECT max(d.version) FROM consent d
                            WHERE d.case_id = c.case_id AND d.kind = c.kind AND d.person_id = c.person_id
                              AND coalesce(d.recipient_id, 0) = coalesce(c.recipient_id, 0))
         ORDER BY c.expires_on",
    )?;
    let window = Duration::days(CONSENT_WINDOW_DAYS);
    let rows = stmt.query_map(params![SqlDate(today - window), SqlDate(today + window)], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, columns::date(r, 3)?))
    })?;
    rows.map(|row| {
        let (case_id, client_name, consent_kind, expires_on) = row?;
        Ok(DueItem::ConsentExpiring {
            case_id,
            client_name,
            consent_kind,
            expires_on,
            expired: expires_on <= today,
        })
    })
    .collect()
}

fn rule_outs(conn: &Connection, today: NaiveDate) -> Result<Vec<DueItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, p.full_name, r.status, r.on_date
         FROM case_file c
         JOIN person p ON p.id = c.client_id
         JOIN rule_out r ON r.id = (SELECT max(id) FROM rule_out WHERE case_id = c.id)
         WHERE c.status = 'open' AND r.status IN ('referred', 'awaiting_result') AND r.on_date <= ?1
         ORDER BY r.on_date",
    )?;
    let rows = stmt.query_map([SqlDate(today - Duration::days(RULE_OUT_WAIT_DAYS))], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, columns::date(r, 3)?))
    })?;
    rows.map(|row| {
        let (case_id, client_name, status, since) = row?;
        let weeks_waiting = u32::try_from((today - since).num_weeks()).unwrap_or(0);
        Ok(DueItem::AwaitingRuleOut { case_id, client_name, status, since, weeks_waiting })
    })
    .collect()
}

/// Drafts grouped by the form they belong to. The window names a draft by its editor key:
/// `case:<case>:<form>:...` for a new record of a case, `session:<id>:...` for an existing note,
/// `process:<id>:...` and `record:<kind>:<id>:addendum:...`.
fn drafts(conn: &Connection) -> Result<Vec<DueItem>> {
    let mut stmt = conn.prepare_cached("SELECT editor_key, saved_at FROM draft ORDER BY saved_at")?;
    let keys = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, columns::instant(r, 1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut forms: BTreeMap<(CaseId, String, Option<SessionId>), DateTime<Utc>> = BTreeMap::new();
    for (key, saved_at) in keys {
        let Some((case_id, form, session_id)) = draft_place(conn, &key)? else { continue };
        let latest = forms.entry((case_id, form, session_id)).or_insert(saved_at);
        *latest = (*latest).max(saved_at);
    }
    let mut names = conn.prepare_cached(
        "SELECT p.full_name FROM case_file c JOIN person p ON p.id = c.client_id WHERE c.id = ?1",
    )?;
    let mut items = Vec::new();
    for ((case_id, form, session_id), saved_at) in forms {
        let Ok(client_name) = names.query_row([case_id], |r| r.get(0)) else { continue };
        items.push(DueItem::Draft { case_id, client_name, form, session_id, saved_at });
    }
    Ok(items)
}

/// The forms a draft may belong to, as the window names them in its editor keys.
const FORMS: [&str; 13] = [
    "intake",
    "formulation",
    "plan",
    "session",
    "consent",
    "release",
    "referral",
    "ruleout",
    "diagnosis",
    "process",
    "closing",
    "reopen",
    "addendum",
];

/// The case, form and session note a draft key belongs to; `None` for a key of no case (or of a
/// record since removed).
fn draft_place(conn: &Connection, key: &str) -> Result<Option<(CaseId, String, Option<SessionId>)>> {
    let parts: Vec<&str> = key.split(':').collect();
    let id = |i: usize| parts.get(i).and_then(|p| p.parse::<i64>().ok());
    let form = |f: &str| if FORMS.contains(&f) { f.to_string() } else { "other".to_string() };
    let session_case = |id: i64| -> Result<Option<CaseId>> {
        Ok(load_stored(conn, RecordRef::SessionNote(SessionId(id))).ok().map(|s| s.case_id))
    };
    Ok(match (parts.first().copied(), id(1)) {
        (Some("case"), Some(case)) => {
            let known: bool = conn
                .prepare_cached("SELECT count(*) FROM case_file WHERE id = ?1")?
                .query_row([case], |r| r.get::<_, i64>(0))?
                > 0;
            known.then(|| (CaseId(case), form(parts.get(2).copied().unwrap_or("")), None))
        }
        (Some("session"), Some(id)) => {
            session_case(id)?.map(|case| (case, "session".to_string(), Some(SessionId(id))))
        }
        (Some("process"), Some(id)) => conn
            .prepare_cached("SELECT case_id FROM process_note WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .ok()
            .map(|case| (case, "process".to_string(), None)),
        (Some("record"), _) => {
            let kind = parts.get(1).and_then(|k| RecordKind::parse(k));
            match (kind, id(2)) {
                (Some(kind), Some(id)) => load_stored(conn, RecordRef::from_parts(kind, id)).ok().map(|s| {
                    let session = (kind == RecordKind::SessionNote).then_some(SessionId(id));
                    (s.case_id, "addendum".to_string(), session)
                }),
                _ => None,
            }
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests;
