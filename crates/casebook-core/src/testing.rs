//! Test fixtures: a real encrypted notebook in a temporary folder, a clock that moves only when
//! told, and short ways to walk a case through its workflow so each test starts where it needs.

use crate::case::{self, CaseId, CaseView, NewCase};
use crate::clock::ManualClock;
use crate::consent::{
    self, ConsentInput, ConsentMethod, ConsentTerms, ConsentView, PartnerRole, SecretsPolicy,
};
use crate::formulation::{self, FormulationInput};
use crate::intake::{self, IntakeInput, IntakeSections};
use crate::location::Location;
use crate::notebook::{Notebook, NotebookConfig, OpenNotebook};
use crate::person::{self, PersonId, PersonInput, PersonView};
use crate::plan::{self, GoalInput, GoalStatus, PlanInput, PlanView};
use crate::session::{self, NoteBody, RiskScreen, SessionInput, SessionKind, SessionView};
use crate::vault::VaultConfig;
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rusqlite::types::Value;
use std::sync::Arc;

pub(crate) const PASS: &str = "harbour lantern quietly";

pub(crate) struct Fixture {
    _dir: tempfile::TempDir,
    pub clock: ManualClock,
    pub notebook: Notebook,
}

impl Fixture {
    /// A fresh, unlocked notebook; the clock reads 10 March 2025, noon UTC.
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2025, 3, 10, 12, 0, 0).unwrap());
        let mut config = NotebookConfig::new(Location::new(dir.path().join("nb")));
        config.vault = VaultConfig::fast_for_tests();
        // Tests move the clock by days; the idle lock has its own tests.
        config.idle_limit_override = Some(Duration::days(365 * 100));
        let mut notebook = Notebook::new(config, Arc::new(clock.clone()));
        notebook.create(PASS).unwrap();
        Fixture { _dir: dir, clock, notebook }
    }

    /// The temporary folder holding the notebook's folder (`nb`); tests put other folders here.
    pub fn root(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// Sets the therapist's name in Settings, which signatures carry.
    pub fn set_name(&mut self, name: &str) {
        let settings = crate::Settings { therapist_name: name.into(), ..crate::Settings::default() };
        self.notebook.update_settings(settings).unwrap();
    }

    pub fn nb(&mut self) -> &mut OpenNotebook {
        self.notebook.open_mut().unwrap()
    }

    /// The notebook and the clock, for calling a domain function.
    pub fn parts(&mut self) -> (&mut OpenNotebook, &ManualClock) {
        (self.notebook.open_mut().unwrap(), &self.clock)
    }

    pub fn today(&self) -> NaiveDate {
        crate::columns::today(&self.clock)
    }

    pub fn days_ago(&self, n: i64) -> NaiveDate {
        self.today() - Duration::days(n)
    }

    pub fn advance_days(&self, n: i64) {
        self.clock.advance(Duration::days(n));
    }

    /// Every row of every table: a refusal must leave this unchanged.
    pub fn dump(&mut self) -> Vec<(String, Vec<Vec<Value>>)> {
        let conn = self.nb().store().conn();
        let mut stmt =
            conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").unwrap();
        let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        tables
            .into_iter()
            .map(|t| {
                // Tables without a rowid (the search index's configuration) in key order.
                let mut stmt = conn
                    .prepare(&format!("SELECT * FROM {t} ORDER BY rowid"))
                    .or_else(|_| conn.prepare(&format!("SELECT * FROM {t} ORDER BY 1")))
                    .unwrap();
                let n = stmt.column_count();
                let rows = stmt
                    .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                    .unwrap()
                    .map(|r| r.unwrap())
                    .collect();
                (t, rows)
            })
            .collect()
    }

    pub fn new_case(&mut self, has_partner: bool) -> CaseView {
        let first = self.days_ago(60);
        let (nb, clock) = self.parts();
        case::create_case(nb, clock, new_case_input("Ari Example", first, has_partner)).unwrap()
    }

    pub fn intake_session(&mut self, case: &CaseView) -> SessionView {
        let on = self.days_ago(50);
        let input = session_input(SessionKind::Intake, on, vec![case.client.id]);
        let (nb, clock) = self.parts();
        session::record_session(nb, clock, case.id, input).unwrap()
    }

    /// Records the intake completed and signed, as the formulation needs it; a signature needs
    /// the therapist's name, so one is set if Settings has none.
    pub fn complete_intake(&mut self, case: CaseId) {
        if self.nb().settings().therapist_name.is_empty() {
            self.set_name("Dr Test");
        }
        let (nb, clock) = self.parts();
        let input = IntakeInput { sign: true, ..intake_input(true) };
        intake::record_intake(nb, clock, case, input).unwrap();
    }

    /// Signs every unsigned session note of a case (late ones with a reason), as closing needs.
    pub fn sign_all_notes(&mut self, case: CaseId) {
        if self.nb().settings().therapist_name.is_empty() {
            self.set_name("Dr Test");
        }
        let (nb, clock) = self.parts();
        for id in crate::due::unsigned_note_ids(nb.store().conn(), case).unwrap() {
            let sign = crate::record::SignInput { late_reason: Some("Written up late.".into()) };
            crate::record::sign_record(nb, clock, crate::record::RecordRef::SessionNote(id), sign).unwrap();
        }
    }

    pub fn partner_consent(&mut self, case: &CaseView) -> ConsentView {
        let on = self.days_ago(45);
        let input = partner_involvement(case.client.id, on);
        let (nb, clock) = self.parts();
        consent::record_consent(nb, clock, case.id, input).unwrap()
    }

    pub fn add_partner(&mut self, case: CaseId) -> PersonView {
        let (nb, clock) = self.parts();
        person::add_partner(nb, clock, case, person_input("Sam Example")).unwrap()
    }

    pub fn partner_own(&mut self, case: CaseId, partner: PersonId) -> ConsentView {
        let input = ConsentInput {
            given_by: partner,
            terms: ConsentTerms::PartnerOwn { role: PartnerRole::CoClient },
            given_on: self.days_ago(40),
            expires_on: None,
            method: ConsentMethod::Written,
            note: None,
        };
        let (nb, clock) = self.parts();
        consent::record_consent(nb, clock, case, input).unwrap()
    }

    /// A case with intake done, the partner's involvement consented, the partner added and
    /// their own consent recorded.
    pub fn couple(&mut self) -> (CaseView, PersonView) {
        let case = self.new_case(true);
        self.intake_session(&case);
        self.complete_intake(case.id);
        self.partner_consent(&case);
        let partner = self.add_partner(case.id);
        self.partner_own(case.id, partner.id);
        (case, partner)
    }

    pub fn formulation(&mut self, case: CaseId) {
        let (nb, clock) = self.parts();
        formulation::save_formulation(nb, clock, case, formulation_input()).unwrap();
    }

    pub fn plan(&mut self, case: CaseId) -> PlanView {
        let input = plan_input(self.today() + Duration::days(30));
        let (nb, clock) = self.parts();
        plan::save_plan(nb, clock, case, input).unwrap()
    }
}

