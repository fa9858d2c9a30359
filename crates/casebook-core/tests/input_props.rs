//! Property tests of the commands' input handling (RELIABILITY.md R24): arbitrary strings (NUL,
//! control characters, other scripts, empty, over the limits), arbitrary dates and times, and
//! unknown ids give either success or a typed error, never a panic; and a refusal writes nothing.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

use casebook_core::case::{self, CaseId, CloseCase, ClosingReason, NewCase, ReopenCase};
use casebook_core::clock::ManualClock;
use casebook_core::columns::today;
use casebook_core::consent::{self, ConsentInput, ConsentMethod, ConsentTerms, PartnerRole, SecretsPolicy};
use casebook_core::drafts;
use casebook_core::formulation::{self, Factor, FactorDomain, FormulationInput, FourP};
use casebook_core::intake::{self, IntakeInput, IntakeSections};
use casebook_core::medical::PractitionerId;
use casebook_core::notebook::OpenNotebook;
use casebook_core::person::{self, PersonId, PersonInput};
use casebook_core::plan::{self, GoalInput, GoalStatus, InterventionInput, PlanInput, Plissit};
use casebook_core::session::{self, NoteBody, RiskScreen, SessionInput, SessionKind};
use casebook_core::vault::VaultConfig;
use casebook_core::{Error, Location, Notebook, NotebookConfig};
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use proptest::prelude::*;
use rusqlite::types::Value;
use std::sync::Arc;

struct Bench {
    _dir: tempfile::TempDir,
    clock: ManualClock,
    notebook: Notebook,
    case: CaseId,
    client: PersonId,
}

/// A notebook with one open case that has had its intake session.
fn bench() -> Bench {
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
    let first = today(&clock) - Duration::days(30);
    let open = notebook.open_mut().unwrap();
    let new = NewCase {
        client: PersonInput { full_name: "Prop Example".into(), ..PersonInput::default() },
        first_contact_on: first,
        difficulties: vec!["other".into()],
        other_difficulty: None,
        referral_source: None,
        has_partner: true,
    };
    let case = case::create_case(open, &clock, new).unwrap();
    let intake_session =
        SessionInput { held_on: first, ..session_template(SessionKind::Intake, vec![case.client.id]) };
    session::record_session(open, &clock, case.id, intake_session).unwrap();
    Bench { _dir: dir, clock, case: case.id, client: case.client.id, notebook }
}

fn session_template(kind: SessionKind, present: Vec<PersonId>) -> SessionInput {
    let body = NoteBody::Soap { subjective: Some("s".into()), objective: None, assessment: None, plan: None };
    let held_on = NaiveDate::from_ymd_opt(2025, 5, 3).unwrap();
    SessionInput {
        ends_at: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        ..SessionInput::new(kind, held_on, present, body)
    }
}

fn dump(open: &OpenNotebook) -> Vec<Vec<Value>> {
    let conn = open.store().conn();
    let mut stmt = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").unwrap();
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
    let mut rows = Vec::new();
    for t in tables {
        // Tables without a rowid (the search index's configuration) in key order.
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {t} ORDER BY rowid"))
            .or_else(|_| conn.prepare(&format!("SELECT * FROM {t} ORDER BY 1")))
            .unwrap();
        let n = stmt.column_count();
        let mut found: Vec<Vec<Value>> =
            stmt.query_map([], |r| (0..n).map(|i| r.get(i)).collect()).unwrap().map(|r| r.unwrap()).collect();
        rows.append(&mut found);
    }
    rows
}

