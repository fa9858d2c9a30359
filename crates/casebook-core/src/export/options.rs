//! What the therapist chooses before an export: the supervision question, the sections, whether
//! process notes go in, identified or de-identified, and the redactions they added or undid in the
//! preview. Checked here, before anything is read or written.

use crate::columns::{TextEnum, text_enum};
use crate::error::{Error, Result};
use crate::input::{self, MAX_LINE_CHARS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

text_enum! {
    /// The parts of a supervision summary, in the order of DOMAIN.md section 8. The question is
    /// always included; the others are the therapist's choice.
    pub enum SummarySection {
        Question = "question",
        /// Case code, age band, relationship status, modality, number of sessions.
        Context = "context",
        PresentingProblem = "presenting_problem",
        /// Relevant history, with the medical rule-out status.
        History = "history",
        /// Assessment and outcome measures (baseline and current).
        Measures = "measures",
        Risk = "risk",
        /// Diagnostic impression with codes and specifiers.
        Diagnosis = "diagnosis",
        /// The nodal point and the 4 Ps.
        Formulation = "formulation",
        /// Goals, interventions with PLISSIT levels, homework adherence.
        Plan = "plan",
        /// The course of treatment so far: the sessions.
        Course = "course",
        /// The therapeutic relationship (and process notes, when included).
        Relationship = "relationship",
        /// Couple-specific points: who is the client, the partner's role, secrets policy.
        Couple = "couple",
        /// Ethical and legal points: consent status.
        Ethics = "ethics",
        /// Space for the supervisor's feedback and agreed next steps.
        Feedback = "feedback",
    }
}

text_enum! {
    /// Whether names and identifiers stay in an export. De-identified is the default; an
    /// identified export is an explicit choice and is labelled on every page.
    pub enum Identification {
        DeIdentified = "de_identified",
        Identified = "identified",
    }
}

text_enum! {
    /// The paper a PDF is laid out for.
    pub enum PaperSize {
        A4 = "a4",
        Letter = "letter",
    }
}

text_enum! {
    pub enum ExportFormat {
        Pdf = "pdf",
        Markdown = "markdown",
    }
}

impl ExportFormat {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Markdown => "md",
        }
    }

    /// What the save dialog calls files of this format.
    pub fn file_kind(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "PDF document",
            ExportFormat::Markdown => "Markdown text",
        }
    }
}

impl Default for PaperSize {
    /// A4; Letter is the option.
    fn default() -> PaperSize {
        PaperSize::A4
    }
}

impl Identification {
    pub fn is_identified(self) -> bool {
        self == Identification::Identified
    }
}

/// The longest text the therapist may ask to redact.
pub const MAX_REDACTION_CHARS: usize = MAX_LINE_CHARS;

/// A supervision summary as the therapist sets it up in the export window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SummaryOptions {
    /// What the therapist wants from supervision; required.
    pub question: String,
    /// The sections to include (the question always is); shown in the domain's order whatever
    /// the order here.
    pub sections: Vec<SummarySection>,
    /// Process notes (private impressions) are left out unless this is set.
    pub include_process_notes: bool,
    pub identification: Identification,
    /// The session notes in full after the one-line-a-session course (left out unless set).
    #[serde(default)]
    pub full_notes: bool,
    /// With `full_notes`, only the latest this many notes in full (every session keeps its line);
    /// none means every note.
    pub recent_notes: Option<u32>,
    /// The therapist's reflection on the therapeutic relationship, written for this supervision.
    pub relationship_notes: Option<String>,
    /// Texts the therapist chose to redact everywhere (de-identified exports).
    pub extra_redactions: Vec<String>,
    /// Ids of redactions the therapist undid, and of flags she dismissed (kept), in the preview.
    pub undone_redactions: Vec<String>,
    /// Ids of flags the therapist accepted (redacted) in the preview.
    #[serde(default)]
    pub accepted_flags: Vec<String>,
}

impl SummaryOptions {
    /// Every section, de-identified, with this question: what the export window starts from.
    pub fn new(question: &str) -> SummaryOptions {
        SummaryOptions {
            question: question.to_string(),
            sections: SummarySection::ALL.to_vec(),
            include_process_notes: false,
            identification: Identification::DeIdentified,
            full_notes: false,
            recent_notes: None,
            relationship_notes: None,
            extra_redactions: Vec::new(),
            undone_redactions: Vec::new(),
            accepted_flags: Vec::new(),
        }
    }

    /// Checks and tidies the options.
    pub(crate) fn validated(&self) -> Result<ValidOptions> {
        let question = input::text("question", Some(&self.question))?
            .ok_or_else(|| Error::invalid("question", "Write the question you bring to supervision."))?;
        input::list_len("sections", &self.sections)?;
        let mut sections: BTreeSet<SummarySection> = self.sections.iter().copied().collect();
        sections.insert(SummarySection::Question);
        if sections.len() < 2 {
            return Err(Error::invalid("sections", "Choose at least one section besides the question."));
        }
        input::list_len("extraRedactions", &self.extra_redactions)?;
        let mut extra = Vec::new();
        for (i, text) in self.extra_redactions.iter().enumerate() {
            let field = format!("extraRedactions.{i}");
            let text = input::required_line(&field, text, MAX_REDACTION_CHARS)?;
            if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                return Err(Error::invalid(field, "Choose at least two letters or digits to redact."));
            }
            if !extra.contains(&text) {
                extra.push(text);
            }
        }
        if self.undone_redactions.len() > 10_000 {
            return Err(Error::invalid("undoneRedactions", "Too many undone redactions."));
        }
        if self.accepted_flags.len() > 10_000 {
            return Err(Error::invalid("acceptedFlags", "Too many accepted flags."));
        }
        Ok(ValidOptions {
            question,
            sections,
            include_process_notes: self.include_process_notes,
            identification: self.identification,
            full_notes: self.full_notes,
            recent_notes: self.recent_notes,
            relationship_notes: input::text("relationshipNotes", self.relationship_notes.as_deref())?,
            extra_redactions: extra,
            undone: self.undone_redactions.iter().cloned().collect(),
            accepted: self.accepted_flags.iter().cloned().collect(),
        })
    }
}

/// Options after checking.
#[derive(Debug, Clone)]
pub(crate) struct ValidOptions {
    pub question: String,
    pub sections: BTreeSet<SummarySection>,
    pub include_process_notes: bool,
    pub identification: Identification,
    pub full_notes: bool,
    pub recent_notes: Option<u32>,
    pub relationship_notes: Option<String>,
    pub extra_redactions: Vec<String>,
    pub undone: BTreeSet<String>,
    pub accepted: BTreeSet<String>,
}
