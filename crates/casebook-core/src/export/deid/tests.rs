//! The lexicon and the redaction of recorded text, on hand-made people and sections.

use super::*;
use crate::export::model::{Block, Section};
use crate::export::options::SummarySection;
use crate::medical::{PractitionerId, PractitionerKind, PractitionerView};
use crate::person::PersonId;
use crate::person::PersonView;

fn person(name: &str, phone: Option<&str>, address: Option<&str>) -> PersonView {
    PersonView {
        id: PersonId(1),
        full_name: name.into(),
        pronouns: None,
        date_of_birth: None,
        age_band: None,
        phone: phone.map(Into::into),
        email: Some("thandi.nkosi82@mail.example".into()),
        address: address.map(Into::into),
        lacks_capacity: false,
    }
}

fn lexicon() -> Lexicon {
    let mut l = Lexicon::new(2025);
    l.person(
        "Client",
        &person(
            "Thandi Nkosi",
            Some("+27 82 555 0143"),
            Some("12 Jacaranda Street\nMelville, Johannesburg 2092"),
        ),
    );
    l.person("Partner", &person("Sipho Nkosi", None, None));
    let gp = PractitionerView {
        id: PractitionerId(1),
        kind: PractitionerKind::Gp,
        name: "Dr Priya Pillay".into(),
        practice: Some("Rosebank Family Practice".into()),
        phone: None,
        email: None,
        address: None,
    };
    l.practitioner("GP", &gp);
    l.referrer("Dr Lindiwe Mokoena (psychiatrist)");
    let uro = PractitionerView {
        name: "Dr Kobus van der Merwe".into(),
        kind: PractitionerKind::Urologist,
        practice: None,
        ..gp.clone()
    };
    l.practitioner("Urologist", &uro);
    l.others_present("Interpreter, Mrs Zanele Dube");
    l.harvest("She talks to her sister Lerato most days; Mr Botha at work is kind.");
    l.extra("Soweto Bakery");
    l.extra("hope");
    l.settle();
    l
}

fn redacted(text: &str, undone: &[&str]) -> (String, Vec<Redaction>) {
    let mut sections = vec![Section {
        kind: SummarySection::History,
        title: "History".into(),
        blocks: vec![Block::Paragraph { text: Text::recorded("history.0".into(), text) }],
    }];
    let undone: BTreeSet<String> = undone.iter().map(|s| s.to_string()).collect();
    let redactions = apply(&mut sections, &lexicon(), &undone);
    let out = sections[0].texts_for_test();
    (out, redactions)
}

impl Section {
    fn texts_for_test(&self) -> String {
        let mut s = String::new();
        for b in &self.blocks {
            b.visit(&mut |t| s.push_str(&t.as_string()));
        }
        s
    }
}

#[test]
fn people_become_role_words_in_every_spelling() {
    let (out, _) = redacted(
        "Thandi's partner SIPHO came; Nkosi, Thandi (THANDI NKOSI) said T.h.a.n.d.i; Ms Nkosi; thandi-nkosi.",
        &[],
    );
    assert_eq!(out, "Client's partner Partner came; Client (Client) said Client; Ms [name]; Client.");
}

#[test]
fn practitioners_referrers_and_others_become_their_roles() {
    let (out, _) = redacted(
        "Dr Pillay (PILLAY's rooms at Rosebank Family Practice) wrote; Dr Mokoena referred; Mrs Dube interpreted.",
        &[],
    );
    assert_eq!(out, "GP (GP's rooms at [practice]) wrote; Referrer referred; Mrs [name] interpreted.");
}

#[test]
fn places_numbers_and_dates_are_removed() {
    let (out, _) = redacted(
        "Lives at 12 Jacaranda Street, melville; phone 082 555 0143 or +27825550143; born 3 May 1990; seen 2024-03-05.",
        &[],
    );
    assert_eq!(
        out,
        "Lives at [address], [address]; phone [phone] or [phone]; born [date in 1990]; seen [date in 2024]."
    );
}

#[test]
fn names_introduced_by_free_text_and_chosen_texts_are_removed_everywhere() {
    let (out, _) = redacted("LERATO visited; Botha called; bought bread at the soweto bakery; hope.", &[]);
    assert_eq!(out, "[name] visited; [name] called; bought bread at the [redacted]; [redacted].");
}

#[test]
fn a_redaction_can_be_undone_by_its_id_and_ids_are_stable() {
    let text = "Thandi said Thandi.";
    let (_, first) = redacted(text, &[]);
    let (_, again) = redacted(text, &[]);
    assert_eq!(first, again);
    assert_eq!(first.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["history.0@0", "history.0@12"]);
    assert_eq!(first[1].original, "Thandi");
    assert_eq!((first[1].start, first[1].end), (12, 18));
    let (out, kept) = redacted(text, &["history.0@12"]);
    assert_eq!(out, "Client said Thandi.");
    assert_eq!(kept.len(), 1);
}

#[test]
fn surname_particles_alone_are_ordinary_words() {
    let (out, _) = redacted("Dr van der Merwe drove the van; MERWE agreed.", &[]);
    assert_eq!(out, "Urologist drove the van; Urologist agreed.");
}

#[test]
fn text_casebook_wrote_is_not_scanned() {
    let mut sections = vec![Section {
        kind: SummarySection::Context,
        title: "Context".into(),
        blocks: vec![Block::Paragraph { text: Text::plain("Thandi") }],
    }];
    assert!(apply(&mut sections, &lexicon(), &BTreeSet::new()).is_empty());
}
