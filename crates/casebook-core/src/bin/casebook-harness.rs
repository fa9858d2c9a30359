//! A child process for the crash harnesses: it does one thing to a notebook and says when it is
//! done, so a parent can kill it at random moments and check what survived.
//!
//! Uses the cheap test KDF (the harnesses test files and transactions, not Argon2's cost).
//!
//! ```text
//! casebook-harness create DIR PASSPHRASE
//! casebook-harness change-passphrase DIR OLD NEW
//! casebook-harness save-notes DIR PASSPHRASE CASE_ID [MAX]   prints "saved ID TOKEN" per commit
//! casebook-harness type-draft DIR PASSPHRASE EDITOR_KEY [MAX] prints "draft N" per save
//! casebook-harness back-up DIR PASSPHRASE [MAX]              prints "backed-up FILE" per backup
//! casebook-harness restore DIR PASSPHRASE FILE               prints "previewed", then "restored"
//! ```
//!
//! `back-up` makes verified backups into the notebook's backup folder (set beforehand) one after
//! another; `restore` restores the backup FILE (whose passphrase is PASSPHRASE) over the notebook
//! in DIR.
//!
//! `save-notes` records individual session notes in the case (which must have its intake
//! session) until killed or MAX saves; each note's text carries TOKEN, and the line is printed
//! and flushed only after the save returned, that is after its transaction committed: every
//! printed line is an acknowledged save. `type-draft` saves a draft that grows by one word per
//! save, as autosave does while the therapist types, and prints its word count.

use casebook_core::case::{self, CaseId};
use casebook_core::clock::SystemClock;
use casebook_core::columns::today;
use casebook_core::session::{self, NoteBody, RiskScreen, SessionInput, SessionKind};
use casebook_core::vault::VaultConfig;
use casebook_core::{Location, Notebook, NotebookConfig, drafts};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

fn notebook(dir: &str) -> Notebook {
    let mut config = NotebookConfig::new(Location::new(dir));
    config.vault = VaultConfig::fast_for_tests();
    Notebook::new(config, Arc::new(SystemClock))
}

fn acknowledge(line: &str) -> casebook_core::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").and_then(|()| out.flush()).map_err(|_| {
        // The parent stopped listening: nothing more can be acknowledged.
        casebook_core::Error::Storage("stdout closed".into())
    })
}

fn save_notes(dir: &str, pass: &str, case_id: CaseId, max: u64) -> casebook_core::Result<&'static str> {
    let mut nb = notebook(dir);
    nb.unlock(pass)?;
    let (open, clock) = nb.open_with_clock()?;
    let client = case::get_case(open, clock, case_id)?.client.id;
    let pid = std::process::id();
    for n in 0..max {
        let token = format!("p{pid}n{n}");
        let body = NoteBody::Soap {
            subjective: Some(format!("Harness note {token}. {}", "Reports steady progress. ".repeat(4))),
            objective: None,
            assessment: Some("Stable.".into()),
            plan: Some("Continue.".into()),
        };
        let input = SessionInput {
            risk_screen: RiskScreen::NoneIdentified,
            ..SessionInput::new(SessionKind::Individual, today(clock), vec![client], body)
        };
        let saved = session::record_session(open, clock, case_id, input)?;
        acknowledge(&format!("saved {} {token}", saved.id))?;
    }
    Ok("done")
}

fn back_up(dir: &str, pass: &str, max: u64) -> casebook_core::Result<&'static str> {
    let mut nb = notebook(dir);
    nb.unlock(pass)?;
    for _ in 0..max {
        let made = nb.back_up_now()?;
        acknowledge(&format!("backed-up {}", made.file))?;
    }
    Ok("done")
}

fn restore(dir: &str, pass: &str, file: &str) -> casebook_core::Result<&'static str> {
    let mut nb = notebook(dir);
    nb.choose_backup_file(std::path::Path::new(file))?;
    nb.preview_restore(&casebook_core::backup::RestoreCredential::Passphrase { passphrase: pass.into() })?;
    acknowledge("previewed")?;
    nb.confirm_restore()?;
    Ok("restored")
}

fn type_draft(dir: &str, pass: &str, key: &str, max: u64) -> casebook_core::Result<&'static str> {
    let mut nb = notebook(dir);
    nb.unlock(pass)?;
    let (open, clock) = nb.open_with_clock()?;
    // Typing resumes where the draft left off, as the editor does when it offers the draft back.
    let mut body = drafts::load_draft(open, key)?.map(|d| d.body).unwrap_or_default();
    for _ in 0..max {
        body.push_str("word ");
        drafts::save_draft(open, clock, key, &body)?;
        acknowledge(&format!("draft {}", body.split_whitespace().count()))?;
    }
    Ok("done")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let max = |arg: Option<&&str>| arg.and_then(|m| m.parse().ok()).unwrap_or(100_000u64);
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["create", dir, pass] => notebook(dir).create(pass).map(|_| "created"),
        ["change-passphrase", dir, old, new] => {
            let mut nb = notebook(dir);
            nb.unlock(old).and_then(|()| nb.change_passphrase(old, new)).map(|()| "changed")
        }
        ["save-notes", dir, pass, case_id, rest @ ..] if rest.len() <= 1 => match case_id.parse() {
            Ok(id) => save_notes(dir, pass, CaseId(id), max(rest.first())),
            Err(_) => Err(casebook_core::Error::invalid("caseId", "Not a case id.")),
        },
        ["type-draft", dir, pass, key, rest @ ..] if rest.len() <= 1 => {
            type_draft(dir, pass, key, max(rest.first()))
        }
        ["back-up", dir, pass, rest @ ..] if rest.len() <= 1 => back_up(dir, pass, max(rest.first())),
        ["restore", dir, pass, file] => restore(dir, pass, file),
        _ => {
            eprintln!(
                "usage: casebook-harness create DIR PASS | change-passphrase DIR OLD NEW | \
                 save-notes DIR PASS CASE_ID [MAX] | type-draft DIR PASS KEY [MAX] | \
                 back-up DIR PASS [MAX] | restore DIR PASS FILE"
            );
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