pub(crate) fn person_input(name: &str) -> PersonInput {
    PersonInput { full_name: name.into(), pronouns: Some("they/them".into()), ..PersonInput::default() }
}

pub(crate) fn new_case_input(name: &str, first_contact_on: NaiveDate, has_partner: bool) -> NewCase {
    NewCase {
        client: person_input(name),
        first_contact_on,
        difficulties: vec!["erectile_dysfunction".into()],
        other_difficulty: None,
        referral_source: Some("GP".into()),
        has_partner,
    }
}

pub(crate) fn intake_input(complete: bool) -> IntakeInput {
    IntakeInput {
        sections: IntakeSections {
            presenting_problem: "Loses erections with a partner, not alone.".into(),
            lifelong_or_acquired: Some("Acquired, two years ago.".into()),
            ..IntakeSections::default()
        },
        complete,
        sign: false,
    }
}

pub(crate) fn partner_involvement(client: PersonId, given_on: NaiveDate) -> ConsentInput {
    ConsentInput {
        given_by: client,
        terms: ConsentTerms::PartnerInvolvement {
            scope: "The difficulty and the plan may be shared; individual history may not.".into(),
            secrets_policy: SecretsPolicy::Limited,
        },
        given_on,
        expires_on: None,
        method: ConsentMethod::Written,
        note: None,
    }
}

pub(crate) fn session_input(kind: SessionKind, held_on: NaiveDate, present: Vec<PersonId>) -> SessionInput {
    let body = NoteBody::Soap {
        subjective: Some("Reports less worry before intimacy.".into()),
        objective: None,
        assessment: Some("Anxiety cycle loosening.".into()),
        plan: Some("Continue sensate focus.".into()),
    };
    SessionInput {
        starts_at: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        ends_at: NaiveTime::from_hms_opt(10, 50, 0).unwrap(),
        risk_screen: RiskScreen::NoneIdentified,
        ..SessionInput::new(kind, held_on, present, body)
    }
}

pub(crate) fn formulation_input() -> FormulationInput {
    FormulationInput {
        problem_statement: "Loses erection at penetration on most occasions with partner.".into(),
        nodal_point: Some("Anticipatory failure thoughts, spectatoring, loss of erection, avoidance.".into()),
        ..FormulationInput::default()
    }
}

pub(crate) fn goal(description: &str, target_on: NaiveDate) -> GoalInput {
    GoalInput {
        description: description.into(),
        measure: "IIEF-5 score".into(),
        target: "22 or above".into(),
        target_on,
        status: GoalStatus::Active,
        status_reason: None,
        target_measure: None,
        target_score: None,
    }
}

pub(crate) fn plan_input(review_on: NaiveDate) -> PlanInput {
    PlanInput {
        goals: vec![goal(
            "Erection sufficient for intercourse on most occasions",
            review_on + Duration::days(60),
        )],
        interventions: vec![],
        review_on: Some(review_on),
        discussed_on: None,
        agreed_by: vec![],
        disagreement: None,
        revision_reason: None,
    }
}

/// The rule id of a workflow refusal, or a panic naming what came instead.
pub(crate) fn rule_of<T: std::fmt::Debug>(r: crate::Result<T>) -> &'static str {
    match r {
        Err(crate::Error::Workflow { rule, .. }) => rule.as_str(),
        other => panic!("expected a workflow refusal, got {other:?}"),
    }
}

/// The field of an `invalid` refusal, or a panic naming what came instead.
pub(crate) fn field_of<T: std::fmt::Debug>(r: crate::Result<T>) -> String {
    match r {
        Err(crate::Error::Invalid { field, .. }) => field,
        other => panic!("expected an invalid-input refusal, got {other:?}"),
    }
}

/// A PHQ-9 given to `person` on `on`, every item answered `answer` (item 9 too, so an answer
/// above 0 needs a risk action).
pub(crate) fn phq9_input(
    person: crate::person::PersonId,
    on: NaiveDate,
    answer: u8,
) -> crate::measures::AdministrationInput {
    crate::measures::AdministrationInput {
        person_id: person,
        measure: "phq9".into(),
        given_on: on,
        session_id: None,
        answers: vec![Some(answer); 9],
        total: None,
        subscales: Vec::new(),
        risk_action: (answer > 0).then(|| "Safety plan reviewed; no intent.".into()),
        sign: false,
    }
}
