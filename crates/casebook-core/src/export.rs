//! Exports: the supervision summary (DOMAIN.md section 8) as PDF or Markdown, and the referral
//! letter to a medical practitioner.
//!
//! A summary is built once, as a model ([`SupervisionSummary`]): the sections the therapist chose,
//! in the domain's order, de-identified by default ([`deid`]). The export window previews exactly
//! that model with every redaction marked; the therapist may add or undo redactions and must
//! confirm; the export rebuilds the model from the same options and refuses if its fingerprint no
//! longer matches the preview, so what is written is what was seen. Renderers draw the model:
//! Markdown here, PDF in the `casebook-pdf` crate (behind [`PdfRenderer`], so this crate carries no
//! PDF dependency).
//!
//! Writing is two steps so that no lock is held while the save dialog is open: `prepare_*` builds
//! and renders the file ([`PreparedExport`], with the name to suggest), the shell asks where to
//! save it, and [`save_export`] checks that place ([`ExportTarget`]: never the notebook's folder,
//! a link or an unconfirmed existing file), writes atomically and owner-only, and makes the audit
//! entry (kind and case, never the content or the path).
//!
//! A referral letter is identified, as a letter must be, and possible only while the client's
//! release-of-information consent naming the recipient is active; it holds only the presenting
//! problem, the relevant history and the question for the doctor.
//!
//! What does not belong here: the clinical content itself (each domain module; the export only
//! reads through their public functions), the file dialog (the shell), outcome measures (a later
//! issue fills [`Measures`]).

mod audit;
mod build;
mod codes;
mod deid;
pub mod everything;
mod gather;
mod letter;
mod markdown;
mod model;
mod options;
mod words;
mod write;

pub use build::section_title;
pub use letter::{
    LetterExport, LetterSection, ReferralLetter, ReferralLetterDraft, referral_letter, referral_letter_draft,
};
pub use markdown::render_markdown;
pub use model::{
    Block, ChartBand, ChartPoint, Field, MeasureChart, MeasureRow, Measures, Redaction, RedactionReason,
    Section, Segment, SupervisionSummary, Table, Text,
};
pub use options::{ExportFormat, Identification, PaperSize, SummaryOptions, SummarySection};
pub use write::{ExportTarget, write_export};

use crate::case::CaseId;
use crate::clock::Clock;
use crate::columns;
use crate::error::{Error, Result};
use crate::notebook::OpenNotebook;
use blake2::digest::consts::U16;
use blake2::{Blake2b, Digest};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Renders the models to PDF; implemented by the `casebook-pdf` crate.
pub trait PdfRenderer {
    fn summary_pdf(&self, summary: &SupervisionSummary, paper: PaperSize) -> Result<Vec<u8>>;
    fn letter_pdf(&self, letter: &ReferralLetter, paper: PaperSize) -> Result<Vec<u8>>;
}

/// Writing a supervision summary, as the export window sends it after the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SummaryExport {
    pub case_id: CaseId,
    pub options: SummaryOptions,
    pub format: ExportFormat,
    pub paper: PaperSize,
    /// The fingerprint of the preview the therapist confirmed.
    pub fingerprint: String,
}

/// A section the export window offers, in the summary's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummarySectionInfo {
    pub kind: SummarySection,
    pub title: String,
    /// Always included: the supervision question.
    pub required: bool,
}

/// The sections of a supervision summary, for the export window's choices.
pub fn summary_sections() -> Vec<SummarySectionInfo> {
    use crate::columns::TextEnum;
    SummarySection::ALL
        .iter()
        .map(|&kind| SummarySectionInfo {
            kind,
            title: section_title(kind).into(),
            required: kind == SummarySection::Question,
        })
        .collect()
}

/// What an export wrote (the window knows the path it chose).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    pub format: ExportFormat,
    pub identification: Identification,
    pub bytes: u64,
    pub redactions: u32,
}

