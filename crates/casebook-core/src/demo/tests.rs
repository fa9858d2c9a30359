//! The demo notebook opens with its four fictional cases at their stages.

use super::*;
use crate::case::{CaseFilter, CaseStatus, list_cases};
use crate::clock::ManualClock;
use crate::location::Location;
use crate::medical::RuleOutStatus;
use crate::vault::VaultConfig;
use crate::workflow::CaseStage;

#[test]
fn the_demo_holds_four_fictional_cases_at_different_stages() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = NotebookConfig::new(Location::new(dir.path().join("demo")));
    config.vault = VaultConfig::fast_for_tests();
    let clock = ManualClock::new(crate::clock::test_start());
    let mut demo = create_demo_notebook(config, Arc::new(clock.clone())).unwrap();
    let view = demo.view();
    assert_eq!(view.cases, 4);
    assert_eq!(view.passphrase.split(' ').count(), 5);
    let open = demo.notebook.open_mut().unwrap();
    let cases = list_cases(open, &clock, CaseFilter::default()).unwrap();
    assert!(cases.iter().all(|c| c.client_name.ends_with("(demo)")));
    let stage_of = |id| cases.iter().find(|c| c.id == id).map(|c| c.stage);
    let ids = &demo.cases;
    assert_eq!(stage_of(ids[0]), Some(CaseStage::Plan));
    assert_eq!(stage_of(ids[1]), Some(CaseStage::Ongoing));
    assert_eq!(stage_of(ids[2]), Some(CaseStage::Assessment));
    assert_eq!(stage_of(ids[3]), Some(CaseStage::Closed));
    let couple = crate::case::get_case(open, &clock, ids[1]).unwrap();
    assert!(couple.partner.is_some_and(|p| p.own_consent_active && p.person.full_name.ends_with("(demo)")));
    assert_eq!(couple.session_count, 5);
    assert!(couple.next_appointment.is_some());
    let vaginismus = crate::case::get_case(open, &clock, ids[2]).unwrap();
    assert_eq!(vaginismus.rule_out_status, RuleOutStatus::AwaitingResult);
    assert!(vaginismus.medical_reminder.is_some());
    let closed = crate::case::get_case(open, &clock, ids[3]).unwrap();
    assert_eq!(closed.status, CaseStatus::Closed);
    demo.notebook.lock();
    demo.notebook.unlock(&view.passphrase).unwrap();
}
