//! R11: a child process autosaves a draft as the therapist types (one word per save) and is
//! killed with SIGKILL at random moments; reopening offers the draft back with at least every
//! acknowledged word, and typing resumes from it.
//!
//! Runs `CASEBOOK_KILLS / 10` kills, at least 20.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

mod support;

use casebook_core::drafts;
use std::time::Duration;
use support::{PASS, harness, kills, notebook, random_kill, run_and_kill, time_to};

const KEY: &str = "session:new:case:1:body";

#[test]
fn a_killed_editor_gets_its_draft_back() {
    let kills = (kills(200) / 10).max(20);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nb");
    let mut nb = notebook(&dir);
    nb.create(PASS).unwrap();
    nb.lock();
    let folder = dir.to_str().unwrap().to_string();
    let typing = || harness(&["type-draft", &folder, PASS, KEY]);
    let start = time_to(typing(), 1);
    let twenty = time_to(typing(), 21).saturating_sub(start).max(Duration::from_millis(5));

    let mut rng = rand::thread_rng();
    let mut acknowledged = 0usize;
    let mut offered_back = 0;
    for _ in 0..kills {
        let lines = run_and_kill(typing(), random_kill(&mut rng, start.mul_f64(1.2), twenty));
        if let Some(last) = lines.last() {
            acknowledged = last.trim_start_matches("draft ").parse().unwrap();
        }
        let mut nb = notebook(&dir);
        nb.unlock(PASS).unwrap();
        let (open, _) = nb.open_with_clock().unwrap();
        let listed = drafts::list_drafts(open).unwrap();
        if acknowledged > 0 {
            assert!(listed.iter().any(|d| d.editor_key == KEY), "the draft is not offered back");
            let words = drafts::load_draft(open, KEY).unwrap().unwrap().body.split_whitespace().count();
            // Every acknowledged word is there; at most the one save in flight is there too.
            assert!(
                words == acknowledged || words == acknowledged + 1,
                "{words} words, {acknowledged} acknowledged"
            );
            acknowledged = words;
            offered_back += 1;
        }
        nb.lock();
    }
    println!(
        "R11: {kills} kills while typing: the draft came back {offered_back} times, {acknowledged} words kept, 0 lost"
    );
    assert!(acknowledged > 0);
}
