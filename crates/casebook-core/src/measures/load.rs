//! Reading administrations back: one, a session's, a case's with the trend of each measure for
//! each person (baseline, latest, change, and whether the change is the measure's own
//! clinically meaningful one), and a plan goal's progress towards its target.

use super::{AdministrationId, Direction, MeasureView, Points, Score, custom};
use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns::{self, text_enum};
use crate::error::{Error, Result};
use crate::notebook::OpenNotebook;
use crate::person::PersonId;
use crate::session::SessionId;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

text_enum! {
    /// Whose scores: each administration belongs to one person.
    pub enum Whose {
        Client = "client",
        Partner = "partner",
    }
}

text_enum! {
    /// The sense of a clinically meaningful change, by the measure's direction.
    pub enum ChangeSense {
        Better = "better",
        Worse = "worse",
    }
}

/// A subscale total of an administration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscaleScore {
    pub code: String,
    pub name: String,
    pub score: Points,
}

/// One administration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdministrationView {
    pub id: AdministrationId,
    pub case_id: CaseId,
    pub person_id: PersonId,
    pub whose: Whose,
    pub measure: String,
    pub measure_name: String,
    pub given_on: NaiveDate,
    pub session_id: Option<SessionId>,
    pub total: Points,
    /// The band of the total, in the measure's own words.
    pub band: Option<String>,
    /// A reproducible measure's answers, one per item; empty for score entry.
    pub answers: Vec<u8>,
    pub subscales: Vec<SubscaleScore>,
    /// The answers raised the measure's risk prompt (PHQ-9 item 9 above 0).
    pub risk_raised: bool,
    /// The item that raised it, numbered from 1 as the form numbers it (9 for PHQ-9).
    pub risk_item: Option<u32>,
    pub risk_action: Option<String>,
    pub signed_at: Option<DateTime<Utc>>,
    pub signed_by: Option<String>,
}

/// One point of a trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrendPoint {
    pub administration_id: AdministrationId,
    pub given_on: NaiveDate,
    /// Whole weeks since the baseline (the first administration).
    pub week: i64,
    pub total: Points,
    pub band: Option<String>,
}

/// One measure for one person over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Trend {
    pub measure: String,
    pub measure_name: String,
    pub person_id: PersonId,
    pub whose: Whose,
    /// Oldest first: the first is the baseline, the last the latest.
    pub points: Vec<TrendPoint>,
    /// Latest minus baseline.
    pub change: Points,
    /// The change is the measure's own clinically meaningful change, better or worse.
    pub meaningful: Option<ChangeSense>,
}

/// A case's measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseMeasures {
    /// Newest first.
    pub administrations: Vec<AdministrationView>,
    /// One per measure and person, in catalogue order, the client first.
    pub trends: Vec<Trend>,
}

/// A plan goal's progress for one person: the latest score of the goal's measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalProgress {
    pub person_id: PersonId,
    pub whose: Whose,
    pub baseline: Points,
    pub latest: Points,
    pub latest_on: NaiveDate,
    /// The latest score reaches the target (at least it, or at most it, by the measure's
    /// direction).
    pub met: bool,
}

const SELECT: &str = "SELECT a.id, a.case_id, a.person_id,
        CASE WHEN a.person_id = c.client_id THEN 'client' ELSE 'partner' END,
        a.measure, a.given_on, a.session_id, a.total, a.answers, a.subscales, a.risk_action, a.signed_at, a.signed_by
    FROM measure_administration a JOIN case_file c ON c.id = a.case_id";

struct Row {
    view: AdministrationView,
    answers: Option<String>,
    subscales: Option<String>,
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        view: AdministrationView {
            id: r.get(0)?,
            case_id: r.get(1)?,
            person_id: r.get(2)?,
            whose: r.get(3)?,
            measure: r.get(4)?,
            measure_name: String::new(),
            given_on: columns::date(r, 5)?,
            session_id: r.get(6)?,
            total: Points(r.get(7)?),
            band: None,
            answers: Vec::new(),
            subscales: Vec::new(),
            risk_raised: false,
            risk_item: None,
            risk_action: r.get(10)?,
            signed_at: columns::opt_instant(r, 11)?,
            signed_by: r.get(12)?,
        },
        answers: r.get(8)?,
        subscales: r.get(9)?,
    })
}

