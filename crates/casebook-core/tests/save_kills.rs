//! R9: a child process saves session notes and acknowledges each one after its commit; the
//! parent kills it with SIGKILL at random moments, reopens the notebook and checks:
//! - 0 acknowledged saves lost (each acknowledged note is there, with its text),
//! - 0 half-applied transactions (every note has its `created` audit entry and its people
//!   present, and every `created` entry its note),
//! - 0 integrity failures ("Verify notebook": SQLite, SQLCipher, audit chain, guards).
//!
//! `CASEBOOK_KILLS` sets the number of kills (default 200; `make harness` runs 1000).

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

mod support;

use casebook_core::case::CaseId;
use casebook_core::record::audit::{AuditAction, AuditTable, case_history};
use casebook_core::record::verify_notebook;
use casebook_core::session::{self, NoteBody};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};
use support::{PASS, harness, kills, notebook, notebook_with_a_case, random_kill, run_and_kill, time_to};

#[derive(Debug, Default)]
struct Tally {
    acknowledged: usize,
    lost: usize,
    half_applied: usize,
    integrity_failures: usize,
}

/// Reopens the notebook after a kill and checks everything acknowledged so far.
fn check(
    dir: &Path,
    case_id: CaseId,
    acked: &BTreeMap<i64, String>,
    seen: &mut BTreeSet<i64>,
    t: &mut Tally,
) {
    let mut nb = notebook(dir);
    if let Err(err) = nb.unlock(PASS) {
        panic!("the notebook does not open after a kill: {err:?}");
    }
    let (open, _) = nb.open_with_clock().unwrap();
    let notes: BTreeSet<i64> =
        session::list_sessions(open, case_id).unwrap().iter().map(|s| s.id.0).collect();
    let logged: BTreeSet<i64> = case_history(open, case_id)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == AuditAction::Created && e.table == Some(AuditTable::SessionNote))
        .filter_map(|e| e.record_id)
        .collect();
    t.lost += acked.keys().filter(|id| !notes.contains(id)).count();
    t.half_applied += notes.symmetric_difference(&logged).count();
    let new: Vec<i64> = notes.difference(seen).copied().collect();
    for id in new {
        let note = session::get_session(open, session::SessionId(id)).unwrap();
        if note.present.is_empty() {
            t.half_applied += 1;
        }
        if let Some(token) = acked.get(&id) {
            let NoteBody::Soap { subjective: Some(text), .. } = &note.body else {
                panic!("note {id}: no text")
            };
            if !text.contains(token.as_str()) {
                t.lost += 1;
            }
        }
        seen.insert(id);
    }
    let report = verify_notebook(open);
    if !report.passed {
        t.integrity_failures += 1;
        eprintln!("R9: verification failed after a kill: {report:#?}");
    }
    nb.lock();
}

#[test]
fn killed_saves_lose_nothing_acknowledged_and_leave_nothing_half_done() {
    let kills = kills(200);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nb");
    let case_id = notebook_with_a_case(&dir);
    let folder = dir.to_str().unwrap().to_string();
    let case_arg = case_id.0.to_string();
    let saves = |max: &str| harness(&["save-notes", &folder, PASS, &case_arg, max]);

    // A quarter of the kills land in the child's start (its unlock writes an audit entry too), the
    // others up to some 40 saves in.
    let start = time_to(saves("100000"), 1);
    let forty = time_to(saves("100000"), 41).saturating_sub(start).max(Duration::from_millis(5));
    let started = Instant::now();
    let mut rng = rand::thread_rng();
    let mut acked: BTreeMap<i64, String> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let mut t = Tally::default();
    let mut mid_run = 0;
    for _ in 0..kills {
        let lines = run_and_kill(saves("100000"), random_kill(&mut rng, start.mul_f64(1.2), forty));
        if !lines.is_empty() {
            mid_run += 1;
        }
        for line in lines {
            let mut words = line.split(' ').skip(1);
            let (Some(id), Some(token)) = (words.next(), words.next()) else { panic!("odd line {line:?}") };
            acked.insert(id.parse().unwrap(), token.to_string());
            t.acknowledged += 1;
        }
        check(&dir, case_id, &acked, &mut seen, &mut t);
    }
    println!(
        "R9: {kills} kills ({mid_run} after at least one save) in {:.1} s: {} acknowledged saves, {} lost, \
         {} half-applied transactions, {} integrity failures",
        started.elapsed().as_secs_f64(),
        t.acknowledged,
        t.lost,
        t.half_applied,
        t.integrity_failures
    );
    assert_eq!((t.lost, t.half_applied, t.integrity_failures), (0, 0, 0), "{t:?}");
    assert!(t.acknowledged > 0, "no kill landed after a save: the window is too short");
}
