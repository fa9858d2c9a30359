//! Text prepared for matching: its alphanumeric runs ("tokens"), each folded to lower case without
//! diacritics, with byte offsets into the original so a match can be cut out exactly.

/// One alphanumeric run of the original text.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Lower case, diacritics removed.
    pub folded: String,
    /// Byte offsets in the original text.
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn is_digits(&self) -> bool {
        self.folded.bytes().all(|b| b.is_ascii_digit())
    }

    pub fn digit_count(&self) -> usize {
        self.folded.bytes().filter(u8::is_ascii_digit).count()
    }
}

/// A text and its tokens.
#[derive(Debug)]
pub(crate) struct Prepared<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
}

impl<'a> Prepared<'a> {
    pub fn new(text: &'a str) -> Prepared<'a> {
        let mut tokens = Vec::new();
        let mut current: Option<Token> = None;
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() {
                let t = current.get_or_insert_with(|| Token { folded: String::new(), start: i, end: i });
                push_folded(&mut t.folded, c);
                t.end = i + c.len_utf8();
            } else if let Some(t) = current.take() {
                tokens.push(t);
            }
        }
        tokens.extend(current);
        Prepared { text, tokens }
    }

    /// The original text between token `i` and token `i + 1`.
    pub fn gap_after(&self, i: usize) -> Option<&'a str> {
        let next = self.tokens.get(i + 1)?;
        Some(&self.text[self.tokens[i].end..next.start])
    }

    /// The original text of tokens `i..=j` and what lies between them.
    pub fn slice(&self, i: usize, j: usize) -> &'a str {
        &self.text[self.tokens[i].start..self.tokens[j].end]
    }

    /// The original text of one token.
    pub fn original(&self, i: usize) -> &'a str {
        &self.text[self.tokens[i].start..self.tokens[i].end]
    }

    /// Whether token `i` opens a sentence, a line or the text: a capital there says nothing
    /// about whether the word is a name.
    pub fn starts_sentence(&self, i: usize) -> bool {
        let before = match i {
            0 => &self.text[..self.tokens[0].start],
            _ => &self.text[self.tokens[i - 1].end..self.tokens[i].start],
        };
        (i == 0 && !before.contains(|c: char| c.is_alphanumeric()))
            || before.contains(['.', '!', '?', '\n', ':'])
    }

    /// The token starting at byte `at`, if any.
    pub fn token_at(&self, at: usize) -> Option<usize> {
        self.tokens.binary_search_by_key(&at, |t| t.start).ok()
    }
}

/// Folds a string the way tokens are folded, keeping only letters and digits.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|c| c.is_alphanumeric()) {
        push_folded(&mut out, c);
    }
    out
}

/// The alphanumeric runs of a string, folded.
pub(crate) fn fold_words(text: &str) -> Vec<String> {
    Prepared::new(text).tokens.into_iter().map(|t| t.folded).collect()
}

fn push_folded(out: &mut String, c: char) {
    for lower in c.to_lowercase() {
        out.push(strip_diacritic(lower));
    }
}

/// Common Latin letters with diacritics, as their base letter: "Zoë" and "Zoe" are one name.
fn strip_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ŝ' => 's',
        'ţ' | 'ť' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_case_and_diacritics_and_keep_offsets() {
        let p = Prepared::new("ZOË's file: O'Brien-Smith, 082 555.");
        let words: Vec<&str> = p.tokens.iter().map(|t| t.folded.as_str()).collect();
        assert_eq!(words, ["zoe", "s", "file", "o", "brien", "smith", "082", "555"]);
        assert_eq!(p.original(0), "ZOË");
        assert_eq!(p.gap_after(0), Some("'"));
        assert_eq!(p.slice(3, 5), "O'Brien-Smith");
        assert_eq!(fold("Zoë-Anne"), "zoeanne");
    }
}
