//! Case tests on a real notebook: first contact, the cases list, closing and reopening,
//! retention, and the closed-case rule.

use super::*;
use crate::columns::TextEnum;
use crate::intake;
use crate::person::PersonInput;
use crate::session::{self, SessionKind};
use crate::testing::{Fixture, field_of, intake_input, new_case_input, person_input, rule_of, session_input};
use crate::workflow::{CaseStage, StepKind, StepState};
use chrono::Duration;

fn close_input(f: &Fixture) -> CloseCase {
    CloseCase {
        closed_on: f.today(),
        reason: ClosingReason::GoalsAchieved,
        reason_note: None,
        discharge_summary: "Goals met; relapse plan agreed.".into(),
        sign_notes: Vec::new(),
    }
}

#[test]
fn a_new_case_starts_at_first_contact_with_the_intake_next() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    assert_eq!(case.stage, CaseStage::FirstContact);
    assert_eq!(case.status, CaseStatus::Open);
    assert_eq!(case.client.full_name, "Ari Example");
    assert_eq!(case.difficulties.len(), 1);
    assert_eq!(case.difficulties[0].label, "Erectile dysfunction");
    let next: Vec<_> = case.steps.iter().filter(|s| s.state == StepState::Next).map(|s| s.step).collect();
    assert_eq!(next, vec![StepKind::Intake]);
    assert_eq!(case.retention.profile, RetentionProfile::SouthAfrica);
    assert_eq!(case.retention.last_contact_on, f.days_ago(60));
    assert_eq!(case.retention.retain_until, Some(f.days_ago(60) + chrono::Months::new(72)));
}

#[test]
fn the_difficulty_list_is_the_seed_list() {
    let mut f = Fixture::new();
    let codes: Vec<String> = list_difficulties(f.nb()).unwrap().into_iter().map(|d| d.code).collect();
    assert_eq!(codes.len(), 8);
    assert_eq!(codes[0], "erectile_dysfunction");
    assert_eq!(codes[7], "other");
}

#[test]
fn invalid_first_contacts_name_the_field_and_write_nothing() {
    let mut f = Fixture::new();
    let before = f.dump();
    let today = f.today();
    let cases = [
        (new_case_input("  ", today, false), "client.fullName"),
        (new_case_input("A\0B", today, false), "client.fullName"),
        (new_case_input("Ari", today + Duration::days(1), false), "firstContactOn"),
        (NewCase { difficulties: vec![], ..new_case_input("Ari", today, false) }, "difficulties"),
        (
            NewCase { difficulties: vec!["made_up".into()], ..new_case_input("Ari", today, false) },
            "difficulties",
        ),
        (
            NewCase { referral_source: Some("x".repeat(201)), ..new_case_input("Ari", today, false) },
            "referralSource",
        ),
        (
            NewCase {
                client: PersonInput { email: Some("not an email".into()), ..person_input("Ari") },
                ..new_case_input("Ari", today, false)
            },
            "client.email",
        ),
        (
            NewCase {
                client: PersonInput {
                    date_of_birth: Some(today - Duration::days(9000)),
                    age_band: Some(crate::person::AgeBand::From18To24),
                    ..person_input("Ari")
                },
                ..new_case_input("Ari", today, false)
            },
            "client.ageBand",
        ),
    ];
    for (input, field) in cases {
        let (nb, clock) = f.parts();
        assert_eq!(field_of(create_case(nb, clock, input)), field);
    }
    assert_eq!(f.dump(), before);
}

#[test]
fn the_list_filters_by_status_stage_and_name() {
    let mut f = Fixture::new();
    let today = f.today();
    let (nb, clock) = f.parts();
    let a = create_case(nb, clock, new_case_input("Zoë Ångström", today, false)).unwrap();
    let b = create_case(nb, clock, new_case_input("Bo Example", today, false)).unwrap();
    let all = list_cases(nb, clock, CaseFilter::default()).unwrap();
    assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), vec![b.id, a.id]);
    let by_name = CaseFilter { name: Some("ÅNGSTR".into()), ..CaseFilter::default() };
    assert_eq!(list_cases(nb, clock, by_name).unwrap().len(), 1);
    intake::record_intake(nb, clock, a.id, intake_input(false)).unwrap();
    let intake_stage = CaseFilter { stage: Some(CaseStage::Intake), ..CaseFilter::default() };
    assert_eq!(
        list_cases(nb, clock, intake_stage).unwrap().iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![a.id]
    );
    let closed = CaseFilter { status: Some(CaseStatus::Closed), ..CaseFilter::default() };
    assert!(list_cases(nb, clock, closed).unwrap().is_empty());
    let too_long = CaseFilter { name: Some("x".repeat(201)), ..CaseFilter::default() };
    assert_eq!(field_of(list_cases(nb, clock, too_long)), "name");
}

