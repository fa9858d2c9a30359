//! Recording and correcting a session note, with the workflow rules a session must pass.

use super::body::{self, NoteBody};
use super::{RiskScreen, SessionId, SessionInput, SessionIntervention, SessionKind, SessionView, load};
use crate::case::{self, CaseId, CaseRow};
use crate::clock::Clock;
use crate::columns::{self, SqlDate};
use crate::consent;
use crate::error::{Error, Result};
use crate::input::{self, MAX_LINE_CHARS};
use crate::notebook::OpenNotebook;
use crate::person::{self, Role};
use crate::plan;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use crate::workflow::Rule;
use chrono::{NaiveDate, NaiveTime, Timelike};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

/// A session input whose fields are checked, times to the minute.
struct Valid {
    input: SessionInput,
    body: NoteBody,
}

fn minute(t: NaiveTime) -> NaiveTime {
    t.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(t)
}

fn validated(s: &SessionInput, today: NaiveDate) -> Result<Valid> {
    let body = s.body.validated()?;
    let held_on = input::past_date("heldOn", s.held_on, today)?;
    let (starts_at, ends_at) = (minute(s.starts_at), minute(s.ends_at));
    if ends_at <= starts_at {
        return Err(Error::invalid("endsAt", "A session ends after it starts."));
    }
    input::list_len("present", &s.present)?;
    input::list_len("goalsAddressed", &s.goals_addressed)?;
    input::list_len("interventionsUsed", &s.interventions_used)?;
    if s.present.is_empty() {
        return Err(Error::invalid("present", "Say who was present."));
    }
    let interventions_used = s
        .interventions_used
        .iter()
        .enumerate()
        .map(|(i, v)| {
            Ok(SessionIntervention {
                entry: v.entry,
                name: input::name(&format!("interventionsUsed.{i}.name"), &v.name)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let risk_action = input::text("riskAction", s.risk_action.as_deref())?;
    if matches!(s.risk_screen, RiskScreen::Low | RiskScreen::Moderate | RiskScreen::High)
        && risk_action.is_none()
    {
        return Err(Error::invalid("riskAction", "A risk was identified: record the action taken."));
    }
    if let Some(next) = s.next_appointment {
        input::date("nextAppointment", next.date())?;
        if next <= held_on.and_time(ends_at) {
            return Err(Error::invalid("nextAppointment", "The next appointment comes after this session."));
        }
    }
    let mut present = s.present.clone();
    present.sort();
    present.dedup();
    let mut goals = s.goals_addressed.clone();
    goals.sort();
    goals.dedup();
    let input = SessionInput {
        held_on,
        starts_at,
        ends_at,
        present,
        goals_addressed: goals,
        interventions_used,
        others_present: input::opt_line("othersPresent", s.others_present.as_deref(), MAX_LINE_CHARS)?,
        homework_reviewed: input::text("homeworkReviewed", s.homework_reviewed.as_deref())?,
        homework_set: input::text("homeworkSet", s.homework_set.as_deref())?,
        measures_given: input::text("measuresGiven", s.measures_given.as_deref())?,
        risk_action,
        medical_updates: input::text("medicalUpdates", s.medical_updates.as_deref())?,
        next_appointment: s.next_appointment.map(|n| n.date().and_time(minute(n.time()))),
        ..s.clone()
    };
    Ok(Valid { input, body })
}

/// The workflow rules of a session, in the order a therapist meets them.
fn check_rules(conn: &Connection, case: &CaseRow, s: &SessionInput, this: Option<SessionId>) -> Result<()> {
    if s.held_on < case.first_contact_on {
        return Err(Error::invalid("heldOn", "A session cannot predate the first contact."));
    }
    if s.kind != SessionKind::Intake {
        let intake_before: bool = conn
            .prepare_cached(
                "SELECT 1 FROM session_note WHERE case_id = ?1 AND kind = 'intake' AND held_on <= ?2 AND id IS NOT ?3",
            )?
            .exists(params![case.id, SqlDate(s.held_on), this])?;
        if !intake_before {
            return Err(Rule::IntakeFirst.refuse());
        }
    }
    let partner = person::partner_of(conn, case.id)?;
    if matches!(s.kind, SessionKind::Partner | SessionKind::Couples) {
        consent::require_partner_involvement(conn, case.id, s.held_on, s.kind == SessionKind::Couples)?;
        let partner = partner.ok_or_else(|| Rule::PartnerNotAdded.refuse())?;
        consent::require_partner_own(conn, case.id, partner, s.held_on)?;
    }
    let mut client_present = false;
    let mut partner_present = false;
    for &p in &s.present {
        match person::role_in(conn, case.id, p, "present")? {
            Role::Client => client_present = true,
            Role::Partner => partner_present = true,
        }
    }
    let who = match s.kind {
        SessionKind::Intake | SessionKind::Individual if !client_present || partner_present => Some(
            "An intake or individual session is with the client alone; choose a couples session when the partner attends.",
        ),
        SessionKind::Partner if !partner_present || client_present => {
            Some("A partner session is with the partner alone; choose a couples session when both attend.")
        }
        SessionKind::Couples if !(client_present && partner_present) => {
            Some("A couples session is with the client and the partner.")
        }
        _ => None,
    };
    if let Some(message) = who {
        return Err(Error::invalid("present", message));
    }
    for &g in &s.goals_addressed {
        if !plan::goal_in_case(conn, case.id, g)? {
            return Err(Error::invalid("goalsAddressed", "A goal addressed is not in this case's plan."));
        }
    }
    for (i, v) in s.interventions_used.iter().enumerate() {
        if let Some(entry) = v.entry
            && plan::intervention_level(conn, entry)?.is_none()
        {
            let field = format!("interventionsUsed.{i}.entry");
            return Err(Error::invalid(field, "That intervention is not in the catalogue."));
        }
    }
    Ok(())
}

fn text_value(v: Option<&str>) -> Value {
    v.map_or(Value::Null, |s| Value::Text(s.to_string()))
}

/// The note's own columns, in the order [`NOTE_COLUMNS`] names them.
fn note_values(v: &Valid) -> Vec<Value> {
    let s = &v.input;
    let mut values = vec![
        Value::Text(s.kind.as_str().into()),
        Value::Text(v.body.format().as_str().into()),
        Value::Text(columns::date_text(s.held_on)),
        Value::Text(columns::time_text(s.starts_at)),
        Value::Text(columns::time_text(s.ends_at)),
        Value::Text(s.modality.as_str().into()),
        text_value(s.others_present.as_deref()),
    ];
    values.extend(v.body.columns().into_iter().map(text_value));
    values.extend([
        text_value(s.homework_reviewed.as_deref()),
        text_value(s.homework_set.as_deref()),
        text_value(s.measures_given.as_deref()),
        Value::Text(s.risk_screen.as_str().into()),
        text_value(s.risk_action.as_deref()),
        text_value(s.medical_updates.as_deref()),
        s.next_appointment.map_or(Value::Null, |n| Value::Text(columns::datetime_text(n))),
    ]);
    values
}

fn note_columns() -> Vec<&'static str> {
    let mut cols = vec!["kind", "format", "held_on", "starts_at", "ends_at", "modality", "others_present"];
    cols.extend(body::COLUMNS);
    cols.extend([
        "homework_reviewed",
        "homework_set",
        "measures_given",
        "risk_screen",
        "risk_action",
        "medical_updates",
        "next_appointment",
    ]);
    cols
}

fn write_lists(conn: &Connection, id: SessionId, s: &SessionInput) -> Result<()> {
    for table in ["session_present", "session_goal", "session_intervention"] {
        conn.execute(&format!("DELETE FROM {table} WHERE session_id = ?1"), [id])?;
    }
    for p in &s.present {
        conn.execute("INSERT INTO session_present (session_id, person_id) VALUES (?1, ?2)", params![id, p])?;
    }
    for g in &s.goals_addressed {
        conn.execute("INSERT INTO session_goal (session_id, goal_id) VALUES (?1, ?2)", params![id, g])?;
    }
    for (i, v) in s.interventions_used.iter().enumerate() {
        conn.execute(
            "INSERT INTO session_intervention (session_id, position, catalogue_id, name) VALUES (?1, ?2, ?3, ?4)",
            params![id, i as i64, v.entry, v.name],
        )?;
    }
    Ok(())
}

/// Records a session note in an open case.
pub fn record_session(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    case_id: CaseId,
    session: SessionInput,
) -> Result<SessionView> {
    let v = validated(&session, columns::today(clock))?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let row = case::writable(&tx, case_id)?;
    check_rules(&tx, &row, &v.input, None)?;
    let cols = note_columns();
    let mut values = vec![Value::Integer(case_id.0), Value::Text(now.clone())];
    values.extend(note_values(&v));
    let sql = format!(
        "INSERT INTO session_note (case_id, created_at, updated_at, {}) VALUES (?1, ?2, ?2, {})",
        cols.join(", "),
        (0..cols.len()).map(|i| format!("?{}", i + 3)).collect::<Vec<_>>().join(", ")
    );
    tx.execute(&sql, params_from_iter(values))?;
    let id = SessionId(tx.last_insert_rowid());
    write_lists(&tx, id, &v.input)?;
    case::touch(&tx, case_id, &now)?;
    audit::append(&tx, AuditAction::Created, Target::in_case(AuditTable::SessionNote, id.0, case_id))?;
    tx.commit()?;
    tracing::info!(case = %case_id, session = %id, kind = v.input.kind.as_str(), "session recorded");
    load::load(open.store().conn(), id)
}

/// Corrects an unsigned session note; the rules are checked again.
pub fn update_session(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    id: SessionId,
    session: SessionInput,
) -> Result<SessionView> {
    let v = validated(&session, columns::today(clock))?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let (case_id, signed): (CaseId, bool) = tx
        .query_row("SELECT case_id, signed_at IS NOT NULL FROM session_note WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound("That session note is not in this notebook.".into()))?;
    let row = case::writable(&tx, case_id)?;
    if signed {
        return Err(Rule::NoteSigned.refuse());
    }
    check_rules(&tx, &row, &v.input, Some(id))?;
    let cols = note_columns();
    let sets: Vec<String> = cols.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 3)).collect();
    let mut values = vec![Value::Integer(id.0), Value::Text(now.clone())];
    values.extend(note_values(&v));
    let sql = format!("UPDATE session_note SET updated_at = ?2, {} WHERE id = ?1", sets.join(", "));
    tx.execute(&sql, params_from_iter(values))?;
    write_lists(&tx, id, &v.input)?;
    case::touch(&tx, case_id, &now)?;
    audit::append(&tx, AuditAction::Edited, Target::in_case(AuditTable::SessionNote, id.0, case_id))?;
    tx.commit()?;
    tracing::info!(session = %id, "session corrected");
    load::load(open.store().conn(), id)
}
