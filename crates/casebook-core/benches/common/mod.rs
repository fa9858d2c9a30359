//! The notebook a practice reaches in a decade (1,000 cases, about 100,000 session notes of
//! about 1.5 KB), built once with the real key derivation and kept in cargo's bench scratch folder
//! between runs; each bench works on its own copy so that none sees another's writes.
//!
//! The cases and their intake sessions are made through the engine; the other notes are copies
//! of those sessions made in SQL with their own text (see `text`), in one transaction, since
//! 100,000 separate fsynced saves would take an hour and measure the saves, not what the bench
//! is about. The search index is kept by the store's own triggers as the notes go in. The first case gets 300 more, so that one case
//! has about 400 notes, the biggest case the issue measured.

// The integration tests' builders (a case's intake session), shared rather than written again.
#[path = "../../tests/support/mod.rs"]
mod support;
pub mod text;

use casebook_core::case::{self, NewCase};
use casebook_core::clock::SystemClock;
use casebook_core::columns::today;
use casebook_core::person::PersonInput;
use casebook_core::session::{self, NoteBody};
use casebook_core::vault::VaultConfig;
use casebook_core::{Location, Notebook, NotebookConfig};
use chrono::Duration;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

pub const CASES: usize = 1_000;
pub const NOTES: i64 = 100_000;
pub const BIGGEST: i64 = 300;
pub const PASS: &str = "harbour lantern quietly";

/// Bump when the built notebook changes shape, so a stale cache is rebuilt.
const VERSION: &str = "scale-notebook-v9";

/// Runs the bench as the app runs on Linux: started again with glibc wiping what C code frees
/// (the shell's `wipe::restart_with_wiping_malloc`), and the store told so, which leaves
/// SQLCipher's own per-allocation wiping off. Call first in `main`.
pub fn run_as_the_app() {
    use std::os::unix::process::CommandExt;
    const MARK: &str = "CASEBOOK_MALLOC_WIPES";
    if std::env::var_os(MARK).is_none() {
        let exe = std::env::current_exe().expect("bench binary");
        let err = std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(MARK, "1")
            .env("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0")
            .env("MALLOC_PERTURB_", "90")
            .exec();
        panic!("could not restart the bench with wiping malloc: {err}");
    }
    casebook_core::store::c_allocator_wipes_freed_memory();
}

fn cache_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(VERSION)
}

pub fn notebook_at(dir: &Path, vault: VaultConfig) -> Notebook {
    let mut config = NotebookConfig::new(Location::new(dir));
    config.vault = vault;
    Notebook::new(config, Arc::new(SystemClock))
}

/// A fresh copy of the scale notebook in `into` (a folder that does not exist yet), built first
/// if the cache is empty. Opens with `PASS` and the real key derivation.
pub fn scale_notebook(into: &Path) -> Notebook {
    let cache = cache_dir();
    let done = cache.join("complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&cache);
        std::fs::create_dir_all(&cache).expect("bench cache folder");
        let started = Instant::now();
        build(&cache.join("nb"));
        std::fs::write(&done, b"").expect("cache marker");
        println!(
            "bench: built the scale notebook in {:.0} s (cached for later runs)",
            started.elapsed().as_secs_f64()
        );
    }
    // Where the window bench (tests/e2e/bench) finds the same notebook.
    let _ = std::fs::write(
        cache.with_file_name("scale-notebook.path"),
        cache.join("nb").to_string_lossy().as_bytes(),
    );
    copy_dir(&cache.join("nb"), into);
    notebook_at(into, VaultConfig::default())
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("copy folder");
    for entry in std::fs::read_dir(from).expect("read cache") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

fn build(dir: &Path) {
    let mut nb = notebook_at(dir, VaultConfig::default());
    nb.create(PASS).expect("create");
    let text =
        "Reports steady progress with the sensate focus homework; discussed pacing and consent. ".repeat(17);
    let (open, clock) = nb.open_with_clock().expect("open");
    let day = today(clock);
    for i in 0..CASES {
        let new = NewCase {
            client: PersonInput { full_name: format!("Bench Client {i}"), ..PersonInput::default() },
            first_contact_on: day - Duration::days(400),
            difficulties: vec!["low_libido".into()],
            other_difficulty: None,
            referral_source: None,
            has_partner: i % 3 == 0,
        };
        let made = case::create_case(open, clock, new).expect("case");
        let mut input = support::intake_session(day - Duration::days(300), made.client.id);
        input.body = NoteBody::Dap { data: Some(text.clone()), assessment: None, plan: None };
        session::record_session(open, clock, made.id, input).expect("session");
    }
    let conn = open.store().conn();
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('session_note') WHERE name <> 'id'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("columns");
    let list = columns.join(", ");
    // The copies are the ongoing individual sessions that follow an intake, as in a real practice,
    // each with its own text.
    let copied = columns
        .iter()
        .map(|c| match c.as_str() {
            "kind" => "'individual'",
            "data" => "?2",
            // Signed, as nearly every note of a practice is.
            "signed_at" => "created_at",
            "signed_by" => "'Dr Bench'",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(", ");
    let first: i64 =
        conn.query_row("SELECT min(id) FROM session_note", [], |r| r.get(0)).expect("first note");
    let mut words = text::NoteText::new(0x0ca5_eb00_c0ff_ee01);
    conn.execute_batch("BEGIN").expect("begin");
    {
        let mut intake = conn.prepare("UPDATE session_note SET data = ?2 WHERE id = ?1").expect("update");
        for id in first..first + CASES as i64 {
            intake.execute(rusqlite::params![id, words.next_note()]).expect("intake text");
        }
        let mut copy = conn
            .prepare(&format!(
                "INSERT INTO session_note ({list}) SELECT {copied} FROM session_note WHERE id = ?1"
            ))
            .expect("copy");
        for _ in 0..BIGGEST {
            copy.execute(rusqlite::params![first, words.next_note()]).expect("biggest case");
        }
        let have: i64 = conn.query_row("SELECT count(*) FROM session_note", [], |r| r.get(0)).expect("count");
        for k in 0..(NOTES - have) {
            let template = first + k % CASES as i64;
            copy.execute(rusqlite::params![template, words.next_note()]).expect("copy note");
        }
    }
    // Every intake note signed too, but ten: what the home screen lists as due.
    conn.execute(
        "UPDATE session_note SET signed_at = created_at, signed_by = 'Dr Bench'
         WHERE kind = 'intake' AND case_id % 100 <> 0",
        [],
    )
    .expect("sign");
    conn.execute_batch("COMMIT").expect("commit");
    nb.lock();
}