/// A page is the list's first cases in its order, with the number of all that match.
#[test]
fn a_page_of_the_list_is_its_first_cases_and_counts_them_all() {
    let mut f = Fixture::new();
    let first = f.days_ago(60);
    let (nb, clock) = f.parts();
    for name in ["Cy Page", "Ann Page", "Bo Page", "Dee Other"] {
        create_case(nb, clock, new_case_input(name, first, false)).unwrap();
    }
    let all = list_cases(nb, clock, CaseFilter::default()).unwrap();
    let page = list_case_page(nb, clock, CaseFilter::default(), Some(2)).unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.items, all[..2].to_vec());
    let pages = CaseFilter { name: Some("page".into()), ..CaseFilter::default() };
    let found = list_case_page(nb, clock, pages.clone(), Some(2)).unwrap();
    assert_eq!(found.total, 3);
    assert_eq!(
        found.items.iter().map(|c| c.client_name.as_str()).collect::<Vec<_>>(),
        ["Ann Page", "Bo Page"]
    );
    assert_eq!(list_case_page(nb, clock, pages.clone(), None).unwrap().items.len(), 3);
    assert_eq!(list_case_page(nb, clock, pages.clone(), Some(u32::MAX)).unwrap().items.len(), 3);
    let none = list_case_page(nb, clock, pages, Some(0)).unwrap();
    assert_eq!((none.items.len(), none.total), (0, 3));
}

/// The name and status narrow the cases inside the list's statement: a partner's name finds the
/// case, SQL's wildcards are plain characters, folding covers every script, and a closed case is
/// found by its status only.
#[test]
fn the_list_narrows_by_partner_name_literally_and_by_status() {
    let mut f = Fixture::new();
    let couple = f.new_case(true);
    f.partner_consent(&couple);
    f.add_partner(couple.id);
    let first = f.days_ago(60);
    let (nb, clock) = f.parts();
    let closing = create_case(nb, clock, new_case_input("Émile 100%_Ďurović", first, false)).unwrap();
    let find = |f: &mut Fixture, name: &str, status: Option<CaseStatus>| {
        let (nb, clock) = f.parts();
        let filter = CaseFilter { name: Some(name.into()), status, stage: None };
        list_cases(nb, clock, filter).unwrap().iter().map(|c| c.id).collect::<Vec<_>>()
    };
    assert_eq!(find(&mut f, "sam ex", None), vec![couple.id], "the partner's name finds the case");
    assert_eq!(find(&mut f, "ÉMILE", None), vec![closing.id]);
    assert_eq!(find(&mut f, "ďUROVIĆ", None), vec![closing.id]);
    assert_eq!(find(&mut f, "0%_ď", None), vec![closing.id]);
    assert!(find(&mut f, "%", Some(CaseStatus::Open)).iter().all(|id| *id == closing.id));
    assert!(find(&mut f, "_", None).iter().all(|id| *id == closing.id));
    assert!(find(&mut f, "a%e", None).is_empty(), "a wildcard is a character, not a pattern");
    f.intake_session(&closing);
    f.sign_all_notes(closing.id);
    let input = close_input(&f);
    let (nb, clock) = f.parts();
    close_case(nb, clock, closing.id, input).unwrap();
    assert_eq!(find(&mut f, "émile", Some(CaseStatus::Closed)), vec![closing.id]);
    assert!(find(&mut f, "émile", Some(CaseStatus::Open)).is_empty());
    assert_eq!(find(&mut f, "example", Some(CaseStatus::Open)), vec![couple.id]);
    assert!(find(&mut f, "example", Some(CaseStatus::Closed)).is_empty());
}

