//! What is due, on a real notebook: each kind listed when it should be and not before, the
//! pressing ones first, and closing a case with unsigned notes refused or signing them as it
//! closes.

use super::*;
use crate::case::{self, CloseCase, ClosingReason, NoteToSign};
use crate::consent;
use crate::drafts;
use crate::medical::{self, RuleOutInput};
use crate::record::{self, SignInput};
use crate::session::{self, SessionKind};
use crate::testing::{Fixture, field_of, partner_involvement, rule_of, session_input};
use crate::workflow::Rule;

fn close_input(today: chrono::NaiveDate, sign_notes: Vec<NoteToSign>) -> CloseCase {
    CloseCase {
        closed_on: today,
        reason: ClosingReason::GoalsAchieved,
        reason_note: None,
        discharge_summary: "Goals met.".into(),
        sign_notes,
    }
}

fn notes(list: &DueList) -> Vec<(SessionId, bool)> {
    list.items
        .iter()
        .filter_map(|i| match i {
            DueItem::NoteToSign { session_id, late, .. } => Some((*session_id, *late)),
            _ => None,
        })
        .collect()
}

/// A case with a late intake note (50 days ago) and a note held today, both unsigned.
fn case_with_two_unsigned(f: &mut Fixture) -> (crate::case::CaseView, SessionId, SessionId) {
    f.set_name("Dr Test");
    let case = f.new_case(false);
    let intake = f.intake_session(&case).id;
    let today = session_input(SessionKind::Individual, f.today(), vec![case.client.id]);
    let (nb, clock) = f.parts();
    let fresh = session::record_session(nb, clock, case.id, today).unwrap().id;
    (case, intake, fresh)
}

#[test]
fn unsigned_notes_are_listed_late_first_and_counted_on_the_case_and_the_list() {
    let mut f = Fixture::new();
    let (case, late, fresh) = case_with_two_unsigned(&mut f);
    let (nb, clock) = f.parts();
    let list = due(nb, clock).unwrap();
    assert_eq!(notes(&list), vec![(late, true), (fresh, false)]);
    assert_eq!(list.unsigned_notes, 2);
    let Some(DueItem::NoteToSign { late_at, .. }) = list
        .items
        .iter()
        .find(|i| matches!(i, DueItem::NoteToSign { session_id, .. } if *session_id == fresh))
    else {
        panic!("the fresh note is listed");
    };
    // It turns late 24 hours after the session ends, which is within the coming day.
    assert!(*late_at > clock.now() && *late_at <= clock.now() + Duration::hours(LATE_AFTER_HOURS));
    assert_eq!(case::get_case(nb, clock, case.id).unwrap().unsigned_notes, 2);
    let row = case::list_cases(nb, clock, Default::default()).unwrap();
    assert_eq!(row[0].unsigned_notes, 2);
    record::sign_record(nb, clock, record::RecordRef::SessionNote(fresh), SignInput::default()).unwrap();
    assert_eq!(notes(&due(nb, clock).unwrap()), vec![(late, true)]);
    assert_eq!(case::get_case(nb, clock, case.id).unwrap().unsigned_notes, 1);
    assert_eq!(case::list_cases(nb, clock, Default::default()).unwrap()[0].unsigned_notes, 1);
}

#[test]
fn a_case_with_unsigned_notes_does_not_close_until_they_are_signed() {
    let mut f = Fixture::new();
    let (case, late, fresh) = case_with_two_unsigned(&mut f);
    let today = f.today();
    let before = f.dump();
    let (nb, clock) = f.parts();
    // Not a word about them: refused with the rule named.
    assert_eq!(
        rule_of(case::close_case(nb, clock, case.id, close_input(today, vec![]))),
        Rule::UnsignedNotes.as_str()
    );
    // One of two signed: still refused, and the one is not signed either.
    let one = vec![NoteToSign { session_id: fresh, late_reason: None }];
    let (nb, clock) = f.parts();
    assert_eq!(
        rule_of(case::close_case(nb, clock, case.id, close_input(today, one))),
        Rule::UnsignedNotes.as_str()
    );
    // The late one without its reason names its field.
    let no_reason = vec![
        NoteToSign { session_id: fresh, late_reason: None },
        NoteToSign { session_id: late, late_reason: None },
    ];
    let (nb, clock) = f.parts();
    assert_eq!(
        field_of(case::close_case(nb, clock, case.id, close_input(today, no_reason))),
        "signNotes.1.lateReason"
    );
    // A note of another case is not this case's to sign.
    let other = f.new_case(false);
    let stranger = f.intake_session(&other).id;
    let before_other = f.dump();
    let wrong = vec![NoteToSign { session_id: stranger, late_reason: None }];
    let (nb, clock) = f.parts();
    assert_eq!(
        field_of(case::close_case(nb, clock, case.id, close_input(today, wrong))),
        "signNotes.0.sessionId"
    );
    assert_eq!(f.dump(), before_other);
    assert_ne!(before, before_other);
    // Both, with the late reason: signed and closed in one change.
    let both = vec![
        NoteToSign { session_id: late, late_reason: Some("Written up after a week away.".into()) },
        NoteToSign { session_id: fresh, late_reason: None },
    ];
    let (nb, clock) = f.parts();
    let closed = case::close_case(nb, clock, case.id, close_input(today, both)).unwrap();
    assert_eq!(closed.status, crate::case::CaseStatus::Closed);
    assert_eq!(closed.unsigned_notes, 0);
    let signing = record::get_signing(nb, clock, record::RecordRef::SessionNote(late)).unwrap();
    assert_eq!(
        signing.signature.and_then(|s| s.late_reason).as_deref(),
        Some("Written up after a week away.")
    );
    let history = record::audit::case_history(nb, case.id).unwrap();
    let signed = history.iter().filter(|e| e.action == record::audit::AuditAction::Signed).count();
    assert_eq!(signed, 2, "an audit entry per note signed");
}

