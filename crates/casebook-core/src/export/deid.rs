//! De-identification of a supervision summary (DOMAIN.md section 8).
//!
//! Two sources of identifiers are combined. The notebook's own knowledge of the case (the
//! [`Lexicon`]): the names of the client, the partner and every practitioner in the directory,
//! the referrer and the others present at sessions, their phone numbers and addresses and the
//! places in them, the practice names, plus names the free text itself introduces ("her sister
//! Lerato", "Mrs Dlamini") and the texts the therapist chose to redact. And identifiers found by
//! their shape, whoever they belong to ([`patterns`]): email and web addresses, IP addresses,
//! phone and long numbers, id numbers, dates with a day or month, ages over 89.
//!
//! A third source covers what neither can decide ([`unknown`]): a capitalised word that is in no
//! dictionary (a likely name or place), a held name that is also an ordinary word opening a
//! sentence ("Will power is low"), a short number that may be a postcode or an id. Those are
//! *flags*: shown in the preview with the original text, and the export is refused until the
//! therapist accepts each (redact) or dismisses it (keep). The engine never silently removes what
//! it cannot tell from a clinical word, and never silently keeps what may name someone.
//!
//! Every recorded text in the summary is scanned for all three. Overlapping finds are merged (a longer
//! find always wins over leaking its tail), a name next to its title is taken with it ("Dr Pillay"
//! becomes "GP"), and a name written in two parts becomes one role word ("Nkosi, Thandi" becomes
//! "Client"). Each replacement is a [`Redaction`] with a stable id, so the preview can show it and
//! the therapist can undo it. Structured values (dates, ages, who was present) never reach this
//! module as identifiers: the builder writes them as relative weeks, age bands and role words.

mod lexicon;
mod patterns;
mod phrase;
mod places;
mod tokens;
mod unknown;
mod words;

pub(crate) use lexicon::Lexicon;

use super::model::{Redaction, RedactionReason, Section, Segment, Text};
use lexicon::{SHARED, TITLES};
use std::collections::BTreeSet;
use tokens::Prepared;

/// One find in one text, before overlaps are resolved.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Byte offsets in the text.
    pub start: usize,
    pub end: usize,
    pub replacement: String,
    pub reason: RedactionReason,
    pub why: String,
    /// Lower wins when two finds cover the same span.
    pub priority: u8,
    /// The engine cannot decide: the therapist accepts or dismisses it.
    pub flag: bool,
}

impl Candidate {
    pub(crate) fn new(
        start: usize,
        end: usize,
        replacement: &str,
        reason: RedactionReason,
        why: &str,
    ) -> Candidate {
        Candidate {
            start,
            end,
            replacement: replacement.into(),
            reason,
            why: why.into(),
            priority: 2,
            flag: false,
        }
    }

    pub(crate) fn flagged(mut self) -> Candidate {
        self.flag = true;
        self.priority = 9;
        self
    }
}

impl Lexicon {
    /// Every find in `text`, overlaps merged, titles and split names joined.
    fn finds(&self, text: &str) -> Vec<Candidate> {
        let p = Prepared::new(text);
        let mut all = patterns::scan(&p, &self.phones, self.old_year);
        for k in &self.known {
            let priority = if k.reason == RedactionReason::Place { 3 } else { 0 };
            for hit in k.phrase.find_all(&p) {
                let mut start = hit.start;
                let mut ambiguous = hit.ambiguous;
                if matches!(k.reason, RedactionReason::Name | RedactionReason::OtherName) {
                    // A role word takes the title with it ("Dr Pillay" is "GP"); "[name]" keeps it.
                    start = with_title(&p, start, !k.replacement.starts_with('['));
                    ambiguous &= start == hit.start;
                }
                let mut c = Candidate::new(start, hit.end, &k.replacement, k.reason, &k.why);
                c.priority = priority;
                if ambiguous {
                    c.why = format!("{}, or the ordinary word?", k.why);
                }
                if ambiguous || k.flag {
                    c = c.flagged();
                }
                all.push(c);
            }
        }
        all.extend(self.short_forms(&p));
        all.extend(places::scan(&p));
        all.extend(unknown::scan(&p));
        all.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.priority));
        let mut merged: Vec<Candidate> = Vec::new();
        for c in all {
            match merged.last_mut() {
                Some(last) if c.start < last.end => {
                    // What a rule decides wins over a flag on the same words.
                    if last.flag && !c.flag {
                        let end = last.end.max(c.end);
                        *last = Candidate { start: last.start, end, ..c };
                    } else {
                        last.end = last.end.max(c.end);
                    }
                }
                Some(last)
                    if !last.flag
                        && !c.flag
                        && matches!(last.reason, RedactionReason::Name | RedactionReason::OtherName)
                        && last.reason == c.reason
                        && is_name_join(&text[last.end..c.start])
                        && (last.replacement == c.replacement
                            || last.replacement == SHARED
                            || c.replacement == SHARED) =>
                {
                    // "Zwelibanzi, Thandi": a shared surname next to a first name is that person.
                    if last.replacement == SHARED {
                        last.replacement = c.replacement;
                        last.why = c.why;
                    }
                    last.end = c.end;
                }
                _ => merged.push(c),
            }
        }
        merged
    }

    /// Capitalised words that begin a held first name and are no ordinary word: "Thandi" for
    /// "Thandiwe", "Sid" for "Siddharth".
    fn short_forms(&self, p: &Prepared<'_>) -> Vec<Candidate> {
        let mut out = Vec::new();
        for (i, t) in p.tokens.iter().enumerate() {
            let original = p.original(i);
            if t.folded.chars().count() < 3
                || !original.starts_with(char::is_uppercase)
                || !original.chars().all(char::is_alphabetic)
                || words::is_word(&t.folded)
            {
                continue;
            }
            if let Some(g) =
                self.given.iter().find(|g| g.folded.starts_with(&t.folded) && g.folded != t.folded)
            {
                let why = format!("{} (a short form)", g.why);
                out.push(Candidate::new(
                    with_title(p, t.start, true),
                    t.end,
                    &g.replacement,
                    RedactionReason::Name,
                    &why,
                ));
            }
        }
        out
    }
}

