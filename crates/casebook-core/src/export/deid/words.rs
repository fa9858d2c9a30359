//! The ordinary words of English and of the practice, to tell a word from a name or a place.
//!
//! Two lists are compiled in (`assets/dictionary/`): the lower-case words of the SCOWL English
//! lists, and Casebook's own list of clinical, medical, language, faith and everyday South African
//! words. A capitalised token found in neither is a possible name or place; a word of a held
//! address or practice that is in either is never redacted on its own.

use std::collections::HashSet;
use std::sync::OnceLock;

static ENGLISH: &str = include_str!("../../../../../assets/dictionary/english-words.txt");
static CLINICAL: &str = include_str!("../../../../../assets/dictionary/clinical-words.txt");

fn english() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| ENGLISH.lines().map(str::trim).filter(|w| !w.is_empty()).collect())
}

fn clinical() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        CLINICAL.lines().filter(|l| !l.starts_with('#')).flat_map(str::split_whitespace).collect()
    })
}

/// Whether a folded word (lower case, no diacritics) is a clinical or practice word.
pub(crate) fn is_clinical(folded: &str) -> bool {
    clinical().contains(folded)
}

/// Whether a folded word is an ordinary word: in the English lists (also as a regular plural
/// or possessive) or in the clinical list.
pub(crate) fn is_word(folded: &str) -> bool {
    if english().contains(folded) || is_clinical(folded) {
        return true;
    }
    let stem = folded.strip_suffix('s').filter(|s| s.len() >= 3);
    stem.is_some_and(|s| english().contains(s) || is_clinical(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_and_clinical_words_are_words_and_names_are_not() {
        for w in
            ["point", "found", "deceased", "floor", "will", "hope", "vaginismus", "sildenafil", "urology"]
        {
            assert!(is_word(w), "{w}");
        }
        for w in ["thandiwe", "mkhize", "khayelitsha", "dsouza", "naidoo", "tamboerskloof"] {
            assert!(!is_word(w), "{w}");
        }
    }
}
