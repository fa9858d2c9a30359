//! The de-identification report: an adversarial corpus (`tests/deid/corpus.tsv`) run through the
//! engine's own calls. One case holds the people, contacts, addresses and practices the probes
//! name; every probe is written into the free-text field it names (a session note, the intake's
//! presenting problem or history, the formulation's nodal point), the supervision summary is
//! built as the export window builds it, and each secret and each clinical word of each probe is
//! looked up in the result: redacted, flagged for the therapist, or left as written.
//!
//! It prints a line per class (`make deid-report` shows it) and fails when a held identifier
//! leaks, when fewer than 99 % of Safe Harbor identifiers or 95 % of unknown names and places are
//! redacted or flagged, when a word the corpus marks as clinical is redacted, or when more than
//! 1 % of the ordinary words of the corpus are.

#![allow(clippy::unwrap_used)] // a report over fixed data fails loudly

mod support;

use casebook_core::case::{self, NewCase};
use casebook_core::clock::{Clock, ManualClock};
use casebook_core::columns::today;
use casebook_core::consent::{self, ConsentInput, ConsentMethod, ConsentTerms, PartnerRole, SecretsPolicy};
use casebook_core::export::{self, SummaryOptions, SupervisionSummary, Text};
use casebook_core::formulation::{self, FormulationInput};
use casebook_core::intake::{self, IntakeInput, IntakeSections};
use casebook_core::medical::{self, PractitionerInput, PractitionerKind};
use casebook_core::person::{self, PersonInput};
use casebook_core::session::{self, NoteBody, RiskScreen, SessionInput, SessionKind};
use casebook_core::vault::VaultConfig;
use casebook_core::{Location, Notebook, NotebookConfig};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One line of the corpus.
struct Probe {
    class: String,
    field: String,
    text: String,
    secrets: Vec<String>,
    keeps: Vec<String>,
}

fn corpus(name: &str) -> Vec<Probe> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/deid").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let list = |s: Option<&str>| -> Vec<String> {
        s.unwrap_or("")
            .split(" | ")
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(|x| x.replace("\\n", "\n"))
            .collect()
    };
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut cols = line.split('\t');
            let class = cols.next().unwrap().trim().to_string();
            let field = cols.next().unwrap().trim().to_string();
            let text = cols.next().unwrap().replace("\\n", "\n");
            Probe { class, field, text, secrets: list(cols.next()), keeps: list(cols.next()) }
        })
        .collect()
}

/// A session of `kind` whose note's data is `data` (the harnesses' intake session, retold).
fn sessions_input(
    kind: SessionKind,
    on: NaiveDate,
    present: Vec<person::PersonId>,
    data: &str,
) -> SessionInput {
    let mut input = support::intake_session(on, present[0]);
    input.kind = kind;
    input.present = present;
    input.body = NoteBody::Dap { data: Some(data.into()), assessment: None, plan: None };
    input.risk_screen = RiskScreen::NoneIdentified;
    input
}

/// The texts of each field, joined with blank lines: what each field of the case holds.
fn joined(probes: &[Probe], field: &str) -> String {
    probes.iter().filter(|p| p.field == field).map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n\n")
}

