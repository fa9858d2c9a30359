//! Person tests: details checked on the way in, and the partner only with consent.

use super::*;
use crate::testing::{Fixture, field_of, person_input, rule_of};
use crate::workflow::Rule;
use chrono::Duration;

#[test]
fn a_partner_is_added_once_and_only_to_a_case_with_a_partner() {
    let mut f = Fixture::new();
    let single = f.new_case(false);
    let (nb, clock) = f.parts();
    assert_eq!(
        rule_of(add_partner(nb, clock, single.id, person_input("Sam Example"))),
        Rule::NoPartner.as_str()
    );
    let case = f.new_case(true);
    f.partner_consent(&case);
    let partner = f.add_partner(case.id);
    assert_eq!(partner.full_name, "Sam Example");
    let (nb, clock) = f.parts();
    assert!(matches!(
        add_partner(nb, clock, case.id, person_input("Another Example")),
        Err(Error::Conflict(_))
    ));
    let view = crate::case::get_case(nb, clock, case.id).unwrap();
    assert_eq!(view.partner.unwrap().person.id, partner.id);
    assert_eq!(get_person(nb, partner.id).unwrap(), partner);
}

#[test]
fn details_are_checked_and_a_refusal_writes_nothing() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let id = case.client.id;
    let tomorrow = f.today() + Duration::days(1);
    let cases = [
        (PersonInput { phone: Some("call me maybe".into()), ..person_input("Ari") }, "phone"),
        (PersonInput { email: Some("a@b".into()), ..person_input("Ari") }, "email"),
        (PersonInput { date_of_birth: Some(tomorrow), ..person_input("Ari") }, "dateOfBirth"),
        (PersonInput { address: Some("x".repeat(1001)), ..person_input("Ari") }, "address"),
        (PersonInput { pronouns: Some("a\tb".into()), ..person_input("Ari") }, "pronouns"),
        (person_input(&"n".repeat(201)), "fullName"),
    ];
    let before = f.dump();
    for (input, field) in cases {
        let (nb, clock) = f.parts();
        assert_eq!(field_of(update_person(nb, clock, id, input)), field);
    }
    assert_eq!(f.dump(), before);
    let (nb, clock) = f.parts();
    let ok = PersonInput {
        phone: Some("+27 (0)21 555-0100".into()),
        email: Some("ari@example.org".into()),
        address: Some("1 Example Street\nCape Town".into()),
        age_band: Some(AgeBand::From25To34),
        ..person_input("  Ari   Example ")
    };
    let view = update_person(nb, clock, id, ok).unwrap();
    assert_eq!(view.full_name, "Ari   Example");
    assert_eq!(view.age_band, Some(AgeBand::From25To34));
    assert!(matches!(update_person(nb, clock, PersonId(999), person_input("X")), Err(Error::NotFound(_))));
}
