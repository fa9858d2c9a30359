//! Formulation tests: it needs a completed intake, each save is a new version, factors carry a
//! P and a domain, and pending medical causes show a reminder.

use super::*;
use crate::intake;
use crate::medical::{RuleOutInput, set_rule_out_status};
use crate::testing::{Fixture, field_of, formulation_input, intake_input, rule_of};

fn factor(term: Option<FactorTermId>, label: &str, p: FourP) -> Factor {
    Factor { term, label: label.into(), p, domain: FactorDomain::Psychological, note: None }
}

#[test]
fn a_formulation_needs_a_completed_intake() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let (nb, clock) = f.parts();
    let refused = save_formulation(nb, clock, case.id, formulation_input());
    assert_eq!(rule_of(refused), Rule::FormulationNeedsIntake.as_str());
    intake::record_intake(nb, clock, case.id, intake_input(false)).unwrap();
    let before = f.dump();
    let (nb, clock) = f.parts();
    let refused = save_formulation(nb, clock, case.id, formulation_input());
    assert_eq!(rule_of(refused), Rule::FormulationNeedsIntake.as_str());
    assert_eq!(f.dump(), before);
    f.complete_intake(case.id);
    let (nb, clock) = f.parts();
    assert_eq!(save_formulation(nb, clock, case.id, formulation_input()).unwrap().version, 1);
}

#[test]
fn revising_keeps_every_earlier_version() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    f.complete_intake(case.id);
    let (nb, clock) = f.parts();
    let terms = list_factor_vocabulary(nb).unwrap();
    assert_eq!(terms.len(), 8);
    let mut first = formulation_input();
    first.factors = vec![factor(Some(terms[1].id), &terms[1].label, FourP::Perpetuating)];
    let v1 = save_formulation(nb, clock, case.id, first).unwrap();
    let mut second = formulation_input();
    second.problem_statement = "Revised after the partner session.".into();
    second.factors = vec![
        factor(Some(terms[1].id), &terms[1].label, FourP::Perpetuating),
        factor(None, "Shift work leaves little time together", FourP::Precipitating),
    ];
    second.revision_reason = Some("Partner's view added.".into());
    let v2 = save_formulation(nb, clock, case.id, second).unwrap();
    assert_eq!((v1.version, v2.version), (1, 2));
    let versions = list_formulation_versions(nb, case.id).unwrap();
    assert_eq!(versions.iter().map(|v| v.version).collect::<Vec<_>>(), vec![2, 1]);
    assert_eq!(versions[1], v1, "the earlier version is unchanged");
    assert_eq!(get_formulation(nb, case.id).unwrap().unwrap().factors.len(), 2);
}

#[test]
fn pending_medical_causes_show_a_reminder_and_the_status_is_kept_with_the_version() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    f.complete_intake(case.id);
    let (nb, clock) = f.parts();
    let v1 = save_formulation(nb, clock, case.id, formulation_input()).unwrap();
    assert_eq!(v1.biomedical_status, RuleOutStatus::NotAssessed);
    assert!(v1.medical_reminder.is_some());
    let on = f.today();
    let (nb, clock) = f.parts();
    set_rule_out_status(
        nb,
        clock,
        case.id,
        RuleOutInput { status: RuleOutStatus::RuledOut, on_date: on, note: None },
    )
    .unwrap();
    let now = get_formulation(nb, case.id).unwrap().unwrap();
    assert_eq!((now.biomedical_status, now.medical_reminder), (RuleOutStatus::NotAssessed, None));
}

#[test]
fn invalid_formulations_name_the_field_and_write_nothing() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    f.complete_intake(case.id);
    let ok = formulation_input();
    let cases = [
        (FormulationInput { problem_statement: "".into(), ..ok.clone() }, "problemStatement"),
        (
            FormulationInput { shared_on: Some(f.today() + chrono::Duration::days(1)), ..ok.clone() },
            "sharedOn",
        ),
        (
            FormulationInput { factors: vec![factor(None, " ", FourP::Protective)], ..ok.clone() },
            "factors.0.label",
        ),
        (
            FormulationInput {
                factors: vec![factor(Some(FactorTermId(99)), "x", FourP::Protective)],
                ..ok.clone()
            },
            "factors.0.term",
        ),
        (
            FormulationInput { factors: vec![factor(None, "x", FourP::Protective); 101], ..ok.clone() },
            "factors",
        ),
    ];
    let before = f.dump();
    for (input, field) in cases {
        let (nb, clock) = f.parts();
        assert_eq!(field_of(save_formulation(nb, clock, case.id, input)), field);
    }
    assert_eq!(f.dump(), before);
}

#[test]
fn the_vocabulary_takes_free_terms_once() {
    let mut f = Fixture::new();
    let nb = f.nb();
    let term = FactorTermInput {
        label: "Religious guilt".into(),
        usual_p: Some(FourP::Predisposing),
        usual_domain: None,
    };
    let added = save_factor_term(nb, None, term.clone()).unwrap();
    assert_eq!(field_of(save_factor_term(nb, None, term.clone())), "label");
    save_factor_term(nb, Some(added.id), term).unwrap();
    assert_eq!(list_factor_vocabulary(nb).unwrap().len(), 9);
    assert_eq!(nodal_point_prompts().len(), 6);
}
