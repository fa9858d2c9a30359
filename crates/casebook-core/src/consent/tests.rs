//! Consent tests: typing, versions, withdrawal, expiry, and the partner rules built on them.

use super::*;
use crate::error::Error;
use crate::medical::{self, PractitionerInput, PractitionerKind};
use crate::person;
use crate::session::{self, SessionKind};
use crate::testing::{Fixture, field_of, partner_involvement, person_input, rule_of, session_input};
use crate::workflow::{PartnerConsentState, Rule};
use chrono::Duration;

fn withdraw(on: NaiveDate) -> WithdrawConsent {
    WithdrawConsent { withdrawn_on: on, reason: Some("Client prefers individual work.".into()) }
}

#[test]
fn the_terms_cross_ipc_tagged_by_kind() {
    let terms =
        ConsentTerms::PartnerInvolvement { scope: "s".into(), secrets_policy: SecretsPolicy::Limited };
    let json = serde_json::to_value(&terms).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"kind": "partner_involvement", "scope": "s", "secretsPolicy": "limited"})
    );
    let back: ConsentTerms = serde_json::from_value(json).unwrap();
    assert_eq!(back, terms);
    let own: ConsentTerms = serde_json::from_str(r#"{"kind":"partner_own","role":"collateral"}"#).unwrap();
    assert_eq!(own, ConsentTerms::PartnerOwn { role: PartnerRole::Collateral });
}

#[test]
fn partner_involvement_needs_a_partner_in_the_case_and_comes_from_the_client() {
    let mut f = Fixture::new();
    let single = f.new_case(false);
    let input = partner_involvement(single.client.id, f.days_ago(10));
    let (nb, clock) = f.parts();
    assert_eq!(rule_of(record_consent(nb, clock, single.id, input)), Rule::NoPartner.as_str());
    let (case, partner) = f.couple();
    let from_partner = partner_involvement(partner.id, f.days_ago(10));
    let (nb, clock) = f.parts();
    assert_eq!(field_of(record_consent(nb, clock, case.id, from_partner)), "givenBy");
    let view = f.partner_consent(&case);
    assert_eq!(view.status, ConsentStatus::Active);
    assert_eq!(view.given_by, case.client.id);
}

#[test]
fn recording_again_adds_a_version_and_keeps_the_earlier_one() {
    let mut f = Fixture::new();
    let case = f.new_case(true);
    let first = f.partner_consent(&case);
    assert_eq!(first.version, 1);
    let mut again = partner_involvement(case.client.id, f.days_ago(5));
    again.terms = ConsentTerms::PartnerInvolvement {
        scope: "Everything may be shared.".into(),
        secrets_policy: SecretsPolicy::None,
    };
    let (nb, clock) = f.parts();
    let second = record_consent(nb, clock, case.id, again).unwrap();
    assert_eq!(second.version, 2);
    let all = list_consents(nb, clock, case.id).unwrap();
    assert_eq!(
        all.iter().map(|c| (c.version, c.status)).collect::<Vec<_>>(),
        vec![(1, ConsentStatus::Superseded), (2, ConsentStatus::Active)]
    );
}

#[test]
fn withdrawal_keeps_the_history_and_stops_partner_work() {
    let mut f = Fixture::new();
    let (case, partner) = f.couple();
    let (nb, clock) = f.parts();
    let consents = list_consents(nb, clock, case.id).unwrap();
    let consent = consents.into_iter().find(|c| c.terms.kind() == ConsentKind::PartnerInvolvement).unwrap();
    let before_given = withdraw(consent.given_on - Duration::days(1));
    let (nb, clock) = f.parts();
    assert_eq!(field_of(withdraw_consent(nb, clock, consent.id, before_given)), "withdrawnOn");
    let today = f.today();
    let (nb, clock) = f.parts();
    let withdrawn = withdraw_consent(nb, clock, consent.id, withdraw(today)).unwrap();
    assert_eq!(withdrawn.status, ConsentStatus::Withdrawn);
    assert_eq!(withdrawn.withdrawn_on, Some(today));
    assert_eq!(list_consents(nb, clock, case.id).unwrap().len(), 2, "nothing is deleted");
    assert_eq!(
        rule_of(withdraw_consent(nb, clock, consent.id, withdraw(today))),
        Rule::ConsentNotCurrent.as_str()
    );
    let view = crate::case::get_case(nb, clock, case.id).unwrap();
    assert_eq!(view.partner_consent, PartnerConsentState::Withdrawn);
    // No partner details may change now; the client's still may.
    let err = person::update_person(nb, clock, partner.id, person_input("Sam Renamed")).unwrap_err();
    assert!(
        matches!(&err, Error::Workflow { rule, message } if *rule == crate::workflow::Rule::PartnerInvolvementConsent && message.contains("withdrawn"))
    );
    person::update_person(nb, clock, case.client.id, person_input("Ari Renamed")).unwrap();
    let couples = session_input(SessionKind::Couples, today, vec![case.client.id, partner.id]);
    assert_eq!(
        rule_of(session::record_session(nb, clock, case.id, couples)),
        Rule::CouplesSessionConsent.as_str()
    );
}