#[test]
fn a_closed_case_is_read_only_and_shows_its_history() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    f.intake_session(&case);
    f.sign_all_notes(case.id);
    let input = close_input(&f);
    let (nb, clock) = f.parts();
    let closed = close_case(nb, clock, case.id, input.clone()).unwrap();
    assert_eq!(closed.status, CaseStatus::Closed);
    assert_eq!(closed.stage, CaseStage::Closed);
    assert_eq!(closed.history.len(), 1);
    assert_eq!(closed.history[0].closing_reason, Some(ClosingReason::GoalsAchieved));
    assert_eq!(closed.retention.last_contact_on, f.today());
    let before = f.dump();
    let session = session_input(SessionKind::Individual, f.today(), vec![case.client.id]);
    let (nb, clock) = f.parts();
    let closed_rule = Rule::ClosedCaseReadOnly.as_str();
    assert_eq!(rule_of(close_case(nb, clock, case.id, input)), closed_rule);
    let details = CaseDetails { difficulties: vec!["other".into()], ..CaseDetails::default() };
    assert_eq!(rule_of(update_case(nb, clock, case.id, details)), closed_rule);
    assert_eq!(rule_of(intake::record_intake(nb, clock, case.id, intake_input(true))), closed_rule);
    assert_eq!(rule_of(session::record_session(nb, clock, case.id, session)), closed_rule);
    let details = person_input("Ari Renamed");
    assert_eq!(rule_of(crate::person::update_person(nb, clock, case.client.id, details)), closed_rule);
    assert_eq!(f.dump(), before);
}

#[test]
fn closing_needs_a_summary_a_reason_and_a_sensible_date() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    f.intake_session(&case);
    f.sign_all_notes(case.id);
    let ok = close_input(&f);
    let before = f.dump();
    let cases = [
        (CloseCase { discharge_summary: " ".into(), ..ok.clone() }, "dischargeSummary"),
        (CloseCase { reason: ClosingReason::Other, ..ok.clone() }, "reasonNote"),
        (CloseCase { closed_on: f.days_ago(55), ..ok.clone() }, "closedOn"),
        (CloseCase { closed_on: f.today() + Duration::days(1), ..ok.clone() }, "closedOn"),
    ];
    for (input, field) in cases {
        let (nb, clock) = f.parts();
        assert_eq!(field_of(close_case(nb, clock, case.id, input)), field);
    }
    assert_eq!(f.dump(), before);
}

#[test]
fn reopening_needs_a_closed_case_and_a_reason() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let today = f.today();
    let reopen = ReopenCase { reopened_on: today, reason: "Client asked to resume after a relapse.".into() };
    let close = close_input(&f);
    let (nb, clock) = f.parts();
    assert_eq!(rule_of(reopen_case(nb, clock, case.id, reopen.clone())), Rule::CaseAlreadyOpen.as_str());
    close_case(nb, clock, case.id, close).unwrap();
    let before = f.dump();
    let (nb, clock) = f.parts();
    let blank = ReopenCase { reason: "   ".into(), ..reopen.clone() };
    assert_eq!(rule_of(reopen_case(nb, clock, case.id, blank)), Rule::ReopenNeedsReason.as_str());
    let early = ReopenCase { reopened_on: today - Duration::days(1), ..reopen.clone() };
    assert_eq!(field_of(reopen_case(nb, clock, case.id, early)), "reopenedOn");
    assert_eq!(f.dump(), before);
    let (nb, clock) = f.parts();
    let view = reopen_case(nb, clock, case.id, reopen).unwrap();
    assert_eq!(view.status, CaseStatus::Open);
    assert_eq!(view.history.iter().map(|e| e.kind).collect::<Vec<_>>(), CaseEventKind::ALL.to_vec());
    update_case(
        nb,
        clock,
        case.id,
        CaseDetails { difficulties: vec!["other".into()], ..CaseDetails::default() },
    )
    .unwrap();
}

#[test]
fn the_retention_profile_is_a_preference() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let (nb, clock) = f.parts();
    set_retention_profile(nb, RetentionProfile::Apa).unwrap();
    assert_eq!(retention_profile(nb).unwrap(), RetentionProfile::Apa);
    let view = get_case(nb, clock, case.id).unwrap();
    assert_eq!(view.retention.retain_until, Some(view.retention.last_contact_on + chrono::Months::new(84)));
}