/// `text` with every identifier `lexicon` holds replaced by its role word, and nothing else:
/// for a text that names people on purpose (a referral letter) but must not name these ones.
/// Answers the text and how many were replaced.
pub(crate) fn replace_held(text: &str, lexicon: &Lexicon) -> (String, usize) {
    let p = Prepared::new(text);
    let mut finds: Vec<Candidate> = Vec::new();
    for k in &lexicon.known {
        for hit in k.phrase.find_all(&p) {
            finds.push(Candidate::new(
                with_title(&p, hit.start, true),
                hit.end,
                &k.replacement,
                k.reason,
                &k.why,
            ));
        }
    }
    let held_phone = |c: &Candidate| c.reason == RedactionReason::Phone && c.why != "A phone number";
    finds.extend(patterns::scan(&p, &lexicon.phones, lexicon.old_year).into_iter().filter(held_phone));
    finds.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let (mut out, mut at, mut count) = (String::new(), 0usize, 0usize);
    for c in finds {
        if c.start < at {
            continue;
        }
        out.push_str(&text[at..c.start]);
        out.push_str(&c.replacement);
        at = c.end;
        count += 1;
    }
    out.push_str(&text[at..]);
    (out, count)
}

/// The start of the initials ("T. ", "A. B. ") and, when `titles`, of a title ("Dr ", "Mrs. ")
/// just before a name, or the name's own start.
fn with_title(p: &Prepared<'_>, start: usize, titles: bool) -> usize {
    let Some(mut i) = p.token_at(start) else { return start };
    let mut start = start;
    for _ in 0..3 {
        if i == 0 || !matches!(p.gap_after(i - 1), Some(" " | ". " | ".")) {
            break;
        }
        let before = p.original(i - 1);
        let initial = before.chars().count() == 1 && before.starts_with(char::is_uppercase) && before != "I";
        if !(initial || (titles && TITLES.contains(&p.tokens[i - 1].folded.as_str()))) {
            break;
        }
        i -= 1;
        start = p.tokens[i].start;
        if !initial {
            break;
        }
    }
    start
}

/// A short gap between two parts of one name ("Nkosi, Thandi", "Thandi-Nkosi").
fn is_name_join(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().count() <= 3 && gap.chars().all(|c| c == ' ' || c == ',' || c == '-')
}

/// What the therapist decided in the preview: redactions undone and flags dismissed (`undone`),
/// flags accepted (`accepted`).
pub(crate) struct Decisions<'a> {
    pub undone: &'a BTreeSet<String>,
    pub accepted: &'a BTreeSet<String>,
}

/// Replaces every find in every recorded text of `sections`, except the undone ones, and marks
/// the open flags; returns the redactions and flags, in document order.
pub(crate) fn apply(
    sections: &mut [Section],
    lexicon: &Lexicon,
    decisions: &Decisions<'_>,
) -> Vec<Redaction> {
    let mut redactions = Vec::new();
    for section in sections.iter_mut() {
        for block in &mut section.blocks {
            block.visit_mut(&mut |text| redact(text, lexicon, decisions, &mut redactions));
        }
    }
    redactions
}

fn redact(text: &mut Text, lexicon: &Lexicon, decisions: &Decisions<'_>, out: &mut Vec<Redaction>) {
    if !text.recorded {
        return;
    }
    let original = text.as_string();
    let mut segments = Vec::new();
    let (mut at, mut chars_at, mut char_pos) = (0usize, 0usize, 0usize);
    for c in lexicon.finds(&original) {
        char_pos += original[chars_at..c.start].chars().count();
        chars_at = c.start;
        let start_char = char_pos;
        let found = &original[c.start..c.end];
        let id = format!("{}@{}", text.key, start_char);
        if decisions.undone.contains(&id) {
            continue;
        }
        if c.start > at {
            segments.push(Segment { text: original[at..c.start].to_string(), redaction: None });
        }
        // An open flag reads as written until the therapist decides.
        let open = c.flag && !decisions.accepted.contains(&id);
        let shown = if open { found.to_string() } else { c.replacement.clone() };
        segments.push(Segment { text: shown, redaction: Some(id.clone()) });
        out.push(Redaction {
            id,
            original: found.to_string(),
            replacement: c.replacement,
            reason: c.reason,
            why: c.why,
            flagged: open,
            start: u32::try_from(start_char).unwrap_or(u32::MAX),
            end: u32::try_from(start_char + found.chars().count()).unwrap_or(u32::MAX),
        });
        at = c.end;
    }
    if at < original.len() {
        segments.push(Segment { text: original[at..].to_string(), redaction: None });
    }
    text.segments = segments;
}

#[cfg(test)]
mod tests;
