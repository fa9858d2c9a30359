//! The recovery code: 160 random bits, shown once at creation as eight groups of four characters.
//!
//! The alphabet is Crockford's base 32 (no I, L, O or U), and reading a typed code forgives case,
//! spaces, dashes and the look-alikes O (read as 0) and I or L (read as 1), because people copy
//! codes from paper.

use crate::error::{Error, Result};
use data_encoding::{Encoding, Specification};
use rand::RngCore;
use rand::rngs::OsRng;
use std::sync::LazyLock;
use zeroize::Zeroizing;

const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const BYTES: usize = 20;
const CHARS: usize = 32;
const GROUP: usize = 4;

static CROCKFORD: LazyLock<Encoding> = LazyLock::new(|| {
    let mut spec = Specification::new();
    spec.symbols.push_str(ALPHABET);
    spec.encoding().expect("Crockford's alphabet is a valid base-32 alphabet")
});

/// A recovery code in its normalized form (32 characters, no separators).
pub struct RecoveryCode(Zeroizing<String>);

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(..)")
    }
}

impl RecoveryCode {
    pub(crate) fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; BYTES]);
        OsRng.fill_bytes(bytes.as_mut());
        RecoveryCode(Zeroizing::new(CROCKFORD.encode(bytes.as_ref())))
    }

    /// Reads a code as a person typed it.
    pub fn parse(typed: &str) -> Result<Self> {
        let mut code = Zeroizing::new(String::with_capacity(CHARS));
        for c in typed.chars() {
            match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' | '\n' | '\r' => {}
                'O' => code.push('0'),
                'I' | 'L' => code.push('1'),
                c if ALPHABET.contains(c) => code.push(c),
                _ => return Err(not_a_code()),
            }
            if code.len() > CHARS {
                return Err(not_a_code());
            }
        }
        if code.len() != CHARS {
            return Err(not_a_code());
        }
        Ok(RecoveryCode(code))
    }

    pub(crate) fn normalized(&self) -> &str {
        &self.0
    }

    /// The code in groups of four, for showing and copying down.
    pub fn groups(&self) -> Vec<String> {
        self.0.as_bytes().chunks(GROUP).map(|g| String::from_utf8_lossy(g).into_owned()).collect()
    }

    /// The code as one line, groups joined by dashes.
    pub fn display(&self) -> Zeroizing<String> {
        Zeroizing::new(self.groups().join("-"))
    }
}

fn not_a_code() -> Error {
    Error::invalid(
        "recoveryCode",
        "A recovery code has 32 letters and digits, usually written in 8 groups of 4.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_have_eight_groups_of_four() {
        let code = RecoveryCode::generate();
        let groups = code.groups();
        assert_eq!(groups.len(), 8);
        assert!(groups.iter().all(|g| g.len() == 4));
        assert_ne!(code.normalized(), RecoveryCode::generate().normalized());
    }

    #[test]
    fn typed_codes_are_read_leniently() {
        let code = RecoveryCode::generate();
        let typed = code.display().to_lowercase().replace('0', "o").replace('1', "l").replace('-', " ");
        assert_eq!(RecoveryCode::parse(&typed).unwrap().normalized(), code.normalized());
    }

    #[test]
    fn malformed_codes_are_invalid() {
        for bad in [
            "",
            "ABCD",
            "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-AAAA",
            "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-67U9",
            "ÅBCD",
        ] {
            let err = RecoveryCode::parse(bad).unwrap_err();
            assert!(matches!(err, Error::Invalid { ref field, .. } if field == "recoveryCode"), "{bad}");
        }
    }
}
