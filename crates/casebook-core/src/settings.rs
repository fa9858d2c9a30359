//! The therapist's preferences, kept inside the encrypted notebook.
//!
//! Only preferences live here; where the notebook is and how it is unlocked are not settings but
//! the notebook's location and key file.

use crate::error::{Error, Result};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest display name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// Auto-lock bounds, in minutes.
pub const AUTO_LOCK_MINUTES: std::ops::RangeInclusive<u32> = 1..=240;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    /// The therapist's name as it appears on signatures.
    pub therapist_name: String,
    /// Minutes of inactivity before the notebook locks itself.
    pub auto_lock_minutes: u32,
}

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
            "SELECT therapist_name, auto_lock_minutes FROM settings WHERE id = 1",
            [],
            |r| Ok(Settings { therapist_name: r.get(0)?, auto_lock_minutes: r.get(1)? }),
        )?)
    }

    pub(crate) fn write(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "UPDATE settings SET therapist_name = ?1, auto_lock_minutes = ?2 WHERE id = 1",
            (&self.therapist_name, self.auto_lock_minutes),
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(name: &str, minutes: u32) -> Settings {
        Settings { therapist_name: name.into(), auto_lock_minutes: minutes }
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
    fn unknown_fields_are_refused_when_parsing() {
        let json = r#"{"therapistName":"A","autoLockMinutes":5,"extra":1}"#;
        assert!(serde_json::from_str::<Settings>(json).is_err());
    }
}
