//! Errors of the engine, and the one shape in which the window sees them.
//!
//! Every fallible engine call returns [`Error`]. The shell turns it into an [`ErrorReply`]
//! (`{ kind, message, field?, rule?, retryAfterSecs? }`) with one `From` impl, and the UI switches
//! on the small, closed set of [`ErrorKind`]s. Messages are written for a therapist and never carry
//! client data: no names, no note text, no passphrases, no file contents. Low-level causes
//! (SQLite codes, I/O kinds) are summarised, not forwarded.

use serde::Serialize;
use ts_rs::TS;

/// Result of every fallible engine call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, in the engine's terms.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("The notebook is locked. Unlock it to continue.")]
    Locked,
    #[error("That passphrase does not open this notebook.")]
    WrongPassphrase,
    #[error("That recovery code does not open this notebook.")]
    WrongRecoveryCode,
    #[error("Too many failed attempts. Try again in {retry_after_secs} s.")]
    Throttled { retry_after_secs: u64 },
    #[error("{0}")]
    NotFound(String),
    #[error("{message}")]
    Invalid { field: String, message: String },
    #[error("{message}")]
    Workflow { rule: String, message: String },
    #[error("{0}")]
    Conflict(String),
    #[error("Not saved: the disk is full. Your previous version is intact.")]
    DiskFull,
    #[error("{0}")]
    Storage(String),
    #[error("{0}")]
    Corrupt(String),
    #[error("{0}")]
    Incompatible(String),
}

impl Error {
    /// An `invalid` error for one named input field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid { field: field.into(), message: message.into() }
    }

    /// A `workflow` error: `rule` is a stable identifier, `message` says it in a therapist's words.
    pub fn workflow(rule: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Workflow { rule: rule.into(), message: message.into() }
    }

    /// The kind the window switches on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Locked => ErrorKind::Locked,
            Error::WrongPassphrase | Error::WrongRecoveryCode => ErrorKind::WrongPassphrase,
            Error::Throttled { .. } => ErrorKind::Throttled,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Invalid { .. } => ErrorKind::Invalid,
            Error::Workflow { .. } => ErrorKind::Workflow,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::DiskFull | Error::Storage(_) => ErrorKind::Storage,
            Error::Corrupt(_) => ErrorKind::Corrupt,
            Error::Incompatible(_) => ErrorKind::Incompatible,
        }
    }

    /// Maps an I/O failure while writing, keeping "disk full" recognisable.
    pub(crate) fn io(context: &str, err: &std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::StorageFull || err.raw_os_error() == Some(28) {
            return Error::DiskFull;
        }
        Error::Storage(format!("{context}: {}", err.kind()))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        // The guards of migration 3 abort a change to a signed item, an addendum or the audit
        // trail; the engine refuses those first, so reaching a guard means a path that forgot to.
        if let rusqlite::Error::SqliteFailure(e, _) = &err
            && e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER
        {
            return crate::workflow::Rule::RecordFinal.refuse();
        }
        match err.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Error::Corrupt(
                "The notebook file is damaged. Restore it from a backup; Casebook will not write to it."
                    .into(),
            ),
            Some(ErrorCode::ReadOnly) => {
                Error::Storage("The notebook cannot be written: its file or folder is read-only.".into())
            }
            Some(code) => Error::Storage(format!("The notebook could not be read or written ({code:?}).")),
            // Not an SQLite failure (a type conversion, a query returning no row): a bug, not data.
            None => Error::Storage(format!(
                "The notebook could not be read or written ({}).",
                rusqlite_variant(&err)
            )),
        }
    }
}

/// Names a rusqlite error without its payload, which may echo stored values.
fn rusqlite_variant(err: &rusqlite::Error) -> &'static str {
    match err {
        rusqlite::Error::QueryReturnedNoRows => "no row",
        rusqlite::Error::FromSqlConversionFailure(..) | rusqlite::Error::InvalidColumnType(..) => {
            "unexpected stored value"
        }
        rusqlite::Error::IntegralValueOutOfRange(..) => "number out of range",
        _ => "internal error",
    }
}

/// The closed set of error kinds the window knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Locked,
    WrongPassphrase,
    Throttled,
    NotFound,
    Invalid,
    Workflow,
    Conflict,
    Storage,
    Corrupt,
    Incompatible,
}

/// An error as it crosses the IPC boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErrorReply {
    pub kind: ErrorKind,
    pub message: String,
    /// The input field at fault, for `invalid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// The workflow rule that was broken, for `workflow`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rule: Option<String>,
    /// Seconds to wait before the next attempt, for `throttled`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub retry_after_secs: Option<u64>,
}

impl From<&Error> for ErrorReply {
    fn from(err: &Error) -> Self {
        let (field, rule, retry_after_secs) = match err {
            Error::Invalid { field, .. } => (Some(field.clone()), None, None),
            Error::Workflow { rule, .. } => (None, Some(rule.clone()), None),
            Error::Throttled { retry_after_secs } => (None, None, Some(*retry_after_secs)),
            _ => (None, None, None),
        };
        ErrorReply { kind: err.kind(), message: err.to_string(), field, rule, retry_after_secs }
    }
}

impl From<Error> for ErrorReply {
    fn from(err: Error) -> Self {
        ErrorReply::from(&err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn json_of(err: Error) -> serde_json::Value {
        serde_json::to_value(ErrorReply::from(err)).unwrap()
    }

    #[test]
    fn reply_json_shape_is_pinned() {
        assert_eq!(
            json_of(Error::Locked),
            json!({"kind": "locked", "message": "The notebook is locked. Unlock it to continue."})
        );
        assert_eq!(
            json_of(Error::invalid("passphrase", "Too short.")),
            json!({"kind": "invalid", "message": "Too short.", "field": "passphrase"})
        );
        assert_eq!(
            json_of(Error::workflow("partner_consent", "Needs consent.")),
            json!({"kind": "workflow", "message": "Needs consent.", "rule": "partner_consent"})
        );
        assert_eq!(
            json_of(Error::Throttled { retry_after_secs: 4 }),
            json!({"kind": "throttled", "message": "Too many failed attempts. Try again in 4 s.", "retryAfterSecs": 4})
        );
        assert_eq!(json_of(Error::WrongRecoveryCode)["kind"], "wrong_passphrase");
        assert_eq!(json_of(Error::DiskFull)["kind"], "storage");
        assert_eq!(json_of(Error::Corrupt("x".into()))["kind"], "corrupt");
        assert_eq!(json_of(Error::Incompatible("x".into()))["kind"], "incompatible");
        assert_eq!(json_of(Error::Conflict("x".into()))["kind"], "conflict");
        assert_eq!(json_of(Error::NotFound("x".into()))["kind"], "not_found");
        assert_eq!(json_of(Error::Storage("x".into()))["kind"], "storage");
    }

    #[test]
    fn disk_full_is_recognised_from_io_and_sqlite() {
        let io = std::io::Error::from_raw_os_error(28);
        assert!(matches!(Error::io("saving", &io), Error::DiskFull));
        let sq = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            Some("secret text".into()),
        );
        let mapped = Error::from(sq);
        assert!(matches!(mapped, Error::DiskFull));
        assert!(!mapped.to_string().contains("secret"));
    }

    #[test]
    fn sqlite_messages_are_not_forwarded() {
        let sq = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT),
            Some("CHECK failed near 'Jane Canary'".into()),
        );
        assert!(!Error::from(sq).to_string().contains("Canary"));
    }
}
