//! The supervision summary and the referral letter through the real renderer and the real file
//! writer, checked with poppler's `pdftotext` and `pdfinfo` (and `qpdf --check` where installed):
//! a de-identified export holds none of the case's identifiers, in any spelling, while every
//! section heading is there; an identified export holds them and says so on every page.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod support;

use casebook_core::columns::TextEnum;
use casebook_core::export::{
    self, ExportFormat, Identification, LetterExport, PaperSize, SummaryExport, SummaryOptions,
    SummarySection,
};
use std::path::Path;
use std::process::Command;
use support::{FORBIDDEN, Seeded, canaries, seed};

fn tool(name: &str, args: &[&str], path: &Path) -> std::process::Output {
    Command::new(name).args(args).arg(path).output().unwrap_or_else(|e| {
        panic!("`{name}` could not run ({e}): install poppler-utils (scripts/setup.sh does)")
    })
}

/// The PDF's text, one string per page; `pdfinfo` must accept the file too.
fn pdf_pages(path: &Path) -> Vec<String> {
    let info = tool("pdfinfo", &[], path);
    assert!(info.status.success(), "pdfinfo refused the PDF: {}", String::from_utf8_lossy(&info.stderr));
    if Command::new("qpdf").arg("--version").output().is_ok() {
        let check = tool("qpdf", &["--check"], path);
        assert!(check.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&check.stdout));
    }
    let out = Command::new("pdftotext").args(["-layout"]).arg(path).arg("-").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    text.split('\u{c}').filter(|p| !p.trim().is_empty()).map(str::to_string).collect()
}

fn pdf_size(path: &Path) -> String {
    let info = String::from_utf8(tool("pdfinfo", &[], path).stdout).unwrap();
    info.lines().find(|l| l.starts_with("Page size:")).unwrap_or_default().to_string()
}

fn options(identification: Identification) -> SummaryOptions {
    SummaryOptions {
        identification,
        include_process_notes: true,
        full_notes: true,
        relationship_notes: Some(canaries("relationship")),
        ..SummaryOptions::new(&canaries("question"))
    }
}

/// Previews, and redacts every word the engine flagged ("Redact all" in the window); answers the
/// options with those decisions and the preview they give.
fn decided(
    open: &mut casebook_core::notebook::OpenNotebook,
    clock: &dyn casebook_core::clock::Clock,
    case: casebook_core::case::CaseId,
    opts: SummaryOptions,
) -> (SummaryOptions, export::SupervisionSummary) {
    let first = export::supervision_summary(open, clock, case, &opts).unwrap();
    let accepted_flags = first.redactions.iter().filter(|r| r.flagged).map(|r| r.id.clone()).collect();
    let opts = SummaryOptions { accepted_flags, ..opts };
    let preview = export::supervision_summary(open, clock, case, &opts).unwrap();
    assert_eq!(preview.open_flags, 0);
    (opts, preview)
}

/// Previews, then exports in `format` to `dir`, as the window does.
fn export_summary(s: &mut Seeded, opts: SummaryOptions, format: ExportFormat, paper: PaperSize, path: &Path) {
    let renderer = casebook_pdf::Renderer::new();
    let open = s.notebook.open_mut().unwrap();
    let (opts, preview) = decided(open, &s.clock, s.case_id, opts);
    let request =
        SummaryExport { case_id: s.case_id, options: opts, format, paper, fingerprint: preview.fingerprint };
    export::export_supervision_summary(
        open,
        &s.clock,
        &request,
        &export::ExportTarget::new_file(path),
        &renderer,
    )
    .unwrap();
    keep(path);
}

/// `CASEBOOK_PDF_OUT=/some/dir` keeps a copy of every file the tests export, to look at.
fn keep(path: &Path) {
    if let (Some(dir), Some(name)) = (std::env::var_os("CASEBOOK_PDF_OUT"), path.file_name()) {
        let _ = std::fs::copy(path, Path::new(&dir).join(name));
    }
}

