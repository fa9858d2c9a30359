//! `make bench`: unlock time with the real Argon2id parameters, the first query after it
//! (unlock plus this is the open-to-first-query time), and the latency of a save (an encrypted
//! draft of 1.5 KB, committed with `synchronous=FULL`).
//! Prints figures; fails on nothing but errors.

use casebook_core::clock::SystemClock;
use casebook_core::{Location, Notebook, NotebookConfig};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn p95(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() * 95 / 100]
}

fn main() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let config = NotebookConfig::new(Location::new(tmp.path().join("nb")));
    let mut nb = Notebook::new(config, Arc::new(SystemClock));
    let pass = "harbour lantern quietly";
    let started = Instant::now();
    nb.create(pass).expect("create");
    let create = started.elapsed();
    nb.lock();

    let mut unlocks = Vec::new();
    let mut first_queries = Vec::new();
    for _ in 0..5 {
        let t0 = Instant::now();
        nb.unlock(pass).expect("unlock");
        unlocks.push(t0.elapsed());
        let t1 = Instant::now();
        let (open, clock) = nb.open_with_clock().expect("open");
        casebook_core::case::list_cases(open, clock, Default::default()).expect("first query");
        first_queries.push(t1.elapsed());
        nb.lock();
    }
    nb.unlock(pass).expect("unlock");
    let mut saves = Vec::new();
    let mut body = "Reports steady progress with the sensate focus homework. ".repeat(26);
    for i in 0..300 {
        body.push_str(&i.to_string());
        let (open, clock) = nb.open_with_clock().expect("open");
        let t = Instant::now();
        casebook_core::drafts::save_draft(open, clock, "bench:note", &body).expect("save");
        saves.push(t.elapsed());
    }
    nb.lock();
    println!("bench: create notebook (Argon2id 128 MiB x4, two slots): {:.0} ms", create.as_secs_f64() * 1e3);
    println!(
        "bench: unlock (key file + Argon2id + open + checks), median of 5: {:.0} ms",
        median(unlocks).as_secs_f64() * 1e3
    );
    println!(
        "bench: first query after unlock (list cases), median of 5: {:.2} ms",
        median(first_queries).as_secs_f64() * 1e3
    );
    println!(
        "bench: save (1.5 KB encrypted draft, one transaction), 300 saves: median {:.2} ms, p95 {:.2} ms",
        median(saves.clone()).as_secs_f64() * 1e3,
        p95(saves).as_secs_f64() * 1e3
    );
}
