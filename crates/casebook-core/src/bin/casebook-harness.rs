//! A child process for the crash harnesses: it does one thing to a notebook and says when it is
//! done, so a parent can kill it at random moments and check what survived.
//!
//! Uses the cheap test KDF (the harnesses test files and transactions, not Argon2's cost).
//!
//! ```text
//! casebook-harness create DIR PASSPHRASE
//! casebook-harness change-passphrase DIR OLD NEW
//! ```

use casebook_core::clock::SystemClock;
use casebook_core::vault::VaultConfig;
use casebook_core::{Location, Notebook, NotebookConfig};
use std::process::ExitCode;
use std::sync::Arc;

fn notebook(dir: &str) -> Notebook {
    let mut config = NotebookConfig::new(Location::new(dir));
    config.vault = VaultConfig::fast_for_tests();
    Notebook::new(config, Arc::new(SystemClock))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["create", dir, pass] => notebook(dir).create(pass).map(|_| "created"),
        ["change-passphrase", dir, old, new] => {
            let mut nb = notebook(dir);
            nb.unlock(old).and_then(|()| nb.change_passphrase(old, new)).map(|()| "changed")
        }
        _ => {
            eprintln!("usage: casebook-harness create DIR PASS | change-passphrase DIR OLD NEW");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(word) => {
            println!("{word}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{:?}: {err}", err.kind());
            ExitCode::FAILURE
        }
    }
}
