//! `cargo bench -p casebook-pdf --bench export`: the time to export a supervision summary of a
//! case with 50 sessions (build and de-identify the model, render the PDF, write the file), and
//! the PDF's size. Every free-text field carries a paragraph dense with names, numbers and dates,
//! so de-identification works as hard as it ever will. Prints figures; fails on nothing but errors.

#![allow(clippy::unwrap_used)]

#[path = "../tests/support/mod.rs"]
mod support;

use casebook_core::export::{self, ExportFormat, Identification, PaperSize, SummaryExport, SummaryOptions};
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The page count, from `pdfinfo` when poppler is installed.
fn page_count(path: &std::path::Path) -> Option<usize> {
    let out = std::process::Command::new("pdfinfo").arg(path).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    text.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let mut seeded = support::seed(50, &support::canaries);
    let renderer = casebook_pdf::Renderer::new();
    let dir = tempfile::tempdir().unwrap();
    let clock = seeded.clock.clone();
    let case = seeded.case_id;
    let open = seeded.notebook.open_mut().unwrap();
    let (mut model, mut pdf, mut whole) = (Vec::new(), Vec::new(), Vec::new());
    let mut size = 0;
    let mut pages = None;
    for identification in [Identification::DeIdentified, Identification::Identified] {
        let opts = SummaryOptions { identification, ..SummaryOptions::new(&support::canaries("question")) };
        for round in 0..5 {
            let t0 = Instant::now();
            let summary = export::supervision_summary(open, &clock, case, &opts).unwrap();
            let t1 = Instant::now();
            let bytes = renderer.summary_pdf(&summary, PaperSize::A4).unwrap();
            let t2 = Instant::now();
            let request = SummaryExport {
                case_id: case,
                options: opts.clone(),
                format: ExportFormat::Pdf,
                paper: PaperSize::A4,
                fingerprint: summary.fingerprint.clone(),
            };
            let path = dir.path().join(format!("summary-{round}.pdf"));
            let t3 = Instant::now();
            export::export_supervision_summary(
                open,
                &clock,
                &request,
                &export::ExportTarget::chosen_in_dialog(&path),
                &renderer,
            )
            .unwrap();
            let t4 = Instant::now();
            if identification == Identification::DeIdentified {
                model.push(t1 - t0);
                pdf.push(t2 - t1);
                whole.push(t4 - t3);
                size = bytes.len();
                pages = page_count(&path);
                if round == 0 {
                    println!("bench: redactions in the de-identified summary: {}", summary.redactions.len());
                }
            } else if round == 4 {
                println!("bench: identified export, 50 sessions (last of 5): {:.0} ms", ms(t4 - t3));
            }
        }
    }
    println!("bench: case with 50 sessions, de-identified, median of 5:");
    println!("bench:   build and de-identify the summary: {:.0} ms", ms(median(model)));
    println!("bench:   render the PDF in memory: {:.0} ms", ms(median(pdf)));
    println!("bench:   whole export (summary, PDF, atomic write, audit entry): {:.0} ms", ms(median(whole)));
    println!(
        "bench:   PDF size: {size} bytes ({:.0} KiB){}",
        size as f64 / 1024.0,
        pages.map(|n| format!(", {n} pages")).unwrap_or_default()
    );
}
