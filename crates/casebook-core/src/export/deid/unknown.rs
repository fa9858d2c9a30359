//! Words that may name someone or somewhere though the notebook does not hold them: a capitalised
//! word found in no dictionary ("Xolani", "Khayelitsha", "Groote Schuur"), and a capitalised
//! ordinary word that is also a given name, in the middle of a sentence ("told Grace"). The
//! engine cannot tell these from a brand or a clinical eponym, so each is a flag for the
//! therapist, never a silent redaction and never silently kept.

use super::Candidate;
use super::lexicon::is_common;
use super::phrase::is_ordinary_word;
use super::tokens::Prepared;
use super::words;
use crate::export::model::RedactionReason;

/// Whether token `i` is a capitalised word that may be a name or a place.
fn suspicious(p: &Prepared<'_>, i: usize) -> bool {
    let original = p.original(i);
    let folded = &p.tokens[i].folded;
    let letters = original.chars().count();
    if letters < 2 || !original.chars().all(char::is_alphabetic) {
        return false;
    }
    if !original.starts_with(char::is_uppercase) {
        // A sentence that opens in lower case with a word no dictionary has: a name typed in
        // haste ("tshepo, her great-grandson, ...").
        let apposed = p.gap_after(i) == Some(", ")
            && p.tokens.get(i + 1).is_some_and(|n| APPOSITION.contains(&n.folded.as_str()));
        return letters >= 4
            && apposed
            && p.starts_sentence(i)
            && !words::is_word(folded)
            && !is_common(original);
    }
    // An acronym ("CBT", "PLISSIT", "HIV") is a term, not a name.
    if letters <= 7 && original.chars().all(char::is_uppercase) {
        return false;
    }
    if is_common(original) {
        return false;
    }
    if !words::is_word(folded) {
        return true;
    }
    if !is_ordinary_word(folded) {
        return false;
    }
    // "told Grace about it": an everyday word that is a given name, capitalised mid-sentence;
    // "Faith, her carer, ...": one opening a sentence and named by what follows.
    let apposed = p.gap_after(i) == Some(", ")
        && p.tokens.get(i + 1).is_some_and(|n| APPOSITION.contains(&n.folded.as_str()));
    !p.starts_sentence(i) || apposed
}

/// Words that open a description of the person just named: "Faith, her carer".
const APPOSITION: [&str; 8] = ["her", "his", "their", "the", "a", "an", "my", "our"];

/// Words that make a run of capitalised ordinary words the name of a place or an institution:
/// "University of the Western Cape", "Red Cross War Memorial Children's Hospital".
const INSTITUTIONS: &str = "university college school academy hospital clinic centre center church \
mosque temple synagogue prison hotel bank company factory mine station airport mall museum \
library institute ministry department court township village farm estate park";

/// A run of capitalised words (with "of", "the", "and" and possessives between them) holding an
/// institution word, that does not open a sentence.
fn institution_at(p: &Prepared<'_>, i: usize) -> Option<usize> {
    let t = &p.tokens;
    let capital = |k: usize| {
        p.original(k).starts_with(char::is_uppercase) && p.original(k).chars().all(char::is_alphabetic)
    };
    if !capital(i) || p.starts_sentence(i) || (i > 0 && capital(i - 1) && p.gap_after(i - 1) == Some(" ")) {
        return None;
    }
    let (mut j, mut k, mut words_in, mut institution) = (i, i, 1, false);
    institution |= INSTITUTIONS.split_whitespace().any(|w| w == t[i].folded);
    while k + 1 < t.len() && matches!(p.gap_after(k), Some(" " | "'" | "’")) {
        let next = k + 1;
        let joiner = ["of", "the", "and", "for", "s"].contains(&t[next].folded.as_str());
        if capital(next) {
            j = next;
            words_in += 1;
            institution |= INSTITUTIONS.split_whitespace().any(|w| w == t[next].folded);
        } else if !joiner {
            break;
        }
        k = next;
    }
    (institution && words_in >= 2).then_some(j)
}

/// Every suspicious word, adjacent ones taken together ("Groote Schuur", "Mitchells Plain").
pub(super) fn scan(p: &Prepared<'_>) -> Vec<Candidate> {
    let mut out = Vec::new();
    let t = &p.tokens;
    let mut i = 0;
    while i < t.len() {
        if let Some(j) = institution_at(p, i) {
            let why = "The name of a place or an institution?";
            out.push(
                Candidate::new(t[i].start, t[j].end, "[place]", RedactionReason::Unknown, why).flagged(),
            );
            i = j + 1;
            continue;
        }
        if !suspicious(p, i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < t.len()
            && matches!(p.gap_after(j), Some(" " | "-" | "'" | "’"))
            && p.original(j + 1).starts_with(char::is_uppercase)
            && p.original(j + 1).chars().all(char::is_alphabetic)
        {
            j += 1;
        }
        // A capitalised ordinary word before the unknown one belongs to it ("Mitchells Plain"
        // reads from its unknown part; "Groote Schuur Hospital" keeps "Hospital" with it).
        let why = if words::is_word(&t[i].folded) && i == j {
            "A capitalised word that is also a name: is it one here?"
        } else {
            "Not in the dictionary: a name or a place?"
        };
        out.push(
            Candidate::new(t[i].start, t[j].end, "[name or place]", RedactionReason::Unknown, why).flagged(),
        );
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(text: &str) -> Vec<&str> {
        let p = Prepared::new(text);
        scan(&p).into_iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn unknown_capitalised_words_are_flagged_and_ordinary_ones_are_not() {
        assert_eq!(flags("She met Xolani at church in Khayelitsha."), ["Xolani", "Khayelitsha"]);
        assert_eq!(flags("Admitted to Groote Schuur Hospital."), ["Groote Schuur Hospital"]);
        assert_eq!(flags("Mother: Deceased. Read Come As You Are."), Vec::<&str>::new());
        assert_eq!(flags("CBT and PLISSIT; Viagra helped. On Monday, Zoom."), Vec::<&str>::new());
        assert_eq!(flags("She told Grace. Grace is a value."), ["Grace"]);
    }
}
