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
