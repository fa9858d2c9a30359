//! Giving a measure: to the client, or with partner consent to the partner, on a date and
//! optionally in a session, scored by the engine (reproducible measures, item by item) or entered
//! as a total (score entry). The rules: an open case; a person of the case; a partner's
//! administration needs the client's consent to involve the partner and the partner's own, on
//! that date; a session of the same case, on the same date, that the person attended; PHQ-9's
//! item 9 above 0 needs the action taken. Signed, an administration is final (addenda correct
//! it); until then it can be corrected.

use super::load::{self, AdministrationView};
use super::{AdministrationId, Licence, MeasureView, Points, Score, custom};
use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns::{self, SqlDate};
use crate::consent;
use crate::error::{Error, Result};
use crate::input;
use crate::notebook::OpenNotebook;
use crate::person::{self, PersonId, Role};
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use crate::record::{self, RecordRef};
use crate::session::SessionId;
use crate::workflow::Rule;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A subscale total, for a measure that has subscales (FSFI's domains).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubscaleInput {
    pub code: String,
    pub score: Points,
}

/// An administration, as the window sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct AdministrationInput {
    /// Whose scores these are: the client, or the partner.
    pub person_id: PersonId,
    /// The measure's code, from the catalogue.
    pub measure: String,
    pub given_on: NaiveDate,
    /// The session it was given in, if any: same case, same date, attended by the person.
    pub session_id: Option<SessionId>,
    /// A reproducible measure: one answer per item (0 for the first answer), none missing.
    #[serde(default)]
    pub answers: Vec<Option<u8>>,
    /// A score-entry measure: the total.
    pub total: Option<Points>,
    /// A score-entry measure with subscales: any of their totals.
    #[serde(default)]
    pub subscales: Vec<SubscaleInput>,
    /// What was done about a risk the answers raised (PHQ-9 item 9 above 0); required then, and
    /// only then.
    pub risk_action: Option<String>,
    /// Sign it as it is saved.
    #[serde(default)]
    pub sign: bool,
}

/// An input checked against its measure, ready to store.
struct Valid {
    measure: MeasureView,
    total: Score,
    answers: Option<String>,
    subscales: Option<String>,
    risk_action: Option<String>,
}

/// How far the subscale totals may be from the total: each is rounded to the measure's step.
const SUBSCALE_ROUNDING: Score = 5;

fn validated(conn: &Connection, a: &AdministrationInput, today: NaiveDate) -> Result<Valid> {
    let measure = custom::find(conn, "measure", &a.measure)?;
    input::past_date("givenOn", a.given_on, today)?;
    let (total, answers) = match measure.licence {
        Licence::Reproducible => {
            if a.total.is_some() {
                return Err(Error::invalid(
                    "total",
                    format!("{} is scored from its items; answer each item instead.", measure.name),
                ));
            }
            let total = measure.score_items(&a.answers)?;
            let digits: String = a.answers.iter().flatten().map(|d| char::from(b'0' + d)).collect();
            (total, Some(digits))
        }
        Licence::ScoreEntry => {
            if !a.answers.is_empty() {
                return Err(Error::invalid(
                    "answers",
                    format!("{} is entered as a total: its items are not kept.", measure.name),
                ));
            }
            let total = a
                .total
                .ok_or_else(|| Error::invalid("total", format!("Enter the {} total.", measure.name)))?;
            (measure.check_total("total", total.0)?, None)
        }
    };
    let mut subs: Vec<(usize, &str, Score)> = Vec::with_capacity(a.subscales.len());
    for s in &a.subscales {
        let score = measure.check_subscale(&s.code, s.score.0)?;
        let position = measure.subscales.iter().position(|d| d.code == s.code).unwrap_or(usize::MAX);
        if subs.iter().any(|(p, ..)| *p == position) {
            return Err(Error::invalid(format!("subscales.{}", s.code), "Each subscale is entered once."));
        }
        subs.push((position, &measure.subscales[position].code, score));
    }
    subs.sort();
    if !measure.subscales.is_empty() && subs.len() == measure.subscales.len() {
        let sum: Score = subs.iter().map(|(.., s)| s).sum();
        if (sum - total).abs() > SUBSCALE_ROUNDING * subs.len() as Score {
            return Err(Error::invalid(
                "total",
                format!("The {} total is the sum of its subscales, {}.", measure.name, super::shown(sum)),
            ));
        }
    }
    let subscales = (!subs.is_empty())
        .then(|| subs.iter().map(|(_, c, s)| format!("{c}={s}")).collect::<Vec<_>>().join(" "));
    let risk_action = input::text("riskAction", a.risk_action.as_deref())?;
    let raised = measure.raises_risk(&a.answers);
    if raised && risk_action.is_none() {
        let item = measure.risk_item.map_or(0, |i| i + 1);
        return Err(Error::invalid(
            "riskAction",
            format!("Item {item} was answered above 0: record the action taken before saving."),
        ));
    }
    if !raised && risk_action.is_some() {
        return Err(Error::invalid("riskAction", "No risk was raised by these answers."));
    }
    Ok(Valid { measure, total, answers, subscales, risk_action })
}

