//! R7: a damaged notebook file (bytes flipped in page 1 or in a middle page, or the file cut
//! short) is reported as damaged with advice to restore from a backup: a `corrupt` error, never a
//! panic, and never a write to the damaged file (every file in the folder is byte-identical
//! afterwards).

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

mod support;

use casebook_core::clock::SystemClock;
use casebook_core::columns::today;
use casebook_core::session::{self, NoteBody};
use casebook_core::{Error, ErrorKind, ErrorReply};
use chrono::Duration;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::{PASS, intake_session, notebook, notebook_with_a_case};

const PAGE: u64 = 4096;

/// A notebook of a few hundred pages, closed cleanly (its WAL checkpointed into the file).
fn sizeable_notebook(dir: &Path) {
    let case_id = notebook_with_a_case(dir);
    let mut nb = notebook(dir);
    nb.unlock(PASS).unwrap();
    let (open, clock) = nb.open_with_clock().unwrap();
    let client = casebook_core::case::get_case(open, clock, case_id).unwrap().client.id;
    for i in 0..300 {
        let mut note = intake_session(today(&SystemClock) - Duration::days(1), client);
        note.kind = session::SessionKind::Individual;
        note.body = NoteBody::Dap {
            data: Some(format!("Note {i}. {}", "Steady. ".repeat(200))),
            assessment: None,
            plan: None,
        };
        session::record_session(open, clock, case_id, note).unwrap();
    }
    nb.lock();
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect()
}

fn copy_of(source: &Path, into: &Path) -> PathBuf {
    let dir = into.join("copy");
    std::fs::create_dir(&dir).unwrap();
    for (path, bytes) in snapshot(source) {
        std::fs::write(dir.join(path.file_name().unwrap()), bytes).unwrap();
    }
    dir
}

fn flip(path: &Path, at: u64) {
    let mut bytes = std::fs::read(path).unwrap();
    for b in &mut bytes[at as usize..at as usize + 8] {
        *b ^= 0xA5;
    }
    std::fs::write(path, bytes).unwrap();
}

/// Damages a fresh copy of the notebook, then unlocks it: damaged, and not a byte written.
fn assert_reported_and_untouched(source: &Path, damage: impl FnOnce(&Path)) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy_of(source, tmp.path());
    damage(&dir.join("notebook.db"));
    let before = snapshot(&dir);
    let mut nb = notebook(&dir);
    let err = nb.unlock(PASS).unwrap_err();
    assert!(matches!(err, Error::Corrupt(_)), "{err:?}");
    let reply = ErrorReply::from(&err);
    assert_eq!(reply.kind, ErrorKind::Corrupt);
    assert!(
        reply.message.contains("damaged") && reply.message.contains("Restore it from a backup"),
        "{}",
        reply.message
    );
    assert!(!nb.status().unlocked);
    assert_eq!(snapshot(&dir), before, "the damaged notebook's files changed");
    // A second attempt meets the same answer, and still writes nothing.
    assert!(matches!(nb.unlock(PASS), Err(Error::Corrupt(_))));
    assert_eq!(snapshot(&dir), before);
    reply.message
}

#[test]
fn damage_is_reported_and_the_file_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("nb");
    sizeable_notebook(&source);
    let size = std::fs::metadata(source.join("notebook.db")).unwrap().len();
    let pages = size / PAGE;
    assert!(pages > 100, "{pages} pages");
    assert!(!source.join("notebook.db-wal").exists(), "a clean lock leaves no WAL");

    let page_one = assert_reported_and_untouched(&source, |db| flip(db, 1000));
    let middle = assert_reported_and_untouched(&source, |db| flip(db, (pages / 2) * PAGE + 1000));
    let last = assert_reported_and_untouched(&source, |db| flip(db, (pages - 1) * PAGE + 200));
    let cut_mid_page = assert_reported_and_untouched(&source, |db| {
        std::fs::OpenOptions::new().write(true).open(db).unwrap().set_len(size * 2 / 3 + 1234).unwrap()
    });
    let cut_on_a_page = assert_reported_and_untouched(&source, |db| {
        std::fs::OpenOptions::new().write(true).open(db).unwrap().set_len((pages / 2) * PAGE).unwrap()
    });
    assert!(middle.contains(&format!("(page {})", pages / 2 + 1)), "the damaged page is named: {middle}");
    println!("R7: middle page flipped: {middle}");
    println!(
        "R7: {pages}-page notebook: page 1 flipped, middle page flipped, last page flipped, cut mid-page, \
         cut on a page boundary: 5 of 5 reported as damaged, 0 writes, 0 panics"
    );
    for message in [page_one, middle, last, cut_mid_page, cut_on_a_page] {
        assert!(!message.contains("Note "), "no content in the message");
    }

    // The intact original still opens and verifies.
    let mut nb = notebook(&source);
    nb.unlock(PASS).unwrap();
    assert!(casebook_core::record::verify_notebook(nb.open_mut().unwrap()).passed);
}
