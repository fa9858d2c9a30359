//! The demo notebook opens with its four fictional cases at their stages, each formulated in its
//! own terms, with signed notes, notes to sign and a plan review overdue.

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
    assert_eq!(stage_of(ids[2]), Some(CaseStage::Formulation));
    assert_eq!(stage_of(ids[3]), Some(CaseStage::Closed));
    let couple = crate::case::get_case(open, &clock, ids[1]).unwrap();
    assert!(couple.partner.is_some_and(|p| p.own_consent_active && p.person.full_name.ends_with("(demo)")));
    assert_eq!(couple.session_count, 6);
    assert!(couple.next_appointment.is_some());
    let vaginismus = crate::case::get_case(open, &clock, ids[2]).unwrap();
    assert_eq!(vaginismus.rule_out_status, RuleOutStatus::AwaitingResult);
    assert!(vaginismus.medical_reminder.is_some());
    let closed = crate::case::get_case(open, &clock, ids[3]).unwrap();
    assert_eq!(closed.status, CaseStatus::Closed);
    demo.notebook.lock();
    demo.notebook.unlock(&view.passphrase).unwrap();
}

/// The demo notebook, created on the tests' clock.
fn demo() -> (tempfile::TempDir, ManualClock, DemoNotebook) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = NotebookConfig::new(Location::new(dir.path().join("demo")));
    config.vault = VaultConfig::fast_for_tests();
    let clock = ManualClock::new(crate::clock::test_start());
    let demo = create_demo_notebook(config, Arc::new(clock.clone())).unwrap();
    (dir, clock, demo)
}

#[test]
fn each_demo_case_has_its_own_formulation_and_no_partnerless_one_leans_on_a_partner() {
    use crate::formulation::{FourP, list_formulation_versions};
    let (_dir, clock, mut demo) = demo();
    let open = demo.notebook.open_mut().unwrap();
    let mut nodal_points = std::collections::BTreeSet::new();
    let mut factor_lists = std::collections::BTreeSet::new();
    for &id in &demo.cases {
        let case = crate::case::get_case(open, &clock, id).unwrap();
        let versions = list_formulation_versions(open, id).unwrap();
        assert!(!versions.is_empty(), "{} has a formulation", case.client.full_name);
        for f in versions {
            let nodal = f.nodal_point.clone().unwrap();
            assert!(
                nodal_points.insert(nodal.clone()),
                "two demo formulations share the nodal point {nodal:?}"
            );
            let labels: Vec<String> = f.factors.iter().map(|x| x.label.clone()).collect();
            assert!(
                factor_lists.insert(labels.clone()),
                "two demo formulations share the factors {labels:?}"
            );
            if !case.has_partner {
                for protective in f.factors.iter().filter(|x| x.p == FourP::Protective) {
                    let text =
                        format!("{} {}", protective.label, protective.note.clone().unwrap_or_default());
                    assert!(
                        !text.to_lowercase().contains("partner"),
                        "{} has no partner, yet leans on one: {text:?}",
                        case.client.full_name
                    );
                }
            }
        }
    }
}

#[test]
fn the_demo_has_notes_signed_notes_to_sign_and_a_review_overdue() {
    use crate::due::DueItem;
    use crate::session::list_sessions;
    let (_dir, clock, mut demo) = demo();
    let open = demo.notebook.open_mut().unwrap();
    let signed: usize = demo
        .cases
        .iter()
        .map(|&id| list_sessions(open, id).unwrap().iter().filter(|s| s.signed).count())
        .sum();
    assert!(signed >= 8, "{signed} signed notes");
    let due = crate::due::due(open, &clock).unwrap();
    let notes: Vec<_> = due
        .items
        .iter()
        .filter_map(|i| match i {
            DueItem::NoteToSign { late, late_at, .. } => Some((*late, *late_at)),
            _ => None,
        })
        .collect();
    assert_eq!(notes.len(), 2, "{:#?}", due.items);
    assert!(notes.iter().any(|(late, _)| *late), "one note is late to sign");
    let now = crate::clock::Clock::now(&clock);
    assert!(
        notes.iter().any(|(late, at)| !late && *at > now && *at - now < chrono::Duration::hours(24)),
        "one note turns late within a day: {notes:?}"
    );
    let reviews: Vec<_> = due.items.iter().filter(|i| matches!(i, DueItem::PlanReview { .. })).collect();
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert!(matches!(reviews[0], DueItem::PlanReview { overdue: true, .. }));
    // The signatures name the demo's therapist.
    assert_eq!(open.settings().therapist_name, DEMO_THERAPIST);
}
