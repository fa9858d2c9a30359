//! Diagnosis tests: the seed catalogue as data, codes with their system, and partner diagnoses
//! only with consent.

use super::*;
use crate::consent::{WithdrawConsent, withdraw_consent};
use crate::testing::{Fixture, field_of, rule_of};
use crate::workflow::Rule;

fn input(person: PersonId, on: NaiveDate) -> DiagnosisInput {
    DiagnosisInput {
        person,
        catalogue_entry: Some(CatalogueEntryId(1)),
        name: "Erectile disorder".into(),
        code: Code { system: CodeSystem::Icd10Cm, code: "f52.21".into() },
        status: DiagnosisStatus::Provisional,
        course: Some(Course::Acquired),
        context: Some(Context::Situational),
        severity: Some(Severity::Moderate),
        note: None,
        recorded_on: on,
    }
}

#[test]
fn the_catalogue_is_seeded_from_the_domain_table_with_unverified_codes_marked() {
    let mut f = Fixture::new();
    let entries = list_diagnosis_catalogue(f.nb()).unwrap();
    assert_eq!(entries.len(), 10);
    let ed = &entries[0];
    assert_eq!(ed.difficulty.as_deref(), Some("erectile_dysfunction"));
    assert!(ed.codes.contains(&CatalogueCode {
        system: CodeSystem::Icd10Cm,
        code: "F52.21".into(),
        verified: true
    }));
    let dyspareunia = entries.iter().find(|e| e.difficulty.as_deref() == Some("dyspareunia")).unwrap();
    let ga12 = dyspareunia.codes.iter().find(|c| c.code == "GA12").unwrap();
    assert!(!ga12.verified);
    assert!(entries.iter().all(|e| !e.hint.is_empty()));
}

#[test]
fn the_catalogue_can_be_edited() {
    let mut f = Fixture::new();
    let nb = f.nb();
    let entry = CatalogueEntryInput {
        difficulty: Some("other".into()),
        name: "Sexual dysfunction not otherwise listed".into(),
        hint: None,
        codes: vec![
            CatalogueCode { system: CodeSystem::Icd11, code: "ha0z".into(), verified: false },
            CatalogueCode { system: CodeSystem::Icd11, code: "HA0Z".into(), verified: false },
        ],
        retired: false,
    };
    let added = save_catalogue_entry(nb, None, entry.clone()).unwrap();
    assert_eq!(added.codes.len(), 1);
    let retired =
        save_catalogue_entry(nb, Some(added.id), CatalogueEntryInput { retired: true, ..entry.clone() })
            .unwrap();
    assert!(retired.retired);
    assert_eq!(list_diagnosis_catalogue(nb).unwrap().len(), 11);
    let bad = CatalogueEntryInput { difficulty: Some("nope".into()), ..entry.clone() };
    assert_eq!(field_of(save_catalogue_entry(nb, None, bad)), "difficulty");
    let bad_code = CatalogueEntryInput {
        codes: vec![CatalogueCode { system: CodeSystem::Icd10Who, code: "F52 .0".into(), verified: true }],
        ..entry.clone()
    };
    assert_eq!(field_of(save_catalogue_entry(nb, None, bad_code)), "codes.0.code");
    assert!(matches!(save_catalogue_entry(nb, Some(CatalogueEntryId(999)), entry), Err(Error::NotFound(_))));
}

#[test]
fn a_diagnosis_names_its_code_system_and_can_change_status() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let on = f.days_ago(1);
    let (nb, clock) = f.parts();
    let d = record_diagnosis(nb, clock, case.id, input(case.client.id, on)).unwrap();
    assert_eq!(d.code, Code { system: CodeSystem::Icd10Cm, code: "F52.21".into() });
    let confirmed = DiagnosisInput { status: DiagnosisStatus::Confirmed, ..input(case.client.id, on) };
    assert_eq!(update_diagnosis(nb, clock, d.id, confirmed).unwrap().status, DiagnosisStatus::Confirmed);
    assert_eq!(list_diagnoses(nb, case.id).unwrap().len(), 1);
}

#[test]
fn invalid_diagnoses_name_the_field_and_write_nothing() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let other = f.new_case(false);
    let ok = input(case.client.id, f.days_ago(1));
    let cases = [
        (
            DiagnosisInput { code: Code { system: CodeSystem::Icd11, code: "".into() }, ..ok.clone() },
            "code.code",
        ),
        (
            DiagnosisInput { code: Code { system: CodeSystem::Icd11, code: "<b>".into() }, ..ok.clone() },
            "code.code",
        ),
        (DiagnosisInput { name: "".into(), ..ok.clone() }, "name"),
        (DiagnosisInput { catalogue_entry: Some(CatalogueEntryId(999)), ..ok.clone() }, "catalogueEntry"),
        (DiagnosisInput { person: other.client.id, ..ok.clone() }, "person"),
        (DiagnosisInput { recorded_on: f.today() + chrono::Duration::days(1), ..ok.clone() }, "recordedOn"),
    ];
    let before = f.dump();
    for (input, field) in cases {
        let (nb, clock) = f.parts();
        assert_eq!(field_of(record_diagnosis(nb, clock, case.id, input)), field);
    }
    assert_eq!(f.dump(), before);
}

#[test]
fn a_partner_diagnosis_needs_the_clients_consent() {
    let mut f = Fixture::new();
    let (case, partner) = f.couple();
    let on = f.today();
    let (nb, clock) = f.parts();
    record_diagnosis(nb, clock, case.id, input(partner.id, on)).unwrap();
    let consent = crate::consent::list_consents(nb, clock, case.id).unwrap()[0].id;
    withdraw_consent(nb, clock, consent, WithdrawConsent { withdrawn_on: on, reason: None }).unwrap();
    let refused = record_diagnosis(nb, clock, case.id, input(partner.id, on));
    assert_eq!(rule_of(refused), Rule::PartnerInvolvementConsent.as_str());
    record_diagnosis(nb, clock, case.id, input(case.client.id, on)).unwrap();
}
