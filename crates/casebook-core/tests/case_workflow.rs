//! A whole case walked through the engine's public API, as the window will drive it: first
//! contact, intake, a refused partner session, consent, the partner session, medical liaison,
//! formulation, a plan with two goals, a couples session, closing and reopening. Canary names are
//! used throughout, and no error message may carry one (R20).

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

use casebook_core::case::{self, CaseFilter, CloseCase, ClosingReason, NewCase, ReopenCase};
use casebook_core::clock::{Clock, ManualClock};
use casebook_core::columns::today;
use casebook_core::consent::{self, ConsentInput, ConsentMethod, ConsentTerms, PartnerRole, SecretsPolicy};
use casebook_core::formulation::{self, FormulationInput};
use casebook_core::intake::{self, IntakeInput, IntakeSections};
use casebook_core::medical::{self, RuleOutInput, RuleOutStatus};
use casebook_core::notebook::OpenNotebook;
use casebook_core::person::{self, PersonId, PersonInput};
use casebook_core::plan::{self, GoalInput, GoalStatus, PlanInput};
use casebook_core::session::{self, NoteBody, SessionInput, SessionKind};
use casebook_core::vault::VaultConfig;
use casebook_core::workflow::{CaseStage, StepKind, StepState};
use casebook_core::{Error, ErrorReply, Location, Notebook, NotebookConfig};
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use std::sync::Arc;

const CLIENT: &str = "Canaryclient Quillfeather";
const PARTNER: &str = "Canarypartner Quillfeather";

fn session(kind: SessionKind, on: NaiveDate, present: Vec<PersonId>) -> SessionInput {
    let body = NoteBody::Dap {
        data: Some("Canarynote text.".into()),
        assessment: None,
        plan: Some("Next step.".into()),
    };
    SessionInput {
        ends_at: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        ..SessionInput::new(kind, on, present, body)
    }
}

fn goal(text: &str, on: NaiveDate) -> GoalInput {
    GoalInput {
        description: text.into(),
        measure: "Weekly diary".into(),
        target: "4 of 5 occasions".into(),
        target_on: on,
        status: GoalStatus::Active,
        status_reason: None,
        target_measure: None,
        target_score: None,
    }
}

fn state(open: &OpenNotebook, clock: &dyn Clock, id: case::CaseId, step: StepKind) -> StepState {
    let view = case::get_case(open, clock, id).unwrap();
    view.steps.into_iter().find(|s| s.step == step).unwrap().state
}

/// Asserts a workflow refusal with `rule`, and that its message names no client.
fn refused<T: std::fmt::Debug>(result: casebook_core::Result<T>, rule: &str) {
    let err = result.unwrap_err();
    let reply = ErrorReply::from(&err);
    assert_eq!(reply.rule().map(|r| r.as_str()), Some(rule), "{err:?}");
    assert!(!reply.message().contains("Canary"), "{}", reply.message());
}

