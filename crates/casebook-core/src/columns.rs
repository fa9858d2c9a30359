//! How domain values are kept in SQL columns: ids, closed vocabularies, dates and times.
//!
//! Every domain module stores the same kinds of values, so the conversions live once, here:
//! newtype ids are `INTEGER`, enums are their snake_case name as `TEXT` (the same word the window
//! sees, and the word the tables' CHECK constraints list), dates are ISO `YYYY-MM-DD`, times
//! `HH:MM`, instants RFC 3339 in UTC. What the values mean belongs to the domain modules; this
//! module only knows their shape.

use crate::clock::Clock;
use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rusqlite::Row;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};

/// Declares a newtype id over a row id: serialised as a number, stored as an INTEGER.
macro_rules! row_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize, ts_rs::TS,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}
pub(crate) use row_id;

/// Declares a closed vocabulary: serde and TypeScript use the same snake_case words as the
/// database, and [`TextEnum::ALL`] lets tests compare them with the tables' CHECK lists.
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize, ts_rs::TS,
        )]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $crate::columns::TextEnum for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl $name {
            /// The stored word.
            pub fn as_str(self) -> &'static str {
                $crate::columns::TextEnum::as_str(self)
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                $crate::columns::enum_from_sql(value)
            }
        }
    };
}
pub(crate) use text_enum;

/// A closed vocabulary stored as text.
pub trait TextEnum: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;

    fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == text)
    }
}

pub(crate) fn enum_from_sql<T: TextEnum>(value: ValueRef<'_>) -> FromSqlResult<T> {
    let text = value.as_str()?;
    T::parse(text).ok_or(FromSqlError::InvalidType)
}

/// Dates as stored: ISO 8601 calendar dates.
pub(crate) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Times of day as stored: minutes precision, which is what a session note records.
pub(crate) fn time_text(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

pub(crate) fn datetime_text(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

/// Instants as stored: RFC 3339 in UTC, to the second.
pub(crate) fn instant_text(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A stored date, wrapped so rusqlite can read it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SqlDate(pub NaiveDate);

impl FromSql for SqlDate {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map(SqlDate).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

impl rusqlite::ToSql for SqlDate {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(date_text(self.0)))
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct SqlTime(pub NaiveTime);

impl FromSql for SqlTime {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        NaiveTime::parse_from_str(text, "%H:%M").map(SqlTime).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct SqlDateTime(pub NaiveDateTime);

impl FromSql for SqlDateTime {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
            .map(SqlDateTime)
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct SqlInstant(pub DateTime<Utc>);

impl FromSql for SqlInstant {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        DateTime::parse_from_rfc3339(text)
            .map(|t| SqlInstant(t.with_timezone(&Utc)))
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

pub(crate) fn date(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    row.get::<_, SqlDate>(idx).map(|d| d.0)
}

pub(crate) fn opt_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    row.get::<_, Option<SqlDate>>(idx).map(|d| d.map(|d| d.0))
}

pub(crate) fn time(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveTime> {
    row.get::<_, SqlTime>(idx).map(|t| t.0)
}

pub(crate) fn opt_datetime(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDateTime>> {
    row.get::<_, Option<SqlDateTime>>(idx).map(|d| d.map(|d| d.0))
}

pub(crate) fn instant(row: &Row<'_>, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    row.get::<_, SqlInstant>(idx).map(|t| t.0)
}

pub(crate) fn opt_instant(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    row.get::<_, Option<SqlInstant>>(idx).map(|t| t.map(|t| t.0))
}

/// The therapist's calendar date now. Clinical dates (a session, a consent, a review) are local
/// calendar days: a note written at 00:30 in Johannesburg belongs to that day, not to UTC's.
pub fn today(clock: &dyn Clock) -> NaiveDate {
    clock.now().with_timezone(&Local).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    text_enum! {
        pub enum Sample { One = "one", TwoWords = "two_words" }
    }

    #[test]
    fn enums_use_the_same_word_in_json_and_sql() {
        for v in Sample::ALL {
            assert_eq!(serde_json::to_string(v).unwrap(), format!("\"{}\"", v.as_str()));
            assert_eq!(Sample::parse(v.as_str()), Some(*v));
        }
        assert_eq!(Sample::parse("three"), None);
    }

    #[test]
    fn dates_and_times_round_trip_through_text() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        let got: NaiveDate = conn.query_row("SELECT ?1", [date_text(d)], |r| date(r, 0)).unwrap();
        assert_eq!(got, d);
        let t = NaiveTime::from_hms_opt(9, 5, 0).unwrap();
        let got: NaiveTime = conn.query_row("SELECT ?1", [time_text(t)], |r| time(r, 0)).unwrap();
        assert_eq!(got, t);
        let at = DateTime::parse_from_rfc3339("2024-05-01T10:11:12Z").unwrap().with_timezone(&Utc);
        let got = conn.query_row("SELECT ?1", [instant_text(at)], |r| instant(r, 0)).unwrap();
        assert_eq!(got, at);
        let bad = conn.query_row("SELECT 'yesterday'", [], |r| date(r, 0));
        assert!(bad.is_err());
    }
}
