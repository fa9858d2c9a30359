//! Finding a known name or phrase in free text, however it is written: any case, with or without
//! diacritics, followed by a possessive ("Thandi's", "Nkosis"), split across punctuation or a
//! line break ("Nkosi-Thandi", "Thandi\nNkosi", "T.h.a.n.d.i", "O'Brien" as "OBrien").
//!
//! A phrase is a list of folded parts. It matches a run of whole tokens whose folded letters spell
//! the parts in order. Between two parts any short gap of punctuation or space may stand; inside a
//! part only punctuation (or spaces between single letters), so ordinary words next to each other
//! ("than di") never join into a name.

use super::tokens::{Prepared, fold_words};
use super::words;

/// One match of a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Byte offsets in the original text.
    pub start: usize,
    pub end: usize,
    /// A one-word name that is also an ordinary word, found capitalised at the start of a
    /// sentence: it may be the word ("Will power is low."), so the therapist decides.
    pub ambiguous: bool,
}

/// A name or phrase to find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    /// The parts run together.
    target: String,
    /// Byte offsets in `target` where one part ends and the next begins.
    boundaries: Vec<usize>,
    /// Matches only where it starts with a capital: a one-word name or place that is also an
    /// ordinary word ("Will", "Grace", "Observatory"), so "she will try" keeps its verb.
    capital_only: bool,
}

impl Phrase {
    /// A phrase from its words; `None` when it has fewer than two letters or digits.
    pub fn new(text: &str) -> Option<Phrase> {
        let mut target = String::new();
        let mut boundaries = Vec::new();
        for part in text.split_whitespace() {
            let folded: String = fold_words(part).concat();
            if folded.is_empty() {
                continue;
            }
            if !target.is_empty() {
                boundaries.push(target.len());
            }
            target.push_str(&folded);
        }
        let capital_only = boundaries.is_empty() && (is_ordinary_word(&target) || words::is_word(&target));
        (target.chars().count() >= 2).then_some(Phrase { target, boundaries, capital_only })
    }

    /// The phrase in any case, even when it is an everyday word (a text the therapist chose).
    pub fn any_case(self) -> Phrase {
        Phrase { capital_only: false, ..self }
    }

    pub fn folded(&self) -> &str {
        &self.target
    }

    /// Matches only where its first word is capitalised: a place of ordinary words ("Main Road",
    /// "Pelvic Floor Physio"), so "pelvic floor exercises" stays.
    pub fn capitalised(self) -> Phrase {
        Phrase { capital_only: true, ..self }
    }

    /// Every match in `p`, left to right.
    pub fn find_all(&self, p: &Prepared<'_>) -> Vec<Hit> {
        let first = self.target.chars().next();
        let mut hits = Vec::new();
        let mut i = 0;
        while i < p.tokens.len() {
            if p.tokens[i].folded.chars().next() == first
                && let Some((end, last)) = self.match_at(p, i)
                && (!self.capital_only || p.original(i).starts_with(char::is_uppercase))
            {
                let ambiguous = self.capital_only && self.boundaries.is_empty() && p.starts_sentence(i);
                hits.push(Hit { start: p.tokens[i].start, end, ambiguous });
                i = last + 1;
                continue;
            }
            i += 1;
        }
        hits
    }

    /// The end byte and last token of a match starting at token `i`.
    fn match_at(&self, p: &Prepared<'_>, i: usize) -> Option<(usize, usize)> {
        let mut pos = 0;
        let mut j = i;
        loop {
            let token = &p.tokens[j];
            let rest = &self.target[pos..];
            if rest.starts_with(token.folded.as_str()) {
                pos += token.folded.len();
                if pos == self.target.len() {
                    return Some((token.end, j));
                }
                let gap = p.gap_after(j)?;
                let next = &p.tokens[j + 1];
                let letters = token.folded.chars().count() == 1 && next.folded.chars().count() == 1;
                if !joinable(gap, self.boundaries.contains(&pos), letters) {
                    return None;
                }
                j += 1;
            } else if token.folded.starts_with(rest)
                && matches!(&token.folded[rest.len()..], "s" | "es")
                && self.target.chars().count() >= 4
                && p.original(j).ends_with(['s', 'S'])
            {
                // "Nkosis", "THANDIS", "the Jacobses": the name with a possessive or plural.
                let suffix = token.folded.len() - rest.len();
                return Some((token.end - suffix, j));
            } else if token.folded.starts_with(rest)
                && token.folded[rest.len()..].bytes().all(|b| b.is_ascii_digit())
            {
                // "thandi82": a name with digits run on, as in a user name.
                return Some((token.end - (token.folded.len() - rest.len()), j));
            } else {
                return None;
            }
        }
    }
}