/// The running header: the first line of a page's text.
fn header(page: &str) -> &str {
    page.lines().find(|l| !l.trim().is_empty()).unwrap_or_default()
}

fn leaks(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    FORBIDDEN.iter().copied().filter(|f| lower.contains(f)).collect()
}

#[test]
fn a_de_identified_summary_names_nobody_in_pdf_or_markdown() {
    let mut s = seed(4, &canaries);
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("Thandi supervision.pdf");
    let md = dir.path().join("summary.md");
    export_summary(&mut s, options(Identification::DeIdentified), ExportFormat::Pdf, PaperSize::A4, &pdf);
    export_summary(&mut s, options(Identification::DeIdentified), ExportFormat::Markdown, PaperSize::A4, &md);

    let pages = pdf_pages(&pdf);
    let all = pages.join("\n");
    assert!(leaks(&all).is_empty(), "PDF leaks {:?}:\n{all}", leaks(&all));
    let markdown = std::fs::read_to_string(&md).unwrap();
    assert!(leaks(&markdown).is_empty(), "Markdown leaks {:?}:\n{markdown}", leaks(&markdown));

    let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
    for kind in SummarySection::ALL {
        let title = export::section_title(*kind);
        assert!(flat.contains(title), "PDF lacks the heading {title:?}");
        assert!(markdown.contains(title), "Markdown lacks the heading {title:?}");
    }
    for word in [
        "Client's week was hard",
        "Partner's mood",
        "GP's letter",
        "[phone]",
        "[email]",
        "[IP address]",
        "Addendum, week",
    ] {
        assert!(flat.contains(word), "PDF lacks {word:?}");
    }
    let n = pages.len();
    assert!(n >= 3, "{n} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("Confidential: clinical supervision material"), "page {} has no header", i + 1);
        assert!(page.contains(&format!("Page {} of {n}", i + 1)), "page {} has no number", i + 1);
        assert!(!header(page).contains("IDENTIFIED"), "page {} is labelled identified", i + 1);
    }
    assert!(pdf_size(&pdf).contains("595.28 x 841.89"), "{}", pdf_size(&pdf));
    #[cfg(unix)]
    assert_eq!(casebook_core::files::mode_of(&pdf).unwrap(), 0o600);
}

#[test]
fn an_identified_summary_names_the_people_and_says_so_on_every_page() {
    let mut s = seed(3, &canaries);
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("identified.pdf");
    export_summary(&mut s, options(Identification::Identified), ExportFormat::Pdf, PaperSize::Letter, &pdf);
    let pages = pdf_pages(&pdf);
    let flat = pages.join("\n").split_whitespace().collect::<Vec<_>>().join(" ");
    for name in
        ["Thandi Zwelibanzi", "Sipho", "Govender", "Nomvula", "082 555 0143", "14/06/1934", "PARKHURST"]
    {
        assert!(flat.contains(name), "the identified PDF lacks {name:?}");
    }
    for (i, page) in pages.iter().enumerate() {
        assert!(header(page).contains("IDENTIFIED"), "page {} is not labelled identified", i + 1);
    }
    assert!(pdf_size(&pdf).contains("612 x 792"), "{}", pdf_size(&pdf));
}

#[test]
fn a_referral_letter_is_identified_and_limited_to_what_the_consent_covers() {
    let mut s = seed(2, &canaries);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    let renderer = casebook_pdf::Renderer::new();
    let open = s.notebook.open_mut().unwrap();
    let draft = export::referral_letter_draft(open, &s.clock, s.referral).unwrap();
    let request = LetterExport {
        referral: s.referral,
        presenting_problem: "Low desire for two years.".into(),
        relevant_history: Some("No medication.".into()),
        question: draft.question,
        paper: PaperSize::A4,
    };
    export::export_referral_letter(
        open,
        &s.clock,
        &request,
        &export::ExportTarget::new_file(&path),
        &renderer,
    )
    .unwrap();
    keep(&path);
    let text = pdf_pages(&path).join("\n");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "Dear Dr Govender,",
        "Harbour Therapy Rooms",
        "Registration: HPCSA PS 0123456",
        "Re: Thandi Zwelibanzi (born 14 Jun 1934)",
        "PRESENTING PROBLEM",
        "RELEVANT HISTORY",
        "THE QUESTION FOR YOU",
        "Low desire for two years.",
        "Dr Ada Therapist",
    ] {
        assert!(flat.contains(part), "the letter lacks {part:?}:\n{text}");
    }
    assert!(
        !flat.contains("nodal point") && !flat.contains("process note"),
        "the letter holds more than the consent covers"
    );
}

