//! R10: a save on a really full filesystem fails cleanly and the next one, after space is freed,
//! succeeds. The notebook lives on a small tmpfs mounted for the test, filled to the last byte.
//! Mounting needs root (or CAP_SYS_ADMIN); elsewhere the test prints why it is skipped and passes.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

mod support;

use casebook_core::clock::SystemClock;
use casebook_core::columns::today;
use casebook_core::session::{self, NoteBody, SessionKind};
use casebook_core::{Error, ErrorReply, drafts, record};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{PASS, intake_session, notebook, notebook_with_a_case};

/// The tmpfs, unmounted when dropped (also when the test fails).
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn mount_small_tmpfs(at: &Path) -> Result<Mounted, String> {
    std::fs::create_dir_all(at).map_err(|e| e.to_string())?;
    let out = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=8m,mode=0700", "casebook-r10"])
        .arg(at)
        .output()
        .map_err(|e| format!("mount could not run: {e}"))?;
    if out.status.success() {
        Ok(Mounted(at.to_path_buf()))
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// Writes until the filesystem refuses another byte; returns the filler's path.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    for chunk in [1 << 16, 1 << 12, 1] {
        let block = vec![0x5Au8; chunk];
        while file.write_all(&block).is_ok() {}
    }
    let _ = file.sync_all();
    path
}

#[test]
fn a_save_on_a_full_disk_fails_cleanly_and_succeeds_once_space_is_freed() {
    let tmp = tempfile::tempdir().unwrap();
    let mount_point = tmp.path().join("small");
    let mounted = match mount_small_tmpfs(&mount_point) {
        Ok(m) => m,
        Err(reason) => {
            println!(
                "R10 skipped: cannot mount a small tmpfs here ({reason}); run as root to test a full disk"
            );
            return;
        }
    };
    let dir = mounted.0.join("nb");
    let case_id = notebook_with_a_case(&dir);
    let mut nb = notebook(&dir);
    nb.unlock(PASS).unwrap();
    let (open, clock) = nb.open_with_clock().unwrap();
    let client = casebook_core::case::get_case(open, clock, case_id).unwrap().client.id;
    drafts::save_draft(open, clock, "session:new:case:1:body", "typed before the disk filled").unwrap();
    // Large enough that the WAL must grow to hold it.
    let mut note = intake_session(today(&SystemClock), client);
    note.kind = SessionKind::Individual;
    note.body = NoteBody::Dap { data: Some("Long note. ".repeat(60_000)), assessment: None, plan: None };
    let before = session::list_sessions(open, case_id).unwrap().len();

    let filler = fill(&mounted.0);
    let err = session::record_session(open, clock, case_id, note.clone()).unwrap_err();
    assert!(matches!(err, Error::DiskFull), "{err:?}");
    assert_eq!(
        ErrorReply::from(&err).message(),
        "Not saved: the disk is full. Your previous version is intact."
    );
    let draft = drafts::save_draft(open, clock, "session:new:case:1:body", &"more words ".repeat(60_000));
    assert!(matches!(draft, Err(Error::DiskFull)), "{draft:?}");
    assert_eq!(session::list_sessions(open, case_id).unwrap().len(), before);
    let kept = drafts::load_draft(open, "session:new:case:1:body").unwrap().unwrap();
    assert_eq!(kept.body, "typed before the disk filled");
    let report = record::verify_notebook(open);
    assert!(report.passed, "{report:#?}");
    // Locking still locks, and unlocking still opens, though neither can be written to the trail.
    nb.lock();
    assert!(!nb.status().unlocked);
    nb.unlock(PASS).unwrap();
    let (open, clock) = nb.open_with_clock().unwrap();
    assert_eq!(session::list_sessions(open, case_id).unwrap().len(), before);

    std::fs::remove_file(filler).unwrap();
    let saved = session::record_session(open, clock, case_id, note).unwrap();
    assert_eq!(session::list_sessions(open, case_id).unwrap().len(), before + 1);
    assert!(record::verify_notebook(open).passed);
    nb.lock();
    nb.unlock(PASS).unwrap();
    let (open, _) = nb.open_with_clock().unwrap();
    assert_eq!(session::get_session(open, saved.id).unwrap().body, saved.body);
    nb.lock();
    println!(
        "R10: full tmpfs: the save failed with DiskFull, nothing changed, both integrity checks passed; after freeing space the save succeeded"
    );
}

/// R16: a backup onto a full drive fails with its own message, leaves nothing half-written in
/// the backup folder, claims nothing, and changes nothing in the notebook; the next backup, with
/// space freed, is made and verified.
#[test]
fn a_backup_onto_a_full_drive_fails_cleanly_and_claims_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mount_point = tmp.path().join("usb");
    let mounted = match mount_small_tmpfs(&mount_point) {
        Ok(m) => m,
        Err(reason) => {
            println!("R16 full drive skipped: cannot mount a small tmpfs here ({reason})");
            return;
        }
    };
    let dir = tmp.path().join("nb");
    notebook_with_a_case(&dir);
    let mut nb = notebook(&dir);
    nb.unlock(PASS).unwrap();
    nb.set_backup_folder(&mounted.0).unwrap();
    let filler = fill(&mounted.0);
    let before = std::fs::read(dir.join("notebook.key")).unwrap();
    let err = nb.back_up_now().unwrap_err();
    assert!(err.to_string().contains("disk is full"), "{err:?}");
    let left: Vec<String> = std::fs::read_dir(&mounted.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["filler"], "nothing half-written is left");
    let status = nb.backup_status().unwrap();
    assert!(status.last.is_none() && status.overdue, "no backup is claimed");
    assert!(record::verify_notebook(nb.open_with_clock().unwrap().0).passed);
    assert_eq!(std::fs::read(dir.join("notebook.key")).unwrap(), before);
    std::fs::remove_file(filler).unwrap();
    let made = nb.back_up_now().unwrap();
    assert!(nb.backup_status().unwrap().last.is_some_and(|l| l.file == made.file));
    nb.lock();
    println!(
        "R16: a backup onto a full tmpfs failed with its own message and left nothing; with space freed it was made and verified"
    );
}