/// The rules of the case, the person and the session, inside the change.
fn check_rules(conn: &Connection, case_id: CaseId, a: &AdministrationInput) -> Result<()> {
    let row = case::writable(conn, case_id)?;
    if a.given_on < row.first_contact_on {
        return Err(Error::invalid("givenOn", "A measure cannot be given before the first contact."));
    }
    if person::role_in(conn, case_id, a.person_id, "personId")? == Role::Partner {
        consent::require_partner_involvement(conn, case_id, a.given_on, false)?;
        consent::require_partner_own(conn, case_id, a.person_id, a.given_on)?;
    }
    if let Some(session) = a.session_id {
        let held: Option<(CaseId, NaiveDate)> = conn
            .prepare_cached("SELECT case_id, held_on FROM session_note WHERE id = ?1")?
            .query_row([session], |r| Ok((r.get(0)?, columns::date(r, 1)?)))
            .optional()?;
        match held {
            Some((c, held_on)) if c == case_id => {
                if held_on != a.given_on {
                    return Err(Error::invalid(
                        "givenOn",
                        "A measure given in a session has the session's date.",
                    ));
                }
            }
            _ => return Err(Error::invalid("sessionId", "That session is not in this case.")),
        }
        let present: bool = conn
            .prepare_cached("SELECT 1 FROM session_present WHERE session_id = ?1 AND person_id = ?2")?
            .exists(params![session, a.person_id])?;
        if !present {
            return Err(Error::invalid("sessionId", "This person was not at that session."));
        }
    }
    Ok(())
}

/// What follows a write of an administration in the same change: the case marked changed, the
/// audit entry, and the signature when it is signed as it is saved.
fn audited(
    tx: &audit::Change<'_>,
    case_id: CaseId,
    id: AdministrationId,
    action: AuditAction,
    signer: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    case::touch(tx, case_id, &columns::instant_text(now))?;
    audit::append(tx, action, Target::in_case(AuditTable::MeasureAdministration, id.0, case_id))?;
    if let Some(name) = signer {
        record::sign_in(tx, RecordRef::Measure(id), &name, now, None)?;
    }
    Ok(())
}

/// Gives a measure to a person of the case.
pub fn record_measure(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    case_id: CaseId,
    a: AdministrationInput,
) -> Result<AdministrationView> {
    let v = validated(open.store().conn(), &a, columns::today(clock))?;
    let signer = if a.sign { Some(record::signer(open)?) } else { None };
    let now = clock.now();
    let at = columns::instant_text(now);
    let tx = open.change()?;
    check_rules(&tx, case_id, &a)?;
    tx.execute(
        "INSERT INTO measure_administration (case_id, person_id, measure, given_on, session_id, total, answers,
                                             subscales, risk_action, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            case_id,
            a.person_id,
            v.measure.code,
            SqlDate(a.given_on),
            a.session_id,
            v.total,
            v.answers,
            v.subscales,
            v.risk_action,
            at
        ],
    )?;
    let id = AdministrationId(tx.last_insert_rowid());
    audited(&tx, case_id, id, AuditAction::Created, signer, now)?;
    tx.commit()?;
    tracing::info!(case = %case_id, administration = %id, measure = %v.measure.code, "measure given");
    load::administration(open.store().conn(), id)
}

/// Corrects an administration not yet signed.
pub fn update_measure(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    id: AdministrationId,
    a: AdministrationInput,
) -> Result<AdministrationView> {
    let v = validated(open.store().conn(), &a, columns::today(clock))?;
    let signer = if a.sign { Some(record::signer(open)?) } else { None };
    let now = clock.now();
    let at = columns::instant_text(now);
    let tx = open.change()?;
    let stored: Option<(CaseId, bool)> = tx
        .prepare_cached("SELECT case_id, signed_at IS NOT NULL FROM measure_administration WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((case_id, signed)) = stored else {
        return Err(Error::NotFound("That administration is not in this notebook.".into()));
    };
    if signed {
        return Err(Rule::AlreadySigned.refuse());
    }
    check_rules(&tx, case_id, &a)?;
    tx.execute(
        "UPDATE measure_administration SET person_id = ?2, measure = ?3, given_on = ?4, session_id = ?5, total = ?6,
                answers = ?7, subscales = ?8, risk_action = ?9, updated_at = ?10
         WHERE id = ?1",
        params![
            id,
            a.person_id,
            v.measure.code,
            SqlDate(a.given_on),
            a.session_id,
            v.total,
            v.answers,
            v.subscales,
            v.risk_action,
            at
        ],
    )?;
    audited(&tx, case_id, id, AuditAction::Edited, signer, now)?;
    tx.commit()?;
    tracing::info!(case = %case_id, administration = %id, "measure corrected");
    load::administration(open.store().conn(), id)
}
