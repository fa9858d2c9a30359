//! The outcome measures section through the real renderer, checked with poppler's `pdftotext`:
//! the table (with the change) and a trend chart per measure and person (two side by side, an
//! odd last one alone), its weeks, bands and marked scores; and the remark when a case has none.
//!
//! `CASEBOOK_PDF_OUT=/some/dir` keeps a copy of the PDF, to look at.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use casebook_core::export::{
    Block, ChartBand, ChartPoint, Identification, MeasureChart, MeasureRow, Measures, PaperSize, Section,
    SummarySection, SupervisionSummary,
};
use chrono::NaiveDate;
use std::path::Path;
use std::process::Command;

fn band(from: i32, to: i32, label: &str) -> ChartBand {
    ChartBand { from: from * 100, to: to * 100, label: label.into() }
}

fn points(scores: &[(i64, i32)]) -> Vec<ChartPoint> {
    scores.iter().map(|&(week, points)| ChartPoint { week, score: points * 100 }).collect()
}

/// PHQ-9 with three scores and a meaningful improvement; IIEF-5, higher is better, scored once;
/// CSI-16 with two scores and a long band name.
fn rows() -> Vec<MeasureRow> {
    let phq9 = MeasureRow {
        measure: "PHQ-9 (depression)".into(),
        person: "Client".into(),
        baseline: Some("18 (Moderately severe), week 2".into()),
        current: Some("9 (Mild), week 14".into()),
        band: Some("Mild".into()),
        change: Some("-9, a meaningful improvement (5 points or more)".into()),
        chart: MeasureChart {
            min: 0,
            max: 2700,
            higher_is_better: false,
            bands: vec![
                band(0, 4, "Minimal"),
                band(5, 9, "Mild"),
                band(10, 14, "Moderate"),
                band(15, 19, "Moderately severe"),
                band(20, 27, "Severe"),
            ],
            points: points(&[(2, 18), (8, 13), (14, 9)]),
        },
    };
    let iief5 = MeasureRow {
        measure: "IIEF-5 (SHIM) (erectile function)".into(),
        person: "Partner".into(),
        baseline: Some("14 (Mild to moderate), week 3".into()),
        current: None,
        band: Some("Mild to moderate".into()),
        change: None,
        chart: MeasureChart {
            min: 500,
            max: 2500,
            higher_is_better: true,
            bands: vec![
                band(5, 7, "Severe"),
                band(8, 11, "Moderate"),
                band(12, 16, "Mild to moderate"),
                band(17, 21, "Mild"),
                band(22, 25, "No erectile dysfunction"),
            ],
            points: points(&[(3, 14)]),
        },
    };
    let csi16 = MeasureRow {
        measure: "CSI-16 (couple satisfaction)".into(),
        person: "Client".into(),
        baseline: Some("38 (Suggests relationship distress), week 1".into()),
        current: Some("49 (Suggests relationship distress), week 8".into()),
        band: Some("Suggests relationship distress".into()),
        change: Some("+11".into()),
        chart: MeasureChart {
            min: 0,
            max: 8100,
            higher_is_better: true,
            bands: vec![band(0, 51, "Suggests relationship distress"), band(52, 81, "Above the cut-off")],
            points: points(&[(1, 38), (8, 49)]),
        },
    };
    vec![phq9, iief5, csi16]
}

fn summary(measures: Measures) -> SupervisionSummary {
    SupervisionSummary {
        case_code: "K7QX-M2P4".into(),
        exported_on: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
        identification: Identification::DeIdentified,
        sections: vec![Section {
            kind: SummarySection::Measures,
            title: "Assessment and outcome measures".into(),
            blocks: vec![Block::Measures { measures }],
        }],
        redactions: Vec::new(),
        open_flags: 0,
        fingerprint: String::new(),
    }
}