#[test]
fn a_case_follows_the_practice_from_first_contact_to_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2025, 6, 2, 12, 0, 0).unwrap());
    let mut config = NotebookConfig::new(Location::new(dir.path().join("nb")));
    config.vault = VaultConfig::fast_for_tests();
    config.idle_limit_override = Some(Duration::days(3650));
    let mut notebook = Notebook::new(config, Arc::new(clock.clone()));
    notebook.create("harbour lantern quietly").unwrap();
    // The name signatures carry (the intake is signed as it is completed).
    let named =
        casebook_core::Settings { therapist_name: "Dr Test".into(), ..casebook_core::Settings::default() };
    notebook.update_settings(named).unwrap();
    let day = |n: i64| today(&clock) - Duration::days(n);

    let open = notebook.open_mut().unwrap();
    let new = NewCase {
        client: PersonInput { full_name: CLIENT.into(), ..PersonInput::default() },
        first_contact_on: day(40),
        difficulties: vec!["premature_ejaculation".into(), "low_libido".into()],
        other_difficulty: None,
        referral_source: None,
        has_partner: true,
    };
    let case = case::create_case(open, &clock, new).unwrap();
    let (id, client) = (case.id, case.client.id);
    assert_eq!(state(open, &clock, id, StepKind::Intake), StepState::Next);

    session::record_session(open, &clock, id, session(SessionKind::Intake, day(35), vec![client])).unwrap();
    let sections =
        IntakeSections { presenting_problem: "Canary problem.".into(), ..IntakeSections::default() };
    intake::record_intake(open, &clock, id, IntakeInput { sections, complete: true, sign: true }).unwrap();
    assert_eq!(state(open, &clock, id, StepKind::Intake), StepState::Done);
    assert_eq!(state(open, &clock, id, StepKind::PartnerInvolvement), StepState::Next);

    // A partner session before the client's consent is refused, and so is adding the partner.
    refused(
        session::record_session(open, &clock, id, session(SessionKind::Partner, day(30), vec![client])),
        "partner_involvement_consent",
    );
    let partner_details = PersonInput { full_name: PARTNER.into(), ..PersonInput::default() };
    refused(person::add_partner(open, &clock, id, partner_details.clone()), "partner_involvement_consent");

    let involvement = ConsentInput {
        given_by: client,
        terms: ConsentTerms::PartnerInvolvement {
            scope: "Canary scope.".into(),
            secrets_policy: SecretsPolicy::None,
        },
        given_on: day(31),
        expires_on: None,
        method: ConsentMethod::Written,
        note: None,
    };
    consent::record_consent(open, &clock, id, involvement).unwrap();
    let partner = person::add_partner(open, &clock, id, partner_details).unwrap();
    let own = ConsentInput {
        given_by: partner.id,
        terms: ConsentTerms::PartnerOwn { role: PartnerRole::CoClient },
        given_on: day(30),
        expires_on: None,
        method: ConsentMethod::Verbal,
        note: None,
    };
    consent::record_consent(open, &clock, id, own).unwrap();
    session::record_session(open, &clock, id, session(SessionKind::Partner, day(30), vec![partner.id]))
        .unwrap();
    assert_eq!(state(open, &clock, id, StepKind::PartnerInvolvement), StepState::Done);

    let referred = RuleOutInput { status: RuleOutStatus::Referred, on_date: day(29), note: None };
    medical::set_rule_out_status(open, &clock, id, referred).unwrap();
    assert_eq!(state(open, &clock, id, StepKind::Formulation), StepState::Next);

    let f = FormulationInput { problem_statement: "Canary statement.".into(), ..FormulationInput::default() };
    let formulation = formulation::save_formulation(open, &clock, id, f).unwrap();
    assert!(formulation.medical_reminder.is_some(), "rule-out pending shows a reminder");

    let review = day(-28);
    let input = PlanInput {
        goals: vec![goal("Canary goal one", day(-60)), goal("Canary goal two", day(-90))],
        review_on: Some(review),
        agreed_by: vec![client, partner.id],
        discussed_on: Some(day(20)),
        ..PlanInput::default()
    };
    let plan = plan::save_plan(open, &clock, id, input).unwrap();
    assert_eq!(plan.goals.len(), 2);
    assert_eq!(case::get_case(open, &clock, id).unwrap().stage, CaseStage::Plan);

    let mut couples = session(SessionKind::Couples, today(&clock), vec![client, partner.id]);
    couples.goals_addressed = vec![plan.goals[1].id];
    session::record_session(open, &clock, id, couples).unwrap();
    assert_eq!(case::get_case(open, &clock, id).unwrap().stage, CaseStage::Ongoing);

    let close = CloseCase {
        closed_on: today(&clock),
        reason: ClosingReason::ClientEnded,
        reason_note: None,
        discharge_summary: "Canary summary.".into(),
        sign_notes: session::list_sessions(open, id)
            .unwrap()
            .into_iter()
            .filter(|s| !s.signed)
            .map(|s| case::NoteToSign { session_id: s.id, late_reason: Some("Signed on closing.".into()) })
            .collect(),
    };
    let closed = case::close_case(open, &clock, id, close).unwrap();
    assert_eq!(closed.stage, CaseStage::Closed);
    refused(
        session::record_session(
            open,
            &clock,
            id,
            session(SessionKind::Individual, today(&clock), vec![client]),
        ),
        "closed_case_read_only",
    );
    let blank = ReopenCase { reopened_on: today(&clock), reason: "".into() };
    refused(case::reopen_case(open, &clock, id, blank), "reopen_needs_reason");
    let reopen = ReopenCase { reopened_on: today(&clock), reason: "Asked to resume.".into() };
    let reopened = case::reopen_case(open, &clock, id, reopen).unwrap();
    assert_eq!(reopened.history.len(), 2);
    assert_eq!(reopened.stage, CaseStage::Ongoing);

    let found = case::list_cases(
        open,
        &clock,
        CaseFilter { name: Some("quillFEATHER".into()), ..CaseFilter::default() },
    );
    assert_eq!(found.unwrap().len(), 1);

    // Everything survives a lock and an unlock.
    notebook.lock();
    assert!(matches!(notebook.open_mut(), Err(Error::Locked)));
    notebook.unlock("harbour lantern quietly").unwrap();
    let open = notebook.open_mut().unwrap();
    let view = case::get_case(open, &clock, id).unwrap();
    assert_eq!((view.session_count, view.partner.unwrap().person.full_name.as_str()), (3, PARTNER));
}
