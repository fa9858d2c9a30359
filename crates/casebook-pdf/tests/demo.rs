//! Every case of the demo notebook exports as a de-identified summary PDF that poppler accepts,
//! with none of the demo people's names in it.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use casebook_core::clock::ManualClock;
use casebook_core::demo::create_demo_notebook;
use casebook_core::export::{self, PaperSize, SummaryOptions};
use casebook_core::vault::VaultConfig;
use casebook_core::{Location, NotebookConfig};
use chrono::{TimeZone, Utc};
use std::process::Command;
use std::sync::Arc;

#[test]
fn the_demo_cases_export_de_identified() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = NotebookConfig::new(Location::new(dir.path().join("demo")));
    config.vault = VaultConfig::fast_for_tests();
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2025, 9, 1, 12, 0, 0).unwrap());
    let mut demo = create_demo_notebook(config, Arc::new(clock.clone())).unwrap();
    let renderer = casebook_pdf::Renderer::new().unwrap();
    let open = demo.notebook.open_mut().unwrap();
    let opts = SummaryOptions::new("Is sensate focus the right next step?");
    for (i, case) in demo.cases.iter().enumerate() {
        let summary = export::supervision_summary(open, &clock, *case, &opts).unwrap();
        let bytes = renderer.summary_pdf(&summary, PaperSize::A4).unwrap();
        let path = dir.path().join(format!("demo-{}.pdf", i + 1));
        export::write_export(&export::ExportTarget::new_file(&path), &[], &bytes).unwrap();
        if let Some(out) = std::env::var_os("CASEBOOK_PDF_OUT") {
            std::fs::copy(&path, std::path::Path::new(&out).join(path.file_name().unwrap())).unwrap();
        }
        let text = Command::new("pdftotext").arg(&path).arg("-").output().expect("install poppler-utils");
        assert!(text.status.success());
        let text = String::from_utf8(text.stdout).unwrap();
        for name in [
            "Avery",
            "Sample",
            "Blake",
            "Casey",
            "Specimen",
            "Devon",
            "Placeholder",
            "Emery",
            "Fictional",
            "Jordan",
            "Morgan",
        ] {
            assert!(!text.contains(name), "demo case {} leaks {name}", i + 1);
        }
        assert!(text.contains("Supervision question"));
        let info = Command::new("pdfinfo").arg(&path).output().unwrap();
        assert!(info.status.success());
    }
}

/// The demo's couple case grown to 12 sessions after the intake, each new session written the way
/// its own sessions are (a copy of its latest one, a week apart): the default summary of a case
/// of that length and density, on A4.
#[test]
fn the_demo_couple_grown_to_twelve_sessions_is_brief_by_default() {
    use casebook_core::session::{self, SessionInput};
    let dir = tempfile::tempdir().unwrap();
    let mut config = NotebookConfig::new(Location::new(dir.path().join("demo")));
    config.vault = VaultConfig::fast_for_tests();
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2025, 9, 1, 12, 0, 0).unwrap());
    let mut demo = create_demo_notebook(config, Arc::new(clock.clone())).unwrap();
    let case = demo.cases[1];
    let open = demo.notebook.open_mut().unwrap();
    let sessions = session::list_sessions(open, case).unwrap();
    let latest = session::get_session(open, sessions.last().unwrap().id).unwrap();
    let after = sessions.len() - 1;
    for k in 1..=(12 - after) {
        let input = SessionInput {
            kind: latest.kind,
            body: latest.body.clone(),
            held_on: latest.held_on + chrono::Duration::days(7 * k as i64),
            starts_at: latest.starts_at,
            ends_at: latest.ends_at,
            modality: latest.modality,
            present: latest.present.clone(),
            others_present: None,
            goals_addressed: latest.goals_addressed.clone(),
            interventions_used: vec![],
            homework_reviewed: latest.homework_reviewed.clone(),
            homework_set: latest.homework_set.clone(),
            measures_given: None,
            risk_screen: latest.risk_screen,
            risk_action: None,
            medical_updates: None,
            next_appointment: None,
        };
        clock.advance(chrono::Duration::days(7));
        session::record_session(open, &clock, case, input).unwrap();
    }
    let opts = SummaryOptions::new("Is sensate focus the right next step?");
    let summary = export::supervision_summary(open, &clock, case, &opts).unwrap();
    let bytes = casebook_pdf::Renderer::new().unwrap().summary_pdf(&summary, PaperSize::A4).unwrap();
    let path = dir.path().join("demo-twelve.pdf");
    export::write_export(&export::ExportTarget::new_file(&path), &[], &bytes).unwrap();
    if let Some(out) = std::env::var_os("CASEBOOK_PDF_OUT") {
        std::fs::copy(&path, std::path::Path::new(&out).join("demo-twelve.pdf")).unwrap();
    }
    let info = String::from_utf8(Command::new("pdfinfo").arg(&path).output().unwrap().stdout).unwrap();
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    println!("the demo couple case with 12 sessions: {pages} pages (target at most 4)");
    assert!(pages <= 4, "{pages} pages");
}