#[test]
fn case_details_change_but_a_recorded_partner_stays() {
    let mut f = Fixture::new();
    let (case, _) = f.couple();
    let (nb, clock) = f.parts();
    let details = CaseDetails {
        difficulties: vec!["premature_ejaculation".into(), "premature_ejaculation".into()],
        other_difficulty: None,
        referral_source: Some("Self".into()),
        has_partner: true,
    };
    let view = update_case(nb, clock, case.id, details.clone()).unwrap();
    assert_eq!(view.difficulties.len(), 1);
    assert_eq!(view.referral_source.as_deref(), Some("Self"));
    let no_partner = CaseDetails { has_partner: false, ..details };
    assert_eq!(field_of(update_case(nb, clock, case.id, no_partner)), "hasPartner");
}

#[test]
fn an_unknown_case_is_not_found() {
    let mut f = Fixture::new();
    let (nb, clock) = f.parts();
    assert!(matches!(get_case(nb, clock, CaseId(999)), Err(Error::NotFound(_))));
    let reopen = ReopenCase { reopened_on: f.today(), reason: "x".into() };
    let (nb, clock) = f.parts();
    assert!(matches!(reopen_case(nb, clock, CaseId(999), reopen), Err(Error::NotFound(_))));
}

/// The list reads every case's stage facts in one statement; the case page gathers them one
/// query at a time. Over cases at every stage (and the demo's), with sessions before and after
/// a plan and an overdue review, both must say the same thing about every case.
#[test]
fn the_list_agrees_with_each_case_page() {
    let mut f = Fixture::new();
    f.new_case(false);
    let with_session = f.new_case(false);
    f.intake_session(&with_session);
    let started = f.new_case(true);
    {
        let (nb, clock) = f.parts();
        intake::record_intake(nb, clock, started.id, intake_input(false)).unwrap();
    }
    let assessed = f.new_case(false);
    f.intake_session(&assessed);
    f.complete_intake(assessed.id);
    let formulated = f.new_case(false);
    f.complete_intake(formulated.id);
    f.formulation(formulated.id);
    let mut planned = Vec::new();
    for _ in 0..3 {
        let case = f.new_case(false);
        f.intake_session(&case);
        f.complete_intake(case.id);
        f.formulation(case.id);
        planned.push(case);
    }
    // A session before the plan does not make a case ongoing; one on the plan's day does.
    let before = f.days_ago(5);
    let mut early = session_input(SessionKind::Individual, before, vec![planned[0].client.id]);
    early.next_appointment = Some((before + Duration::days(7)).and_hms_opt(9, 30, 0).unwrap());
    {
        let (nb, clock) = f.parts();
        session::record_session(nb, clock, planned[0].id, early).unwrap();
    }
    for case in &planned {
        f.plan(case.id);
    }
    let today = f.today();
    let mut after = session_input(SessionKind::Individual, today, vec![planned[1].client.id]);
    after.next_appointment = Some((today + Duration::days(7)).and_hms_opt(11, 0, 0).unwrap());
    {
        let (nb, clock) = f.parts();
        session::record_session(nb, clock, planned[1].id, after).unwrap();
        crate::demo::seed_demo(nb, clock).unwrap();
    }
    // Past the plans' review dates: the reviews are overdue on open cases only.
    f.advance_days(40);
    let (nb, clock) = f.parts();
    let listed = list_cases(nb, clock, CaseFilter::default()).unwrap();
    assert!(listed.len() >= 12);
    let mut stages = std::collections::BTreeSet::new();
    for item in &listed {
        let page = get_case(nb, clock, item.id).unwrap();
        assert_eq!(item.stage, page.stage, "stage of case {:?}", item.id);
        assert_eq!(item.next_appointment, page.next_appointment, "next appointment of {:?}", item.id);
        assert_eq!(item.review_on, page.review_on, "review of {:?}", item.id);
        assert_eq!(item.review_overdue, page.review_overdue, "overdue of {:?}", item.id);
        assert_eq!(item.difficulties, page.difficulties);
        assert_eq!(item.status, page.status);
        assert_eq!(item.first_contact_on, page.first_contact_on);
        assert_eq!(item.client_name, page.client.full_name);
        assert_eq!(item.partner_name, page.partner.as_ref().map(|p| p.person.full_name.clone()));
        stages.insert(item.stage.as_str());
    }
    for stage in ["first_contact", "intake", "assessment", "formulation", "plan", "ongoing", "closed"] {
        assert!(stages.contains(stage), "no case at {stage}: {stages:?}");
    }
    assert!(listed.iter().any(|c| c.review_overdue));
    assert!(listed.iter().any(|c| c.next_appointment.is_some()));
}
