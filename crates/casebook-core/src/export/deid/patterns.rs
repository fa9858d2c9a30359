//! Identifiers found by their shape, whoever they belong to: email and web addresses, IP
//! addresses, phone numbers, long runs of digits and mixed id numbers, numbers named by what they
//! number ("file 4471", "PO Box 12"), vehicle registrations, dates with a day or a month in every
//! common written form (the year alone stays), and ages over 89 in any phrasing. A short number
//! that may still be an identifier (a postcode, a short code) is flagged for the therapist.
//!
//! The scanners are written by hand over the text's tokens rather than with regular expressions:
//! each is a few lines, the engine stays free of a regex dependency, and a scanner can look at the
//! punctuation between tokens (which is where most of the judgement lies).

use super::Candidate;
use super::tokens::{Prepared, Token};
use crate::export::model::RedactionReason;

/// A phone number the notebook holds, by its digits, with the words for whose it is.
#[derive(Debug, Clone)]
pub(crate) struct KnownPhone {
    pub digits: String,
    pub why: String,
}

const MONTHS: [&str; 24] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Top-level domains recognised in a bare web address (words such as "it" or "me" left out).
const TLDS: [&str; 22] = [
    "com", "net", "org", "edu", "gov", "info", "biz", "io", "co", "za", "uk", "au", "nz", "ca", "de", "fr",
    "nl", "ie", "app", "dev", "health", "online",
];

/// Words after which a number is an identifier ("file 4471", "medical aid no. 20931", "PO Box 12").
const NUMBER_KEYWORDS: &str = "file folio account acc policy member membership passport licence license \
ref reference patient aid case hospital hosp mrn record records id identity no nr num number \
box bag registration reg plate practice hpcsa claim invoice ticket student employee staff \
unit flat apartment apt room bed erf stand house";

fn is_number_keyword(word: &str) -> bool {
    NUMBER_KEYWORDS.split_whitespace().any(|w| w == word)
}

/// Words that say what a number measures: the number is a quantity, not an identifier.
const UNITS: &str = "mg mcg g kg ml l km m cm mm steps step words rand rands r minutes minute min mins \
hours hour hrs hr seconds sec secs days weeks months years calories kcal units unit iu times percent \
pages people sessions session am pm h";

fn is_unit(word: &str) -> bool {
    UNITS.split_whitespace().any(|w| w == word)
}

/// Letters that open a test or code, not a vehicle registration ("IIEF 21", "ICD 302").
const SCALES: [&str; 24] = [
    "icd", "dsm", "phq", "gad", "iief", "fsfi", "shim", "bdi", "bai", "pcl", "suds", "f", "gp", "cbt", "ed",
    "pe", "hiv", "cd", "bp", "bmi", "hb", "psa", "tsh", "ldl",
];

/// Every shaped identifier in `p`. A year up to `old_year` would tell an age over 89, so it goes
/// too.
pub(crate) fn scan(p: &Prepared<'_>, phones: &[KnownPhone], old_year: i32) -> Vec<Candidate> {
    let mut out = Vec::new();
    emails(p.text, &mut out);
    handles(p.text, &mut out);
    urls(p.text, &mut out);
    ipv6(p.text, &mut out);
    let t = &p.tokens;
    for (i, token) in t.iter().enumerate() {
        domain_at(p, i, &mut out);
        ipv4_at(p, i, &mut out);
        date_at(p, i, old_year, &mut out);
        if year_of(token).is_some_and(|y| y <= old_year) {
            out.push(candidate(
                token.start,
                token.end,
                "[year]",
                RedactionReason::Age,
                "A year that tells an age over 89",
            ));
        }
        age_at(p, i, &mut out);
        age_words_at(p, i, &mut out);
        spelled_email_at(p, i, &mut out);
        holiday_at(p, i, &mut out);
        mixed_at(p, i, &mut out);
        named_number_at(p, i, &mut out);
        plate_at(p, i, &mut out);
        short_number_at(p, i, old_year, &mut out);
    }
    digit_runs(p, phones, &mut out);
    out
}