/// The held case, with every field's probes written in; returns the summary.
fn summary_of(probes: &[Probe]) -> SupervisionSummary {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap());
    let mut config = NotebookConfig::new(Location::new(dir.path().join("nb")));
    config.vault = VaultConfig::fast_for_tests();
    config.idle_limit_override = Some(Duration::days(3650));
    let mut nb = Notebook::new(config, Arc::new(clock.clone()));
    nb.create("harbour lantern quietly").unwrap();
    // The name signatures carry (the intake is signed as it is completed).
    let named =
        casebook_core::Settings { therapist_name: "Dr Test".into(), ..casebook_core::Settings::default() };
    nb.update_settings(named).unwrap();
    let open = nb.open_mut().unwrap();
    let clock: &dyn Clock = &clock;
    let day = |n: i64| today(clock) - Duration::days(n);
    let client = PersonInput {
        full_name: "Thandiwe Dube-Mkhize".into(),
        date_of_birth: NaiveDate::from_ymd_opt(1935, 2, 11),
        phone: Some("082 555 0143".into()),
        email: Some("thandi.dm@mail.example".into()),
        address: Some("14 Lower Main Road, Observatory, Cape Town 7925".into()),
        ..PersonInput::default()
    };
    let new = NewCase {
        client,
        first_contact_on: day(120),
        difficulties: vec!["low_libido".into()],
        other_difficulty: None,
        referral_source: Some("Self-referred (found the practice online)".into()),
        has_partner: true,
    };
    let kase = case::create_case(open, clock, new).unwrap();
    let mut intake = sessions_input(SessionKind::Intake, day(110), vec![kase.client.id], "Intake session.");
    intake.others_present = Some("Interpreter, Mrs Zanele Ntuli-Khumalo".into());
    session::record_session(open, clock, kase.id, intake).unwrap();
    let history = joined(probes, "history");
    let sections = IntakeSections {
        presenting_problem: joined(probes, "intake"),
        developmental_history: (!history.is_empty()).then_some(history),
        ..IntakeSections::default()
    };
    intake::record_intake(open, clock, kase.id, IntakeInput { sections, complete: true, sign: true })
        .unwrap();
    let involvement = ConsentInput {
        given_by: kase.client.id,
        terms: ConsentTerms::PartnerInvolvement {
            scope: "All of it.".into(),
            secrets_policy: SecretsPolicy::Limited,
        },
        given_on: day(105),
        expires_on: None,
        method: ConsentMethod::Written,
        note: None,
    };
    consent::record_consent(open, clock, kase.id, involvement).unwrap();
    let partner = PersonInput {
        full_name: "Pieter van der Merwe".into(),
        phone: Some("+27 21 555 0199".into()),
        address: Some("7 Kloof Nek Road, Tamboerskloof, Cape Town 8001".into()),
        ..PersonInput::default()
    };
    let partner = person::add_partner(open, clock, kase.id, partner).unwrap();
    let own = ConsentInput {
        given_by: partner.id,
        terms: ConsentTerms::PartnerOwn { role: PartnerRole::CoClient },
        given_on: day(104),
        expires_on: None,
        method: ConsentMethod::Written,
        note: None,
    };
    consent::record_consent(open, clock, kase.id, own).unwrap();
    let practitioners = [
        (
            PractitionerKind::Gp,
            "Dr Anand D'Souza",
            Some("Sea Point Medical Centre"),
            Some("021 555 0110"),
            None,
            Some("3 Beach Road, Sea Point, Cape Town 8005"),
        ),
        (
            PractitionerKind::Physiotherapist,
            "Ms Lindiwe Jacobs",
            Some("Pelvic Floor Physio"),
            None,
            Some("lindiwe@pelvicfloorphysio.example"),
            None,
        ),
        (PractitionerKind::Urologist, "Dr Siddharth Naidoo", Some("Urology Associates"), None, None, None),
    ];
    for (kind, name, practice, phone, email, address) in practitioners {
        let input = PractitionerInput {
            kind,
            name: name.into(),
            practice: practice.map(Into::into),
            phone: phone.map(Into::into),
            email: email.map(Into::into),
            address: address.map(Into::into),
        };
        medical::add_practitioner(open, clock, input).unwrap();
    }
    let nodal = joined(probes, "formulation");
    let formulation = FormulationInput {
        problem_statement: "Low desire with her partner for two years.".into(),
        nodal_point: (!nodal.is_empty()).then_some(nodal),
        ..FormulationInput::default()
    };
    formulation::save_formulation(open, clock, kase.id, formulation).unwrap();
    let note = joined(probes, "note");
    let present = vec![kase.client.id, partner.id];
    session::record_session(
        open,
        clock,
        kase.id,
        sessions_input(SessionKind::Couples, day(90), present, &note),
    )
    .unwrap();
    // The notes in full, so the note probes are in the summary.
    let options = SummaryOptions { full_notes: true, ..SummaryOptions::new("How do I hold both partners?") };
    export::supervision_summary(open, clock, kase.id, &options).unwrap()
}

/// What became of each character of a recorded text: kept, redacted by a rule, or flagged.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fate {
    Kept,
    Redacted,
    Flagged,
}

/// The original text of a recorded text and the fate of each of its characters.
fn fates(summary: &SupervisionSummary, text: &Text) -> (String, Vec<Fate>) {
    let by_id: BTreeMap<&str, _> = summary.redactions.iter().map(|r| (r.id.as_str(), r)).collect();
    let (mut original, mut fate) = (String::new(), Vec::new());
    for segment in &text.segments {
        match segment.redaction.as_deref().and_then(|id| by_id.get(id)) {
            Some(r) => {
                original.push_str(&r.original);
                let f = if r.flagged { Fate::Flagged } else { Fate::Redacted };
                fate.extend(std::iter::repeat_n(f, r.original.chars().count()));
            }
            None => {
                original.push_str(&segment.text);
                fate.extend(std::iter::repeat_n(Fate::Kept, segment.text.chars().count()));
            }
        }
    }
    (original, fate)
}

#[derive(Default)]
struct Tally {
    probes: usize,
    secrets: usize,
    leaked: usize,
    flagged: usize,
    keeps: usize,
    over_redacted: usize,
    keeps_flagged: usize,
    examples: Vec<String>,
}

/// The worst fate of the characters `range` of a field's text.
fn fate_of(fate: &[Fate], start: usize, len: usize) -> Fate {
    let span = &fate[start..start + len];
    if span.iter().all(|f| *f == Fate::Kept) {
        Fate::Kept
    } else if span.contains(&Fate::Redacted) {
        Fate::Redacted
    } else {
        Fate::Flagged
    }
}

/// Character offsets of every occurrence of `needle` in `hay`.
fn occurrences(hay: &str, needle: &str) -> Vec<usize> {
    hay.match_indices(needle).map(|(b, _)| hay[..b].chars().count()).collect()
}

