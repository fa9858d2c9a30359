//! Plan tests: it needs a formulation and a review date, revisions keep earlier versions, goals
//! are SMART, interventions carry a PLISSIT level, and an overdue review is flagged.

use super::*;
use crate::case::{CaseFilter, get_case, list_cases};
use crate::testing::{Fixture, field_of, goal, plan_input, rule_of};
use chrono::Duration;

fn ready(f: &mut Fixture) -> crate::case::CaseView {
    let case = f.new_case(false);
    f.complete_intake(case.id);
    case
}

#[test]
fn a_plan_needs_a_formulation() {
    let mut f = Fixture::new();
    let case = ready(&mut f);
    let input = plan_input(f.today() + Duration::days(30));
    let before = f.dump();
    let (nb, clock) = f.parts();
    assert_eq!(rule_of(save_plan(nb, clock, case.id, input.clone())), Rule::PlanNeedsFormulation.as_str());
    assert_eq!(f.dump(), before);
    f.formulation(case.id);
    let (nb, clock) = f.parts();
    let plan = save_plan(nb, clock, case.id, input).unwrap();
    assert_eq!(plan.version, 1);
    assert!(plan.medical_reminder.is_some());
}

#[test]
fn a_plan_needs_a_review_date_from_today_on() {
    let mut f = Fixture::new();
    let case = ready(&mut f);
    f.formulation(case.id);
    let no_review = PlanInput { review_on: None, ..plan_input(f.today()) };
    let past = plan_input(f.days_ago(1));
    let before = f.dump();
    let (nb, clock) = f.parts();
    assert_eq!(rule_of(save_plan(nb, clock, case.id, no_review)), Rule::PlanReviewDate.as_str());
    assert_eq!(field_of(save_plan(nb, clock, case.id, past)), "reviewOn");
    assert_eq!(f.dump(), before);
}

#[test]
fn goals_and_interventions_are_linked_and_levelled() {
    let mut f = Fixture::new();
    let case = ready(&mut f);
    f.formulation(case.id);
    let review = f.today() + Duration::days(28);
    let catalogue = list_intervention_catalogue(f.nb()).unwrap();
    let sensate = catalogue.iter().find(|e| e.name == "Sensate focus, stage 1").unwrap();
    assert_eq!(sensate.plissit, Plissit::SpecificSuggestions);
    let input = PlanInput {
        goals: vec![
            goal("Less anticipatory anxiety", review),
            goal("Resume intercourse without pressure", review),
        ],
        interventions: vec![
            InterventionInput {
                entry: Some(sensate.id),
                name: sensate.name.clone(),
                plissit: None,
                goals: vec![0, 1, 1],
                homework: Some("Three non-genital touch sessions this week.".into()),
            },
            InterventionInput {
                entry: None,
                name: "Reading on arousal".into(),
                plissit: Some(Plissit::LimitedInformation),
                goals: vec![0],
                homework: None,
            },
        ],
        review_on: Some(review),
        discussed_on: Some(f.today()),
        agreed_by: vec![case.client.id, case.client.id],
        disagreement: None,
        revision_reason: None,
    };
    let (nb, clock) = f.parts();
    let plan = save_plan(nb, clock, case.id, input).unwrap();
    assert_eq!(plan.goals.len(), 2);
    assert_eq!(plan.interventions[0].plissit, Plissit::SpecificSuggestions);
    assert_eq!(plan.interventions[0].goals, vec![plan.goals[0].id, plan.goals[1].id]);
    assert_eq!(plan.interventions[1].goals, vec![plan.goals[0].id]);
    assert_eq!(plan.agreed_by, vec![case.client.id]);
    assert_eq!(get_plan(nb, clock, case.id).unwrap().unwrap(), plan);
}

#[test]
fn revising_a_plan_keeps_the_earlier_version() {
    let mut f = Fixture::new();
    let case = ready(&mut f);
    f.formulation(case.id);
    let v1 = f.plan(case.id);
    let mut revised = plan_input(f.today() + Duration::days(60));
    revised.goals[0].status = GoalStatus::Revised;
    let before = f.dump();
    let (nb, clock) = f.parts();
    assert_eq!(field_of(save_plan(nb, clock, case.id, revised.clone())), "goals.0.statusReason");
    assert_eq!(f.dump(), before);
    revised.goals[0].status_reason = Some("Target too ambitious.".into());
    let (nb, clock) = f.parts();
    let v2 = save_plan(nb, clock, case.id, revised).unwrap();
    assert_eq!(v2.version, 2);
    let versions = list_plan_versions(nb, clock, case.id).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1], v1);
}

#[test]
fn an_overdue_review_is_flagged_on_the_plan_the_case_and_the_list() {
    let mut f = Fixture::new();
    let case = ready(&mut f);
    f.formulation(case.id);
    f.plan(case.id);
    f.advance_days(31);
    let (nb, clock) = f.parts();
    assert!(get_plan(nb, clock, case.id).unwrap().unwrap().review_overdue);
    assert!(get_case(nb, clock, case.id).unwrap().review_overdue);
    assert!(list_cases(nb, clock, CaseFilter::default()).unwrap()[0].review_overdue);
}

#[test]
fn invalid_plans_name_the_field_and_write_nothing() {
    let mut f = Fixture::new();
    let case = ready(&mut f);
    let other = f.new_case(false);
    f.formulation(case.id);
    let ok = plan_input(f.today() + Duration::days(30));
    let free = |goals: Vec<u32>, plissit| InterventionInput {
        entry: None,
        name: "Free entry".into(),
        plissit,
        goals,
        homework: None,
    };
    let mut no_measure = ok.clone();
    no_measure.goals[0].measure = " ".into();
    let cases = [
        (PlanInput { goals: vec![], ..ok.clone() }, "goals"),
        (no_measure, "goals.0.measure"),
        (
            PlanInput { interventions: vec![free(vec![3], Some(Plissit::Permission))], ..ok.clone() },
            "interventions.0.goals",
        ),
        (PlanInput { interventions: vec![free(vec![0], None)], ..ok.clone() }, "interventions.0.plissit"),
        (
            PlanInput {
                interventions: vec![InterventionInput {
                    entry: Some(InterventionEntryId(999)),
                    ..free(vec![], None)
                }],
                ..ok.clone()
            },
            "interventions.0.entry",
        ),
        (PlanInput { agreed_by: vec![other.client.id], ..ok.clone() }, "agreedBy"),
        (PlanInput { discussed_on: Some(f.today() + Duration::days(1)), ..ok.clone() }, "discussedOn"),
    ];
    let before = f.dump();
    for (input, field) in cases {
        let (nb, clock) = f.parts();
        assert_eq!(field_of(save_plan(nb, clock, case.id, input)), field);
    }
    assert_eq!(f.dump(), before);
}

#[test]
fn the_catalogue_can_be_extended() {
    let mut f = Fixture::new();
    let nb = f.nb();
    let entry = InterventionEntryInput {
        name: "Body mapping".into(),
        plissit: Plissit::SpecificSuggestions,
        description: None,
    };
    let added = save_intervention_entry(nb, None, entry.clone()).unwrap();
    assert_eq!(field_of(save_intervention_entry(nb, None, entry.clone())), "name");
    save_intervention_entry(nb, Some(added.id), entry).unwrap();
    assert_eq!(list_intervention_catalogue(nb).unwrap().len(), 17);
}
