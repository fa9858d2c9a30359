//! What the kill harnesses share: a notebook on the cheap test KDF, a case ready for notes, and
//! running the harness child until a random moment, then SIGKILL.

#![allow(dead_code, clippy::unwrap_used)] // each harness uses part of this; helpers fail loudly

use casebook_core::case::{self, CaseId, NewCase};
use casebook_core::clock::SystemClock;
use casebook_core::columns::today;
use casebook_core::person::PersonInput;
use casebook_core::session::{self, NoteBody, SessionInput, SessionKind};
use casebook_core::vault::VaultConfig;
use casebook_core::{Location, Notebook, NotebookConfig};
use chrono::{Duration, NaiveTime};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

pub const PASS: &str = "harbour lantern quietly";

pub fn notebook(dir: &Path) -> Notebook {
    let mut config = NotebookConfig::new(Location::new(dir));
    config.vault = VaultConfig::fast_for_tests();
    Notebook::new(config, Arc::new(SystemClock))
}

/// The number of kills: `CASEBOOK_KILLS`, else `default`.
pub fn kills(default: usize) -> usize {
    std::env::var("CASEBOOK_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A new notebook holding one case whose intake session is recorded, locked again.
pub fn notebook_with_a_case(dir: &Path) -> CaseId {
    let mut nb = notebook(dir);
    nb.create(PASS).unwrap();
    let (open, clock) = nb.open_with_clock().unwrap();
    let today = today(clock);
    let new = NewCase {
        client: PersonInput { full_name: "Harness Client".into(), ..PersonInput::default() },
        first_contact_on: today - Duration::days(30),
        difficulties: vec!["low_libido".into()],
        other_difficulty: None,
        referral_source: None,
        has_partner: false,
    };
    let case = case::create_case(open, clock, new).unwrap();
    session::record_session(open, clock, case.id, intake_session(today - Duration::days(20), case.client.id))
        .unwrap();
    nb.lock();
    case.id
}

pub fn intake_session(held_on: chrono::NaiveDate, client: casebook_core::person::PersonId) -> SessionInput {
    let body = NoteBody::Dap { data: Some("Intake.".into()), assessment: None, plan: None };
    SessionInput {
        ends_at: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        ..SessionInput::new(SessionKind::Intake, held_on, vec![client], body)
    }
}

pub fn harness(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casebook-harness"));
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::null());
    cmd
}

/// When to kill the child.
#[derive(Debug, Clone, Copy)]
pub enum KillAt {
    /// This long after it was started: during its unlock, or later.
    FromStart(StdDuration),
    /// This long after its first acknowledgement: in the middle of its saves, whatever its start
    /// costs (the start grows with the notebook: unlock checks every page).
    AfterFirstLine(StdDuration),
}

/// Runs the child, kills it with SIGKILL at `at` (unless it ended first), and returns the
/// complete lines it printed: a line cut by the kill was never acknowledged.
pub fn run_and_kill(mut cmd: Command, at: KillAt) -> Vec<String> {
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (first_tx, first_rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut lines = Vec::new();
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            if line.ends_with('\n') {
                lines.push(line.trim_end().to_string());
                if lines.len() == 1 {
                    let _ = first_tx.send(());
                }
            }
            line.clear();
        }
        lines
    });
    match at {
        KillAt::FromStart(after) => std::thread::sleep(after),
        KillAt::AfterFirstLine(after) => {
            if first_rx.recv_timeout(StdDuration::from_secs(30)).is_ok() {
                std::thread::sleep(after);
            }
        }
    }
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    reader.join().unwrap()
}

/// A random moment: one kill in four during the child's start, the others during its saves.
pub fn random_kill(rng: &mut impl rand::Rng, start: StdDuration, saves: StdDuration) -> KillAt {
    if rng.gen_bool(0.25) {
        KillAt::FromStart(start.mul_f64(rng.gen_range(0.0..1.0)))
    } else {
        KillAt::AfterFirstLine(saves.mul_f64(rng.gen_range(0.0..1.0)))
    }
}

/// How long the child takes to start and make `saves` acknowledgements, for choosing when to kill.
pub fn time_to(mut cmd: Command, saves: usize) -> StdDuration {
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    for _ in 0..saves {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the harness child ended early");
    }
    let took = started.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    took
}
