//! Reading one case for an export, through the domain modules' own read functions (the export
//! owns no clinical SQL).

use crate::case::{self, CaseId, CaseView};
use crate::clock::Clock;
use crate::columns;
use crate::consent::{self, ConsentView};
use crate::diagnosis::{self, DiagnosisView};
use crate::error::Result;
use crate::formulation::{self, FormulationView};
use crate::intake::{self, IntakeView};
use crate::medical::{self, MedicalView, PractitionerView};
use crate::notebook::OpenNotebook;
use crate::plan::{self, PlanView};
use crate::record::{self, AddendumView, RecordRef};
use crate::session::{self, ProcessNoteView, SessionView};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Everything an export may say about one case.
#[derive(Debug)]
pub(crate) struct Sources {
    pub case: CaseView,
    pub intake: Option<IntakeView>,
    pub medical: MedicalView,
    /// The whole directory: any practitioner may be named in a case's notes.
    pub practitioners: Vec<PractitionerView>,
    pub diagnoses: Vec<DiagnosisView>,
    pub formulation: Option<FormulationView>,
    /// Every version, newest first.
    pub plans: Vec<PlanView>,
    /// Oldest first.
    pub sessions: Vec<SessionView>,
    /// Empty unless the therapist included them.
    pub process_notes: Vec<ProcessNoteView>,
    pub consents: Vec<ConsentView>,
    /// Administrations of measures and their trends.
    pub measures: crate::measures::CaseMeasures,
    /// The catalogue, built-in and custom, for each measure's range and bands.
    pub catalogue: Vec<crate::measures::MeasureView>,
    /// Corrections to signed items, by item, oldest first.
    pub addenda: HashMap<RecordRef, Vec<AddendumView>>,
    pub therapist: String,
    pub today: NaiveDate,
}

pub(crate) fn gather(
    open: &OpenNotebook,
    clock: &dyn Clock,
    id: CaseId,
    with_process_notes: bool,
) -> Result<Sources> {
    let case = case::get_case(open, clock, id)?;
    let sessions = session::list_sessions(open, id)?
        .into_iter()
        .map(|s| session::get_session(open, s.id))
        .collect::<Result<Vec<_>>>()?;
    let process_notes = if with_process_notes { session::list_process_notes(open, id)? } else { Vec::new() };
    let intake = intake::get_intake(open, id)?;
    let formulation = formulation::get_formulation(open, id)?;
    let plans = plan::list_plan_versions(open, clock, id)?;
    let measures = crate::measures::case_measures(open, clock, id)?;
    let records = sessions
        .iter()
        .map(|s| RecordRef::SessionNote(s.id))
        .chain(intake.as_ref().map(|_| RecordRef::Intake(id)))
        .chain(formulation.as_ref().map(|f| RecordRef::Formulation(f.id)))
        .chain(plans.first().map(|p| RecordRef::Plan(p.id)))
        .chain(measures.administrations.iter().map(|a| RecordRef::Measure(a.id)));
    let mut addenda = HashMap::new();
    for r in records {
        let list = record::list_addenda(open, r)?;
        if !list.is_empty() {
            addenda.insert(r, list);
        }
    }
    Ok(Sources {
        intake,
        medical: medical::get_medical(open, id)?,
        practitioners: medical::list_practitioners(open)?,
        diagnoses: diagnosis::list_diagnoses(open, id)?,
        formulation,
        plans,
        consents: consent::list_consents(open, clock, id)?,
        catalogue: crate::measures::list_measures(open)?,
        measures,
        addenda,
        therapist: open.settings().therapist_name.clone(),
        today: columns::today(clock),
        case,
        sessions,
        process_notes,
    })
}

impl Sources {
    pub fn practitioner(&self, id: crate::medical::PractitionerId) -> Option<&PractitionerView> {
        self.practitioners.iter().find(|p| p.id == id)
    }

    pub fn plan(&self) -> Option<&PlanView> {
        self.plans.first()
    }
}
