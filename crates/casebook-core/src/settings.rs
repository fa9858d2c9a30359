//! The therapist's preferences, kept inside the encrypted notebook.
//!
//! Only preferences live here; where the notebook is and how it is unlocked are not settings but
//! the notebook's location and key file.

use crate::columns::text_enum;
use crate::error::{Error, Result};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest display name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// Auto-lock bounds, in minutes.
pub const AUTO_LOCK_MINUTES: std::ops::RangeInclusive<u32> = 1..=240;

text_enum! {
    /// How the window writes a date, in lists and in date fields alike (12 October 2026 here).
    /// The engine stores and speaks ISO dates whatever is chosen; this is the window's display.
    #[derive(Default)]
    pub enum DateFormat {
        /// The computer's locale, in digits, as its own date pickers show it (`Intl`).
        System = "system",
        /// "12 Oct 2026": what Casebook showed before the choice existed.
        #[default]
        DayMonthYear = "day_month_year",
        /// "2026-10-12".
        Iso = "iso",
        /// "12/10/2026".
        DmyNumeric = "dmy_numeric",
        /// "10/12/2026".
        MdyNumeric = "mdy_numeric",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    /// The therapist's name as it appears on signatures.
    pub therapist_name: String,
    /// Minutes of inactivity before the notebook locks itself.
    pub auto_lock_minutes: u32,
    /// The practice's name, for the letterhead of referral letters (may be empty).
    #[serde(default)]
    pub practice_name: String,
    /// The therapist's professional registration number ("HPCSA PS 0123456"; may be empty).
    #[serde(default)]
    pub registration_number: String,
    /// How a doctor reaches the practice: phone, email or address, a line each (may be empty).
    #[serde(default)]
    pub practice_contact: String,
    /// How the window writes dates; a notebook or a caller from before the choice gets the default.
    #[serde(default)]
    pub date_format: DateFormat,
}

impl Default for Settings {
    /// A new notebook's settings: no name, ten minutes to auto-lock, no practice details.
    fn default() -> Settings {
        Settings {
            therapist_name: String::new(),
            auto_lock_minutes: 10,
            practice_name: String::new(),
            registration_number: String::new(),
            practice_contact: String::new(),
            date_format: DateFormat::default(),
        }
    }
}

/// The longest practice detail accepted, in characters (the contact may hold a short address).
pub const MAX_PRACTICE_CHARS: usize = 300;

impl Settings {
    /// Checks and tidies settings sent by the window.
    pub fn validated(mut self) -> Result<Settings> {
        self.therapist_name = self.therapist_name.trim().to_string();
        if self.therapist_name.chars().count() > MAX_NAME_CHARS {
            return Err(Error::invalid("therapistName", format!("Use at most {MAX_NAME_CHARS} characters.")));
        }
        if self.therapist_name.chars().any(char::is_control) {
            return Err(Error::invalid("therapistName", "The name cannot hold control characters."));
        }
        for (field, value, lines) in [
            ("practiceName", &mut self.practice_name, false),
            ("registrationNumber", &mut self.registration_number, false),
            ("practiceContact", &mut self.practice_contact, true),
        ] {
            *value = value.trim().to_string();
            if value.chars().count() > MAX_PRACTICE_CHARS {
                return Err(Error::invalid(field, format!("Use at most {MAX_PRACTICE_CHARS} characters.")));
            }
            if value.chars().any(|c| c.is_control() && !(lines && c == '\n')) {
                return Err(Error::invalid(field, "This cannot hold control characters."));
            }
        }
        if !AUTO_LOCK_MINUTES.contains(&self.auto_lock_minutes) {
            return Err(Error::invalid(
                "autoLockMinutes",
                format!(
                    "Choose between {} and {} minutes.",
                    AUTO_LOCK_MINUTES.start(),
                    AUTO_LOCK_MINUTES.end()
                ),
            ));
        }
        Ok(self)
    }

    pub(crate) fn read(conn: &Connection) -> Result<Settings> {
        Ok(conn.query_row(
            "SELECT therapist_name, auto_lock_minutes, practice_name, registration_number, practice_contact,
             date_format FROM settings WHERE id = 1",
            [],
            |r| {
                Ok(Settings {
                    therapist_name: r.get(0)?,
                    auto_lock_minutes: r.get(1)?,
                    practice_name: r.get(2)?,
                    registration_number: r.get(3)?,
                    practice_contact: r.get(4)?,
                    date_format: r.get(5)?,
                })
            },
        )?)
    }

    pub(crate) fn write(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "UPDATE settings SET therapist_name = ?1, auto_lock_minutes = ?2, practice_name = ?3,
             registration_number = ?4, practice_contact = ?5, date_format = ?6 WHERE id = 1",
            (
                &self.therapist_name,
                self.auto_lock_minutes,
                &self.practice_name,
                &self.registration_number,
                &self.practice_contact,
                self.date_format,
            ),
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(name: &str, minutes: u32) -> Settings {
        Settings { therapist_name: name.into(), auto_lock_minutes: minutes, ..Settings::default() }
    }

    #[test]
    fn practice_details_are_tidied_and_bounded() {
        let s = Settings {
            practice_name: "  Harbour Therapy Rooms ".into(),
            practice_contact: "021 555 0100\nrooms@harbour.example".into(),
            ..Settings::default()
        };
        let s = s.validated().unwrap();
        assert_eq!(s.practice_name, "Harbour Therapy Rooms");
        assert!(s.practice_contact.contains('\n'), "the contact keeps its lines");
        let long =
            Settings { registration_number: "9".repeat(MAX_PRACTICE_CHARS + 1), ..Settings::default() };
        assert!(
            matches!(long.validated(), Err(Error::Invalid { field, .. }) if field == "registrationNumber")
        );
        let control = Settings { practice_name: "A\nB".into(), ..Settings::default() };
        assert!(matches!(control.validated(), Err(Error::Invalid { field, .. }) if field == "practiceName"));
    }

    #[test]
    fn valid_settings_are_tidied() {
        assert_eq!(settings("  Dr A. Naidoo ", 10).validated().unwrap().therapist_name, "Dr A. Naidoo");
    }

    #[test]
    fn invalid_settings_name_the_field() {
        let field_of = |s: Settings| match s.validated() {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field_of(settings(&"x".repeat(121), 10)), "therapistName");
        assert_eq!(field_of(settings("a\u{7}b", 10)), "therapistName");
        assert_eq!(field_of(settings("A", 0)), "autoLockMinutes");
        assert_eq!(field_of(settings("A", 241)), "autoLockMinutes");
    }

    #[test]
    fn the_date_format_defaults_when_absent_and_is_a_closed_choice() {
        let json = r#"{"therapistName":"A","autoLockMinutes":5}"#;
        assert_eq!(serde_json::from_str::<Settings>(json).unwrap().date_format, DateFormat::DayMonthYear);
        let json = r#"{"therapistName":"A","autoLockMinutes":5,"dateFormat":"iso"}"#;
        assert_eq!(serde_json::from_str::<Settings>(json).unwrap().date_format, DateFormat::Iso);
        for word in ["\"ISO\"", "\"dd/mm/yyyy\"", "\"\"", "3", "null"] {
            let json = format!(r#"{{"therapistName":"A","autoLockMinutes":5,"dateFormat":{word}}}"#);
            assert!(serde_json::from_str::<Settings>(&json).is_err(), "{word}");
        }
    }

    #[test]
    fn unknown_fields_are_refused_when_parsing() {
        let json = r#"{"therapistName":"A","autoLockMinutes":5,"extra":1}"#;
        assert!(serde_json::from_str::<Settings>(json).is_err());
    }
}
