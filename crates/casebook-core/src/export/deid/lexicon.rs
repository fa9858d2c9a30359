//! What the notebook knows about the people and places of one case, as phrases to find and the
//! words that replace them: the client's and partner's names, contacts and addresses; every
//! practitioner of the directory with their practice; the referrer; others present at sessions;
//! names the free text introduces ("her sister Lerato", "Mrs Dlamini"); and the therapist's own
//! choices. A name several people share (a family name) becomes "[name]".
//!
//! Names are learned with every form the notebook can derive from them: each part, each half of
//! a hyphenated or apostrophised part, runs of parts with their particles, the local part of an
//! email address, the client's age when it is over 89, and the start of a first name used as a
//! short form. Addresses and practice names are learned as whole phrases (each line, its street,
//! its town, its postcode) and single words only when they are not ordinary words, so a held
//! "Sea Point" never takes "the nodal point" with it.

use super::patterns::KnownPhone;
use super::phrase::Phrase;
use super::tokens::{self, Prepared};
use super::words;
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
    /// A guess the therapist must confirm: every match is a flag.
    pub(super) flag: bool,
}

/// Titles taken together with the name that follows them.
pub(super) const TITLES: [&str; 13] =
    ["dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sr", "rev", "pastor", "adv"];

/// What replaces a name that more than one person in the case bears (a family name).
pub(super) const SHARED: &str = "[name]";

/// Parts of surnames that are ordinary words on their own ("van der Merwe").
const PARTICLES: [&str; 16] =
    ["van", "der", "den", "de", "du", "le", "la", "von", "da", "del", "di", "dos", "das", "bin", "ibn", "al"];

/// Words that introduce a person's name in free text (in English, Afrikaans, isiZulu and isiXhosa
/// as spoken in a South African practice).
const KIN: &str = "\
mother father mom mum mommy mummy dad daddy sister brother son daughter aunt auntie aunty uncle \
grandmother grandfather grandma grandpa granny gran granddad grandad nana grandson granddaughter \
cousin niece nephew wife husband spouse fiance fiancee boyfriend girlfriend lover ex \
friend colleague boss manager supervisor employer neighbour neighbor housemate flatmate roommate \
stepfather stepmother stepdad stepmom stepmum stepson stepdaughter stepbrother stepsister \
halfbrother halfsister godmother godfather godchild carer caregiver nanny helper domestic tutor \
teacher coach pastor priest imam rabbi child baby kid twin named called partner \
gogo oupa ouma tannie oom malume makhulu mkhulu sisi bhuti mama baba umama ubaba";

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

pub(super) fn is_common(word: &str) -> bool {
    let folded = tokens::fold(word);
    COMMON.split_whitespace().any(|w| w == folded)
}

fn is_kin(word: &str) -> bool {
    KIN.split_whitespace().any(|w| w == word)
}

/// Whether token `i` introduces a name: a kinship word, or the "law" of "mother-in-law".
fn introduces_name(p: &Prepared<'_>, i: usize) -> bool {
    let word = p.tokens[i].folded.as_str();
    if is_kin(word) {
        return true;
    }
    word == "law" && i >= 2 && p.tokens[i - 1].folded == "in" && is_kin(&p.tokens[i - 2].folded)
}

/// Whether a capitalised word may be (part of) a name: not an ordinary word, or an ordinary word
/// that is also a given name ("Grace", "Will").
fn may_be_name(original: &str) -> bool {
    let folded = tokens::fold(original);
    original.chars().next().is_some_and(char::is_uppercase)
        && original.chars().all(char::is_alphabetic)
        && original.chars().count() >= 2
        && !is_common(original)
        && (!words::is_word(&folded) || super::phrase::is_ordinary_word(&folded))
}

/// A first name the notebook holds, for short forms ("Thandi" for "Thandiwe").
#[derive(Debug, Clone)]
pub(super) struct Given {
    pub(super) folded: String,
    pub(super) replacement: String,
    pub(super) why: String,
}