/// The supervision summary of a case, built with `options`: what the preview shows and the
/// export writes. Creates the case's code at its first export.
pub fn supervision_summary(
    open: &OpenNotebook,
    clock: &dyn Clock,
    case_id: CaseId,
    options: &SummaryOptions,
) -> Result<SupervisionSummary> {
    let opts = options.validated()?;
    let src = gather::gather(open, clock, case_id, opts.include_process_notes)?;
    let case_code = codes::case_code(open.store(), clock, case_id)?;
    let builder = build::Builder::new(&src, &opts, &case_code);
    let mut sections = builder.sections();
    let mut redactions = Vec::new();
    if !opts.identification.is_identified() {
        let lexicon = lexicon(&src, &opts, &sections);
        let decisions = deid::Decisions { undone: &opts.undone, accepted: &opts.accepted };
        redactions = deid::apply(&mut sections, &lexicon, &decisions);
    }
    let open_flags = u32::try_from(redactions.iter().filter(|r| r.flagged).count()).unwrap_or(u32::MAX);
    let mut summary = SupervisionSummary {
        case_code,
        exported_on: columns::today(clock),
        identification: opts.identification,
        sections,
        redactions,
        open_flags,
        fingerprint: String::new(),
    };
    summary.fingerprint = fingerprint(&summary)?;
    Ok(summary)
}

/// Everything the notebook knows that identifies someone in this case.
fn lexicon(src: &gather::Sources, opts: &options::ValidOptions, sections: &[Section]) -> deid::Lexicon {
    let mut lexicon = deid::Lexicon::new(chrono::Datelike::year(&src.today));
    lexicon.person("Client", &src.case.client);
    if let Some(partner) = &src.case.partner {
        lexicon.person("Partner", &partner.person);
    }
    let people = std::iter::once(("Client", &src.case.client))
        .chain(src.case.partner.as_ref().map(|p| ("Partner", &p.person)));
    for (role, person) in people {
        if let Some(born) = person.date_of_birth {
            lexicon.age(role, build::age_on(born, src.today));
        }
    }
    for p in &src.practitioners {
        lexicon.practitioner(words::practitioner_role(p.kind), p);
    }
    if let Some(source) = &src.case.referral_source {
        lexicon.referrer(source);
    }
    for others in src.sessions.iter().filter_map(|s| s.others_present.as_deref()) {
        lexicon.others_present(others);
    }
    for section in sections {
        for block in &section.blocks {
            block.visit(&mut |t| {
                if t.recorded {
                    lexicon.harvest(&t.as_string());
                }
            });
        }
    }
    for text in &opts.extra_redactions {
        lexicon.extra(text);
    }
    lexicon.settle();
    lexicon
}

/// A digest of what the summary says (not of the redaction list, which holds the originals).
fn fingerprint(summary: &SupervisionSummary) -> Result<String> {
    let content = serde_json::to_vec(&(&summary.case_code, summary.identification, &summary.sections))
        .map_err(|_| Error::Storage("The summary could not be prepared.".into()))?;
    let digest =
        Blake2b::<U16>::new_with_prefix(summary.exported_on.to_string()).chain_update(content).finalize();
    Ok(data_encoding::HEXLOWER.encode(&digest))
}

/// An export built and rendered, waiting for the place the therapist chooses.
pub struct PreparedExport {
    bytes: zeroize::Zeroizing<Vec<u8>>,
    file_name: String,
    format: ExportFormat,
    identification: Identification,
    redactions: u32,
    event: audit::ExportEvent,
}

impl std::fmt::Debug for PreparedExport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedExport")
            .field("format", &self.format)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl PreparedExport {
    /// The file name to suggest in the save dialog (no path; the case code, never a name, for a
    /// supervision summary).
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    pub fn format(&self) -> ExportFormat {
        self.format
    }
}

