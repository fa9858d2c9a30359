//! R15 under kills: a child process makes verified backups, or restores one, and the parent kills
//! it with SIGKILL at random moments, then checks:
//! - after a killed backup: the notebook opens and passes "Verify notebook", every file listed
//!   as a backup is one that restores, and the last backup the notebook claims is there;
//! - after a killed restore: exactly one of {the old notebook, the restored one} opens, and when
//!   the restored one does, the old one is whole in `set-aside/`.
//!
//! `CASEBOOK_KILLS` sets the number of kills of each (default 100; `make harness` runs 1000).

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

mod support;

use casebook_core::backup::{self, RestoreCredential};
use casebook_core::record::verify_notebook;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::{PASS, harness, kills, notebook, notebook_with_a_case, random_kill, run_and_kill, time_to};

const OTHER_PASS: &str = "another notebook entirely";

fn pass(p: &str) -> RestoreCredential {
    RestoreCredential::Passphrase { passphrase: p.into() }
}

/// The backup restores: its checksum, key and content check out (staged in a scratch folder).
fn restores(file: &Path, scratch: &Path) -> bool {
    let _ = std::fs::remove_dir_all(scratch);
    let mut nb = notebook(scratch);
    let ok = nb.choose_backup_file(file).is_ok() && nb.preview_restore(&pass(PASS)).is_ok();
    nb.cancel_restore();
    ok
}

#[test]
fn killed_backups_leave_the_notebook_whole_and_claim_only_verified_backups() {
    let kills = kills(100);
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("nb");
    let folder = root.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    notebook_with_a_case(&dir);
    let mut nb = notebook(&dir);
    nb.unlock(PASS).unwrap();
    nb.set_backup_folder(&folder).unwrap();
    nb.lock();
    let d = dir.to_str().unwrap();
    let took = time_to(harness(&["back-up", d, PASS]), 3);
    let mut rng = rand::thread_rng();
    let mut checked: BTreeSet<PathBuf> = BTreeSet::new();
    let (mut completed, mut unverified, mut unclaimed) = (0usize, 0usize, 0usize);
    for _ in 0..kills {
        let lines = run_and_kill(harness(&["back-up", d, PASS]), random_kill(&mut rng, took / 3, took));
        completed += lines.len();
        let mut nb = notebook(&dir);
        nb.unlock(PASS).unwrap_or_else(|e| panic!("the notebook does not open after a kill: {e:?}"));
        let report = verify_notebook(nb.open_with_clock().unwrap().0);
        assert!(report.passed, "verification failed after a killed backup: {report:#?}");
        let status = nb.backup_status().unwrap();
        nb.lock();
        for file in backup::list(&folder) {
            if checked.insert(file.clone()) && !restores(&file, &root.path().join("scratch")) {
                unverified += 1;
                eprintln!("listed but does not restore: {file:?}");
            }
        }
        if let Some(last) = status.last
            && !folder.join(&last.file).exists()
            && backup::list(&folder).len() < status.keep as usize
        {
            unclaimed += 1;
        }
    }
    println!(
        "R15 kills during backup: {kills} kills, {completed} backups acknowledged, {} files checked, {unverified} listed but unverified, {unclaimed} claimed but missing",
        checked.len()
    );
    assert_eq!((unverified, unclaimed), (0, 0));
}

#[test]
fn killed_restores_leave_exactly_one_notebook_that_opens() {
    let kills = kills(100);
    let root = tempfile::tempdir().unwrap();
    // The template: a notebook with one case (PASS), and a backup of another notebook with none.
    let template = root.path().join("template");
    notebook_with_a_case(&template);
    let other = root.path().join("other");
    let folder = root.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let mut nb = notebook(&other);
    nb.create(OTHER_PASS).unwrap();
    nb.set_backup_folder(&folder).unwrap();
    let file = folder.join(nb.back_up_now().unwrap().file);
    nb.lock();
    let f = file.to_str().unwrap().to_string();
    let fresh = |n: usize| -> PathBuf {
        let dir = root.path().join(format!("nb{n}"));
        std::fs::create_dir(&dir).unwrap();
        for name in ["notebook.db", "notebook.key", "notebook.key.copy"] {
            std::fs::copy(template.join(name), dir.join(name)).unwrap();
        }
        dir
    };
    let probe = fresh(usize::MAX);
    let took = time_to(harness(&["restore", probe.to_str().unwrap(), OTHER_PASS, &f]), 2);
    let mut rng = rand::thread_rng();
    let (mut old_won, mut new_won) = (0usize, 0usize);
    for n in 0..kills {
        let dir = fresh(n);
        let at = support::KillAt::FromStart(took.mul_f64(rand::Rng::gen_range(&mut rng, 0.0..1.2)));
        run_and_kill(harness(&["restore", dir.to_str().unwrap(), OTHER_PASS, &f]), at);
        let old_opens = {
            let mut nb = notebook(&dir);
            let ok = nb.unlock(PASS).is_ok();
            nb.lock();
            ok
        };
        let new_opens = {
            let mut nb = notebook(&dir);
            let ok = nb.unlock(OTHER_PASS).is_ok();
            nb.lock();
            ok
        };
        assert!(old_opens ^ new_opens, "kill {n}: old opens {old_opens}, restored opens {new_opens}");
        if new_opens {
            new_won += 1;
            let aside: Vec<PathBuf> =
                std::fs::read_dir(dir.join("set-aside")).unwrap().flatten().map(|e| e.path()).collect();
            assert_eq!(aside.len(), 1);
            let mut old = notebook(&aside[0]);
            old.unlock(PASS)
                .unwrap_or_else(|e| panic!("kill {n}: the set-aside notebook does not open: {e:?}"));
            old.lock();
        } else {
            old_won += 1;
        }
        let _ = std::fs::remove_dir_all(&dir);
        std::thread::sleep(Duration::from_millis(1));
    }
    println!(
        "R15 kills during restore: {kills} kills, old notebook kept {old_won} times, restored {new_won} times, 0 with none or both"
    );
}
