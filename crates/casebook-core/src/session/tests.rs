//! Session tests: the intake comes first, partner and couples sessions need consent, who was
//! present matches the kind, inputs are checked, notes correct until signed, process notes
//! stay apart.

use super::*;
use crate::consent::{WithdrawConsent, list_consents, withdraw_consent};
use crate::error::Error;
use crate::testing::{Fixture, field_of, rule_of, session_input};
use crate::workflow::Rule;
use chrono::{Duration, NaiveTime};

#[test]
fn the_first_session_is_the_intake() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let individual = session_input(SessionKind::Individual, f.days_ago(55), vec![case.client.id]);
    let before = f.dump();
    let (nb, clock) = f.parts();
    assert_eq!(rule_of(record_session(nb, clock, case.id, individual.clone())), Rule::IntakeFirst.as_str());
    assert_eq!(f.dump(), before);
    let intake = f.intake_session(&case);
    let (nb, clock) = f.parts();
    // Dated before the intake session: still refused.
    assert_eq!(rule_of(record_session(nb, clock, case.id, individual.clone())), Rule::IntakeFirst.as_str());
    let later = SessionInput { held_on: intake.held_on + Duration::days(7), ..individual };
    let view = record_session(nb, clock, case.id, later).unwrap();
    assert_eq!(view.kind, SessionKind::Individual);
    assert_eq!(list_sessions(nb, case.id).unwrap().len(), 2);
}

#[test]
fn a_partner_session_needs_consent_the_partner_and_their_own_consent() {
    let mut f = Fixture::new();
    let case = f.new_case(true);
    f.intake_session(&case);
    let on = f.days_ago(10);
    let partner_session = |present| session_input(SessionKind::Partner, on, present);
    let (nb, clock) = f.parts();
    let refused = record_session(nb, clock, case.id, partner_session(vec![case.client.id]));
    let Err(Error::Workflow { rule, message }) = refused else { panic!("{refused:?}") };
    assert_eq!(rule, Rule::PartnerInvolvementConsent);
    assert!(message.contains("client's active consent to involve the partner"));
    let couples = session_input(SessionKind::Couples, on, vec![case.client.id]);
    assert_eq!(rule_of(record_session(nb, clock, case.id, couples)), Rule::CouplesSessionConsent.as_str());
    f.partner_consent(&case);
    let (nb, clock) = f.parts();
    let refused = record_session(nb, clock, case.id, partner_session(vec![case.client.id]));
    assert_eq!(rule_of(refused), Rule::PartnerNotAdded.as_str());
    let partner = f.add_partner(case.id);
    let (nb, clock) = f.parts();
    let refused = record_session(nb, clock, case.id, partner_session(vec![partner.id]));
    assert_eq!(rule_of(refused), Rule::PartnerOwnConsent.as_str());
    f.partner_own(case.id, partner.id);
    let (nb, clock) = f.parts();
    let held = record_session(nb, clock, case.id, partner_session(vec![partner.id])).unwrap();
    assert_eq!(held.present, vec![partner.id]);
    let couples = session_input(SessionKind::Couples, on, vec![partner.id, case.client.id]);
    record_session(nb, clock, case.id, couples).unwrap();
    let view = crate::case::get_case(nb, clock, case.id).unwrap();
    assert_eq!(view.session_count, 3);
}

