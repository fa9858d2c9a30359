//! The passphrase policy: what a new passphrase must be, and how strong one looks.
//!
//! The engine is the authority: a new passphrase shorter than [`MIN_CHARS`] characters, longer
//! than [`MAX_CHARS`], or rated very weak by zxcvbn is refused with an `invalid` error on the field
//! the caller names. The window shows its own live meter while typing (so the passphrase does not
//! cross IPC on every keystroke) and relies on this check when the form is sent.

use crate::error::{Error, Result};
use serde::Serialize;
use ts_rs::TS;

/// The shortest passphrase accepted, in characters.
pub const MIN_CHARS: usize = 10;
/// The longest new passphrase accepted, in characters.
pub const MAX_CHARS: usize = 1024;
/// zxcvbn slows down on long input; beyond this many characters length alone makes it strong.
const RATE_CHARS: usize = 100;

/// zxcvbn's five bands, named for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PassphraseStrength {
    VeryWeak,
    Weak,
    Fair,
    Good,
    Strong,
}

/// Rates a passphrase with zxcvbn.
pub fn rate_passphrase(passphrase: &str) -> PassphraseStrength {
    if passphrase.chars().count() > RATE_CHARS {
        return PassphraseStrength::Strong;
    }
    match zxcvbn::zxcvbn(passphrase, &[]).score() {
        zxcvbn::Score::Zero => PassphraseStrength::VeryWeak,
        zxcvbn::Score::One => PassphraseStrength::Weak,
        zxcvbn::Score::Two => PassphraseStrength::Fair,
        zxcvbn::Score::Three => PassphraseStrength::Good,
        _ => PassphraseStrength::Strong,
    }
}

/// Checks a passphrase about to protect a notebook; `field` names the form field on refusal.
pub fn check_new_passphrase(passphrase: &str, field: &str) -> Result<()> {
    let chars = passphrase.chars().count();
    if chars < MIN_CHARS {
        return Err(Error::invalid(
            field,
            format!(
                "Use at least {MIN_CHARS} characters. A few unrelated words make a passphrase that is long and easy to remember."
            ),
        ));
    }
    if chars > MAX_CHARS {
        return Err(Error::invalid(field, format!("Use at most {MAX_CHARS} characters.")));
    }
    if passphrase.trim().is_empty() || passphrase.chars().any(|c| c.is_control()) {
        return Err(Error::invalid(field, "The passphrase cannot be blank or hold control characters."));
    }
    if rate_passphrase(passphrase) == PassphraseStrength::VeryWeak {
        return Err(Error::invalid(
            field,
            "This passphrase is very easy to guess. Add words that are not a common phrase, name or pattern.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passphrases_are_refused_with_the_field() {
        let err = check_new_passphrase("Tr0ub4d!", "passphrase").unwrap_err();
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "passphrase"));
    }

    #[test]
    fn very_weak_passphrases_are_refused() {
        for weak in ["password123", "aaaaaaaaaaaa", "1234567890", "qwertyuiop"] {
            assert_eq!(rate_passphrase(weak), PassphraseStrength::VeryWeak, "{weak}");
            assert!(check_new_passphrase(weak, "p").is_err(), "{weak}");
        }
    }

    #[test]
    fn good_passphrases_pass() {
        for good in ["harbour lantern quietly", "violet-otter-mosaic-17", "correct horse battery staple"] {
            check_new_passphrase(good, "p").unwrap();
            assert!(rate_passphrase(good) >= PassphraseStrength::Good, "{good}");
        }
    }

    #[test]
    fn overlong_and_control_characters_are_refused() {
        assert!(check_new_passphrase(&"word ".repeat(300), "p").is_err());
        assert!(check_new_passphrase("harbour\u{0}lantern quietly", "p").is_err());
        assert!(check_new_passphrase("            ", "p").is_err());
    }
}