#[test]
fn plan_reviews_are_listed_a_week_ahead_and_flagged_once_overdue() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    f.intake_session(&case);
    f.complete_intake(case.id);
    f.formulation(case.id);
    let plan = f.plan(case.id);
    let reviews = |f: &mut Fixture| -> Vec<(CaseId, bool)> {
        let (nb, clock) = f.parts();
        due(nb, clock)
            .unwrap()
            .items
            .into_iter()
            .filter_map(|i| match i {
                DueItem::PlanReview { case_id, overdue, .. } => Some((case_id, overdue)),
                _ => None,
            })
            .collect()
    };
    let days_left = (plan.review_on - f.today()).num_days();
    f.advance_days(days_left - REVIEW_AHEAD_DAYS - 1);
    assert_eq!(reviews(&mut f), vec![], "eight days ahead: not yet");
    f.advance_days(1);
    assert_eq!(reviews(&mut f), vec![(case.id, false)]);
    f.advance_days(REVIEW_AHEAD_DAYS + 1);
    assert_eq!(reviews(&mut f), vec![(case.id, true)]);
}

#[test]
fn consents_rule_outs_drafts_and_the_backup_are_listed_with_their_case() {
    let mut f = Fixture::new();
    let case = f.new_case(true);
    let mut consent = partner_involvement(case.client.id, f.days_ago(40));
    consent.expires_on = Some(f.today() + Duration::days(20));
    let (nb, clock) = f.parts();
    consent::record_consent(nb, clock, case.id, consent).unwrap();
    let referred =
        RuleOutInput { status: crate::medical::RuleOutStatus::Referred, on_date: f.days_ago(10), note: None };
    let (nb, clock) = f.parts();
    medical::set_rule_out_status(nb, clock, case.id, referred).unwrap();
    let key = format!("case:{}:formulation:nodalPoint", case.id.0);
    drafts::save_draft(nb, clock, &key, "Half a thought").unwrap();
    drafts::save_draft(nb, clock, &format!("case:{}:formulation:problemStatement", case.id.0), "More")
        .unwrap();
    drafts::save_draft(nb, clock, "settings:unrelated", "Not a case's").unwrap();
    drafts::save_draft(nb, clock, "case:999:plan:goals", "A case that is not there").unwrap();
    let list = due(nb, clock).unwrap();
    let kinds: Vec<&str> = list
        .items
        .iter()
        .map(|i| match i {
            DueItem::ConsentExpiring {
                expired: false,
                consent_kind: crate::consent::ConsentKind::PartnerInvolvement,
                ..
            } => "consent",
            DueItem::Draft { form, .. } if form == "formulation" => "draft",
            DueItem::Backup { last_made_at: None, .. } => "backup",
            other => panic!("not expected now: {other:?}"),
        })
        .collect();
    // One draft item for the form, however many of its fields were kept.
    assert_eq!(kinds, vec!["backup", "consent", "draft"]);
    // The referral is listed once it has waited four weeks.
    f.advance_days(RULE_OUT_WAIT_DAYS - 10);
    let (nb, clock) = f.parts();
    let list = due(nb, clock).unwrap();
    assert!(list.items.iter().any(
        |i| matches!(i, DueItem::AwaitingRuleOut { case_id, weeks_waiting: 4, .. } if *case_id == case.id)
    ));
    // A consent that expired is still listed for a while, as expired.
    f.advance_days(10);
    let (nb, clock) = f.parts();
    let list = due(nb, clock).unwrap();
    assert!(list.items.iter().any(|i| matches!(i, DueItem::ConsentExpiring { expired: true, .. })));
    // A closed case asks for nothing but its unsigned notes.
    let today = f.today();
    let (nb, clock) = f.parts();
    case::close_case(nb, clock, case.id, close_input(today, vec![])).unwrap();
    let list = due(nb, clock).unwrap();
    assert!(list.items.iter().all(|i| matches!(i, DueItem::Draft { .. } | DueItem::Backup { .. })));
}