#[test]
fn after_withdrawal_partner_sessions_stop_and_earlier_ones_stay() {
    let mut f = Fixture::new();
    let (case, partner) = f.couple();
    let both = vec![case.client.id, partner.id];
    let held_on = f.days_ago(20);
    let today = f.today();
    let (nb, clock) = f.parts();
    record_session(nb, clock, case.id, session_input(SessionKind::Couples, held_on, both.clone())).unwrap();
    let consent = list_consents(nb, clock, case.id).unwrap()[0].id;
    let withdrawal = WithdrawConsent { withdrawn_on: today - Duration::days(5), reason: None };
    withdraw_consent(nb, clock, consent, withdrawal).unwrap();
    let after = session_input(SessionKind::Couples, today, both.clone());
    assert_eq!(rule_of(record_session(nb, clock, case.id, after)), Rule::CouplesSessionConsent.as_str());
    let partner_only = session_input(SessionKind::Partner, today, vec![partner.id]);
    assert_eq!(
        rule_of(record_session(nb, clock, case.id, partner_only)),
        Rule::PartnerInvolvementConsent.as_str()
    );
    // A late note for a session held while consent was active is still accepted.
    let late = session_input(SessionKind::Couples, today - Duration::days(10), both);
    record_session(nb, clock, case.id, late).unwrap();
    assert_eq!(list_sessions(nb, case.id).unwrap().len(), 3);
    let individual = session_input(SessionKind::Individual, today, vec![case.client.id]);
    record_session(nb, clock, case.id, individual).unwrap();
}

#[test]
fn who_was_present_matches_the_kind() {
    let mut f = Fixture::new();
    let (case, partner) = f.couple();
    let on = f.today();
    let cases = [
        (SessionKind::Individual, vec![case.client.id, partner.id]),
        (SessionKind::Individual, vec![partner.id]),
        (SessionKind::Partner, vec![case.client.id, partner.id]),
        (SessionKind::Couples, vec![case.client.id]),
        (SessionKind::Couples, vec![crate::person::PersonId(999)]),
    ];
    let before = f.dump();
    for (kind, present) in cases {
        let (nb, clock) = f.parts();
        assert_eq!(field_of(record_session(nb, clock, case.id, session_input(kind, on, present))), "present");
    }
    assert_eq!(f.dump(), before);
}

#[test]
fn invalid_notes_name_the_field_and_write_nothing() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    f.intake_session(&case);
    let other = f.new_case(false);
    f.complete_intake(other.id);
    f.formulation(other.id);
    let foreign_goal = f.plan(other.id).goals[0].id;
    let ok = session_input(SessionKind::Individual, f.days_ago(1), vec![case.client.id]);
    let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let empty_body =
        NoteBody::Birp { behaviour: None, intervention: Some(" ".into()), response: None, plan: None };
    let huge_body = NoteBody::Dap { data: Some("x".repeat(1_000_001)), assessment: None, plan: None };
    let cases = [
        (SessionInput { ends_at: at(9, 0), ..ok.clone() }, "endsAt"),
        (SessionInput { ends_at: at(10, 0), ..ok.clone() }, "endsAt"),
        (SessionInput { held_on: f.today() + Duration::days(1), ..ok.clone() }, "heldOn"),
        (SessionInput { held_on: f.days_ago(61), ..ok.clone() }, "heldOn"),
        (SessionInput { risk_screen: RiskScreen::Moderate, ..ok.clone() }, "riskAction"),
        (
            SessionInput { next_appointment: Some(f.days_ago(1).and_time(at(10, 30))), ..ok.clone() },
            "nextAppointment",
        ),
        (SessionInput { body: empty_body, ..ok.clone() }, "body"),
        (SessionInput { body: huge_body, ..ok.clone() }, "body.data"),
        (SessionInput { present: vec![], ..ok.clone() }, "present"),
        (SessionInput { others_present: Some("a\nb".into()), ..ok.clone() }, "othersPresent"),
        (SessionInput { goals_addressed: vec![foreign_goal], ..ok.clone() }, "goalsAddressed"),
        (
            SessionInput {
                interventions_used: vec![SessionIntervention {
                    entry: Some(InterventionEntryId(999)),
                    name: "x".into(),
                }],
                ..ok.clone()
            },
            "interventionsUsed.0.entry",
        ),
    ];
    let before = f.dump();
    for (input, field) in cases {
        let (nb, clock) = f.parts();
        assert_eq!(field_of(record_session(nb, clock, case.id, input)), field);
    }
    assert_eq!(f.dump(), before);
}

