//! What the notebook knows about the people and places of one case, as phrases to find and the
//! words that replace them: the client's and partner's names, contacts and addresses; every
//! practitioner of the directory with their practice; the referrer; others present at sessions;
//! names the free text introduces ("her sister Lerato", "Mrs Dlamini"); and the therapist's own
//! choices. A name several people share (a family name) becomes "[name]".

use super::patterns::KnownPhone;
use super::phrase::Phrase;
use super::tokens::{self, Prepared};
use crate::export::model::RedactionReason;
use crate::medical::PractitionerView;
use crate::person::PersonView;
use std::collections::HashMap;

/// A name or phrase the notebook knows, and what replaces it.
#[derive(Debug, Clone)]
pub(super) struct Known {
    pub(super) phrase: Phrase,
    pub(super) replacement: String,
    pub(super) reason: RedactionReason,
    pub(super) why: String,
}

/// Titles taken together with the name that follows them.
pub(super) const TITLES: [&str; 13] =
    ["dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sr", "rev", "pastor", "adv"];

/// What replaces a name that more than one person in the case bears (a family name).
pub(super) const SHARED: &str = "[name]";

/// Parts of surnames that are ordinary words on their own ("van der Merwe").
const PARTICLES: [&str; 16] =
    ["van", "der", "den", "de", "du", "le", "la", "von", "da", "del", "di", "dos", "das", "bin", "ibn", "al"];

/// Words that introduce a person's name in free text.
const KIN: &str = "\
mother father mom mum dad sister brother son daughter aunt uncle grandmother \
grandfather granny gran cousin niece nephew wife husband fiance fiancee boyfriend girlfriend \
ex friend colleague boss manager neighbour stepfather stepmother child named called partner";

/// Words that are never taken for a name or a place on their own.
const COMMON: &str = "\
the and of by from via to for with at in on \
self referred referral refer gp her his their own friend friends family \
website internet online google search word mouth colleague partner client wife husband \
mother father sister brother daughter son interpreter translator nurse social worker psychologist \
psychiatrist counsellor therapist doctor urologist gynaecologist gynecologist endocrinologist physiotherapist physio clinic hospital \
practice medical centre center health group rooms suite unit flat apartment apt \
street road avenue ave drive lane close crescent way place court estate \
complex building floor box private bag suburb city town north south east \
west central demo none other unknown school church work employer eap insurance \
aid scheme gauteng limpopo mpumalanga kwazulu natal free state western eastern northern \
cape africa province she he they who not also was is are \
has had said says reports sessions session today yesterday monday tuesday wednesday \
thursday friday saturday sunday january february march april may june july august \
september october november december mr mrs ms miss dr prof mx sr \
rev pastor adv professor";

fn is_common(word: &str) -> bool {
    let folded = tokens::fold(word);
    COMMON.split_whitespace().any(|w| w == folded)
}

fn is_kin(word: &str) -> bool {
    KIN.split_whitespace().any(|w| w == word)
}

/// What the notebook knows about the people and places of one case.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub(super) known: Vec<Known>,
    pub(super) phones: Vec<KnownPhone>,
    /// Years up to this one tell an age over 89.
    pub(super) old_year: i32,
}

impl Lexicon {
    /// An empty lexicon for an export made in `year`.
    pub fn new(year: i32) -> Lexicon {
        Lexicon { old_year: year - 90, ..Lexicon::default() }
    }

    fn add(&mut self, text: &str, replacement: &str, reason: RedactionReason, why: &str) {
        if let Some(mut phrase) = Phrase::new(text) {
            if reason == RedactionReason::TherapistChoice {
                phrase = phrase.any_case();
            }
            self.known.push(Known { phrase, replacement: replacement.into(), reason, why: why.into() });
        }
    }

    fn add_name(&mut self, full_name: &str, role: &str, reason: RedactionReason, why: &str) {
        // Parts in brackets qualify a name ("(demo)", "(GP)"); titles are matched with the name.
        let parts: Vec<&str> = full_name
            .split_whitespace()
            .filter(|p| !(p.starts_with('(') && p.ends_with(')')))
            .filter(|p| !TITLES.contains(&tokens::fold(p).as_str()))
            .collect();
        self.add(&parts.join(" "), role, reason, why);
        // Runs of parts: "van der Merwe", "Nkosi-Dube Thandi" read as one name.
        let particle = |p: &&str| PARTICLES.contains(&tokens::fold(p).as_str());
        for i in 0..parts.len() {
            for j in i + 1..parts.len() {
                let run = &parts[i..=j];
                if run.len() < parts.len() && !run.iter().all(particle) {
                    self.add(&run.join(" "), role, reason, why);
                }
            }
        }
        for part in parts.iter().filter(|p| !particle(p)) {
            self.add(part, role, reason, why);
            for piece in part.split(['-', '\'', '’']).filter(|p| p.chars().count() >= 3) {
                self.add(piece, role, reason, why);
            }
        }
    }

    fn add_places(&mut self, text: &str, whose: &str) {
        for line in text.split(['\n', ',', ';']).map(str::trim).filter(|l| !l.is_empty()) {
            let letters = line.chars().filter(|c| c.is_alphabetic()).count();
            let digits = line.chars().filter(char::is_ascii_digit).count();
            // A house number alone ("12") would redact every 12 in the notes.
            if letters >= 3 || digits >= 4 {
                self.add(line, "[address]", RedactionReason::Place, &format!("{whose} address"));
            }
            self.add_words(line, "[place]", RedactionReason::Place, &format!("A place from {whose} address"));
        }
    }