/// The catalogue by code, for naming and banding what is read.
struct Catalogue(HashMap<String, MeasureView>);

impl Catalogue {
    fn load(conn: &Connection) -> Result<Catalogue> {
        Ok(Catalogue(custom::all(conn)?.into_iter().map(|m| (m.code.clone(), m)).collect()))
    }

    fn finish(&self, row: Row) -> AdministrationView {
        let mut v = row.view;
        v.answers = row.answers.unwrap_or_default().bytes().map(|b| b.saturating_sub(b'0')).collect();
        if let Some(m) = self.0.get(&v.measure) {
            v.measure_name = m.name.clone();
            v.band = m.band(v.total.0).map(|b| b.label.clone());
            let answers: Vec<Option<u8>> = v.answers.iter().copied().map(Some).collect();
            v.risk_raised = m.raises_risk(&answers);
            v.risk_item = m.risk_item.filter(|_| v.risk_raised).map(|i| i + 1);
            v.subscales = row
                .subscales
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|part| {
                    let (code, score) = part.split_once('=')?;
                    let name = m.subscales.iter().find(|s| s.code == code)?.name.clone();
                    Some(SubscaleScore { code: code.into(), name, score: Points(score.parse().ok()?) })
                })
                .collect();
        } else {
            v.measure_name = v.measure.clone();
        }
        v
    }

    fn position(&self, code: &str) -> usize {
        super::BUILT_IN.iter().position(|m| m.code == code).unwrap_or(super::BUILT_IN.len())
    }
}

fn query(conn: &Connection, filter: &str, param: i64) -> Result<Vec<AdministrationView>> {
    let catalogue = Catalogue::load(conn)?;
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE {filter}"))?;
    let rows = stmt.query_map([param], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(|r| catalogue.finish(r)).collect())
}

/// One administration.
pub(crate) fn administration(conn: &Connection, id: AdministrationId) -> Result<AdministrationView> {
    query(conn, "a.id = ?1", id.0)?
        .pop()
        .ok_or_else(|| Error::NotFound("That administration is not in this notebook.".into()))
}

/// The measures given in a session, for its note.
pub(crate) fn for_session(conn: &Connection, session: SessionId) -> Result<Vec<AdministrationView>> {
    let given: bool = conn
        .prepare_cached("SELECT 1 FROM measure_administration WHERE session_id = ?1")?
        .exists([session])?;
    if !given {
        return Ok(Vec::new());
    }
    query(conn, "a.session_id = ?1 ORDER BY a.id", session.0)
}

/// Groups administrations, oldest first, into one trend per measure and person.
pub(crate) fn trends(measures: &[MeasureView], given: &[AdministrationView]) -> Vec<Trend> {
    let mut out: Vec<Trend> = Vec::new();
    let mut oldest_first: Vec<&AdministrationView> = given.iter().collect();
    oldest_first.sort_by_key(|a| (a.given_on, a.id));
    for a in oldest_first {
        let at = out.iter().position(|t| t.measure == a.measure && t.person_id == a.person_id);
        let trend = match at {
            Some(i) => &mut out[i],
            None => {
                out.push(Trend {
                    measure: a.measure.clone(),
                    measure_name: a.measure_name.clone(),
                    person_id: a.person_id,
                    whose: a.whose,
                    points: Vec::new(),
                    change: Points(0),
                    meaningful: None,
                });
                out.last_mut().expect("just pushed")
            }
        };
        let week = trend.points.first().map_or(0, |b| (a.given_on - b.given_on).num_days() / 7);
        trend.points.push(TrendPoint {
            administration_id: a.id,
            given_on: a.given_on,
            week,
            total: a.total,
            band: a.band.clone(),
        });
    }
    for t in &mut out {
        let (first, last) = (t.points[0].total.0, t.points[t.points.len() - 1].total.0);
        t.change = Points(last - first);
        let measure = measures.iter().find(|m| m.code == t.measure);
        t.meaningful = measure
            .and_then(|m| m.meaningful(first, last))
            .map(|better| if better { ChangeSense::Better } else { ChangeSense::Worse });
    }
    let order = |t: &Trend| {
        let catalogue = measures.iter().position(|m| m.code == t.measure).unwrap_or(usize::MAX);
        (catalogue, t.whose != Whose::Client, t.person_id)
    };
    out.sort_by_key(order);
    out
}

