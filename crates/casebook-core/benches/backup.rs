//! `make bench`: a verified backup and a restore of a notebook at the scale a practice reaches
//! in a decade (1,000 cases, 100,000 session notes of about 1.5 KB), with the backup's size beside
//! the notebook's. Target: backup under 10 s, verification included. Prints figures; fails on
//! nothing but errors.
//!
//! The notebook is the shared, cached one of `common`.

mod common;

use casebook_core::backup::RestoreCredential;
use casebook_core::vault::VaultConfig;
use std::time::Instant;

fn main() {
    common::run_as_the_app();
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("nb");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).expect("backup folder");
    let mut nb = common::scale_notebook(&dir);
    nb.unlock(common::PASS).expect("unlock");
    nb.set_backup_folder(&folder).expect("folder");
    let db_bytes = std::fs::metadata(dir.join("notebook.db")).expect("db").len();
    let t = Instant::now();
    let made = nb.back_up_now().expect("backup");
    let backup = t.elapsed();
    nb.lock();

    let laptop = tmp.path().join("laptop");
    let mut other = common::notebook_at(&laptop, VaultConfig::default());
    let t = Instant::now();
    other.choose_backup_file(&folder.join(&made.file)).expect("choose");
    let preview = other
        .preview_restore(&RestoreCredential::Passphrase { passphrase: common::PASS.into() })
        .expect("preview");
    let previewed = t.elapsed();
    other.confirm_restore().expect("restore");
    let restore = t.elapsed();
    assert_eq!(preview.cases, common::CASES as u64);
    println!(
        "bench: backup of {} cases and {} notes; notebook.db {:.1} MB",
        preview.cases,
        preview.notes,
        db_bytes as f64 / 1e6
    );
    println!(
        "bench: backup (checkpoint, copy, flush, read back, integrity + cipher check, per-table compare): {:.1} s, target under 10 s",
        backup.as_secs_f64()
    );
    println!(
        "bench: backup file {:.1} MB, {:.2}x the notebook",
        made.bytes as f64 / 1e6,
        made.bytes as f64 / db_bytes as f64
    );
    println!(
        "bench: restore on a new laptop: preview (checksum, key, full check) {:.1} s, restore total {:.1} s",
        previewed.as_secs_f64(),
        restore.as_secs_f64()
    );
}