#[test]
fn a_superseded_version_cannot_be_withdrawn() {
    let mut f = Fixture::new();
    let case = f.new_case(true);
    let first = f.partner_consent(&case);
    f.partner_consent(&case);
    let today = f.today();
    let (nb, clock) = f.parts();
    assert_eq!(
        rule_of(withdraw_consent(nb, clock, first.id, withdraw(today))),
        Rule::ConsentNotCurrent.as_str()
    );
    assert!(matches!(withdraw_consent(nb, clock, ConsentId(999), withdraw(today)), Err(Error::NotFound(_))));
}

#[test]
fn an_expired_consent_is_no_longer_active() {
    let mut f = Fixture::new();
    let case = f.new_case(true);
    let mut input = partner_involvement(case.client.id, f.days_ago(10));
    input.expires_on = Some(f.today() + Duration::days(5));
    let (nb, clock) = f.parts();
    record_consent(nb, clock, case.id, input).unwrap();
    f.advance_days(6);
    let (nb, clock) = f.parts();
    assert_eq!(list_consents(nb, clock, case.id).unwrap()[0].status, ConsentStatus::Expired);
    let err = person::add_partner(nb, clock, case.id, person_input("Sam Example")).unwrap_err();
    assert!(matches!(&err, Error::Workflow { message, .. } if message.contains("expired")));
}

#[test]
fn the_partners_own_consent_needs_the_partner_and_the_clients_consent() {
    let mut f = Fixture::new();
    let case = f.new_case(true);
    let own = |by, on| ConsentInput {
        given_by: by,
        terms: ConsentTerms::PartnerOwn { role: PartnerRole::Collateral },
        given_on: on,
        expires_on: None,
        method: ConsentMethod::Verbal,
        note: None,
    };
    let on = f.days_ago(3);
    let (nb, clock) = f.parts();
    assert_eq!(
        rule_of(record_consent(nb, clock, case.id, own(case.client.id, on))),
        Rule::PartnerNotAdded.as_str()
    );
    assert_eq!(
        rule_of(person::add_partner(nb, clock, case.id, person_input("Sam Example"))),
        Rule::PartnerInvolvementConsent.as_str()
    );
    f.partner_consent(&case);
    let partner = f.add_partner(case.id);
    let (nb, clock) = f.parts();
    assert_eq!(field_of(record_consent(nb, clock, case.id, own(case.client.id, on))), "givenBy");
    let view = record_consent(nb, clock, case.id, own(partner.id, on)).unwrap();
    assert_eq!(view.terms, ConsentTerms::PartnerOwn { role: PartnerRole::Collateral });
    let shown = crate::case::get_case(nb, clock, case.id).unwrap().partner.unwrap();
    assert_eq!((shown.role, shown.own_consent_active), (Some(PartnerRole::Collateral), true));
}

#[test]
fn invalid_consents_name_the_field_and_write_nothing() {
    let mut f = Fixture::new();
    let case = f.new_case(true);
    let ok = partner_involvement(case.client.id, f.days_ago(10));
    let empty_scope = ConsentInput {
        terms: ConsentTerms::PartnerInvolvement { scope: " ".into(), secrets_policy: SecretsPolicy::None },
        ..ok.clone()
    };
    let release = ConsentInput {
        terms: ConsentTerms::ReleaseOfInformation {
            recipient: PractitionerId(77),
            shared_information: "Summary".into(),
        },
        ..ok.clone()
    };
    let cases = [
        (empty_scope, "terms.scope"),
        (ConsentInput { expires_on: Some(ok.given_on), ..ok.clone() }, "expiresOn"),
        (ConsentInput { given_on: f.today() + Duration::days(1), ..ok.clone() }, "givenOn"),
        (ConsentInput { given_on: f.days_ago(61), ..ok.clone() }, "givenOn"),
        (ConsentInput { note: Some("\u{0}".into()), ..ok.clone() }, "note"),
        (ConsentInput { given_by: PersonId(999), ..ok.clone() }, "givenBy"),
        (release, "terms.recipient"),
    ];
    let before = f.dump();
    for (input, field) in cases {
        let (nb, clock) = f.parts();
        assert_eq!(field_of(record_consent(nb, clock, case.id, input)), field);
    }
    assert_eq!(f.dump(), before);
}

#[test]
fn a_release_names_its_recipient() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let gp = PractitionerInput {
        kind: PractitionerKind::Gp,
        name: "Dr Placeholder GP".into(),
        practice: None,
        phone: None,
        email: None,
        address: None,
    };
    let (nb, clock) = f.parts();
    let gp = medical::add_practitioner(nb, clock, gp).unwrap();
    let input = ConsentInput {
        given_by: case.client.id,
        terms: ConsentTerms::ReleaseOfInformation {
            recipient: gp.id,
            shared_information: "Referral reason only.".into(),
        },
        given_on: f.days_ago(1),
        expires_on: None,
        method: ConsentMethod::Written,
        note: None,
    };
    let (nb, clock) = f.parts();
    let view = record_consent(nb, clock, case.id, input).unwrap();
    assert_eq!(view.terms.kind(), ConsentKind::ReleaseOfInformation);
    assert!(matches!(view.terms, ConsentTerms::ReleaseOfInformation { recipient, .. } if recipient == gp.id));
}