#[test]
fn the_corpus_leaks_no_held_identifier_and_mangles_no_clinical_word() {
    let failures = report("corpus.tsv");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A second corpus, written apart and never used to tune the engine: reported, not enforced, so
/// its figures say how the rules carry over to text they were not shaped on.
#[test]
fn the_held_out_corpus_is_reported() {
    let failures = report("holdout.tsv");
    println!("held-out corpus: {} classes under target", failures.len());
}

/// Runs one corpus through the engine, prints its report, and answers the targets it misses.
fn report(name: &str) -> Vec<String> {
    let probes = corpus(name);
    assert!(probes.len() >= 200, "{name} holds {} probes", probes.len());
    let summary = summary_of(&probes);
    // Each field's recorded text, by its original words.
    let mut fields: BTreeMap<String, (String, Vec<Fate>)> = BTreeMap::new();
    for field in ["note", "intake", "history", "formulation"] {
        let want = joined(&probes, field);
        if want.is_empty() {
            continue;
        }
        let found = summary.texts().into_iter().map(|t| fates(&summary, t)).find(|(o, _)| *o == want);
        fields
            .insert(field.into(), found.unwrap_or_else(|| panic!("the {field} text is not in the summary")));
    }
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut cursor: BTreeMap<String, usize> = BTreeMap::new();
    let (mut words, mut words_removed, mut removed_examples) = (0usize, 0usize, Vec::new());
    for probe in &probes {
        let (text, fate) = &fields[&probe.field];
        let at = cursor.entry(probe.field.clone()).or_default();
        let start_byte = text[*at..].find(&probe.text).unwrap() + *at;
        *at = start_byte + probe.text.len();
        let base = text[..start_byte].chars().count();
        let tally = tallies.entry(probe.class.clone()).or_default();
        tally.probes += 1;
        for secret in &probe.secrets {
            for offset in occurrences(&probe.text, secret) {
                tally.secrets += 1;
                match fate_of(fate, base + offset, secret.chars().count()) {
                    Fate::Redacted => {}
                    Fate::Flagged => tally.flagged += 1,
                    Fate::Kept => {
                        tally.leaked += 1;
                        tally.examples.push(format!("leaked {secret:?} in {:?}", probe.text));
                    }
                }
            }
        }
        for keep in &probe.keeps {
            for offset in occurrences(&probe.text, keep) {
                tally.keeps += 1;
                match fate_of(fate, base + offset, keep.chars().count()) {
                    Fate::Kept => {}
                    Fate::Flagged => tally.keeps_flagged += 1,
                    Fate::Redacted => {
                        tally.over_redacted += 1;
                        tally.examples.push(format!("redacted {keep:?} in {:?}", probe.text));
                    }
                }
            }
        }
        // Every lower-case word outside the secrets is an ordinary word: count those removed.
        let chars: Vec<char> = probe.text.chars().collect();
        let secret_at: Vec<bool> = (0..chars.len())
            .map(|i| {
                probe.secrets.iter().any(|s| {
                    occurrences(&probe.text, s).into_iter().any(|o| (o..o + s.chars().count()).contains(&i))
                })
            })
            .collect();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_alphabetic() {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < chars.len() && chars[j].is_alphabetic() {
                j += 1;
            }
            if chars[i].is_lowercase() && !secret_at[i..j].iter().any(|s| *s) {
                words += 1;
                if fate_of(fate, base + i, j - i) == Fate::Redacted {
                    words_removed += 1;
                    removed_examples.push(chars[i..j].iter().collect::<String>());
                }
            }
            i = j;
        }
    }
    println!(
        "\nDe-identification report ({name}): {} probes, {} open flags in the preview",
        probes.len(),
        summary.open_flags
    );
    println!(
        "{:<16} {:>6} {:>8} {:>7} {:>8} {:>9} {:>6} {:>12} {:>13}",
        "class",
        "probes",
        "secrets",
        "leaked",
        "flagged",
        "caught %",
        "keeps",
        "over-redacted",
        "keeps flagged"
    );
    let mut failures = Vec::new();
    for (class, t) in &tallies {
        let caught =
            if t.secrets == 0 { 100.0 } else { 100.0 * (t.secrets - t.leaked) as f64 / t.secrets as f64 };
        println!(
            "{class:<16} {:>6} {:>8} {:>7} {:>8} {:>8.1}% {:>6} {:>12} {:>13}",
            t.probes, t.secrets, t.leaked, t.flagged, caught, t.keeps, t.over_redacted, t.keeps_flagged
        );
        let target = match class.split('-').next().unwrap() {
            "held" => 100.0,
            "harbor" => 99.0,
            "unknown" => 95.0,
            _ => 0.0,
        };
        if caught < target || t.over_redacted > 0 {
            failures.push(format!(
                "{class}: {caught:.1}% caught (target {target}%), {} over-redacted",
                t.over_redacted
            ));
        }
        for e in &t.examples {
            println!("    {e}");
        }
    }
    let removed = 100.0 * words_removed as f64 / words.max(1) as f64;
    println!(
        "ordinary words removed: {words_removed} of {words} ({removed:.2}%, target at most 1%): {removed_examples:?}"
    );
    if removed > 1.0 {
        failures.push(format!("{removed:.2}% of ordinary words removed"));
    }
    failures
}
