//! The one contract between the window and the engine: every command the page may call, with its
//! arguments and its answer, written once in [`table`](self::table).
//!
//! From that table come the dispatcher ([`Engine::call`]), the list of names that the desktop
//! shell's build script turns into permissions (`src-tauri/src/command_names.rs`), and the typed
//! TypeScript client (`ui/src/ipc/commands.ts`); the last two are generated files that a test keeps
//! fresh (`make bindings` rewrites them). The shell registers no command of its own: its invoke
//! handler hands every call to [`Engine::call`], and so does the JSON-lines server that the UI's
//! tests talk to (`crates/casebook-serve`). Adding a command means one entry in the table and the
//! engine function it calls.
//!
//! The page is untrusted, so every call is checked here before anything runs: the arguments must
//! be a JSON object of at most [`MAX_CALL_BYTES`], with no argument the command does not take;
//! each argument is read into the engine's own type, and a value of the wrong shape is refused
//! with the typed `invalid` reply that names the argument and the fault, never the value (which
//! may be client text). Fields inside an argument are checked by the types (`deny_unknown_fields`).
//!
//! What the engine cannot do by itself (a native dialog, drawing a PDF, ending the page's process
//! after a lock) it asks of the [`Host`]: the Tauri shell, or the test server with its scripted
//! answers. A path never comes from the page: the host's dialog chooses it, and the engine checks
//! the place again before writing.
//!
//! Improving on DESIGN.md's "Across the IPC boundary", which has one Tauri function per command:
//! those ~90 functions were each the same three lines, and a test had to compare four lists kept
//! by hand. Here there is one list.

mod engine;
mod table;
mod typescript;

#[cfg(test)]
mod tests;

pub use engine::Engine;
pub use table::COMMANDS;
pub use typescript::{capability_json, command_names_rs, typescript_client};

use crate::error::ErrorReply;
use crate::export::{ExportFormat, ExportTarget, PdfRenderer};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::path::PathBuf;

/// The most one call may carry, counted over its strings and keys: a note body may hold 1 MB (the
/// engine's own limit), and a few fields beside it.
pub const MAX_CALL_BYTES: usize = 4 * 1024 * 1024;

/// Why the host is asked for a folder: it chooses the dialog's title (and, in tests, the folder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderPurpose {
    /// The folder automatic and manual backups go to.
    Backups,
    /// Where *Export everything* makes its new folder.
    FullExport,
}

/// What the engine asks of the program around it. The Tauri shell opens native dialogs; the test
/// server answers from a script. No method is called while the notebook's lock is held, so the
/// idle timer can still lock the notebook while a dialog is open.
pub trait Host: Send + Sync {
    /// A folder chosen in the native folder dialog; `None` when the therapist cancels.
    fn pick_folder(&self, purpose: FolderPurpose) -> Option<PathBuf>;
    /// A backup file chosen in the native open dialog; `None` when she cancels.
    fn pick_backup_file(&self) -> Option<PathBuf>;
    /// Where to save an export, chosen in the native save dialog (which asks before replacing a
    /// file); `None` when she cancels.
    fn pick_save(&self, file_name: &str, format: ExportFormat) -> Option<ExportTarget>;
    /// Draws PDFs (the engine has no fonts of its own).
    fn pdf(&self) -> &dyn PdfRenderer;
    /// The therapist locked the notebook: the page that asked, and its memory, are ended.
    fn after_lock(&self);
}

/// One command as the table declares it, for the generated files: its name, its arguments
/// (camelCase, as the page sends them) with their TypeScript types, and its answer's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandSpec {
    pub name: &'static str,
    pub doc: String,
    pub args: Vec<(String, String)>,
    pub answer: String,
}

/// The camelCase name the page uses for a snake_case argument (`case_id` is `caseId`).
pub fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A call's arguments, checked against what its command takes.
#[derive(Debug)]
struct Args<'a>(Option<&'a Map<String, Value>>);

impl<'a> Args<'a> {
    /// Refuses a payload that is not an object (or nothing, for a command without arguments), is
    /// larger than [`MAX_CALL_BYTES`], or has an argument the command does not take.
    fn check(payload: &'a Value, expected: &[&str]) -> Result<Self, ErrorReply> {
        let map = match payload {
            Value::Object(map) => map,
            Value::Null if expected.is_empty() => return Ok(Args(None)),
            _ => {
                return Err(ErrorReply::invalid(
                    "arguments",
                    "The request is malformed: its arguments must be named.",
                ));
            }
        };
        let size = map.iter().fold(2, |n, (k, v)| json_size(v, n + k.len() + 4));
        if size > MAX_CALL_BYTES {
            return Err(ErrorReply::invalid("arguments", "The request is too large (at most 4 MB)."));
        }
        if map.keys().any(|k| !expected.iter().any(|e| camel(e) == *k)) {
            return Err(ErrorReply::invalid(
                "arguments",
                "The request is malformed: it has an argument this command does not take.",
            ));
        }
        Ok(Args(Some(map)))
    }