#[test]
fn a_note_records_the_structured_fields_and_corrects_until_signed() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    f.complete_intake(case.id);
    let intake = f.intake_session(&case);
    f.formulation(case.id);
    let plan = f.plan(case.id);
    let entry = crate::plan::list_intervention_catalogue(f.nb()).unwrap()[0].id;
    let next = f.today().and_time(NaiveTime::from_hms_opt(15, 0, 0).unwrap()) + Duration::days(7);
    let input = SessionInput {
        body: NoteBody::Birp {
            behaviour: Some("Arrived on time.".into()),
            intervention: Some("Psychoeducation on the arousal cycle.".into()),
            response: Some("Engaged.".into()),
            plan: None,
        },
        modality: Modality::Telehealth,
        goals_addressed: vec![plan.goals[0].id],
        interventions_used: vec![SessionIntervention { entry: Some(entry), name: "Psychoeducation".into() }],
        homework_set: Some("Read the handout.".into()),
        risk_screen: RiskScreen::Low,
        risk_action: Some("Safety plan reviewed.".into()),
        next_appointment: Some(next),
        starts_at: NaiveTime::from_hms_opt(10, 0, 31).unwrap(),
        ..session_input(SessionKind::Individual, f.today(), vec![case.client.id])
    };
    let (nb, clock) = f.parts();
    let view = record_session(nb, clock, case.id, input.clone()).unwrap();
    assert_eq!(view.starts_at, NaiveTime::from_hms_opt(10, 0, 0).unwrap());
    assert_eq!(view.body.format(), NoteFormat::Birp);
    assert_eq!(view.goals_addressed, vec![plan.goals[0].id]);
    assert_eq!(view.interventions_used.len(), 1);
    assert_eq!(get_session(nb, view.id).unwrap(), view);
    let case_view = crate::case::get_case(nb, clock, case.id).unwrap();
    assert_eq!(case_view.next_appointment, Some(next));
    assert_eq!(case_view.stage, crate::workflow::CaseStage::Ongoing);
    // The intake session cannot become an individual one: nothing would come first.
    let as_individual = session_input(SessionKind::Individual, intake.held_on, vec![case.client.id]);
    assert_eq!(rule_of(update_session(nb, clock, intake.id, as_individual)), Rule::IntakeFirst.as_str());
    let corrected = SessionInput { homework_set: Some("Read chapter 2.".into()), ..input.clone() };
    assert_eq!(
        update_session(nb, clock, view.id, corrected).unwrap().homework_set.as_deref(),
        Some("Read chapter 2.")
    );
    nb.store()
        .conn()
        .execute("UPDATE session_note SET signed_at = '2025-03-10T12:00:00Z' WHERE id = ?1", [view.id])
        .unwrap();
    assert_eq!(rule_of(update_session(nb, clock, view.id, input)), Rule::NoteSigned.as_str());
}

#[test]
fn process_notes_are_kept_apart() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let intake = f.intake_session(&case);
    let input = ProcessNoteInput {
        session: Some(intake.id),
        written_on: f.today(),
        body: "I felt protective.".into(),
    };
    let (nb, clock) = f.parts();
    let note = record_process_note(nb, clock, case.id, input.clone()).unwrap();
    assert_eq!(list_process_notes(nb, case.id).unwrap(), vec![note.clone()]);
    let json = serde_json::to_string(&get_session(nb, intake.id).unwrap()).unwrap();
    assert!(!json.contains("protective"));
    let changed = ProcessNoteInput { body: "Countertransference noted.".into(), ..input.clone() };
    assert_eq!(update_process_note(nb, clock, note.id, changed).unwrap().body, "Countertransference noted.");
    assert_eq!(
        field_of(record_process_note(
            nb,
            clock,
            case.id,
            ProcessNoteInput { body: "".into(), ..input.clone() }
        )),
        "body"
    );
    let stray = ProcessNoteInput { session: Some(SessionId(999)), ..input };
    assert_eq!(field_of(record_process_note(nb, clock, case.id, stray)), "session");
}

