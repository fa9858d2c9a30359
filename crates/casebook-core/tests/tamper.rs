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
    assert_eq!(reply.kind(), ErrorKind::Corrupt);
    assert!(
        reply.message().contains("damaged") && reply.message().contains("Restore it from a backup"),
        "{}",
        reply.message()
    );
    assert!(!nb.status().unlocked);
    assert_eq!(snapshot(&dir), before, "the damaged notebook's files changed");
    // A second attempt meets the same answer, and still writes nothing.
    assert!(matches!(nb.unlock(PASS), Err(Error::Corrupt(_))));
    assert_eq!(snapshot(&dir), before);
    reply.message().to_string()
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

/// A notebook opened with unlock not waiting for the whole-file check (as a large one is: the
/// check of 200 MB takes seconds), so the check runs beside the open notebook.
fn notebook_checked_beside(dir: &Path) -> casebook_core::Notebook {
    let mut config = casebook_core::NotebookConfig::new(casebook_core::Location::new(dir));
    config.vault = casebook_core::vault::VaultConfig::fast_for_tests();
    config.intact_check_wait = std::time::Duration::ZERO;
    casebook_core::Notebook::new(config, std::sync::Arc::new(SystemClock))
}

/// A change to the record (the therapist's name in the settings), with its audit entry.
fn write_something(nb: &mut casebook_core::Notebook) -> Result<(), Error> {
    let mut settings = nb.settings()?;
    settings.therapist_name = "Dr Checked".into();
    nb.update_settings(settings).map(|_| ())
}

fn wal_frames(dir: &Path) -> u64 {
    std::fs::metadata(dir.join("notebook.db-wal")).map_or(0, |m| m.len())
}

/// Unlock opened before the check ended: damage it finds afterwards is still refused before any
/// write. Reads may go on meanwhile; the first write waits for the check and is refused; the
/// notebook locks without its audit entry or a checkpoint; the next unlock refuses at once.
#[test]
fn damage_found_after_unlock_is_refused_before_any_write() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("nb");
    sizeable_notebook(&source);
    let pages = std::fs::metadata(source.join("notebook.db")).unwrap().len() / PAGE;
    for (what, at) in [("middle page", (pages / 2) * PAGE + 1000), ("last page", (pages - 1) * PAGE + 200)] {
        let work = tempfile::tempdir().unwrap();
        let dir = copy_of(&source, work.path());
        flip(&dir.join("notebook.db"), at);
        let db_before = std::fs::read(dir.join("notebook.db")).unwrap();
        let mut nb = notebook_checked_beside(&dir);
        // Unlock may meet the damage itself if a page it reads is the damaged one; here it does not.
        nb.unlock(PASS).unwrap();
        let err = write_something(&mut nb).unwrap_err();
        assert!(matches!(err, Error::Corrupt(ref m) if m.contains("damaged")), "{what}: {err:?}");
        // What the shell does with a `corrupt` answer, and its timer on a failed check.
        nb.report_damage();
        assert!(!nb.status().unlocked, "{what}");
        assert_eq!(
            std::fs::read(dir.join("notebook.db")).unwrap(),
            db_before,
            "{what}: the file was written"
        );
        assert_eq!(wal_frames(&dir), 0, "{what}: nothing went to the WAL either");
        let again = nb.unlock(PASS).unwrap_err();
        assert!(matches!(again, Error::Corrupt(_)), "{what}: the next unlock refuses at once: {again:?}");
        assert_eq!(std::fs::read(dir.join("notebook.db")).unwrap(), db_before);
    }
}

/// The shell's timer finds the damage by itself, with no call from the page.
#[test]
fn the_timer_finds_damage_the_check_reports_later() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("nb");
    sizeable_notebook(&source);
    let pages = std::fs::metadata(source.join("notebook.db")).unwrap().len() / PAGE;
    let dir = copy_of(&source, tmp.path());
    flip(&dir.join("notebook.db"), (pages / 2) * PAGE + 1000);
    let before = std::fs::read(dir.join("notebook.db")).unwrap();
    let mut nb = notebook_checked_beside(&dir);
    nb.unlock(PASS).unwrap();
    let started = std::time::Instant::now();
    while !nb.poll_intact_check() {
        assert!(nb.status().unlocked, "locked without saying why");
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "the check never ended");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!nb.status().unlocked);
    assert_eq!(std::fs::read(dir.join("notebook.db")).unwrap(), before);
}

/// An intact notebook opened the same way: reads at once, and its first write waits for the
/// check, then lands after the unlock's own audit entry.
#[test]
fn an_intact_notebook_checked_beside_takes_writes_once_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nb");
    sizeable_notebook(&dir);
    let mut nb = notebook_checked_beside(&dir);
    nb.unlock(PASS).unwrap();
    {
        let (open, clock) = nb.open_with_clock().unwrap();
        assert_eq!(casebook_core::case::list_cases(open, clock, Default::default()).unwrap().len(), 1);
    }
    write_something(&mut nb).unwrap();
    let open = nb.open_mut().unwrap();
    let log = casebook_core::record::audit::audit_log(open, 0).unwrap();
    let actions: Vec<String> = log.entries.iter().map(|e| format!("{:?}", e.action)).collect();
    let unlocked = actions.iter().position(|a| a == "Unlocked").expect("the unlock is in the trail");
    let edited = actions.iter().position(|a| a == "Edited").expect("the settings change is in the trail");
    // Newest first: the change comes after the unlock.
    assert!(edited < unlocked, "{actions:?}");
    assert!(casebook_core::record::verify_notebook(open).passed);
}
