//! The generated files must match the Rust types and the command table: the UI's IPC types, its
//! typed command client, the shell's list of command names and the window's capability (`make
//! bindings` rewrites them).

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

use std::path::PathBuf;

fn fresh(relative: &str, expected: String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(actual == expected, "{relative} is stale: run `make bindings` and commit the result");
}

#[test]
fn generated_bindings_are_fresh() {
    fresh("ui/src/ipc/bindings.ts", casebook_core::bindings::typescript());
}

#[test]
fn generated_command_client_is_fresh() {
    fresh("ui/src/ipc/commands.ts", casebook_core::api::typescript_client());
}

#[test]
fn generated_command_names_are_fresh() {
    fresh("src-tauri/src/command_names.rs", casebook_core::api::command_names_rs());
}

#[test]
fn generated_capability_is_fresh() {
    fresh("src-tauri/capabilities/default.json", casebook_core::api::capability_json());
}
