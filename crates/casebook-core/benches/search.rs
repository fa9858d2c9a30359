//! `make bench`: full-text search at the scale a practice reaches in a decade (1,000 cases,
//! 100,000 notes of 1 to 2 KB; see `common`), each figure beside its target from issue 14.
//!
//! The same 20 queries run through the engine's search on the encrypted notebook and on a plain
//! (unencrypted) SQLite copy of it, made in this process with `sqlcipher_export`, with the same
//! page cache: the same code, the same content and the same index, so the ratio is the cost of
//! the encryption alone. Prints figures; fails on nothing but errors.

mod common;

use casebook_core::search::{self, SearchRequest};
use rusqlite::Connection;
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    // Single words, common to rare.
    "anxiety",
    "partner",
    "erection",
    "physiotherapy",
    "urologist",
    "vaginismus",
    "childbirth",
    "tadalafil",
    "priapism",
    // Phrases.
    "\"sensate focus\"",
    "\"performance anxiety\"",
    "\"intercourse ban\"",
    "\"vaginismus after childbirth\"",
    // Prefixes.
    "vagin*",
    "ejacul*",
    "relation*",
    "postpart*",
    // Two words, and either of two.
    "partner rejected",
    "pain penetration",
    "peyronie OR curvature",
];
const ROUNDS: usize = 15;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn quantiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    (samples[samples.len() / 2], samples[samples.len() * 95 / 100])
}

/// Every query `ROUNDS` times, in turn; the latencies and the hits of each query's first run.
fn run(conn: &Connection) -> (Vec<Duration>, Vec<usize>) {
    let mut times = Vec::new();
    let mut hits = vec![0; QUERIES.len()];
    for round in 0..ROUNDS {
        for (i, q) in QUERIES.iter().enumerate() {
            let request = SearchRequest { text: (*q).into(), ..Default::default() };
            let t = Instant::now();
            let found = search::search_in(conn, &request).expect("search");
            let took = t.elapsed();
            if round == 0 {
                hits[i] = found.hits.len() + usize::from(found.more);
            } else {
                // The first round warms the page cache of both stores alike.
                times.push(took);
            }
        }
    }
    (times, hits)
}

/// A plain SQLite file with the notebook's tables, rows, views and indexes, and its search index
/// built from those rows by [`search::rebuild_index`].
fn plain_copy(conn: &Connection, path: &std::path::Path) -> Connection {
    #[allow(clippy::disallowed_methods)] // the plain SQLite copy the bench compares with
    let mut plain = Connection::open(path).expect("plain");
    plain.pragma_update(None, "journal_mode", "WAL").expect("wal");
    plain.pragma_update(None, "temp_store", "MEMORY").expect("temp");
    let schema: Vec<(String, String, String)> = conn
        .prepare(
            "SELECT type, name, sql FROM sqlite_schema
             WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'search\\_index%' ESCAPE '\\'
               AND type IN ('table', 'index', 'view') ORDER BY type = 'view', type = 'index', rowid",
        )
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
        .expect("schema");
    let tx = plain.transaction().expect("begin");
    for (kind, name, sql) in &schema {
        tx.execute_batch(sql).expect("create");
        if kind != "table" {
            continue;
        }
        let mut read = conn.prepare(&format!("SELECT * FROM \"{name}\"")).expect("read");
        let n = read.column_count();
        let marks = vec!["?"; n].join(", ");
        let mut write = tx.prepare(&format!("INSERT INTO \"{name}\" VALUES ({marks})")).expect("write");
        let mut rows = read.query([]).expect("rows");
        while let Some(row) = rows.next().expect("row") {
            let values: Vec<rusqlite::types::Value> = (0..n).map(|i| row.get(i).expect("value")).collect();
            write.execute(rusqlite::params_from_iter(values)).expect("insert");
        }
    }
    let index: String = conn
        .query_row("SELECT sql FROM sqlite_schema WHERE name = 'search_index'", [], |r| r.get(0))
        .expect("index sql");
    tx.execute_batch(&index).expect("index");
    search::rebuild_index(&tx).expect("plain index");
    tx.commit().expect("commit");
    plain
}

fn size(conn: &Connection) -> u64 {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).expect("pages");
    let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0)).expect("free");
    // SQLCipher answers its page size as text.
    let page: i64 = match conn.query_row("PRAGMA page_size", [], |r| r.get(0)).expect("page size") {
        rusqlite::types::Value::Integer(n) => n,
        rusqlite::types::Value::Text(t) => t.parse().expect("a number"),
        other => panic!("page size {other:?}"),
    };
    ((pages - free) * page) as u64
}