/// A token of letters and digits: an id ("A1234567", "MP0123456") unless it is an amount or a
/// measure ("R1500", "50mg", "3pm", "PDE5").
fn mixed_at(p: &Prepared<'_>, i: usize, out: &mut Vec<Candidate>) {
    let t = &p.tokens[i];
    let digits = t.digit_count();
    if digits < 3 || t.is_digits() {
        return;
    }
    let letters: String = t.folded.chars().filter(|c| !c.is_ascii_digit()).collect();
    let amount = t.folded.starts_with('r') && t.folded[1..].bytes().all(|b| b.is_ascii_digit());
    let measure = t.folded.starts_with(|c: char| c.is_ascii_digit())
        && t.folded.ends_with(letters.as_str())
        && (is_unit(&letters)
            || ["st", "nd", "rd", "th", "s", "yo", "y", "yrs", "yr"].contains(&letters.as_str()));
    if amount || measure {
        return;
    }
    let c = candidate(t.start, t.end, "[ID number]", RedactionReason::Number, "An id number");
    out.push(if digits >= 5 { c } else { c.flagged() });
}

/// A number after a word that says it identifies something: "file 4471", "hospital no. 88213",
/// "PO Box 12", "case #3381".
fn named_number_at(p: &Prepared<'_>, i: usize, out: &mut Vec<Candidate>) {
    let t = &p.tokens;
    // "Private Bag X17", "PO Box 12a"
    let boxed = i > 0
        && ["box", "bag"].contains(&t[i - 1].folded.as_str())
        && t[i].digit_count() >= 1
        && t[i].folded.len() <= 8;
    if !t[i].is_digits() && !boxed {
        return;
    }
    let hash = p.text[..t[i].start].ends_with('#');
    let keyword = t[i.saturating_sub(3)..i].iter().rev().position(|k| is_number_keyword(&k.folded));
    let short_ok = t[i.saturating_sub(2)..i].iter().any(|k| ["box", "bag"].contains(&k.folded.as_str()));
    let len = t[i].folded.len();
    if (hash && len >= 2) || (keyword.is_some() && (len >= 3 || short_ok) && len <= 12) {
        out.push(candidate(
            t[i].start,
            t[i].end,
            "[number]",
            RedactionReason::Number,
            "A file, case or id number",
        ));
    }
}

/// A South African or similar vehicle registration: "CA 123-456", "ND 12345", "BB 12 CC GP",
/// "CAW 40321".
fn plate_at(p: &Prepared<'_>, i: usize, out: &mut Vec<Candidate>) {
    let t = &p.tokens;
    let caps = |k: usize| {
        let o = p.original(k);
        (1..=3).contains(&o.len()) && o.chars().all(|c| c.is_ascii_uppercase())
    };
    if !caps(i)
        || SCALES.contains(&t[i].folded.as_str())
        || (i > 0 && p.gap_after(i - 1) == Some(" ") && caps(i - 1))
    {
        return;
    }
    let (mut j, mut digits, mut groups, mut letters_after) = (i, 0usize, 0, false);
    while j + 1 < t.len() && matches!(p.gap_after(j), Some(" " | "-")) && j - i < 4 {
        let next = &t[j + 1];
        if next.is_digits() && next.folded.len() <= 6 && !letters_after {
            digits += next.folded.len();
            groups += 1;
        } else if caps(j + 1) && groups > 0 {
            letters_after = true;
        } else {
            break;
        }
        j += 1;
    }
    let measured = t.get(j + 1).is_some_and(|n| is_unit(&n.folded));
    if groups >= 1 && !measured && ((3..=7).contains(&digits) || (letters_after && digits >= 2)) {
        out.push(candidate(
            t[i].start,
            t[j].end,
            "[registration]",
            RedactionReason::Number,
            "A vehicle registration",
        ));
    }
}

/// A number of four or more digits that is no year and no quantity: it may be a postcode or a
/// code, so the therapist decides. A year-like number right after a capitalised place-like word
/// ("Durbanville 7550") is flagged too.
fn short_number_at(p: &Prepared<'_>, i: usize, old_year: i32, out: &mut Vec<Candidate>) {
    let t = &p.tokens;
    if !t[i].is_digits() || !(4..=5).contains(&t[i].folded.len()) {
        return;
    }
    let glued = |k: usize| p.gap_after(k).is_some_and(|g| g.chars().count() <= 1 && !g.contains(' '));
    if (i > 0 && glued(i - 1)) || glued(i) {
        return; // part of a longer number or a date, which their own scanners judge
    }
    if t.get(i + 1).is_some_and(|n| is_unit(&n.folded))
        || p.text[..t[i].start].ends_with(['R', '$', '€', '£'])
    {
        return;
    }
    let after_place = i > 0
        && matches!(p.gap_after(i - 1), Some(" " | ", "))
        && p.original(i - 1).starts_with(char::is_uppercase)
        && !is_month(&t[i - 1])
        && !super::words::is_word(&t[i - 1].folded);
    let year = year_of(&t[i]).is_some_and(|y| y > old_year);
    if !year || after_place {
        out.push(
            candidate(
                t[i].start,
                t[i].end,
                "[number]",
                RedactionReason::Number,
                "A number that may be a postcode or a code",
            )
            .flagged(),
        );
    }
}

