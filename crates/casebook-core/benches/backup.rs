//! `make bench`: a verified backup and a restore of a notebook at the scale a practice reaches
//! in a decade (1,000 cases, 100,000 session notes of about 1.5 KB), with the backup's size beside
//! the notebook's. Target: backup under 10 s, verification included. Prints figures; fails on
//! nothing but errors.
//!
//! The cases and their intake sessions are made through the engine; the other notes are copies
//! of those sessions made in SQL, since 100,000 separate fsynced saves would take the bench an
//! hour and measure the saves, not the backup.

use casebook_core::backup::RestoreCredential;
use casebook_core::case::{self, NewCase};
use casebook_core::clock::SystemClock;
use casebook_core::columns::today;
use casebook_core::person::PersonInput;
use casebook_core::session::{self, Modality, NoteBody, RiskScreen, SessionInput, SessionKind};
use casebook_core::vault::VaultConfig;
use casebook_core::{Location, Notebook, NotebookConfig};
use chrono::{Duration, NaiveTime};
use std::sync::Arc;
use std::time::Instant;

const CASES: usize = 1_000;
const NOTES: i64 = 100_000;
const PASS: &str = "harbour lantern quietly";

fn notebook(dir: &std::path::Path) -> Notebook {
    let mut config = NotebookConfig::new(Location::new(dir));
    config.vault = VaultConfig::fast_for_tests();
    Notebook::new(config, Arc::new(SystemClock))
}

fn main() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("nb");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).expect("backup folder");
    let mut nb = notebook(&dir);
    nb.create(PASS).expect("create");
    let started = Instant::now();
    let text =
        "Reports steady progress with the sensate focus homework; discussed pacing and consent. ".repeat(17);
    {
        let (open, clock) = nb.open_with_clock().expect("open");
        let day = today(clock);
        for i in 0..CASES {
            let new = NewCase {
                client: PersonInput { full_name: format!("Bench Client {i}"), ..PersonInput::default() },
                first_contact_on: day - Duration::days(400),
                difficulties: vec!["low_libido".into()],
                other_difficulty: None,
                referral_source: None,
                has_partner: false,
            };
            let made = case::create_case(open, clock, new).expect("case");
            let input = SessionInput {
                kind: SessionKind::Intake,
                body: NoteBody::Dap { data: Some(text.clone()), assessment: None, plan: None },
                held_on: day - Duration::days(300),
                starts_at: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
                ends_at: NaiveTime::from_hms_opt(10, 0, 0).expect("time"),
                modality: Modality::InPerson,
                present: vec![made.client.id],
                others_present: None,
                goals_addressed: vec![],
                interventions_used: vec![],
                homework_reviewed: None,
                homework_set: None,
                measures_given: None,
                risk_screen: RiskScreen::NotScreened,
                risk_action: None,
                medical_updates: None,
                next_appointment: None,
            };
            session::record_session(open, clock, made.id, input).expect("session");
        }
        let conn = open.store().conn();
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('session_note') WHERE name <> 'id'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("columns");
        let list = columns.join(", ");
        loop {
            let have: i64 =
                conn.query_row("SELECT count(*) FROM session_note", [], |r| r.get(0)).expect("count");
            if have >= NOTES {
                break;
            }
            conn.execute_batch(&format!(
                "INSERT INTO session_note ({list}) SELECT {list} FROM session_note ORDER BY id LIMIT {}",
                NOTES - have
            ))
            .expect("copy notes");
        }
    }
    let built = started.elapsed();
    // The case list at this scale (issue 13): every filter the window sends, 20 times each.
    let mut lists = Vec::new();
    {
        let (open, clock) = nb.open_with_clock().expect("open");
        let filters = [
            case::CaseFilter::default(),
            case::CaseFilter { name: Some("client 9".into()), ..Default::default() },
            case::CaseFilter { status: Some(case::CaseStatus::Open), ..Default::default() },
        ];
        for _ in 0..20 {
            for filter in &filters {
                let t = Instant::now();
                case::list_cases(open, clock, filter.clone()).expect("list");
                lists.push(t.elapsed());
            }
        }
    }
    lists.sort();
    let list_median = lists[lists.len() / 2];
    let list_p95 = lists[lists.len() * 95 / 100];
    nb.set_backup_folder(&folder).expect("folder");
    let db_bytes = std::fs::metadata(dir.join("notebook.db")).expect("db").len();
    let t = Instant::now();
    let made = nb.back_up_now().expect("backup");
    let backup = t.elapsed();
    nb.lock();

    let laptop = tmp.path().join("laptop");
    let mut other = notebook(&laptop);
    let t = Instant::now();
    other.choose_backup_file(&folder.join(&made.file)).expect("choose");
    let preview =
        other.preview_restore(&RestoreCredential::Passphrase { passphrase: PASS.into() }).expect("preview");
    let previewed = t.elapsed();
    other.confirm_restore().expect("restore");
    let restore = t.elapsed();
    assert_eq!(preview.cases, CASES as u64);
    println!(
        "bench: notebook of {CASES} cases and {} notes built in {:.0} s; notebook.db {:.1} MB",
        preview.notes,
        built.as_secs_f64(),
        db_bytes as f64 / 1e6
    );
    println!(
        "bench: case list at this scale (3 filters x 20): median {:.1} ms, p95 {:.1} ms, target p95 at most 20 ms",
        list_median.as_secs_f64() * 1e3,
        list_p95.as_secs_f64() * 1e3
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
