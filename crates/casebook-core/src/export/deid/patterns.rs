//! Identifiers found by their shape, whoever they belong to: email and web addresses, IP
//! addresses, phone numbers, long runs of digits and mixed id numbers, dates with a day or a month,
//! and ages over 89.
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

/// Words after which a short number is an identifier ("file 4471", "medical aid no. 20931").
const NUMBER_KEYWORDS: [&str; 14] = [
    "file",
    "folio",
    "account",
    "acc",
    "policy",
    "member",
    "membership",
    "passport",
    "licence",
    "license",
    "ref",
    "reference",
    "patient",
    "aid",
];

/// Every shaped identifier in `p`. A year up to `old_year` would tell an age over 89, so it goes
/// too.
pub(crate) fn scan(p: &Prepared<'_>, phones: &[KnownPhone], old_year: i32) -> Vec<Candidate> {
    let mut out = Vec::new();
    emails(p.text, &mut out);
    urls(p.text, &mut out);
    ipv6(p.text, &mut out);
    let t = &p.tokens;
    for i in 0..t.len() {
        domain_at(p, i, &mut out);
        ipv4_at(p, i, &mut out);
        date_at(p, i, old_year, &mut out);
        if year_of(&t[i]).is_some_and(|y| y <= old_year) {
            out.push(candidate(
                t[i].start,
                t[i].end,
                "[year]",
                RedactionReason::Age,
                "A year that tells an age over 89",
            ));
        }
        age_at(p, i, &mut out);
        if t[i].digit_count() >= 5 && !t[i].is_digits() {
            out.push(candidate(t[i].start, t[i].end, "[ID number]", RedactionReason::Number, "An id number"));
        }
        if (3..=5).contains(&t[i].folded.len())
            && t[i].is_digits()
            && t[i.saturating_sub(2)..i].iter().any(|k| NUMBER_KEYWORDS.contains(&k.folded.as_str()))
        {
            out.push(candidate(
                t[i].start,
                t[i].end,
                "[number]",
                RedactionReason::Number,
                "A file or id number",
            ));
        }
    }
    digit_runs(p, phones, &mut out);
    out
}

fn candidate(start: usize, end: usize, replacement: &str, reason: RedactionReason, why: &str) -> Candidate {
    Candidate { start, end, replacement: replacement.into(), reason, why: why.into(), priority: 2 }
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
    gap.is_some_and(|g| {
        !g.is_empty() && g.chars().count() <= 2 && g.chars().all(|c| c == ' ' || c == ',' || c == '.')
    })
}

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

fn age_at(p: &Prepared<'_>, i: usize, out: &mut Vec<Candidate>) {
    let t = &p.tokens;
    let Some(age) = t[i].is_digits().then(|| t[i].folded.parse::<u32>().ok()).flatten() else { return };
    if !(90..=130).contains(&age) {
        return;
    }
    let years_after =
        t.get(i + 1).is_some_and(|x| ["year", "years", "yr", "yrs"].contains(&x.folded.as_str()))
            && matches!(p.gap_after(i), Some(" " | "-"));
    let aged_before = i > 0
        && ["aged", "age"].contains(&t[i - 1].folded.as_str())
        && matches!(p.gap_after(i - 1), Some(" " | ": " | ":"));
    if years_after || aged_before {
        out.push(candidate(t[i].start, t[i].end, "90+", RedactionReason::Age, "An age over 89"));
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
                .is_some_and(|g| g.chars().count() <= 2 && g.chars().all(|c| " -./()".contains(c)))
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