    fn take<T: DeserializeOwned>(&self, snake: &str) -> Result<T, ErrorReply> {
        let key = camel(snake);
        let value = self.0.and_then(|map| map.get(&key)).unwrap_or(&Value::Null);
        parse(&key, value)
    }
}

/// The bytes of a value's strings, keys and scalars, stopping once past the limit.
fn json_size(value: &Value, so_far: usize) -> usize {
    if so_far > MAX_CALL_BYTES {
        return so_far;
    }
    match value {
        Value::String(s) => so_far + s.len() + 2,
        Value::Array(items) => items.iter().fold(so_far + 2, |n, v| json_size(v, n + 1)),
        Value::Object(map) => map.iter().fold(so_far + 2, |n, (k, v)| json_size(v, n + k.len() + 4)),
        _ => so_far + 8,
    }
}

/// Reads one argument into its type; the error names the argument and the fault, never the value.
pub fn parse<T: DeserializeOwned>(key: &str, value: &Value) -> Result<T, ErrorReply> {
    let missing = value.is_null();
    T::deserialize(value).map_err(|err| {
        let text = err.to_string();
        let fault = if missing {
            "is missing"
        } else if text.starts_with("missing field") {
            "lacks a required field"
        } else if text.starts_with("unknown field") {
            "has a field it does not take"
        } else if text.starts_with("unknown variant") {
            "holds a choice that is not offered"
        } else if text.starts_with("invalid length") {
            "has the wrong number of items"
        } else if text.starts_with("invalid value") {
            "holds a value out of range"
        } else {
            "holds a value of the wrong type"
        };
        ErrorReply::invalid(key, format!("The request is malformed: {key} {fault}."))
    })
}

fn answer<T: serde::Serialize>(value: T) -> Result<Value, ErrorReply> {
    serde_json::to_value(value)
        .map_err(|_| ErrorReply::from(crate::Error::Storage("an answer could not be written".into())))
}

/// Declares the commands: the dispatcher, the list of names, and the specs for generated files.
/// Each entry reads like a function: `fn name(cx, arg: Type, ...) -> Answer { body }`, where the
/// body returns `Result<Answer, ErrorReply>` and runs the engine through `cx` ([`engine::Cx`]).
macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident($cx:ident $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty $body:block
    )*) => {
        /// Each command's body, as a function of its context and arguments.
        mod bodies {
            #[allow(clippy::wildcard_imports)]
            use super::*;
            $(
                $(#[doc = $doc])*
                pub(super) fn $name(
                    $cx: &super::super::engine::Cx<'_>,
                    $($arg: $ty),*
                ) -> Result<$ret, ErrorReply> $body
            )*
        }

        /// Every command's name, in the table's order.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// Each command's arguments, as snake_case identifiers.
        pub(super) const ARGS: &[(&str, &[&str])] = &[$((stringify!($name), &[$(stringify!($arg)),*])),*];

        /// Runs the command `name` with checked arguments; `None` when there is no such command.
        pub(super) fn dispatch(
            engine: &super::Engine,
            host: &dyn super::Host,
            name: &str,
            args: &super::Args<'_>,
        ) -> Option<Result<serde_json::Value, ErrorReply>> {
            match name {
                $(stringify!($name) => Some((|| {
                    $(let $arg: $ty = args.take(stringify!($arg))?;)*
                    let cx = super::engine::Cx::new(engine, host, stringify!($name));
                    super::answer(bodies::$name(&cx, $($arg),*)?)
                })()),)*
                _ => None,
            }
        }

        /// Visits every argument and answer type of the table (the roots of `bindings.ts`).
        pub fn visit_types(visitor: &mut impl ts_rs::TypeVisitor) {
            $($(visitor.visit::<$ty>();)* visitor.visit::<$ret>();)*
        }

        /// The table as data, with TypeScript types, for the generated files.
        pub fn specs(cfg: &ts_rs::Config) -> Vec<super::CommandSpec> {
            vec![$(super::CommandSpec {
                name: stringify!($name),
                doc: [$($doc),*].iter().map(|line: &&str| line.trim()).collect::<Vec<_>>().join("\n"),
                args: vec![$((super::camel(stringify!($arg)), <$ty as ts_rs::TS>::name(cfg))),*],
                answer: <$ret as ts_rs::TS>::name(cfg),
            }),*]
        }
    };
}
use commands;

/// The arguments a command takes, by the names the page sends (camelCase); `None` for a command
/// that does not exist.
pub fn command_args(name: &str) -> Option<Vec<String>> {
    table::ARGS.iter().find(|(n, _)| *n == name).map(|(_, args)| args.iter().map(|a| camel(a)).collect())
}

/// Visits every type a command takes or answers.
pub fn visit_types(visitor: &mut impl ts_rs::TypeVisitor) {
    table::visit_types(visitor);
}

/// Every command with its TypeScript types (the generated client and `command_names.rs`).
pub fn specs() -> Vec<CommandSpec> {
    table::specs(&crate::bindings::config())
}