/// Builds and renders a supervision summary the therapist previewed and confirmed. Refused when
/// the summary no longer matches the preview.
pub fn prepare_supervision_summary(
    open: &OpenNotebook,
    clock: &dyn Clock,
    request: &SummaryExport,
    pdf: &dyn PdfRenderer,
) -> Result<PreparedExport> {
    let summary = supervision_summary(open, clock, request.case_id, &request.options)?;
    if summary.fingerprint != request.fingerprint {
        return Err(Error::Conflict(
            "The summary has changed since the preview. Look at the preview again before exporting.".into(),
        ));
    }
    if summary.open_flags > 0 {
        return Err(Error::invalid(
            "flags",
            format!(
                "{} highlighted word{} may name someone. Redact or keep each one in the preview before exporting.",
                summary.open_flags,
                if summary.open_flags == 1 { "" } else { "s" }
            ),
        ));
    }
    let bytes = match request.format {
        ExportFormat::Pdf => pdf.summary_pdf(&summary, request.paper)?,
        ExportFormat::Markdown => render_markdown(&summary).into_bytes(),
    };
    Ok(PreparedExport {
        bytes: zeroize::Zeroizing::new(bytes),
        file_name: format!(
            "supervision-{}-{}.{}",
            summary.case_code,
            summary.exported_on,
            request.format.extension()
        ),
        format: request.format,
        identification: summary.identification,
        redactions: u32::try_from(summary.redactions.iter().filter(|r| !r.flagged).count())
            .unwrap_or(u32::MAX),
        event: audit::ExportEvent::SupervisionSummary {
            case_id: request.case_id,
            format: request.format,
            identification: summary.identification,
        },
    })
}

/// Builds and renders a referral letter (PDF).
pub fn prepare_referral_letter(
    open: &OpenNotebook,
    clock: &dyn Clock,
    request: &LetterExport,
    pdf: &dyn PdfRenderer,
) -> Result<PreparedExport> {
    let (letter, case_id) = letter::build(open, clock, request)?;
    let bytes = pdf.letter_pdf(&letter, request.paper)?;
    Ok(PreparedExport {
        bytes: zeroize::Zeroizing::new(bytes),
        file_name: format!("referral-{}-{}.pdf", file_slug(&letter.to_name), letter.written_on),
        format: ExportFormat::Pdf,
        identification: Identification::Identified,
        redactions: 0,
        event: audit::ExportEvent::ReferralLetter { case_id, referral: request.referral },
    })
}

/// A name's letters and digits, lower case, joined by single hyphens: safe in any file name.
fn file_slug(text: &str) -> String {
    let mut slug = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(word.chars().flat_map(char::to_lowercase));
    }
    if slug.is_empty() { "letter".into() } else { slug.chars().take(60).collect() }
}

/// The folders no export may be written into: the notebook's own and the backup folder.
pub fn protected_folders(open: &OpenNotebook) -> Vec<std::path::PathBuf> {
    open.store().folder().into_iter().chain(crate::backup::folder(open)).collect()
}

/// Writes a prepared export to `target` (checked first) and records it in the audit trail; if
/// the entry cannot be written the file is removed again.
pub fn save_export(
    open: &mut OpenNotebook,
    prepared: PreparedExport,
    target: &ExportTarget,
) -> Result<ExportResult> {
    let written = write_export(target, &protected_folders(open), &prepared.bytes)?;
    if let Err(err) = audit::record_export(open, prepared.event) {
        let _ = std::fs::remove_file(target.path());
        return Err(err);
    }
    Ok(ExportResult {
        format: prepared.format,
        identification: prepared.identification,
        bytes: written,
        redactions: prepared.redactions,
    })
}

/// Prepares and saves a supervision summary in one step (tools and tests; the shell asks for the
/// place in between).
pub fn export_supervision_summary(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    request: &SummaryExport,
    target: &ExportTarget,
    pdf: &dyn PdfRenderer,
) -> Result<ExportResult> {
    let prepared = prepare_supervision_summary(open, clock, request, pdf)?;
    save_export(open, prepared, target)
}

/// Prepares and saves a referral letter in one step (tools and tests).
pub fn export_referral_letter(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    request: &LetterExport,
    target: &ExportTarget,
    pdf: &dyn PdfRenderer,
) -> Result<ExportResult> {
    let prepared = prepare_referral_letter(open, clock, request, pdf)?;
    save_export(open, prepared, target)
}

#[cfg(test)]
mod tests;
