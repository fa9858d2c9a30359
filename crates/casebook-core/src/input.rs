//! Checking what the window sends, before anything is written: the documented size limits and
//! the shape of names, single-line fields, free text and dates.
//!
//! Every domain command checks its whole input first and only then opens a transaction, so a
//! refusal (`Error::invalid(field, message)`) never leaves a partial write. Field names are the
//! camelCase names the window uses. Messages never echo the value: it may be client data.
//!
//! The limits, as documented to the window:
//! - names (a client, a partner, a practitioner): 1 to [`MAX_NAME_CHARS`] characters;
//! - single-line fields (pronouns, phone, a referral source, a goal's measure): at most
//!   [`MAX_LINE_CHARS`] characters, no control characters;
//! - free text (an intake section, a note part, a narrative): at most [`MAX_TEXT_BYTES`] bytes of
//!   UTF-8, line breaks and tabs allowed, other control characters (NUL included) refused;
//! - lists (goals, factors, people present): at most [`MAX_LIST_LEN`] entries;
//! - dates between [`EARLIEST_YEAR`] and the year 2200; clinical events not in the future.

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest single-line field, in characters.
pub const MAX_LINE_CHARS: usize = 200;
/// The largest free-text field: a note body is at most 1 MB.
pub const MAX_TEXT_BYTES: usize = 1_000_000;
/// The most entries in one list.
pub const MAX_LIST_LEN: usize = 100;
/// No clinical date is earlier than this year.
pub const EARLIEST_YEAR: i32 = 1900;
const LATEST_YEAR: i32 = 2200;

fn has_control(value: &str, allow_breaks: bool) -> bool {
    value.chars().any(|c| c.is_control() && !(allow_breaks && matches!(c, '\n' | '\r' | '\t')))
}

/// A required name: trimmed, 1 to [`MAX_NAME_CHARS`] characters, one line.
pub(crate) fn name(field: &str, value: &str) -> Result<String> {
    match line(field, value, MAX_NAME_CHARS)? {
        Some(v) => Ok(v),
        None => Err(Error::invalid(field, "This name is required.")),
    }
}

/// An optional single-line field: trimmed; empty becomes `None`.
pub(crate) fn line(field: &str, value: &str, max_chars: usize) -> Result<Option<String>> {
    if value.len() > max_chars * 4 || value.chars().count() > max_chars {
        return Err(Error::invalid(field, format!("Use at most {max_chars} characters.")));
    }
    if has_control(value, false) {
        return Err(Error::invalid(field, "This field cannot hold line breaks or control characters."));
    }
    let trimmed = value.trim();
    Ok((!trimmed.is_empty()).then(|| trimmed.to_string()))
}

pub(crate) fn opt_line(field: &str, value: Option<&str>, max_chars: usize) -> Result<Option<String>> {
    value.map_or(Ok(None), |v| line(field, v, max_chars))
}

/// A required single-line field.
pub(crate) fn required_line(field: &str, value: &str, max_chars: usize) -> Result<String> {
    line(field, value, max_chars)?.ok_or_else(|| Error::invalid(field, "This field is required."))
}

/// Optional free text: at most [`MAX_TEXT_BYTES`], line breaks allowed; blank becomes `None`.
/// Inner whitespace is kept as typed; only a blank value is dropped.
pub(crate) fn text(field: &str, value: Option<&str>) -> Result<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    if value.len() > MAX_TEXT_BYTES {
        return Err(Error::invalid(field, "This text is too long: at most 1 MB."));
    }
    if has_control(value, true) {
        return Err(Error::invalid(field, "This text holds control characters that cannot be saved."));
    }
    Ok((!value.trim().is_empty()).then(|| value.to_string()))
}

/// Required free text.
pub(crate) fn required_text(field: &str, value: &str) -> Result<String> {
    text(field, Some(value))?.ok_or_else(|| Error::invalid(field, "This is required."))
}

/// A list no longer than [`MAX_LIST_LEN`].
pub(crate) fn list_len<T>(field: &str, items: &[T]) -> Result<()> {
    if items.len() > MAX_LIST_LEN {
        return Err(Error::invalid(field, format!("At most {MAX_LIST_LEN} entries.")));
    }
    Ok(())
}

/// A date in the range the notebook accepts.
pub(crate) fn date(field: &str, value: NaiveDate) -> Result<NaiveDate> {
    if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&value.year()) {
        return Err(Error::invalid(field, "This date is out of range."));
    }
    Ok(value)
}

/// A date something happened: in range and not after today.
pub(crate) fn past_date(field: &str, value: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    date(field, value)?;
    if value > today {
        return Err(Error::invalid(field, "This date is in the future."));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of<T: std::fmt::Debug>(r: Result<T>) -> String {
        match r {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(name("fullName", "  Ari Example ").unwrap(), "Ari Example");
        assert_eq!(field_of(name("fullName", "   ")), "fullName");
        assert_eq!(field_of(name("fullName", &"é".repeat(201))), "fullName");
        assert!(name("fullName", &"é".repeat(200)).is_ok());
        assert_eq!(field_of(name("fullName", "a\0b")), "fullName");
        assert_eq!(field_of(name("fullName", "a\nb")), "fullName");
    }

    #[test]
    fn text_allows_line_breaks_but_not_nul_and_is_limited_to_one_megabyte() {
        assert_eq!(text("body", Some("a\n\tb")).unwrap().as_deref(), Some("a\n\tb"));
        assert_eq!(text("body", Some("  \n ")).unwrap(), None);
        assert_eq!(field_of(text("body", Some("a\0b"))), "body");
        assert!(text("body", Some(&"x".repeat(MAX_TEXT_BYTES))).is_ok());
        assert_eq!(field_of(text("body", Some(&"x".repeat(MAX_TEXT_BYTES + 1)))), "body");
        assert_eq!(field_of(required_text("body", "")), "body");
    }

    #[test]
    fn dates_must_be_sensible() {
        let today = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        assert!(past_date("d", today, today).is_ok());
        assert_eq!(field_of(past_date("d", today.succ_opt().unwrap(), today)), "d");
        assert_eq!(field_of(date("d", NaiveDate::from_ymd_opt(1850, 1, 1).unwrap())), "d");
    }

    #[test]
    fn messages_never_echo_the_value() {
        let err = name("fullName", &format!("Canary{}", "x".repeat(300))).unwrap_err();
        assert!(!err.to_string().contains("Canary"));
    }
}
