//! Intake tests: the presenting problem is required, saving is repeatable until completion, and
//! a completed intake no longer changes.

use super::*;
use crate::testing::{Fixture, field_of, intake_input, rule_of};

#[test]
fn an_intake_is_saved_then_completed_and_then_fixed() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let (nb, clock) = f.parts();
    assert_eq!(get_intake(nb, case.id).unwrap(), None);
    let draft = record_intake(nb, clock, case.id, intake_input(false)).unwrap();
    assert_eq!(draft.completed_at, None);
    assert_eq!(progress(nb.store().conn(), case.id).unwrap(), IntakeProgress::Started);
    let mut more = intake_input(true);
    more.sections.trauma = Some("None disclosed.".into());
    let done = record_intake(nb, clock, case.id, more.clone()).unwrap();
    assert!(done.completed_at.is_some());
    assert_eq!(done.signed_at, None);
    assert_eq!(done.sections.trauma.as_deref(), Some("None disclosed."));
    assert_eq!(done.sections.lifelong_or_acquired.as_deref(), Some("Acquired, two years ago."));
    let before = f.dump();
    let (nb, clock) = f.parts();
    assert_eq!(rule_of(record_intake(nb, clock, case.id, more)), Rule::IntakeCompleted.as_str());
    assert_eq!(f.dump(), before);
}

#[test]
fn only_the_presenting_problem_is_required_and_every_section_is_checked() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let mut empty = intake_input(false);
    empty.sections.presenting_problem = "  ".into();
    let mut nul = intake_input(false);
    nul.sections.body_image = Some("a\0b".into());
    let mut huge = intake_input(false);
    huge.sections.goals_expectations = Some("x".repeat(crate::input::MAX_TEXT_BYTES + 1));
    let before = f.dump();
    let (nb, clock) = f.parts();
    assert_eq!(field_of(record_intake(nb, clock, case.id, empty)), "sections.presentingProblem");
    assert_eq!(field_of(record_intake(nb, clock, case.id, nul)), "sections.bodyImage");
    assert_eq!(field_of(record_intake(nb, clock, case.id, huge)), "sections.goalsExpectations");
    assert_eq!(f.dump(), before);
    let (nb, clock) = f.parts();
    let minimal = IntakeInput {
        sections: IntakeSections {
            presenting_problem: "Pain at penetration.".into(),
            ..IntakeSections::default()
        },
        complete: true,
        sign: false,
    };
    record_intake(nb, clock, case.id, minimal).unwrap();
}

#[test]
fn completing_and_signing_in_one_save_signs_with_the_name_from_settings() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let before = f.dump();
    let (nb, clock) = f.parts();
    // Signing needs completing, and a name to sign with: both refused without writing.
    let unfinished = IntakeInput { sign: true, ..intake_input(false) };
    assert_eq!(field_of(record_intake(nb, clock, case.id, unfinished)), "sign");
    let signed = IntakeInput { sign: true, ..intake_input(true) };
    assert_eq!(rule_of(record_intake(nb, clock, case.id, signed.clone())), Rule::SignerNameMissing.as_str());
    assert_eq!(f.dump(), before);
    f.set_name("Dr Test");
    let (nb, clock) = f.parts();
    let view = record_intake(nb, clock, case.id, signed.clone()).unwrap();
    assert!(view.completed_at.is_some() && view.signed_at.is_some());
    assert_eq!(progress(nb.store().conn(), case.id).unwrap(), IntakeProgress::Signed);
    let signing = crate::record::get_signing(nb, clock, crate::record::RecordRef::Intake(case.id)).unwrap();
    assert_eq!(signing.signature.map(|s| s.signed_by), Some("Dr Test".to_string()));
    assert_eq!(rule_of(record_intake(nb, clock, case.id, signed)), Rule::IntakeCompleted.as_str());
    let history = crate::record::audit::case_history(nb, case.id).unwrap();
    let actions: Vec<_> = history.iter().map(|e| e.action).collect();
    assert_eq!(actions.iter().filter(|a| **a == crate::record::audit::AuditAction::Signed).count(), 1);
}
