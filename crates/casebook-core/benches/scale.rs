//! `make bench`: the engine at the scale a practice reaches in a decade (1,000 cases, about
//! 100,000 notes; see `common`), each figure printed beside its target from issue 13. Prints
//! figures; fails on nothing but errors.

mod common;

use casebook_core::case::{self, CaseFilter, CaseStatus};
use casebook_core::record::verify_notebook;
use casebook_core::session;
use std::time::{Duration, Instant};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn quantiles(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    samples.sort();
    (samples[samples.len() / 2], samples[samples.len() * 95 / 100], samples[samples.len() - 1])
}

fn main() {
    common::run_as_the_app();
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("nb");
    let mut nb = common::scale_notebook(&dir);
    let db_bytes = std::fs::metadata(dir.join("notebook.db")).expect("db").len();

    let mut unlocks = Vec::new();
    let mut firsts = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        nb.unlock(common::PASS).expect("unlock");
        unlocks.push(t.elapsed());
        let t = Instant::now();
        let (open, clock) = nb.open_with_clock().expect("open");
        case::list_cases(open, clock, CaseFilter::default()).expect("list");
        firsts.push(t.elapsed());
        nb.lock();
    }
    let t = Instant::now();
    nb.unlock(common::PASS).expect("unlock");
    let (open, clock) = nb.open_with_clock().expect("open");
    // Reads go on at once; the first write waits for the whole-file check (quick_check and the
    // cipher's check of every page), which runs beside the open notebook.
    open.store().await_intact(None).expect("intact");
    println!(
        "bench: unlock to the first write allowed (whole-file check beside the open notebook): {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // Every filter the window sends: none, a status, a stage, and the name as it is typed.
    let mut filters = vec![
        CaseFilter::default(),
        CaseFilter { status: Some(CaseStatus::Open), ..Default::default() },
        CaseFilter { status: Some(CaseStatus::Closed), ..Default::default() },
        CaseFilter { stage: Some(casebook_core::workflow::CaseStage::Intake), ..Default::default() },
    ];
    for typed in ["c", "cl", "cli", "clie", "client 9", "client 99", "client 999"] {
        filters.push(CaseFilter { name: Some(typed.into()), ..Default::default() });
    }
    let mut lists = Vec::new();
    let mut shown = 0;
    for _ in 0..10 {
        for filter in &filters {
            let t = Instant::now();
            shown += case::list_cases(open, clock, filter.clone()).expect("list").len();
            lists.push(t.elapsed());
        }
    }
    let (list_median, list_p95, list_max) = quantiles(lists);

    // The home screen's "needs you" list, read each time the therapist comes back to Cases.
    let mut dues = Vec::new();
    let mut due_items = 0;
    for _ in 0..10 {
        let t = Instant::now();
        due_items = casebook_core::due::due(open, clock).expect("due").items.len();
        dues.push(t.elapsed());
    }
    let (due_median, due_p95, _) = quantiles(dues);

    let biggest: i64 = open
        .store()
        .conn()
        .query_row(
            "SELECT case_id FROM session_note GROUP BY case_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("biggest case");
    let biggest = case::CaseId(biggest);
    let t = Instant::now();
    case::get_case(open, clock, biggest).expect("case");
    let sessions = session::list_sessions(open, biggest).expect("sessions");
    let note = session::get_session(open, sessions.last().expect("a note").id).expect("note");
    let opened = t.elapsed();
    assert_eq!(note.case_id, biggest);

    let t = Instant::now();
    let report = verify_notebook(open);
    let verified = t.elapsed();
    assert!(report.passed, "the scale notebook verifies");
    nb.lock();

    println!(
        "bench: scale notebook: {} cases, {} notes, notebook.db {:.1} MB",
        common::CASES,
        common::NOTES,
        db_bytes as f64 / 1e6
    );
    let (unlock_median, _, _) = quantiles(unlocks);
    println!(
        "bench: unlock at scale (Argon2id + open + checks), median of 3: {:.0} ms, target at most 1000 ms",
        ms(unlock_median)
    );
    let (first_median, _, _) = quantiles(firsts);
    println!("bench: first case list after unlock at scale, median of 3: {:.1} ms", ms(first_median));
    println!(
        "bench: case list at scale ({} filters x 10, {} rows): median {:.1} ms, p95 {:.1} ms, max {:.1} ms, target p95 at most 20 ms",
        filters.len(),
        shown,
        ms(list_median),
        ms(list_p95),
        ms(list_max)
    );
    println!(
        "bench: what is due at scale ({due_items} items), x 10: median {:.1} ms, p95 {:.1} ms, target p95 at most 20 ms",
        ms(due_median),
        ms(due_p95)
    );
    println!(
        "bench: open the biggest case ({} notes), its sessions and a note: {:.1} ms, target under 100 ms",
        sessions.len(),
        ms(opened)
    );
    println!(
        "bench: verify notebook at scale: {:.1} s (reported with a progress bar in the window)",
        verified.as_secs_f64()
    );
}
