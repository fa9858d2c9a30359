//! Place names nobody held: a gazetteer of South African towns, suburbs and townships and the
//! world's largest cities (`assets/gazetteer/`, GeoNames data). A place found capitalised is
//! redacted as "[place]"; one that is also an ordinary word ("Strand", "Gardens") is flagged
//! where it is capitalised in the middle of a sentence and left alone elsewhere.

use super::Candidate;
use super::tokens::Prepared;
use super::words;
use crate::export::model::RedactionReason;
use std::collections::HashMap;
use std::sync::OnceLock;

static PLACES: &str = include_str!("../../../../../assets/gazetteer/places.txt");

/// Each place as its folded words, by its first word, longest first.
fn index() -> &'static HashMap<String, Vec<Vec<String>>> {
    static INDEX: OnceLock<HashMap<String, Vec<Vec<String>>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for line in PLACES.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let folded = super::tokens::fold_words(line);
            if let Some(first) = folded.first() {
                map.entry(first.clone()).or_default().push(folded);
            }
        }
        for list in map.values_mut() {
            list.sort_by_key(|words| std::cmp::Reverse(words.len()));
        }
        map
    })
}

/// The last token of a place starting at token `i`, if one does.
fn place_at(p: &Prepared<'_>, i: usize) -> Option<(usize, &'static [String])> {
    let list = index().get(&p.tokens[i].folded)?;
    list.iter().find_map(|words| {
        let last = i + words.len() - 1;
        let fits = last < p.tokens.len()
            && words.iter().enumerate().all(|(k, w)| p.tokens[i + k].folded == *w)
            && (i..last).all(|k| p.gap_after(k).is_some_and(|g| matches!(g, " " | "-" | "'" | "’")));
        fits.then_some((last, words.as_slice()))
    })
}

/// Every gazetteer place in `p`.
pub(super) fn scan(p: &Prepared<'_>) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < p.tokens.len() {
        let Some((last, words_of)) = place_at(p, i) else {
            i += 1;
            continue;
        };
        // Written in lower case, only a name no dictionary has is a place ("gugulethu").
        let distinctive = words_of.iter().all(|w| !words::is_word(w)) && words_of[0].chars().count() >= 5;
        if !p.original(i).starts_with(char::is_uppercase) && !distinctive {
            i += 1;
            continue;
        }
        let (start, end) = (p.tokens[i].start, p.tokens[last].end);
        let ordinary = words_of.len() == 1 && words::is_word(&words_of[0]);
        let mut c = if ordinary {
            let why = "A place name, or the ordinary word?";
            if p.starts_sentence(i) {
                i = last + 1;
                continue;
            }
            Candidate::new(start, end, "[place]", RedactionReason::Place, why).flagged()
        } else {
            Candidate::new(start, end, "[place]", RedactionReason::Place, "A place name (gazetteer)")
        };
        c.priority = c.priority.max(4);
        out.push(c);
        i = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, bool)> {
        let p = Prepared::new(text);
        scan(&p).into_iter().map(|c| (&text[c.start..c.end], c.flag)).collect()
    }

    #[test]
    fn towns_suburbs_and_cities_are_found_and_ordinary_words_only_flagged() {
        assert_eq!(
            found("Moved from Mitchells Plain to Umlazi, then Johannesburg and Simon's Town; soweto."),
            [
                ("Mitchells Plain", false),
                ("Umlazi", false),
                ("Johannesburg", false),
                ("Simon's Town", false),
                ("soweto", false)
            ]
        );
        assert_eq!(found("Strand was hot. She lives in Strand."), [("Strand", true)]);
    }
}
