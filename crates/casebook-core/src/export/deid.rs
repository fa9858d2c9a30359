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
//! Every recorded text in the summary is scanned for both. Overlapping finds are merged (a longer
//! find always wins over leaking its tail), a name next to its title is taken with it ("Dr Pillay"
//! becomes "GP"), and a name written in two parts becomes one role word ("Nkosi, Thandi" becomes
//! "Client"). Each replacement is a [`Redaction`] with a stable id, so the preview can show it and
//! the therapist can undo it. Structured values (dates, ages, who was present) never reach this
//! module as identifiers: the builder writes them as relative weeks, age bands and role words.

mod lexicon;
mod patterns;
mod phrase;
mod tokens;

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
}

impl Lexicon {
    /// Every find in `text`, overlaps merged, titles and split names joined.
    fn finds(&self, text: &str) -> Vec<Candidate> {
        let p = Prepared::new(text);
        let mut all = patterns::scan(&p, &self.phones, self.old_year);
        for k in &self.known {
            let priority = if k.reason == RedactionReason::Place { 3 } else { 0 };
            for (start, end) in k.phrase.find_all(&p) {
                let mut start = start;
                if k.reason == RedactionReason::Name && !k.replacement.starts_with('[') {
                    start = with_title(&p, start);
                }
                all.push(Candidate {
                    start,
                    end,
                    replacement: k.replacement.clone(),
                    reason: k.reason,
                    why: k.why.clone(),
                    priority,
                });
            }
        }
        all.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.priority));
        let mut merged: Vec<Candidate> = Vec::new();
        for c in all {
            match merged.last_mut() {
                Some(last) if c.start < last.end => last.end = last.end.max(c.end),
                Some(last)
                    if matches!(last.reason, RedactionReason::Name | RedactionReason::OtherName)
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
}

/// The start of a title just before a name ("Dr ", "Mrs. "), or the name's own start.
fn with_title(p: &Prepared<'_>, start: usize) -> usize {
    let Some(i) = p.token_at(start) else { return start };
    if i == 0 || !TITLES.contains(&p.tokens[i - 1].folded.as_str()) {
        return start;
    }
    match p.gap_after(i - 1) {
        Some(" " | ". " | ".") => p.tokens[i - 1].start,
        _ => start,
    }
}

/// A short gap between two parts of one name ("Nkosi, Thandi", "Thandi-Nkosi").
fn is_name_join(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().count() <= 3 && gap.chars().all(|c| c == ' ' || c == ',' || c == '-')
}

/// Replaces every find in every recorded text of `sections`, except the undone ones; returns the
/// redactions made, in document order.
pub(crate) fn apply(
    sections: &mut [Section],
    lexicon: &Lexicon,
    undone: &BTreeSet<String>,
) -> Vec<Redaction> {
    let mut redactions = Vec::new();
    for section in sections.iter_mut() {
        for block in &mut section.blocks {
            block.visit_mut(&mut |text| redact(text, lexicon, undone, &mut redactions));
        }
    }
    redactions
}

fn redact(text: &mut Text, lexicon: &Lexicon, undone: &BTreeSet<String>, out: &mut Vec<Redaction>) {
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
        if undone.contains(&id) {
            continue;
        }
        if c.start > at {
            segments.push(Segment { text: original[at..c.start].to_string(), redaction: None });
        }
        segments.push(Segment { text: c.replacement.clone(), redaction: Some(id.clone()) });
        out.push(Redaction {
            id,
            original: found.to_string(),
            replacement: c.replacement,
            reason: c.reason,
            why: c.why,
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
