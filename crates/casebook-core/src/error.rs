//! Errors of the engine, and the one shape in which the window sees them.
//!
//! Every fallible engine call returns [`Error`]. The shell turns it into an [`ErrorReply`]
//! (`{ kind, message }` and what that kind needs) with one `From` impl, and the UI switches
//! on the small, closed set of [`ErrorKind`]s. Messages are written for a therapist and never carry
//! client data: no names, no note text, no passphrases, no file contents. Low-level causes
//! (SQLite codes, I/O kinds) are summarised, not forwarded.

use crate::workflow::Rule;
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
    Workflow { rule: Rule, message: String },
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

    /// A `workflow` error: `rule` is the rule broken, `message` says it in a therapist's words.
    pub fn workflow(rule: Rule, message: impl Into<String>) -> Self {
        Error::Workflow { rule, message: message.into() }
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

/// An error as it crosses the IPC boundary: `{ kind, message }`, and with it what that kind needs
/// (the field at fault, the workflow rule, the wait). TypeScript sees a union the window can
/// narrow on `kind`, and a `workflow` error's `rule` is one of the engine's [`Rule`]s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ErrorReply {
    Locked {
        message: String,
    },
    WrongPassphrase {
        message: String,
    },
    Throttled {
        message: String,
        /// Seconds to wait before the next attempt.
        #[serde(rename = "retryAfterSecs")]
        #[ts(rename = "retryAfterSecs")]
        retry_after_secs: u64,
    },
    NotFound {
        message: String,
    },
    Invalid {
        message: String,
        /// The input field at fault, as the page named it.
        field: String,
    },
    Workflow {
        message: String,
        /// The rule that was broken.
        rule: Rule,
    },
    Conflict {
        message: String,
    },
    Storage {
        message: String,
    },
    Corrupt {
        message: String,
    },
    Incompatible {
        message: String,
    },
}

impl ErrorReply {
    /// An `invalid` reply for one named argument or field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorReply::Invalid { message: message.into(), field: field.into() }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            ErrorReply::Locked { .. } => ErrorKind::Locked,
            ErrorReply::WrongPassphrase { .. } => ErrorKind::WrongPassphrase,
            ErrorReply::Throttled { .. } => ErrorKind::Throttled,
            ErrorReply::NotFound { .. } => ErrorKind::NotFound,
            ErrorReply::Invalid { .. } => ErrorKind::Invalid,
            ErrorReply::Workflow { .. } => ErrorKind::Workflow,
            ErrorReply::Conflict { .. } => ErrorKind::Conflict,
            ErrorReply::Storage { .. } => ErrorKind::Storage,
            ErrorReply::Corrupt { .. } => ErrorKind::Corrupt,
            ErrorReply::Incompatible { .. } => ErrorKind::Incompatible,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            ErrorReply::Locked { message }
            | ErrorReply::WrongPassphrase { message }
            | ErrorReply::Throttled { message, .. }
            | ErrorReply::NotFound { message }
            | ErrorReply::Invalid { message, .. }
            | ErrorReply::Workflow { message, .. }
            | ErrorReply::Conflict { message }
            | ErrorReply::Storage { message }
            | ErrorReply::Corrupt { message }
            | ErrorReply::Incompatible { message } => message,
        }
    }

    /// The field at fault, for `invalid`.
    pub fn field(&self) -> Option<&str> {
        match self {
            ErrorReply::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The rule that was broken, for `workflow`.
    pub fn rule(&self) -> Option<Rule> {
        match self {
            ErrorReply::Workflow { rule, .. } => Some(*rule),
            _ => None,
        }
    }
}

impl From<&Error> for ErrorReply {
    fn from(err: &Error) -> Self {
        let message = err.to_string();
        match err {
            Error::Locked => ErrorReply::Locked { message },
            Error::WrongPassphrase | Error::WrongRecoveryCode => ErrorReply::WrongPassphrase { message },
            Error::Throttled { retry_after_secs } => {
                ErrorReply::Throttled { message, retry_after_secs: *retry_after_secs }
            }
            Error::NotFound(_) => ErrorReply::NotFound { message },
            Error::Invalid { field, .. } => ErrorReply::Invalid { message, field: field.clone() },
            Error::Workflow { rule, .. } => ErrorReply::Workflow { message, rule: *rule },
            Error::Conflict(_) => ErrorReply::Conflict { message },
            Error::DiskFull | Error::Storage(_) => ErrorReply::Storage { message },
            Error::Corrupt(_) => ErrorReply::Corrupt { message },
            Error::Incompatible(_) => ErrorReply::Incompatible { message },
        }
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
            json_of(Error::workflow(Rule::PartnerInvolvementConsent, "Needs consent.")),
            json!({"kind": "workflow", "message": "Needs consent.", "rule": "partner_involvement_consent"})
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
