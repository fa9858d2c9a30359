//! R13: a passphrase change killed at any moment leaves exactly one of {old, new} able to open
//! the notebook, with identical content.
//!
//! `CASEBOOK_KILLS` sets the number of kills (default 50).

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

use casebook_core::clock::SystemClock;
use casebook_core::vault::VaultConfig;
use casebook_core::{Error, Location, Notebook, NotebookConfig, Settings};
use rand::Rng;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const A: &str = "harbour lantern quietly";
const B: &str = "new moon over tidewater";

fn notebook(dir: &std::path::Path) -> Notebook {
    let mut config = NotebookConfig::new(Location::new(dir));
    config.vault = VaultConfig::fast_for_tests();
    Notebook::new(config, Arc::new(SystemClock))
}

fn opens(dir: &std::path::Path, pass: &str) -> Option<Settings> {
    let mut nb = notebook(dir);
    match nb.unlock(pass) {
        Ok(()) => Some(nb.settings().unwrap()),
        Err(Error::WrongPassphrase) => None,
        Err(other) => panic!("the notebook is damaged after a kill: {other:?}"),
    }
}

fn change(dir: &std::path::Path, old: &str, new: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casebook-harness"));
    cmd.args(["change-passphrase", dir.to_str().unwrap(), old, new])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

#[test]
fn a_killed_passphrase_change_leaves_exactly_one_passphrase_working() {
    let kills: usize = std::env::var("CASEBOOK_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(50);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nb");
    let mut nb = notebook(&dir);
    nb.create(A).unwrap();
    let marker =
        Settings { therapist_name: "Dr Kill Harness".into(), auto_lock_minutes: 7, ..Settings::default() };
    nb.update_settings(marker.clone()).unwrap();
    nb.lock();
    drop(nb);

    // How long one uninterrupted change takes, so kills land across the whole of it.
    let started = Instant::now();
    assert!(change(&dir, A, B).status().unwrap().success());
    let span = started.elapsed().max(Duration::from_millis(5));
    let mut current = B;

    let mut rng = rand::thread_rng();
    let (mut before, mut after) = (0, 0);
    for _ in 0..kills {
        let next = if current == A { B } else { A };
        let mut child = change(&dir, current, next).spawn().unwrap();
        std::thread::sleep(span.mul_f64(rng.gen_range(0.0..1.2)));
        let _ = child.kill();
        let _ = child.wait();
        let (old_opens, new_opens) = (opens(&dir, current), opens(&dir, next));
        match (old_opens, new_opens) {
            (Some(content), None) => {
                assert_eq!(content, marker);
                before += 1;
            }
            (None, Some(content)) => {
                assert_eq!(content, marker);
                after += 1;
                current = next;
            }
            (a, b) => panic!("exactly one passphrase must open: old {}, new {}", a.is_some(), b.is_some()),
        }
    }
    println!("R13: {kills} kills: {before} left the old passphrase, {after} the new one, 0 broken");
}
