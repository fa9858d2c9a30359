//! The TypeScript declarations of every type that crosses the IPC boundary.
//!
//! `ui/src/ipc/bindings.ts` is generated from these Rust types; a test fails when the checked-in
//! file differs from what the types say (run `make bindings` to rewrite it).

use ts_rs::{Config, TS};

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        crate::error::ErrorKind::decl(&cfg),
        crate::error::ErrorReply::decl(&cfg),
        crate::notebook::NotebookStatus::decl(&cfg),
        crate::notebook::RecoveryCodeView::decl(&cfg),
        crate::settings::Settings::decl(&cfg),
        crate::vault::PassphraseStrength::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in crates/casebook-core by `make bindings`. Do not edit.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