fn candidate(start: usize, end: usize, replacement: &str, reason: RedactionReason, why: &str) -> Candidate {
    Candidate::new(start, end, replacement, reason, why)
}

/// An address written to dodge a scanner: "naledi [at] example [dot] com", "lindiwe at
/// pelvicfloor dot example".
fn spelled_email_at(p: &Prepared<'_>, i: usize, out: &mut Vec<Candidate>) {
    let t = &p.tokens;
    if i + 4 >= t.len() || t[i + 1].folded != "at" || t[i + 3].folded != "dot" {
        return;
    }
    let mut last = i + 4;
    while last + 2 < t.len() && t[last + 1].folded == "dot" {
        last += 2;
    }
    out.push(candidate(
        t[i].start,
        t[last].end,
        "[email]",
        RedactionReason::Email,
        "An email address, spelled out",
    ));
}

/// A social-media handle: "@ayanda_sings".
fn handles(text: &str, out: &mut Vec<Candidate>) {
    for (at, _) in text.match_indices('@') {
        if text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '.') {
            continue; // an email address, found by its own scanner
        }
        let len: usize = text[at + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .map(char::len_utf8)
            .sum();
        let handle = text[at + 1..at + 1 + len].trim_end_matches('.');
        if handle.chars().count() >= 2 {
            out.push(candidate(
                at,
                at + 1 + handle.len(),
                "[handle]",
                RedactionReason::Email,
                "A social-media handle",
            ));
        }
    }
}

/// Days of the year named by their feast or holiday: "Christmas Day", "New Year's Eve",
/// "Youth Day". "Christmas" alone is a season and stays.
const HOLIDAYS: [&[&str]; 22] = [
    &["christmas", "day"],
    &["christmas", "eve"],
    &["boxing", "day"],
    &["new", "year", "s", "eve"],
    &["new", "year", "s", "day"],
    &["new", "years", "eve"],
    &["new", "years", "day"],
    &["valentine", "s", "day"],
    &["valentines", "day"],
    &["youth", "day"],
    &["freedom", "day"],
    &["heritage", "day"],
    &["women", "s", "day"],
    &["workers", "day"],
    &["human", "rights", "day"],
    &["mandela", "day"],
    &["day", "of", "reconciliation"],
    &["reconciliation", "day"],
    &["good", "friday"],
    &["world", "aids", "day"],
    &["mother", "s", "day"],
    &["father", "s", "day"],
];

fn holiday_at(p: &Prepared<'_>, i: usize, out: &mut Vec<Candidate>) {
    let t = &p.tokens;
    if !p.original(i).starts_with(char::is_uppercase) {
        return;
    }
    for words in HOLIDAYS {
        if i + words.len() <= t.len()
            && words.iter().enumerate().all(|(k, w)| t[i + k].folded == *w)
            && (i..i + words.len() - 1).all(|k| p.gap_after(k).is_some_and(|g| g.chars().count() <= 2))
        {
            let last = i + words.len() - 1;
            let mut c =
                candidate(t[i].start, t[last].end, "[date]", RedactionReason::Date, "A day of the year");
            c.priority = 1;
            out.push(c);
            return;
        }
    }
}

fn emails(text: &str, out: &mut Vec<Candidate>) {
    let local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    for (at, _) in text.match_indices('@') {
        let start = text[..at].char_indices().rev().take_while(|&(_, c)| local(c)).last().map(|(i, _)| i);
        let end =
            at + 1 + text[at + 1..].chars().take_while(|&c| domain(c)).map(char::len_utf8).sum::<usize>();
        let host = text[at + 1..end].trim_end_matches(['.', '-']);
        if let Some(start) = start
            && host.contains('.')
            && !host.starts_with('.')
        {
            let end = at + 1 + host.len();
            out.push(candidate(start, end, "[email]", RedactionReason::Email, "An email address"));
        }
    }
}