#[test]
fn the_default_format_is_a_preference() {
    let mut f = Fixture::new();
    let nb = f.nb();
    assert_eq!(default_note_format(nb).unwrap(), NoteFormat::Soap);
    set_default_note_format(nb, NoteFormat::Dap).unwrap();
    assert_eq!(default_note_format(nb).unwrap(), NoteFormat::Dap);
}

#[test]
fn a_new_note_is_offered_the_plans_active_goals_and_the_latest_notes_homework() {
    use crate::plan::{GoalInput, GoalStatus, InterventionInput, PlanInput, Plissit, save_plan};
    use crate::testing::goal;
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let (nb, clock) = f.parts();
    let empty = session_prefill(nb, clock, case.id).unwrap();
    assert_eq!(
        empty,
        SessionPrefill { plan_version: None, goals: vec![], interventions: vec![], previous: None }
    );
    let intake = f.intake_session(&case);
    f.complete_intake(case.id);
    f.formulation(case.id);
    let review = f.today() + Duration::days(28);
    let achieved = GoalInput { status: GoalStatus::Achieved, ..goal("Name the cycle", review) };
    let plan = PlanInput {
        goals: vec![goal("Less anticipatory anxiety", review), achieved],
        interventions: vec![InterventionInput {
            entry: None,
            name: "Breathing before touch".into(),
            plissit: Some(Plissit::SpecificSuggestions),
            goals: vec![0],
            homework: Some("Practise daily.".into()),
        }],
        review_on: Some(review),
        ..PlanInput::default()
    };
    let (nb, clock) = f.parts();
    let before = session_prefill(nb, clock, case.id).unwrap().previous.unwrap();
    assert_eq!((before.id, before.kind, before.homework_set), (intake.id, SessionKind::Intake, None));
    let plan = save_plan(nb, clock, case.id, plan).unwrap();
    let booked = (f.today() + Duration::days(3)).and_hms_opt(11, 0, 0).unwrap();
    let held_on = f.days_ago(4);
    let earlier = SessionInput {
        homework_set: Some("Sensate focus stage 1, three times.".into()),
        ..session_input(SessionKind::Individual, held_on - Duration::days(7), vec![case.client.id])
    };
    let latest = SessionInput {
        modality: Modality::Telehealth,
        homework_set: Some("Breathing before touch, daily.".into()),
        next_appointment: Some(booked),
        ..session_input(SessionKind::Individual, held_on, vec![case.client.id])
    };
    let (nb, clock) = f.parts();
    // Recorded out of order: the latest by date is the one offered.
    let latest = record_session(nb, clock, case.id, latest).unwrap();
    record_session(nb, clock, case.id, earlier).unwrap();
    let dump = f.dump();
    let (nb, clock) = f.parts();
    let prefill = session_prefill(nb, clock, case.id).unwrap();
    assert_eq!(f.dump(), dump, "reading what a note starts from writes nothing");
    assert_eq!(prefill.plan_version, Some(1));
    assert_eq!(prefill.goals, vec![plan.goals[0].clone()], "only the active goals are offered");
    assert_eq!(prefill.interventions, plan.interventions);
    assert_eq!(
        prefill.previous,
        Some(PreviousNote {
            id: latest.id,
            kind: SessionKind::Individual,
            held_on,
            starts_at: latest.starts_at,
            ends_at: latest.ends_at,
            modality: Modality::Telehealth,
            homework_set: Some("Breathing before touch, daily.".into()),
            next_appointment: Some(booked),
        })
    );
    let (nb, clock) = f.parts();
    assert!(matches!(session_prefill(nb, clock, crate::case::CaseId(999)), Err(Error::NotFound(_))));
}