/// What the notebook knows about the people and places of one case.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub(super) known: Vec<Known>,
    pub(super) phones: Vec<KnownPhone>,
    /// Years up to this one tell an age over 89.
    pub(super) old_year: i32,
    /// First names, whose short forms are names too.
    pub(super) given: Vec<Given>,
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
            self.known.push(Known {
                phrase,
                replacement: replacement.into(),
                reason,
                why: why.into(),
                flag: false,
            });
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
        if parts.len() >= 2 && !role.starts_with('[') {
            let folded = tokens::fold(parts[0]);
            if folded.chars().count() >= 5 {
                self.given.push(Given { folded, replacement: role.into(), why: why.into() });
            }
        }
    }

    /// Capitalised names in a line of free text about people ("Interpreter, Mrs Zanele
    /// Ntuli-Khumalo", "Dr Lindiwe Mokoena (psychiatrist)"), each learned with its parts. A run of
    /// capitalised words is a name when one of them is no ordinary word, or when a title opens it.
    fn add_names_in(&mut self, line: &str, role: &str, reason: RedactionReason, why: &str) {
        let p = Prepared::new(line);
        let t = &p.tokens;
        let mut i = 0;
        while i < t.len() {
            let titled = i > 0 && TITLES.contains(&t[i - 1].folded.as_str());
            if !(may_be_name(p.original(i)) || (titled && p.original(i).starts_with(char::is_uppercase))) {
                i += 1;
                continue;
            }
            let mut j = i;
            let mut strong = titled || !words::is_word(&t[i].folded);
            while j + 1 < t.len() {
                let gap = p.gap_after(j).unwrap_or_default();
                let next = p.original(j + 1);
                let joined = matches!(gap, " " | "'" | "’" | "-");
                let particle = PARTICLES.contains(&t[j + 1].folded.as_str());
                if !joined || !(may_be_name(next) || particle) {
                    break;
                }
                strong |= !words::is_word(&t[j + 1].folded);
                j += 1;
            }
            while j > i && PARTICLES.contains(&t[j].folded.as_str()) {
                j -= 1;
            }
            if strong {
                self.add_name(p.slice(i, j), role, reason, why);
            }
            i = j + 1;
        }
    }

    /// A place phrase, matched in any case ("sea point", "melville"), except a single ordinary
    /// word, matched only capitalised ("Observatory", not "the observatory").
    fn add_place(&mut self, text: &str, replacement: &str, why: &str) {
        self.add(text, replacement, RedactionReason::Place, why);
    }

    fn add_places(&mut self, text: &str, whose: &str) {
        for line in text.split(['\n', ',', ';']).map(str::trim).filter(|l| !l.is_empty()) {
            let letters = line.chars().filter(|c| c.is_alphabetic()).count();
            let digits = line.chars().filter(char::is_ascii_digit).count();
            // A house number alone ("12") would redact every 12 in the notes.
            if letters >= 3 || digits >= 4 {
                self.add_place(line, "[address]", &format!("{whose} address"));
            }
            // The street without its number ("Lower Main Road", "Main Road"), the town without
            // its postcode, the postcode alone.
            let mut run: Vec<&str> = Vec::new();
            let parts: Vec<&str> = line.split_whitespace().collect();
            for (k, word) in parts.iter().enumerate() {
                let numeric = word.chars().any(|c| c.is_ascii_digit());
                if !numeric {
                    run.push(word);
                }
                if numeric || k + 1 == parts.len() {
                    for from in 0..run.len().saturating_sub(1).max(1) {
                        let tail = &run[from..];
                        if !tail.is_empty()
                            && tail.len() < parts.len()
                            && (from == 0 || tail.len() >= 2)
                            && tail.iter().map(|w| w.len()).sum::<usize>() >= 3
                        {
                            let why = format!("A place from {whose} address");
                            let ordinary =
                                tail.iter().all(|w| words::is_word(&tokens::fold(w)) || is_common(w));
                            match Phrase::new(&tail.join(" ")) {
                                // "Main Road" of "Lower Main Road": a name only when capitalised.
                                Some(phrase) if from > 0 && ordinary => self.known.push(Known {
                                    phrase: phrase.capitalised(),
                                    replacement: "[place]".into(),
                                    reason: RedactionReason::Place,
                                    why,
                                    flag: false,
                                }),
                                _ => self.add_place(&tail.join(" "), "[place]", &why),
                            }
                        }
                    }
                    run.clear();
                }
                if numeric && word.chars().filter(char::is_ascii_digit).count() >= 4 && parts.len() > 1 {
                    self.add_place(word, "[address]", &format!("The postcode of {whose} address"));
                }
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

    /// An email address, its local part on its own (the same letters serve as a handle) and its
    /// own domain name ("pelvicfloorphysio"), unless that is a mail provider's or a word.
    fn add_email(&mut self, email: &str, why: &str) {
        self.add(email, "[email]", RedactionReason::Email, why);
        let Some((local, domain)) = email.split_once('@') else { return };
        if local.chars().filter(|c| c.is_alphanumeric()).count() >= 4 {
            self.add(local, "[email]", RedactionReason::Email, why);
        }
        const PROVIDERS: [&str; 12] = [
            "gmail", "yahoo", "outlook", "hotmail", "icloud", "mail", "live", "webmail", "telkomsa", "mweb",
            "vodamail", "proton",
        ];
        let label = domain.split('.').next().unwrap_or_default();
        let folded = tokens::fold(label);
        if folded.chars().count() >= 5 && !PROVIDERS.contains(&folded.as_str()) && !words::is_word(&folded) {
            self.add(label, "[web address]", RedactionReason::WebAddress, why);
        }
    }

    /// A person's age when it is over 89: the number, and the number in words, go everywhere.
    pub fn age(&mut self, role: &str, age: u32) {
        if !(90..=130).contains(&age) {
            return;
        }
        let why = format!("{role}'s age (over 89)");
        self.add(&age.to_string(), "90+", RedactionReason::Age, &why);
        const UNITS: [&str; 10] =
            ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        if age < 100 {
            let unit = UNITS[(age % 10) as usize];
            for joined in [format!("ninety-{unit}"), format!("ninety {unit}")] {
                if !unit.is_empty() {
                    self.add(&joined, "90+", RedactionReason::Age, &why);
                }
            }
        }
    }

    /// The client or the partner, under their role word.
    pub fn person(&mut self, role: &str, person: &PersonView) {
        self.add_name(&person.full_name, role, RedactionReason::Name, &format!("{role}'s name"));
        if let Some(phone) = &person.phone {
            self.add_phone(phone, &format!("{role}'s phone number"));
        }
        if let Some(email) = &person.email {
            self.add_email(email, &format!("{role}'s email address"));
        }
        if let Some(address) = &person.address {
            self.add_places(address, &format!("{role}'s"));
        }
    }

    /// A practitioner of the directory, under the word for their kind ("GP").
    pub fn practitioner(&mut self, role: &str, p: &PractitionerView) {
        self.add_name(&p.name, role, RedactionReason::Name, &format!("{role}'s name"));
        if let Some(practice) = &p.practice {
            self.add_place(practice, "[practice]", &format!("{role}'s practice"));
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
            self.add_email(email, &format!("{role}'s email address"));
        }
        if let Some(address) = &p.address {
            self.add_places(address, &format!("{role}'s"));
        }
    }

    /// Every word of a line that is no ordinary word ("Rosebank", "Khayelitsha"), as a place.
    fn add_words(&mut self, line: &str, replacement: &str, reason: RedactionReason, why: &str) {
        for word in line.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-') {
            let word = word.trim_matches(['\'', '’', '-']);
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 3
                && word.chars().all(|c| c.is_alphabetic() || "'’-".contains(c))
                && !is_common(word)
                && !words::is_word(&tokens::fold(word))
            {
                self.add(word, replacement, reason, why);
            }
        }
    }

    /// The referral source: the names in it (capitalised, no ordinary words) and the names it
    /// introduces ("her friend Grace"); "Self-referred (found the practice online)" holds none.
    pub fn referrer(&mut self, source: &str) {
        self.add_names_in(source, "Referrer", RedactionReason::Name, "Referrer's name");
        self.harvest(source);
    }

    /// Someone else present at a session ("Interpreter, Mrs Dube").
    pub fn others_present(&mut self, line: &str) {
        self.add_names_in(line, "[name]", RedactionReason::OtherName, "Name of someone present");
        self.harvest(line);
    }

    /// Names that free text introduces with a kinship word or a title.
    pub fn harvest(&mut self, text: &str) {
        let p = Prepared::new(text);
        let t = &p.tokens;
        for i in 0..t.len().saturating_sub(1) {
            let word = t[i].folded.as_str();
            let gap = p.gap_after(i).unwrap_or_default();
            let titled = TITLES.contains(&word) && matches!(gap, " " | ". " | ".");
            let introduces = (introduces_name(&p, i) && matches!(gap, " " | ", " | ": " | " (")) || titled;
            if !introduces {
                continue;
            }
            // "her sister Lerato", "Mrs Dlamini-Zulu", "stepdaughter Anne-Marie O'Neill"; after a
            // title an ordinary word is a name too ("Mr Brown"), after a kinship word it is not
            // ("Mother: Deceased", "a book called Come As You Are").
            let (start, mut end) = (i + 1, i);
            for (k, token) in t.iter().enumerate().take(i + 6).skip(i + 1) {
                let original = p.original(k);
                let capital =
                    original.starts_with(char::is_uppercase) && original.chars().all(char::is_alphabetic);
                let name = may_be_name(original) || (titled && capital && !is_common(original));
                let particle = k > start && PARTICLES.contains(&token.folded.as_str());
                if !(name || particle) {
                    break;
                }
                end = k;
                if !matches!(p.gap_after(k), Some(" " | "-" | "'" | "’")) {
                    break;
                }
            }
            while end >= start && PARTICLES.contains(&t[end].folded.as_str()) {
                end -= 1;
            }
            if end >= start {
                let why = format!("A name introduced by \"{}\"", p.original(i));
                self.add_name(p.slice(start, end), "[name]", RedactionReason::OtherName, &why);
                continue;
            }
            // "her grandson Lucky", "her friend zodwa": an ordinary capitalised word, or an unknown
            // lower-case one, right after a kinship word may be a name; the therapist decides.
            let real_kin = !["named", "called", "partner"].contains(&word) && gap == " ";
            let next = p.original(i + 1);
            let folded = &t[i + 1].folded;
            let capitalised_word =
                next.starts_with(char::is_uppercase) && words::is_word(folded) && !is_common(next);
            let unknown_lower =
                next.starts_with(char::is_lowercase) && !words::is_word(folded) && !is_common(next);
            if real_kin
                && next.chars().all(char::is_alphabetic)
                && next.chars().count() >= 3
                && (capitalised_word || unknown_lower)
            {
                let why = format!("After \"{}\": a name here?", p.original(i));
                if let Some(phrase) = Phrase::new(next) {
                    let phrase = if capitalised_word { phrase.capitalised() } else { phrase.any_case() };
                    let reason = RedactionReason::OtherName;
                    self.known.push(Known { phrase, replacement: "[name]".into(), reason, why, flag: true });
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
            let mut chosen = if notebook.is_empty() { indices.clone() } else { notebook };
            // A name the text makes certain wins over the same word only guessed at.
            chosen.sort_by_key(|&i| self.known[i].flag);
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