/// The PDF's text (poppler must accept the file), whitespace collapsed.
fn pdf_text(path: &Path) -> String {
    let info = Command::new("pdfinfo").arg(path).output().expect("install poppler-utils");
    assert!(info.status.success(), "pdfinfo refused the PDF: {}", String::from_utf8_lossy(&info.stderr));
    let out = Command::new("pdftotext").arg(path).arg("-").output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn rendered(measures: Measures, name: &str) -> (Vec<u8>, String) {
    let renderer = casebook_pdf::Renderer::new();
    let bytes = renderer.summary_pdf(&summary(measures), PaperSize::A4).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &bytes).unwrap();
    if let Some(out) = std::env::var_os("CASEBOOK_PDF_OUT") {
        std::fs::copy(&path, Path::new(&out).join(name)).unwrap();
    }
    let text = pdf_text(&path);
    (bytes, text)
}

#[test]
fn the_measures_section_has_the_table_and_a_chart_per_measure() {
    let (bytes, text) = rendered(Measures { rows: rows() }, "measures.pdf");
    // The table, with the change.
    for want in [
        "Measure",
        "Change",
        "PHQ-9 (depression)",
        "18 (Moderately severe), week 2",
        "9 (Mild), week 14",
        "-9, a meaningful improvement (5 points or more)",
        "IIEF-5 (SHIM) (erectile function)",
        "14 (Mild to moderate), week 3",
    ] {
        assert!(text.contains(want), "no {want:?} in:\n{text}");
    }
    // The charts: captions, which way is better, weeks, bands and the marked scores.
    for want in [
        "PHQ-9 (depression), Client",
        "Lower scores are better",
        "IIEF-5 (SHIM) (erectile function), Partner",
        "Higher scores are better",
        "week 2",
        "week 8",
        "week 14",
        "week 3",
        "Minimal",
        "Moderately severe",
        "No erectile dysfunction",
        "baseline 18",
        "latest 9",
        "baseline 14",
        "CSI-16 (couple satisfaction), Client",
        "week 1",
        "Above the cut-off",
        "baseline 38",
        "latest 49",
    ] {
        assert!(text.contains(want), "no {want:?} in:\n{text}");
    }
    assert!(!text.contains("latest 14"), "a single score has no latest:\n{text}");
    assert!(!text.contains("No outcome measures"), "{text}");
    // Compact: the table and the three charts (two rows) take one page.
    assert!(text.contains("Page 1 of 1"), "{text}");

    // The trend lines and markers are drawn: rendered, the page has many more pixels of the
    // line's colour than the same measures without their scores (where only the heading has it).
    let mut bare = rows();
    bare.iter_mut().for_each(|r| r.chart.points.clear());
    let (without, _) = rendered(Measures { rows: bare }, "measures-bare.pdf");
    let (with, without) = (accent_pixels(&bytes), accent_pixels(&without));
    assert!(with > without + 200, "{with} pixels of the line's colour, {without} without the scores");
}

/// How many pixels of the first page, rendered by poppler at 72 dpi, are about the colour of the
/// trend line (the accent, #1d4e5f).
fn accent_pixels(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftoppm")
        .args(["-r", "72", "-f", "1", "-l", "1"])
        .arg(&path)
        .output()
        .expect("install poppler-utils");
    assert!(out.status.success());
    // A binary PPM: "P6", width, height, maximum, each after whitespace, then the pixels.
    let ppm = out.stdout;
    let mut fields = 0;
    let mut at = 0;
    while fields < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields += 1;
    }
    ppm[at + 1..]
        .chunks_exact(3)
        .filter(|p| p[0].abs_diff(0x1d) < 16 && p[1].abs_diff(0x4e) < 16 && p[2].abs_diff(0x5f) < 16)
        .count()
}

#[test]
fn a_case_without_measures_says_so() {
    let (_, text) = rendered(Measures::default(), "measures-none.pdf");
    assert!(text.contains("No outcome measures are recorded in this case yet."), "{text}");
    assert!(!text.contains("week"), "{text}");
}
