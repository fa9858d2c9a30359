//! Session notes of every kind: intake, individual, partner and couples sessions, each written
//! in SOAP, DAP or BIRP (the default is a preference, switchable per note) and all mapped to the
//! same record with the structured fields of DOMAIN.md section 6: date, start and end, modality,
//! who was present, goals addressed, interventions used, homework reviewed and set, measures
//! given, risk screen and action, medical updates, next appointment.
//!
//! The rules: the first session of a case is the intake session; partner and couples sessions
//! need the client's active consent to involve the partner on the session's date and the
//! partner's own consent; a closed case takes no notes. A note may be corrected until it is
//! signed (`record`); afterwards corrections are addenda.
//!
//! Process notes, the therapist's private impressions, are a separate kind kept apart from the
//! record ([`process`]): no session view carries them, and exports will leave them out unless the
//! therapist includes them. What does not belong here: measures (`measures`; a note lists those given in its session).

mod body;
mod load;
mod prefill;
mod process;
mod record;

pub use body::NoteBody;
pub use load::{SessionSummary, get_session, list_sessions};
pub(crate) use load::{counts, last_held_on};
pub use prefill::{PreviousNote, SessionPrefill, session_prefill};
pub use process::{
    ProcessNoteId, ProcessNoteInput, ProcessNoteView, list_process_notes, record_process_note,
    update_process_note,
};
pub use record::{record_session, update_session};

use crate::case::CaseId;
use crate::columns::{row_id, text_enum};
use crate::error::Result;
use crate::notebook::OpenNotebook;
use crate::person::PersonId;
use crate::plan::{GoalId, InterventionEntryId};
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

row_id! {
    /// A session note.
    SessionId
}

text_enum! {
    pub enum SessionKind {
        /// With the person who made contact; the first session of every case.
        Intake = "intake",
        Individual = "individual",
        /// With the partner, about their own experience of the relationship.
        Partner = "partner",
        Couples = "couples",
    }
}

text_enum! {
    pub enum NoteFormat {
        /// Subjective, objective, assessment, plan.
        Soap = "soap",
        /// Data, assessment, plan.
        Dap = "dap",
        /// Behaviour, intervention, response, plan.
        Birp = "birp",
    }
}

text_enum! {
    pub enum Modality {
        InPerson = "in_person",
        Telehealth = "telehealth",
    }
}

text_enum! {
    pub enum RiskScreen {
        NotScreened = "not_screened",
        NoneIdentified = "none_identified",
        Low = "low",
        Moderate = "moderate",
        High = "high",
    }
}

/// An intervention used in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SessionIntervention {
    pub entry: Option<InterventionEntryId>,
    pub name: String,
}

/// A session note as the window sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SessionInput {
    pub kind: SessionKind,
    pub body: NoteBody,
    pub held_on: NaiveDate,
    pub starts_at: NaiveTime,
    /// After `startsAt`, the same day.
    pub ends_at: NaiveTime,
    pub modality: Modality,
    /// The client and/or the partner, as the kind requires.
    pub present: Vec<PersonId>,
    /// Anyone else present (an interpreter), in a line.
    pub others_present: Option<String>,
    pub goals_addressed: Vec<GoalId>,
    pub interventions_used: Vec<SessionIntervention>,
    pub homework_reviewed: Option<String>,
    pub homework_set: Option<String>,
    pub measures_given: Option<String>,
    pub risk_screen: RiskScreen,
    /// Required when a risk was identified.
    pub risk_action: Option<String>,
    pub medical_updates: Option<String>,
    /// After the session ends.
    pub next_appointment: Option<NaiveDateTime>,
}

impl SessionInput {
    /// A note of `kind` held on `held_on` from 09:00 to 09:50 in person, with `present` and
    /// `body`, risk not screened and nothing else recorded: what tests, harnesses and the demo
    /// start from, naming only the fields they need
    /// (`SessionInput { homework_set: …, ..SessionInput::new(…) }`). The engine checks it like any
    /// other input.
    pub fn new(kind: SessionKind, held_on: NaiveDate, present: Vec<PersonId>, body: NoteBody) -> Self {
        SessionInput {
            kind,
            body,
            held_on,
            starts_at: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            ends_at: NaiveTime::from_hms_opt(9, 50, 0).unwrap_or_default(),
            modality: Modality::InPerson,
            present,
            others_present: None,
            goals_addressed: vec![],
            interventions_used: vec![],
            homework_reviewed: None,
            homework_set: None,
            measures_given: None,
            risk_screen: RiskScreen::NotScreened,
            risk_action: None,
            medical_updates: None,
            next_appointment: None,
        }
    }
}

/// A session note as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub id: SessionId,
    pub case_id: CaseId,
    pub kind: SessionKind,
    pub body: NoteBody,
    pub held_on: NaiveDate,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
    pub modality: Modality,
    pub present: Vec<PersonId>,
    pub others_present: Option<String>,
    pub goals_addressed: Vec<GoalId>,
    pub interventions_used: Vec<SessionIntervention>,
    pub homework_reviewed: Option<String>,
    pub homework_set: Option<String>,
    pub measures_given: Option<String>,
    /// The measures given in this session, with any risk their answers raised.
    pub measures: Vec<crate::measures::AdministrationView>,
    pub risk_screen: RiskScreen,
    pub risk_action: Option<String>,
    pub medical_updates: Option<String>,
    pub next_appointment: Option<NaiveDateTime>,
    /// Filled by signing (`record::sign_record`); a signed note no longer changes.
    pub signed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The note format new notes start in.
pub fn default_note_format(open: &OpenNotebook) -> Result<NoteFormat> {
    Ok(open
        .store()
        .conn()
        .query_row("SELECT default_note_format FROM settings WHERE id = 1", [], |r| r.get(0))?)
}

/// Chooses the note format new notes start in.
pub fn set_default_note_format(open: &mut OpenNotebook, format: NoteFormat) -> Result<NoteFormat> {
    let tx = open.change()?;
    tx.execute("UPDATE settings SET default_note_format = ?1 WHERE id = 1", [format])?;
    audit::append(&tx, AuditAction::Edited, Target::record(AuditTable::Settings, 1))?;
    tx.commit()?;
    tracing::info!(format = format.as_str(), "default note format set");
    Ok(format)
}

#[cfg(test)]
mod tests;