fn urls(text: &str, out: &mut Vec<Candidate>) {
    let lower = text.to_ascii_lowercase();
    for prefix in ["http://", "https://", "www."] {
        for (at, _) in lower.match_indices(prefix) {
            if text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let len: usize = text[at..]
                .chars()
                .take_while(|c| !c.is_whitespace() && !"\"'<>()[]{}".contains(*c))
                .map(char::len_utf8)
                .sum();
            let url = text[at..at + len].trim_end_matches(['.', ',', ';', ':', '!', '?']);
            if url.len() > prefix.len() {
                out.push(candidate(
                    at,
                    at + url.len(),
                    "[web address]",
                    RedactionReason::WebAddress,
                    "A web address",
                ));
            }
        }
    }
}

fn ipv6(text: &str, out: &mut Vec<Candidate>) {
    let is_part = |c: char| c.is_ascii_hexdigit() || c == ':';
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !is_part(c) || text[..start].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = iter.peek() {
            if !is_part(c) {
                break;
            }
            end = i + c.len_utf8();
            iter.next();
        }
        let run = &text[start..end];
        let colons = run.matches(':').count();
        let boundary = !text[end..].chars().next().is_some_and(char::is_alphanumeric);
        if boundary && (run.contains("::") || colons >= 4) && colons >= 2 && run.chars().any(|c| c != ':') {
            out.push(candidate(start, end, "[IP address]", RedactionReason::IpAddress, "An IP address"));
        }
    }
}

fn domain_at(p: &Prepared<'_>, i: usize, out: &mut Vec<Candidate>) {
    let t = &p.tokens;
    if p.text[..t[i].start].ends_with(['.', '@', '-', '/']) {
        return;
    }
    let (mut j, mut labels) = (i, 1);
    while let Some(gap) = p.gap_after(j) {
        match gap {
            "." => labels += 1,
            "-" => {}
            _ => break,
        }
        j += 1;
    }
    let last = &t[j].folded;
    if labels >= 2 && TLDS.contains(&last.as_str()) && p.gap_after(j.saturating_sub(1)) == Some(".") {
        let mut end = t[j].end;
        if p.text[end..].starts_with('/') {
            end +=
                p.text[end..].chars().take_while(|c| !c.is_whitespace()).map(char::len_utf8).sum::<usize>();
            end = start_trimmed_end(p.text, t[i].start, end);
        }
        out.push(candidate(t[i].start, end, "[web address]", RedactionReason::WebAddress, "A web address"));
    }
}

fn start_trimmed_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']).len()
}

fn ipv4_at(p: &Prepared<'_>, i: usize, out: &mut Vec<Candidate>) {
    let t = &p.tokens;
    if i + 3 >= t.len() {
        return;
    }
    let octet =
        |k: &Token| k.is_digits() && k.folded.len() <= 3 && k.folded.parse::<u16>().is_ok_and(|v| v <= 255);
    let dotted = (i..i + 3).all(|k| p.gap_after(k) == Some("."));
    if dotted && t[i..=i + 3].iter().all(octet) {
        out.push(candidate(
            t[i].start,
            t[i + 3].end,
            "[IP address]",
            RedactionReason::IpAddress,
            "An IP address",
        ));
    }
}

fn day_of(t: &Token) -> Option<u32> {
    let digits: String = t.folded.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &t.folded[digits.len()..];
    let ok_suffix = ["", "st", "nd", "rd", "th"].contains(&suffix);
    digits.parse().ok().filter(|d| (1..=31).contains(d) && ok_suffix && digits.len() <= 2)
}