fn main() {
    common::run_as_the_app();
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("nb");
    let mut nb = common::scale_notebook(&dir);
    nb.unlock(common::PASS).expect("unlock");
    let open = nb.open_mut().expect("open");
    // The whole-file check that unlocking starts reads every page on another core; let it end
    // first, so that it neither competes with the figures nor holds off the index rebuild.
    open.store().await_intact(None).expect("intact");
    let conn = open.store().conn();
    let notes: i64 = conn.query_row("SELECT count(*) FROM session_note", [], |r| r.get(0)).expect("notes");
    let entries: i64 =
        conn.query_row("SELECT count(*) FROM search_index", [], |r| r.get(0)).expect("entries");
    println!("bench: search notebook: {notes} session notes, {entries} index entries");

    // The plain copy: the same tables and rows, then the index built by the same code.
    let plain_path = tmp.path().join("plain.db");
    let t = Instant::now();
    let plain = plain_copy(conn, &plain_path);
    println!("bench: plain SQLite copy made in {:.0} s", t.elapsed().as_secs_f64());
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0)).expect("cache");
    plain.pragma_update(None, "cache_size", cache).expect("plain cache");

    let (enc_times, enc_hits) = run(conn);
    let (plain_times, plain_hits) = run(&plain);
    assert_eq!(enc_hits, plain_hits, "both stores answer alike");
    let (ep50, ep95) = quantiles(enc_times);
    let (pp50, pp95) = quantiles(plain_times);
    println!(
        "bench: search, {} queries x {} runs, encrypted: p50 {:.1} ms, p95 {:.1} ms (target p95 at most 30 ms)",
        QUERIES.len(),
        ROUNDS - 1,
        ms(ep50),
        ms(ep95)
    );
    println!(
        "bench: search, plain SQLite FTS5, same content: p50 {:.1} ms, p95 {:.1} ms",
        ms(pp50),
        ms(pp95)
    );
    println!(
        "bench: search, encrypted / plain: p50 {:.2}x, p95 {:.2}x (target at most 1.2x)",
        ms(ep50) / ms(pp50),
        ms(ep95) / ms(pp95)
    );
    // Per query: how many records match, the engine's median, and the median of FTS5's own
    // ranked match alone (no snippets, no names), to show where the time goes.
    for (q, n) in QUERIES.iter().zip(&enc_hits) {
        let expression = search::parse(q).expect("parse").expression;
        let count: i64 = conn
            .query_row("SELECT count(*) FROM search_index WHERE search_index MATCH ?1", [&expression], |r| {
                r.get(0)
            })
            .expect("count");
        let mut engine = Vec::new();
        let mut raw = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            search::search_in(conn, &SearchRequest { text: (*q).into(), ..Default::default() })
                .expect("search");
            engine.push(t.elapsed());
            let t = Instant::now();
            let mut stmt = conn
                .prepare_cached(
                    "SELECT rowid FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT 51",
                )
                .expect("raw");
            let ids: Vec<i64> =
                stmt.query_map([&expression], |r| r.get(0)).expect("raw").map(|r| r.expect("id")).collect();
            raw.push(t.elapsed());
            assert!(ids.len() <= 51);
        }
        engine.sort();
        raw.sort();
        println!(
            "bench:   {q:<32} {count:>6} matching, {n:>3} returned; engine {:>6.1} ms, FTS5 ranked match alone {:>6.1} ms",
            ms(engine[2]),
            ms(raw[2])
        );
    }

    // Size with and without the index, then the time to build it from the records.
    let with = size(conn);
    conn.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')", []).expect("empty");
    let without = size(conn);
    let t = Instant::now();
    conn.execute_batch("BEGIN").expect("begin");
    search::rebuild_index(conn).expect("rebuild");
    conn.execute_batch("COMMIT").expect("commit");
    let build = t.elapsed();
    println!(
        "bench: search index build from the records: {:.1} s ({} entries), in the migration that adds it",
        build.as_secs_f64(),
        entries
    );
    println!(
        "bench: notebook size: {:.0} MiB with the index, {:.0} MiB without ({:.0} MiB, {:.0} % more)",
        with as f64 / 1048576.0,
        without as f64 / 1048576.0,
        (with - without) as f64 / 1048576.0,
        (with - without) as f64 * 100.0 / without as f64
    );
}