    fn add_phone(&mut self, phone: &str, why: &str) {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 7 {
            self.phones.push(KnownPhone { digits, why: why.into() });
        }
    }

    /// The client or the partner, under their role word.
    pub fn person(&mut self, role: &str, person: &PersonView) {
        self.add_name(&person.full_name, role, RedactionReason::Name, &format!("{role}'s name"));
        if let Some(phone) = &person.phone {
            self.add_phone(phone, &format!("{role}'s phone number"));
        }
        if let Some(email) = &person.email {
            self.add(email, "[email]", RedactionReason::Email, &format!("{role}'s email address"));
        }
        if let Some(address) = &person.address {
            self.add_places(address, &format!("{role}'s"));
        }
    }

    /// A practitioner of the directory, under the word for their kind ("GP").
    pub fn practitioner(&mut self, role: &str, p: &PractitionerView) {
        self.add_name(&p.name, role, RedactionReason::Name, &format!("{role}'s name"));
        if let Some(practice) = &p.practice {
            self.add(practice, "[practice]", RedactionReason::Place, &format!("{role}'s practice"));
            self.add_words(
                practice,
                "[place]",
                RedactionReason::Place,
                &format!("From {role}'s practice name"),
            );
        }
        if let Some(phone) = &p.phone {
            self.add_phone(phone, &format!("{role}'s phone number"));
        }
        if let Some(email) = &p.email {
            self.add(email, "[email]", RedactionReason::Email, &format!("{role}'s email address"));
        }
        if let Some(address) = &p.address {
            self.add_places(address, &format!("{role}'s"));
        }
    }

    /// Every word of a line that is not a common word, as a name or place.
    fn add_words(&mut self, line: &str, replacement: &str, reason: RedactionReason, why: &str) {
        for word in line.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-') {
            let word = word.trim_matches(['\'', '-']);
            if word.chars().count() >= 3 && word.chars().all(char::is_alphabetic) && !is_common(word) {
                self.add(word, replacement, reason, why);
            }
        }
    }

    /// The referral source: any word in it that is not a common word is taken for a name.
    pub fn referrer(&mut self, source: &str) {
        self.add_words(source, "Referrer", RedactionReason::Name, "Referrer's name");
    }

    /// Someone else present at a session ("Interpreter, Mrs Dube").
    pub fn others_present(&mut self, line: &str) {
        self.add_words(line, "[name]", RedactionReason::OtherName, "Name of someone present");
    }

    /// Names that free text introduces with a kinship word or a title.
    pub fn harvest(&mut self, text: &str) {
        let p = Prepared::new(text);
        let t = &p.tokens;
        for i in 0..t.len().saturating_sub(1) {
            let word = t[i].folded.as_str();
            let gap = p.gap_after(i).unwrap_or_default();
            let introduces = (is_kin(word) && matches!(gap, " " | ", " | ": "))
                || (TITLES.contains(&word) && matches!(gap, " " | ". " | "."));
            if !introduces {
                continue;
            }
            let mut names = Vec::new();
            for k in i + 1..t.len().min(i + 3) {
                let original = p.original(k);
                let capital = original.chars().next().is_some_and(char::is_uppercase);
                if !capital
                    || !original.chars().all(char::is_alphabetic)
                    || original.chars().count() < 2
                    || is_common(original)
                {
                    break;
                }
                names.push(original);
                if p.gap_after(k) != Some(" ") {
                    break;
                }
            }
            if !names.is_empty() {
                let why = format!("A name introduced by \"{}\"", p.original(i));
                self.add(&names.join(" "), "[name]", RedactionReason::OtherName, &why);
                for name in names {
                    self.add(name, "[name]", RedactionReason::OtherName, &why);
                }
            }
        }
    }

    /// A text the therapist chose to redact everywhere.
    pub fn extra(&mut self, text: &str) {
        self.add(text, "[redacted]", RedactionReason::TherapistChoice, "Chosen by you");
    }

    /// Settles names known twice: the notebook's own knowledge wins over names guessed from
    /// free text, and a name shared by two people (a surname) becomes "[name]".
    pub fn settle(&mut self) {
        let mut by_target: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, k) in self.known.iter().enumerate() {
            by_target.entry(k.phrase.folded().to_string()).or_default().push(i);
        }
        let mut keep = vec![true; self.known.len()];
        for indices in by_target.values() {
            let notebook: Vec<usize> = indices
                .iter()
                .copied()
                .filter(|&i| self.known[i].reason != RedactionReason::OtherName)
                .collect();
            let chosen = if notebook.is_empty() { indices.clone() } else { notebook };
            let first = chosen[0];
            let shared = chosen.iter().any(|&i| {
                self.known[i].replacement != self.known[first].replacement
                    && self.known[i].reason == RedactionReason::Name
            });
            for &i in indices {
                keep[i] = i == first;
            }
            if shared {
                self.known[first].replacement = SHARED.into();
                self.known[first].why = "A name shared by people in this case".into();
            }
        }
        let mut i = 0;
        self.known.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }
}