/// A case's administrations and trends.
pub(crate) fn of_case(conn: &Connection, case_id: CaseId) -> Result<CaseMeasures> {
    let catalogue = Catalogue::load(conn)?;
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE a.case_id = ?1 ORDER BY a.given_on DESC, a.id DESC"))?;
    let rows = stmt.query_map([case_id], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    let administrations: Vec<_> = rows.into_iter().map(|r| catalogue.finish(r)).collect();
    let mut measures: Vec<MeasureView> = catalogue.0.values().cloned().collect();
    measures.sort_by_key(|m| (catalogue.position(&m.code), m.name.clone()));
    let trends = trends(&measures, &administrations);
    Ok(CaseMeasures { administrations, trends })
}

/// A case's measures: every administration, newest first, and each measure's trend per person.
pub fn case_measures(open: &OpenNotebook, _clock: &dyn Clock, case_id: CaseId) -> Result<CaseMeasures> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    of_case(conn, case_id)
}

/// Progress towards a goal's target score: per person given the measure, the baseline and the
/// latest score, and whether the latest reaches the target.
pub(crate) fn goal_progress(
    conn: &Connection,
    case_id: CaseId,
    measure: &str,
    target: Score,
) -> Result<Vec<GoalProgress>> {
    // A code the catalogue no longer knows has no progress to show; a failed read is an error.
    let m = match custom::find(conn, "targetMeasure", measure) {
        Ok(m) => m,
        Err(Error::Invalid { .. }) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT a.person_id, CASE WHEN a.person_id = c.client_id THEN 'client' ELSE 'partner' END,
                a.total, a.given_on
         FROM measure_administration a JOIN case_file c ON c.id = a.case_id
         WHERE a.case_id = ?1 AND a.measure = ?2 ORDER BY a.person_id, a.given_on, a.id",
    )?;
    let rows = stmt
        .query_map(rusqlite::params![case_id, measure], |r| {
            Ok((r.get::<_, PersonId>(0)?, r.get::<_, Whose>(1)?, r.get::<_, Score>(2)?, columns::date(r, 3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out: Vec<GoalProgress> = Vec::new();
    for (person_id, whose, total, on) in rows {
        let met = match m.direction {
            Direction::HigherIsBetter => total >= target,
            Direction::HigherIsWorse => total <= target,
        };
        match out.iter_mut().find(|p| p.person_id == person_id) {
            Some(p) => {
                p.latest = Points(total);
                p.latest_on = on;
                p.met = met;
            }
            None => out.push(GoalProgress {
                person_id,
                whose,
                baseline: Points(total),
                latest: Points(total),
                latest_on: on,
                met,
            }),
        }
    }
    out.sort_by_key(|p| (p.whose != Whose::Client, p.person_id));
    Ok(out)
}

/// How many administrations of a case are not signed.
pub(crate) fn unsigned_count(conn: &Connection, case_id: CaseId) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM measure_administration INDEXED BY measure_administration_unsigned
             WHERE case_id = ?1 AND signed_at IS NULL",
        )?
        .query_row([case_id], |r| r.get(0))?)
}