#[test]
fn an_unwritable_path_leaves_nothing_and_says_why() {
    let mut s = seed(2, &canaries);
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let renderer = casebook_pdf::Renderer::new();
    let open = s.notebook.open_mut().unwrap();
    let opts = options(Identification::DeIdentified);
    let (opts, preview) = decided(open, &s.clock, s.case_id, opts);
    let request = SummaryExport {
        case_id: s.case_id,
        options: opts,
        format: ExportFormat::Pdf,
        paper: PaperSize::A4,
        fingerprint: preview.fingerprint,
    };
    let err = export::export_supervision_summary(
        open,
        &s.clock,
        &request,
        &export::ExportTarget::new_file(blocker.join("s.pdf")),
        &renderer,
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("The export was not written"), "{err}");
    assert!(!err.to_string().contains("not-a-folder"));
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

/// A small tmpfs for the test, unmounted when dropped (also when the test fails).
struct Mounted(std::path::PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn mount(at: &Path, options: &str) -> Option<Mounted> {
    std::fs::create_dir_all(at).unwrap();
    let out = Command::new("mount")
        .args(["-t", "tmpfs", "-o", options, "casebook-export"])
        .arg(at)
        .output()
        .ok()?;
    out.status.success().then(|| Mounted(at.to_path_buf()))
}

/// A read-only folder and a full disk: a clear error, and nothing half-written left behind. The
/// folders are tmpfs mounts, which need root; elsewhere the test says why it is skipped.
#[test]
fn a_read_only_folder_or_a_full_disk_leaves_nothing() {
    let mut s = seed(3, &canaries);
    let dir = tempfile::tempdir().unwrap();
    let renderer = casebook_pdf::Renderer::new();
    let open = s.notebook.open_mut().unwrap();
    let opts = options(Identification::DeIdentified);
    let (opts, preview) = decided(open, &s.clock, s.case_id, opts);
    let request = SummaryExport {
        case_id: s.case_id,
        options: opts,
        format: ExportFormat::Pdf,
        paper: PaperSize::A4,
        fingerprint: preview.fingerprint,
    };
    let (ro, full) = (dir.path().join("ro"), dir.path().join("full"));
    let (Some(_ro), Some(_full)) = (mount(&ro, "size=1m,ro"), mount(&full, "size=64k")) else {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    };
    let err = export::export_supervision_summary(
        open,
        &s.clock,
        &request,
        &export::ExportTarget::new_file(ro.join("s.pdf")),
        &renderer,
    )
    .unwrap_err();
    assert!(err.to_string().contains("cannot be written"), "{err}");
    assert_eq!(std::fs::read_dir(&ro).unwrap().count(), 0);

    let mut filler = std::fs::File::create(full.join("filler")).unwrap();
    let block = vec![0u8; 4096];
    while std::io::Write::write_all(&mut filler, &block).is_ok() {}
    drop(filler);
    let err = export::export_supervision_summary(
        open,
        &s.clock,
        &request,
        &export::ExportTarget::new_file(full.join("s.pdf")),
        &renderer,
    )
    .unwrap_err();
    assert!(matches!(err, casebook_core::Error::DiskFull), "{err:?}");
    let names: Vec<_> = std::fs::read_dir(&full).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["filler"]);
}

/// What a therapist writes in a real case: two sentences where a field is narrative, a line where
/// it is a screen or a homework, and nothing in the fields most cases leave empty (a disagreement
/// with the plan, notes on each diagnosis, consent and referral, medical updates in most sessions).
fn prose(tag: &str) -> String {
    let short = |t: &str| t.to_string();
    let last = tag.rsplit(' ').next().unwrap_or_default();
    if tag.ends_with("homework set") || tag.ends_with("homework reviewed") || tag == "homework" {
        return short("Sensate focus stage 2, three evenings.");
    }
    if tag.ends_with("medical updates") || tag.ends_with("measures given") {
        let every_fourth =
            tag.split_whitespace().nth(1).and_then(|n| n.parse::<usize>().ok()).is_some_and(|n| n % 4 == 0);
        return if every_fourth { short("IIEF-5 repeated: 17.") } else { String::new() };
    }
    match tag {
        "late reason" => short("Written up the next morning."),
        "disagreement" | "consent note" | "diagnosis note" | "referral note" | "response"
        | "biomedical note" => String::new(),
        "closing reason" => short("Moved away; referred on."),
        "ipv screen" => short("Screened at intake; no violence disclosed."),
        "risk" => short("No suicidal ideation or self-harm."),
        "risk action" => short("Safety plan agreed; GP informed."),
        "rule-out note" => short("Bloods and exam normal."),
        "lifelong" => short("Acquired, about two years ago."),
        "situational" => short("Situational: with her partner only."),
        "phases" => short("Desire and arousal."),
        "distress" => short("Marked; she cries when she speaks of it."),
        _ if ["subjective", "objective", "assessment", "plan"].contains(&last) => format!(
            "{tag}: she describes the pattern with some relief at naming it; avoidance after a painful \
             attempt, then worry before the next."
        ),
        _ => format!(
            "{tag}: she describes the pattern with some relief at naming it; avoidance after a painful attempt, \
             then worry before the next, which the couple now sees as shared."
        ),
    }
}

#[test]
fn a_twelve_session_case_is_brief_by_default_with_no_heading_left_at_a_page_foot() {
    let mut s = seed(12, &prose);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twelve.pdf");
    let opts = SummaryOptions::new("How do I help them hold the gains as sessions space out?");
    export_summary(&mut s, opts, ExportFormat::Pdf, PaperSize::A4, &path);
    let pages = pdf_pages(&path);
    // Measured: 16 pages before the line-a-session course, inline labels and a shorter writing
    // space, 6 now with every field of the case written; the demo cases take 3 to 4. The target of
    // 4 is not met for this dense case (see the README). This guards the 6.
    println!("a 12-session case, by default: {} pages (target at most 4)", pages.len());
    assert!(pages.len() <= 6, "{} pages", pages.len());
    // Section titles, subheadings and table captions: none may end a page.
    let open = s.notebook.open_mut().unwrap();
    let model = export::supervision_summary(open, &s.clock, s.case_id, &SummaryOptions::new("q?")).unwrap();
    let mut titles: Vec<String> =
        SummarySection::ALL.iter().map(|&k| export::section_title(k).to_string()).collect();
    for section in &model.sections {
        for block in &section.blocks {
            match block {
                export::Block::Subheading { text } => titles.push(text.as_string()),
                export::Block::Table { table } => {
                    titles.extend(table.caption.iter().map(|c| c.to_uppercase()))
                }
                _ => {}
            }
        }
    }
    for (i, page) in pages.iter().enumerate().take(pages.len() - 1) {
        // The last line of the page's own text: the running footer ("... Page 2 of 6") left out.
        let last = page
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !(l.is_empty() || (l.contains(" Page ") && l.contains(" of "))))
            .unwrap();
        assert!(
            !titles.iter().any(|t| last.ends_with(t.as_str())),
            "page {} ends with the heading {last:?}",
            i + 1
        );
    }
    // Every word of the course table is whole: none is cut across a cell's lines.
    let text = pages.join("\n");
    for word in ["provisional", "relationship", "intercourse", "rather", "avoidance"] {
        let cut = (2..word.len() - 1).any(|k| text.contains(&format!("{}\n", &word[..k])));
        assert!(!cut || text.contains(word), "{word} is cut");
    }
}
