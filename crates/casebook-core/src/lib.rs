//! Casebook's engine: an encrypted, local notebook of clinical cases.
//!
//! The engine knows nothing of windows or IPC: the Tauri shell calls it, and so do the tests,
//! harnesses and benchmarks. Modules are named for what a therapist would name (`vault`, `store`,
//! `notebook`, `settings`, …); each owns its types, its SQL and its tests.

pub mod api;
pub mod backup;
pub mod bindings;
pub mod case;
pub mod clock;
pub mod columns;
pub mod consent;
pub mod demo;
pub mod diagnosis;
pub mod drafts;
pub mod due;
pub mod error;
pub mod export;
pub mod files;
pub mod formulation;
pub mod input;
pub mod intake;
pub mod location;
pub mod measures;
pub mod medical;
pub mod notebook;
pub mod person;
pub mod plan;
pub mod record;
pub mod search;
pub mod session;
pub mod settings;
pub mod store;
pub mod vault;
pub mod workflow;

#[cfg(test)]
mod testing;

pub use error::{Error, ErrorKind, ErrorReply, Result};
pub use location::Location;
pub use notebook::{Notebook, NotebookConfig, NotebookStatus, RecoveryCodeView};
pub use settings::Settings;