/// Runs a command; a refusal must be typed and must leave every row as it was.
fn check<T: std::fmt::Debug>(
    b: &mut Bench,
    run: impl FnOnce(&mut OpenNotebook, &ManualClock) -> casebook_core::Result<T>,
) {
    let clock = b.clock.clone();
    let open = b.notebook.open_mut().unwrap();
    let before = dump(open);
    match run(open, &clock) {
        Ok(_) => {}
        Err(Error::Invalid { .. } | Error::Workflow { .. } | Error::NotFound(_) | Error::Conflict(_)) => {
            assert!(dump(open) == before, "a refused command changed the notebook");
        }
        Err(other) => panic!("untyped refusal: {other:?}"),
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        3 => "[a-zA-Z .'-]{0,40}",
        1 => Just(String::new()),
        1 => Just("\0".to_string()),
        1 => "[a-z]{0,5}\0[a-z]{0,5}",
        1 => "[a-z]{0,5}[\u{1}-\u{1f}\u{7f}\u{202e}][a-z]{0,5}",
        1 => Just("x".repeat(1_000_001)),
        1 => Just("é".repeat(500_001)),
        1 => Just("n".repeat(201)),
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

/// Dates from far past to far future, weighted near today.
fn date() -> impl Strategy<Value = NaiveDate> {
    let base = NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
    prop_oneof![
        3 => (-400i64..10).prop_map(move |d| base + Duration::days(d)),
        1 => (-3_000_000i64..3_000_000).prop_map(move |d| base.checked_add_signed(Duration::days(d)).unwrap_or(base)),
    ]
}

fn time() -> impl Strategy<Value = NaiveTime> {
    (0u32..24, 0u32..60, 0u32..60).prop_map(|(h, m, s)| NaiveTime::from_hms_opt(h, m, s).unwrap())
}

fn person_input() -> impl Strategy<Value = PersonInput> {
    (text(), opt_text(), opt_text(), opt_text(), opt_text(), prop::option::of(date())).prop_map(
        |(full_name, pronouns, phone, email, address, date_of_birth)| PersonInput {
            full_name,
            pronouns,
            date_of_birth,
            age_band: None,
            phone,
            email,
            address,
            lacks_capacity: false,
        },
    )
}

fn kind() -> impl Strategy<Value = SessionKind> {
    prop_oneof![
        Just(SessionKind::Intake),
        Just(SessionKind::Individual),
        Just(SessionKind::Partner),
        Just(SessionKind::Couples)
    ]
}

fn body() -> impl Strategy<Value = NoteBody> {
    prop_oneof![
        (opt_text(), opt_text(), opt_text(), opt_text()).prop_map(
            |(subjective, objective, assessment, plan)| NoteBody::Soap {
                subjective,
                objective,
                assessment,
                plan
            }
        ),
        (opt_text(), opt_text(), opt_text()).prop_map(|(data, assessment, plan)| NoteBody::Dap {
            data,
            assessment,
            plan
        }),
        (opt_text(), opt_text(), opt_text(), opt_text()).prop_map(
            |(behaviour, intervention, response, plan)| NoteBody::Birp {
                behaviour,
                intervention,
                response,
                plan
            }
        ),
    ]
}

fn terms() -> impl Strategy<Value = ConsentTerms> {
    prop_oneof![
        Just(ConsentTerms::Treatment),
        Just(ConsentTerms::SupervisionUse),
        text().prop_map(|scope| ConsentTerms::PartnerInvolvement {
            scope,
            secrets_policy: SecretsPolicy::Limited
        }),
        Just(ConsentTerms::PartnerOwn { role: PartnerRole::Collateral }),
        (any::<i64>(), text()).prop_map(|(id, shared_information)| ConsentTerms::ReleaseOfInformation {
            recipient: PractitionerId(id),
            shared_information
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn creating_a_case_never_panics_and_a_refusal_writes_nothing(
        client in person_input(),
        first in date(),
        difficulties in prop::collection::vec(prop_oneof![text(), Just("vaginismus".to_string())], 0..4),
        other in opt_text(),
        referral in opt_text(),
    ) {
        let mut b = bench();
        check(&mut b, |open, clock| {
            let new = NewCase {
                client,
                first_contact_on: first,
                difficulties,
                other_difficulty: other,
                referral_source: referral,
                has_partner: false,
            };
            case::create_case(open, clock, new)
        });
    }

    #[test]
    fn recording_a_session_never_panics_and_a_refusal_writes_nothing(
        kind in kind(),
        body in body(),
        held_on in date(),
        (starts_at, ends_at) in (time(), time()),
        others in opt_text(),
        homework in opt_text(),
        risk_action in opt_text(),
        stranger in any::<i64>(),
        add_stranger in any::<bool>(),
    ) {
        let mut b = bench();
        let mut present = vec![b.client];
        if add_stranger {
            present.push(PersonId(stranger));
        }
        let input = SessionInput {
            body,
            held_on,
            starts_at,
            ends_at,
            others_present: others,
            homework_set: homework,
            risk_screen: RiskScreen::Moderate,
            risk_action,
            ..session_template(kind, present)
        };
        let case = b.case;
        check(&mut b, |open, clock| session::record_session(open, clock, case, input));
    }

    #[test]
    fn recording_an_intake_never_panics_and_a_refusal_writes_nothing(
        problem in text(),
        trauma in opt_text(),
        medical in opt_text(),
        complete in any::<bool>(),
    ) {
        let mut b = bench();
        let sections = IntakeSections { presenting_problem: problem, trauma, medical, ..IntakeSections::default() };
        let case = b.case;
        check(&mut b, |open, clock| intake::record_intake(open, clock, case, IntakeInput { sections, complete, sign: false }));
    }

    #[test]
    fn recording_a_consent_never_panics_and_a_refusal_writes_nothing(
        terms in terms(),
        given_on in date(),
        expires_on in prop::option::of(date()),
        note in opt_text(),
        by_stranger in any::<bool>(),
    ) {
        let mut b = bench();
        let given_by = if by_stranger { PersonId(4242) } else { b.client };
        let input = ConsentInput { given_by, terms, given_on, expires_on, method: ConsentMethod::Electronic, note };
        let case = b.case;
        check(&mut b, |open, clock| consent::record_consent(open, clock, case, input));
    }

    #[test]
    fn partner_details_never_panic_and_a_refusal_writes_nothing(details in person_input()) {
        let mut b = bench();
        let case = b.case;
        let client = b.client;
        let again = details.clone();
        check(&mut b, |open, clock| person::add_partner(open, clock, case, details));
        check(&mut b, |open, clock| person::update_person(open, clock, client, again));
    }

    #[test]
    fn formulations_and_plans_never_panic_and_a_refusal_writes_nothing(
        statement in text(),
        label in text(),
        nodal in opt_text(),
        description in text(),
        measure in text(),
        target_on in date(),
        review_on in prop::option::of(date()),
        goal_link in 0u32..3,
        homework in opt_text(),
    ) {
        let mut b = bench();
        let case = b.case;
        check(&mut b, |open, clock| {
            let sections = IntakeSections { presenting_problem: "p".into(), ..IntakeSections::default() };
            intake::record_intake(open, clock, case, IntakeInput { sections, complete: true, sign: true })
        });
        let factor = Factor { term: None, label, p: FourP::Perpetuating, domain: FactorDomain::Psychological, note: None };
        let f = FormulationInput { problem_statement: statement, factors: vec![factor], nodal_point: nodal, ..FormulationInput::default() };
        check(&mut b, |open, clock| formulation::save_formulation(open, clock, case, f));
        let goal = GoalInput { description, measure, target: "t".into(), target_on, status: GoalStatus::Active, status_reason: None, target_measure: None, target_score: None };
        let intervention = InterventionInput {
            entry: None,
            name: "Free".into(),
            plissit: Some(Plissit::Permission),
            goals: vec![goal_link],
            homework,
        };
        let p = PlanInput { goals: vec![goal], interventions: vec![intervention], review_on, ..PlanInput::default() };
        check(&mut b, |open, clock| plan::save_plan(open, clock, case, p));
    }

    #[test]
    fn closing_and_reopening_never_panic_and_a_refusal_writes_nothing(
        summary in text(),
        note in opt_text(),
        closed_on in date(),
        reason in text(),
        reopened_on in date(),
    ) {
        let mut b = bench();
        let case = b.case;
        let close = CloseCase {
            closed_on,
            reason: ClosingReason::Other,
            reason_note: note,
            discharge_summary: summary,
            sign_notes: Vec::new(),
        };
        check(&mut b, |open, clock| case::close_case(open, clock, case, close));
        check(&mut b, |open, clock| case::reopen_case(open, clock, case, ReopenCase { reopened_on, reason }));
    }

    #[test]
    fn drafts_never_panic_and_a_refusal_writes_nothing(key in text(), body in text()) {
        let mut b = bench();
        check(&mut b, |open, clock| drafts::save_draft(open, clock, &key, &body));
        check(&mut b, |open, _| drafts::load_draft(open, &key));
        check(&mut b, |open, _| drafts::discard_draft(open, &key));
    }
}

#[test]
fn a_hundred_megabyte_note_is_refused_quickly_and_writes_nothing() {
    let mut b = bench();
    let huge = "x".repeat(100 * 1024 * 1024);
    let case = b.case;
    let input = SessionInput {
        body: NoteBody::Dap { data: Some(huge.clone()), assessment: None, plan: None },
        ..session_template(SessionKind::Individual, vec![b.client])
    };
    check(&mut b, |open, clock| session::record_session(open, clock, case, input));
    check(&mut b, |open, clock| drafts::save_draft(open, clock, "k", &huge));
    let sections = IntakeSections { presenting_problem: huge, ..IntakeSections::default() };
    check(&mut b, |open, clock| {
        intake::record_intake(open, clock, case, IntakeInput { sections, complete: false, sign: false })
    });
}