fn year_of(t: &Token) -> Option<i32> {
    (t.is_digits() && t.folded.len() == 4)
        .then(|| t.folded.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn is_month(t: &Token) -> bool {
    MONTHS.contains(&t.folded.as_str())
}

fn short_gap(gap: Option<&str>) -> bool {
    gap.is_some_and(|g| !g.is_empty() && g.chars().count() <= 2 && g.chars().all(|c| " ,.-/\n".contains(c)))
}

/// Words that may follow a day written alone ("on the 17th at ten", "the 3rd, when").
const AFTER_DAY: [&str; 16] = [
    "at", "of", "when", "for", "and", "or", "to", "in", "we", "she", "he", "they", "i", "was", "is", "she's",
];

fn date_at(p: &Prepared<'_>, i: usize, old_year: i32, out: &mut Vec<Candidate>) {
    let t = &p.tokens;
    let num = |k: usize| t.get(k).filter(|x| x.is_digits()).and_then(|x| x.folded.parse::<u32>().ok());
    let len = |k: usize| t.get(k).map_or(0, |x| x.folded.len());
    let mut found: Option<(usize, Option<i32>)> = None;
    // 2024-03-05, 05/03/2024, 5.3.24
    let (g1, g2) = (p.gap_after(i), p.gap_after(i + 1));
    if let (Some(a), Some(b), Some(c)) = (num(i), num(i + 1), num(i + 2))
        && g1 == g2
        && matches!(g1, Some("/" | "-" | "."))
    {
        if len(i) == 4 && (1..=12).contains(&b) && (1..=31).contains(&c) && len(i + 1) <= 2 && len(i + 2) <= 2
        {
            found = Some((i + 2, year_of(&t[i])));
        } else if len(i) <= 2
            && len(i + 1) <= 2
            && matches!(len(i + 2), 2 | 4)
            && (1..=31).contains(&a)
            && (1..=31).contains(&b)
            && (a <= 12 || b <= 12)
        {
            found = Some((i + 2, year_of(&t[i + 2])));
        }
    }
    // 5 March 2024, 5th of March
    if found.is_none() && day_of(&t[i]).is_some() {
        let mut k = i + 1;
        if t.get(k).is_some_and(|x| x.folded == "of") && short_gap(p.gap_after(i)) {
            k += 1;
        }
        if t.get(k).is_some_and(is_month) && short_gap(p.gap_after(k - 1)) {
            found = Some(match t.get(k + 1).and_then(year_of) {
                Some(y) if short_gap(p.gap_after(k)) => (k + 1, Some(y)),
                _ => (k, None),
            });
        }
    }
    // March 5, 2024; March 2024
    if found.is_none()
        && is_month(&t[i])
        && short_gap(p.gap_after(i))
        && let Some(next) = t.get(i + 1)
    {
        if day_of(next).is_some() {
            found = Some(match t.get(i + 2).and_then(year_of) {
                Some(y) if short_gap(p.gap_after(i + 1)) => (i + 2, Some(y)),
                _ => (i + 1, None),
            });
        } else if let Some(y) = year_of(next) {
            found = Some((i + 1, Some(y)));
        }
    }
    // 14/02, 2/14, 03/2026, 2026-03
    if found.is_none()
        && let (Some(a), Some(b)) = (num(i), num(i + 1))
        && !(i > 0 && matches!(p.gap_after(i - 1), Some("/" | "-" | ".")) && t[i - 1].is_digits())
        && !(matches!(p.gap_after(i + 1), Some("/" | "-" | ".")) && num(i + 2).is_some())
    {
        let gap = p.gap_after(i);
        if gap == Some("/") && len(i) <= 2 && len(i + 1) <= 2 && a >= 1 && b >= 1 {
            let valid = (a <= 31 && b <= 12) || (a <= 12 && b <= 31);
            let rating = [4, 5, 7, 10, 20, 25, 30, 40, 50, 60, 100].contains(&b) && a <= b;
            if valid && !rating {
                let mut c = candidate(t[i].start, t[i + 1].end, "[date]", RedactionReason::Date, "A date");
                c.priority = 1;
                out.push(if a <= 12 && b <= 12 && len(i) == 1 && len(i + 1) == 1 { c.flagged() } else { c });
                return;
            }
        }
        let month_year = matches!(gap, Some("/" | "-" | "."))
            && ((len(i) <= 2 && (1..=12).contains(&a) && len(i + 1) == 4 && year_of(&t[i + 1]).is_some())
                || (len(i) == 4 && year_of(&t[i]).is_some() && len(i + 1) == 2 && (1..=12).contains(&b)));
        if month_year {
            let year = if len(i) == 4 { year_of(&t[i]) } else { year_of(&t[i + 1]) };
            found = Some((i + 1, year));
        }
    }
    // the 17th, on the 3rd
    if found.is_none()
        && i > 0
        && ["the", "on"].contains(&t[i - 1].folded.as_str())
        && day_of(&t[i]).is_some()
        && !t[i].is_digits()
    {
        let ends = match (p.gap_after(i), t.get(i + 1)) {
            (None, _) | (_, None) => true,
            (Some(g), Some(next)) => g.trim() != "" || AFTER_DAY.contains(&next.folded.as_str()),
        };
        if ends {
            found = Some((i, None));
        }
    }
    // in March, last Sept., May 2024 (a capitalised month on its own; "May I" opens no date)
    if found.is_none()
        && is_month(&t[i])
        && p.original(i).starts_with(char::is_uppercase)
        && !(t[i].folded == "may" && p.starts_sentence(i))
        && !(t[i].folded == "march" && p.starts_sentence(i))
    {
        let mut c = candidate(t[i].start, t[i].end, "[month]", RedactionReason::Date, "A month");
        c.priority = 2;
        out.push(c);
    }
    if let Some((last, year)) = found {
        let replacement = match year {
            Some(y) if y > old_year => format!("[date in {y}]"),
            _ => "[date]".to_string(),
        };
        let mut c = candidate(t[i].start, t[last].end, &replacement, RedactionReason::Date, "A date");
        c.priority = 1;
        out.push(c);
    }
}

/// Words before a number that make it an age: "aged 93", "is 93", "turned 93".
const AGE_BEFORE: [&str; 17] = [
    "aged",
    "age",
    "is",
    "was",
    "turned",
    "turns",
    "turning",
    "now",
    "be",
    "been",
    "reached",
    "reach",
    "reaches",
    "ages",
    "celebrated",
    "celebrates",
    "nearly",
];
/// Words after a number that make it an age: "93 years", "93-year-old", "93 yo".
const AGE_AFTER: [&str; 8] = ["year", "years", "yr", "yrs", "yo", "y", "yearold", "birthday"];

fn is_age_context(p: &Prepared<'_>, i: usize, last: usize) -> bool {
    let t = &p.tokens;
    let after = t.get(last + 1).is_some_and(|x| AGE_AFTER.contains(&x.folded.as_str()))
        && matches!(p.gap_after(last), Some(" " | "-" | " - "));
    let before = i > 0
        && AGE_BEFORE.contains(&t[i - 1].folded.as_str())
        && matches!(p.gap_after(i - 1), Some(" " | ": " | ":"));
    // "Stepmother: 96, frail", "her gogo (94)", "Mr Botha, 97, lives": a person and a number set
    // apart is an age.
    let gap_before = if i > 0 { p.gap_after(i - 1) } else { None };
    let gap_after = p.gap_after(last).or_else(|| (last + 1 == t.len()).then_some(""));
    let apposed = matches!(gap_before, Some(": " | ", " | " (" | " - "))
        && gap_after.is_some_and(|g| g.starts_with([',', ')', '.', ';']) || g.is_empty());
    let measured = t.get(last + 1).is_some_and(|x| is_unit(&x.folded));
    // "lived to 96", "still alive at 93", "died at 97".
    let lived = i >= 2
        && p.gap_after(i - 1) == Some(" ")
        && ((t[i - 1].folded == "to" && LIVED.contains(&t[i - 2].folded.as_str()))
            || (t[i - 1].folded == "at"
                && ["alive", "died", "dead", "away", "passed", "still"].contains(&t[i - 2].folded.as_str())));
    after || before || lived || (apposed && !measured)
}

/// Words before "to" that make the next number an age: "lived to 96".
const LIVED: [&str; 5] = ["lived", "live", "lives", "living", "survived"];

fn age_at(p: &Prepared<'_>, i: usize, out: &mut Vec<Candidate>) {
    let t = &p.tokens;
    let digits: String = t[i].folded.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &t[i].folded[digits.len()..];
    let Ok(age) = digits.parse::<u32>() else { return };
    if !(90..=130).contains(&age) {
        return;
    }
    // "93yo", "93yrs", "93y": the unit run on
    let glued = ["yo", "y", "yr", "yrs"].contains(&suffix);
    // "in his 90s", "her late 90s"
    let decade = suffix == "s" && age % 10 == 0 && age < 130;
    // 100 to 130 on its own is an age far more often than anything else, unless it measures
    // something ("120 minutes", "110 mg") or is part of a reading ("120/80", "101.5").
    let reading = |g: Option<&str>| g.is_some_and(|g| ["/", ".", ","].contains(&g));
    let hundred = suffix.is_empty()
        && age >= 100
        && !t.get(i + 1).is_some_and(|x| is_unit(&x.folded))
        && !(reading(p.gap_after(i)) && t.get(i + 1).is_some_and(Token::is_digits))
        && !(i > 0 && reading(p.gap_after(i - 1)) && t[i - 1].is_digits());
    if glued || decade || hundred || (suffix.is_empty() && is_age_context(p, i, i)) {
        out.push(candidate(t[i].start, t[i].end, "90+", RedactionReason::Age, "An age over 89"));
    }
}

/// Ages over 89 in words: "ninety-three years old", "she is ninety", "in her nineties",
/// "a nonagenarian".
fn age_words_at(p: &Prepared<'_>, i: usize, out: &mut Vec<Candidate>) {
    let t = &p.tokens;
    let word = t[i].folded.as_str();
    let always = [
        "nonagenarian",
        "nonagenarians",
        "centenarian",
        "centenarians",
        "nineties",
        "ninetieth",
        "hundredth",
    ];
    if always.contains(&word) {
        out.push(candidate(t[i].start, t[i].end, "90+", RedactionReason::Age, "An age over 89"));
        return;
    }
    if !["ninety", "hundred"].contains(&word) {
        return;
    }
    let units = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    let mut last = i;
    if word == "ninety"
        && t.get(i + 1).is_some_and(|n| units.contains(&n.folded.as_str()))
        && matches!(p.gap_after(i), Some("-" | " "))
    {
        last = i + 1;
    }
    // "a hundred and four"
    if word == "hundred"
        && t.get(i + 1).is_some_and(|n| n.folded == "and")
        && t.get(i + 2).is_some_and(|n| {
            units.contains(&n.folded.as_str()) || ["ten", "eleven", "twelve"].contains(&n.folded.as_str())
        })
    {
        last = i + 2;
    }
    let start = if word == "hundred" && i > 0 && ["a", "one"].contains(&t[i - 1].folded.as_str()) {
        t[i - 1].start
    } else {
        t[i].start
    };
    // "ninety-three" on its own is an age far more often than a count; "ninety minutes" is not.
    let compound = last > i && !t.get(last + 1).is_some_and(|x| is_unit(&x.folded) || x.folded == "percent");
    let first = if start == t[i].start { i } else { i - 1 };
    let lived = first >= 2 && t[first - 1].folded == "to" && LIVED.contains(&t[first - 2].folded.as_str());
    if compound || lived || is_age_context(p, if start == t[i].start { i } else { i - 1 }, last) {
        out.push(candidate(start, t[last].end, "90+", RedactionReason::Age, "An age over 89"));
    }
}

fn digit_runs(p: &Prepared<'_>, phones: &[KnownPhone], out: &mut Vec<Candidate>) {
    let t = &p.tokens;
    let mut i = 0;
    while i < t.len() {
        if !t[i].is_digits() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < t.len()
            && t[j + 1].is_digits()
            && p.gap_after(j)
                .is_some_and(|g| g.chars().count() <= 3 && g.chars().all(|c| " -./()\n\r".contains(c)))
        {
            j += 1;
        }
        let digits: String = t[i..=j].iter().map(|x| x.folded.as_str()).collect();
        let years = j == i + 1 && year_of(&t[i]).is_some() && year_of(&t[j]).is_some();
        if digits.len() >= 6 && t[i..=j].iter().any(|x| x.folded.len() >= 3) && !years {
            let before = &p.text[..t[i].start];
            let start = if before.ends_with("(+") {
                t[i].start - 2
            } else if before.ends_with(['+', '(']) {
                t[i].start - 1
            } else {
                t[i].start
            };
            let plus = p.text[start..].starts_with(['+', '(']) && p.text[start..].contains('+');
            let known = phones.iter().find(|k| same_number(&k.digits, &digits));
            let c = match known {
                Some(k) => candidate(start, t[j].end, "[phone]", RedactionReason::Phone, &k.why),
                None if (plus || digits.starts_with('0')) && (9..=13).contains(&digits.len()) => {
                    candidate(start, t[j].end, "[phone]", RedactionReason::Phone, "A phone number")
                }
                None => candidate(start, t[j].end, "[number]", RedactionReason::Number, "A long number"),
            };
            out.push(c);
        }
        i = j + 1;
    }
}

/// The same phone number, written nationally or internationally: the last nine digits agree.
fn same_number(known: &str, found: &str) -> bool {
    let tail = |d: &str| d[d.len().saturating_sub(9)..].to_string();
    known.len() >= 7 && found.len() >= 7 && (tail(known) == tail(found))
}

#[cfg(test)]
mod tests;
