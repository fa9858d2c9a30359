//! Medical liaison tests: rule-out history and reminder, practitioners, and referrals that need a
//! release consent naming their recipient.

use super::*;
use crate::consent::{
    ConsentInput, ConsentMethod, ConsentTerms, WithdrawConsent, record_consent, withdraw_consent,
};
use crate::person::PersonId;
use crate::testing::{Fixture, field_of, rule_of};
use crate::workflow::Rule;

fn practitioner(kind: PractitionerKind, name: &str) -> PractitionerInput {
    PractitionerInput { kind, name: name.into(), practice: None, phone: None, email: None, address: None }
}

fn release(client: PersonId, recipient: PractitionerId, given_on: NaiveDate) -> ConsentInput {
    ConsentInput {
        given_by: client,
        terms: ConsentTerms::ReleaseOfInformation {
            recipient,
            shared_information: "Reason for referral.".into(),
        },
        given_on,
        expires_on: None,
        method: ConsentMethod::Written,
        note: None,
    }
}

#[test]
fn the_rule_out_status_keeps_its_history_and_reminds_while_pending() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    assert!(case.medical_reminder.is_some());
    let on = f.days_ago(20);
    let (nb, clock) = f.parts();
    let change = |status| RuleOutInput { status, on_date: on, note: None };
    let view = set_rule_out_status(nb, clock, case.id, change(RuleOutStatus::AwaitingResult)).unwrap();
    assert_eq!(view.status, RuleOutStatus::AwaitingResult);
    assert!(view.reminder.unwrap().contains("awaiting result"));
    let view = set_rule_out_status(nb, clock, case.id, change(RuleOutStatus::RuledOut)).unwrap();
    assert_eq!(view.reminder, None);
    assert_eq!(view.history.len(), 2);
    let case = crate::case::get_case(nb, clock, case.id).unwrap();
    assert_eq!((case.rule_out_status, case.medical_reminder), (RuleOutStatus::RuledOut, None));
    let early = RuleOutInput { status: RuleOutStatus::Referred, on_date: f.days_ago(61), note: None };
    let (nb, clock) = f.parts();
    assert_eq!(field_of(set_rule_out_status(nb, clock, case.id, early)), "onDate");
}

#[test]
fn a_referral_needs_an_active_release_naming_that_practitioner() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let (nb, clock) = f.parts();
    let gp = add_practitioner(nb, clock, practitioner(PractitionerKind::Gp, "Dr Placeholder GP")).unwrap();
    let uro = add_practitioner(nb, clock, practitioner(PractitionerKind::Urologist, "Dr Sample Urologist"))
        .unwrap();
    let referral = ReferralInput {
        practitioner: uro.id,
        referred_on: f.days_ago(5),
        reason: "Assess vascular causes.".into(),
        note: None,
    };
    let before = f.dump();
    let (nb, clock) = f.parts();
    assert_eq!(rule_of(add_referral(nb, clock, case.id, referral.clone())), Rule::ReleaseConsent.as_str());
    // A release to the GP does not cover the urologist.
    let gp_release = release(case.client.id, gp.id, f.days_ago(10));
    let (nb, clock) = f.parts();
    record_consent(nb, clock, case.id, gp_release).unwrap();
    assert_eq!(rule_of(add_referral(nb, clock, case.id, referral.clone())), Rule::ReleaseConsent.as_str());
    let uro_release = release(case.client.id, uro.id, f.days_ago(10));
    let (nb, clock) = f.parts();
    let consent = record_consent(nb, clock, case.id, uro_release).unwrap();
    let made = add_referral(nb, clock, case.id, referral.clone()).unwrap();
    assert_eq!(made.consent_id, consent.id);
    let medical = get_medical(nb, case.id).unwrap();
    assert_eq!(medical.status, RuleOutStatus::Referred, "not assessed becomes referred");
    assert_eq!(medical.referrals, vec![made.clone()]);
    assert_eq!(medical.history.len(), 1, "the referral's own status row");
    // Saying "referred" again by hand is refused: one event, one row.
    let again = RuleOutInput { status: RuleOutStatus::Referred, on_date: f.days_ago(4), note: None };
    let before_again = f.dump();
    let (nb, clock) = f.parts();
    assert_eq!(field_of(set_rule_out_status(nb, clock, case.id, again)), "status");
    assert_eq!(f.dump(), before_again);
    let (nb, clock) = f.parts();
    check_referral_letter(nb, clock, made.id).unwrap();
    let today = f.today();
    let (nb, clock) = f.parts();
    withdraw_consent(nb, clock, consent.id, WithdrawConsent { withdrawn_on: today, reason: None }).unwrap();
    assert_eq!(rule_of(check_referral_letter(nb, clock, made.id)), Rule::ReleaseConsent.as_str());
    let later = ReferralInput { referred_on: today, ..referral };
    assert_eq!(rule_of(add_referral(nb, clock, case.id, later)), Rule::ReleaseConsent.as_str());
    assert_ne!(f.dump(), before);
}

#[test]
fn invalid_referrals_and_practitioners_name_the_field() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let (nb, clock) = f.parts();
    assert_eq!(field_of(add_practitioner(nb, clock, practitioner(PractitionerKind::Gp, " "))), "name");
    let bad =
        PractitionerInput { address: Some("x".repeat(1001)), ..practitioner(PractitionerKind::Gp, "Dr A") };
    assert_eq!(field_of(add_practitioner(nb, clock, bad)), "address");
    let gp = add_practitioner(nb, clock, practitioner(PractitionerKind::Gp, "Dr Placeholder GP")).unwrap();
    let renamed =
        update_practitioner(nb, clock, gp.id, practitioner(PractitionerKind::Endocrinologist, "Dr B"))
            .unwrap();
    assert_eq!(list_practitioners(nb).unwrap(), vec![renamed]);
    let missing =
        update_practitioner(nb, clock, PractitionerId(99), practitioner(PractitionerKind::Gp, "Dr C"));
    assert!(matches!(missing, Err(Error::NotFound(_))));
    let ok =
        ReferralInput { practitioner: gp.id, referred_on: f.today(), reason: "Check.".into(), note: None };
    let cases = [
        (ReferralInput { reason: "".into(), ..ok.clone() }, "reason"),
        (ReferralInput { practitioner: PractitionerId(99), ..ok.clone() }, "practitioner"),
        (ReferralInput { referred_on: f.today() + chrono::Duration::days(1), ..ok.clone() }, "referredOn"),
    ];
    for (input, field) in cases {
        let (nb, clock) = f.parts();
        assert_eq!(field_of(add_referral(nb, clock, case.id, input)), field);
    }
}