/// Given names and surnames that are also everyday English words.
const ORDINARY: &str = "\
will may hope grace joy faith rose mark bill frank dawn summer april june august grant sandy guy art \
ray rich pat gene victor chase hunter carter cook baker king young white brown black green long little \
hill wood stone rock field fields park lane ward bell page love sky storm river star honey ivy holly \
lily daisy iris violet pearl ruby amber crystal jewel penny sunny happy gay early late small short \
strong sharp fox wolf bird swan drake crane finch robin wren lark jay rob don ben sue ken dean dale \
glen cliff heath moss reed rush vale ash oak pine bush barn hall marsh banks waters brook miles \
mason fisher hunt noble wise bright light day night major minor price rice bond cash gold silver \
bishop pope knight lord prince duke earl free booth wall gates street court power powers shepherd \
miller taylor turner walker porter parker cooper butler nurse doctor sage sunday friday christian \
patience prudence charity constance verity justice honor honour trust precious gift blessing";

pub(super) fn is_ordinary_word(folded: &str) -> bool {
    ORDINARY.split_whitespace().any(|w| w == folded)
}

/// Whether two tokens may be read as one name across `gap`.
fn joinable(gap: &str, between_parts: bool, single_letters: bool) -> bool {
    let len = gap.chars().count();
    if len == 0 || len > 3 || gap.chars().any(char::is_alphanumeric) {
        return false;
    }
    if between_parts {
        return gap.matches('\n').count() <= 1;
    }
    let spaced = gap.chars().any(char::is_whitespace);
    (!spaced && len <= 2) || (single_letters && gap.chars().all(|c| c == ' ' || c == '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(phrase: &str, text: &str) -> Vec<String> {
        let p = Prepared::new(text);
        Phrase::new(phrase)
            .unwrap()
            .find_all(&p)
            .into_iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn names_are_found_in_every_spelling() {
        assert_eq!(found("Thandi", "Thandi's partner; THANDI; thandi."), ["Thandi", "THANDI", "thandi"]);
        assert_eq!(
            found("Thandi Nkosi", "Seen: Thandi  Nkosi, (Thandi\nNkosi)"),
            ["Thandi  Nkosi", "Thandi\nNkosi"]
        );
        assert_eq!(found("Nkosi", "the Nkosis' home; Nkosi-Dube"), ["Nkosi", "Nkosi"]);
        assert_eq!(
            found("Thandi", "T.h.a.n.d.i and T H A N D I and Than-di"),
            ["T.h.a.n.d.i", "T H A N D I", "Than-di"]
        );
        assert_eq!(found("O'Brien", "OBrien, O'Brien"), ["OBrien", "O'Brien"]);
        assert_eq!(found("Zoë", "Zoe and ZOË"), ["Zoe", "ZOË"]);
        assert_eq!(found("Thandi", "user thandi82 wrote"), ["thandi"]);
        assert_eq!(found("Jacobs", "the Jacobses and JACOBS'"), ["Jacobs", "JACOBS"]);
    }

    #[test]
    fn a_name_that_is_an_everyday_word_is_found_only_with_its_capital() {
        assert_eq!(found("Will", "Will said she will try; WILL agreed"), ["Will", "WILL"]);
        assert_eq!(found("Grace Brown", "grace brown, and grace"), ["grace brown"]);
        assert_eq!(found("Observatory", "the observatory; lives in Observatory"), ["Observatory"]);
    }

    #[test]
    fn an_everyday_word_name_that_opens_a_sentence_is_ambiguous() {
        let text = "Will power is low. We saw Will. Hope: yes";
        let p = Prepared::new(text);
        let hits = Phrase::new("Will").unwrap().find_all(&p);
        assert_eq!(hits.iter().map(|h| h.ambiguous).collect::<Vec<_>>(), [true, false]);
        let hits = Phrase::new("Thandiwe").unwrap().find_all(&Prepared::new("Thandiwe came."));
        assert!(!hits[0].ambiguous, "a name that is no word is a name anywhere");
    }

    #[test]
    fn ordinary_words_do_not_join_into_a_name() {
        assert!(found("Thandi", "more than di minished").is_empty());
        assert!(found("Sam", "it's a match").is_empty());
        assert!(found("Thandi", "Thandiwe").is_empty());
        assert!(found("Lee", "leeway").is_empty());
    }
}
