//! The summary model: what a supervision summary says, independent of how it is rendered. The
//! Markdown renderer (here) and the PDF renderer (`casebook-pdf`) both draw exactly this, and the
//! export window's preview shows it with every redaction marked.
//!
//! Every piece of text is a [`Text`]: a list of segments, where a segment that replaced an
//! identifier names its [`Redaction`]. Text Casebook writes itself (headings, labels, "week 9")
//! is never scanned; text recorded in the notebook is, in a de-identified export.

use super::options::{Identification, SummarySection};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// A supervision summary, ready to preview or render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SupervisionSummary {
    /// The case's random code, the same in every export of the case.
    pub case_code: String,
    pub exported_on: NaiveDate,
    pub identification: Identification,
    pub sections: Vec<Section>,
    /// Every redaction made and every open flag, in document order (empty for an identified
    /// export).
    pub redactions: Vec<Redaction>,
    /// How many flags wait for the therapist: the export is refused until none do.
    pub open_flags: u32,
    /// A digest of the content: the export is refused if it no longer matches the preview.
    pub fingerprint: String,
}

/// One section of the summary, with its heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    pub kind: SummarySection,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// A block of content inside a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum Block {
    /// Running text.
    Paragraph {
        text: Text,
    },
    /// A labelled passage of free text (an intake section, a part of a note).
    Passage {
        label: String,
        text: Text,
    },
    /// Short labelled facts, one a line.
    Fields {
        fields: Vec<Field>,
    },
    Table {
        table: Table,
    },
    /// A bulleted list.
    List {
        items: Vec<Text>,
    },
    /// A small heading inside a section (one session in the course of treatment).
    Subheading {
        text: Text,
    },
    /// A remark by Casebook, such as "Nothing recorded."
    Remark {
        text: String,
    },
    /// Outcome measures: a table, and a small chart per measure and person in the PDF.
    Measures {
        measures: Measures,
    },
    /// Ruled space for the supervisor to write in.
    WritingSpace {
        prompts: Vec<String>,
    },
}

/// A label and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    pub label: String,
    pub value: Text,
}

/// A table: an optional caption, column headings, rows of cells, and relative column widths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    pub caption: Option<String>,
    pub columns: Vec<String>,
    /// Relative widths, one per column.
    pub widths: Vec<u16>,
    pub rows: Vec<Vec<Text>>,
}

/// Outcome measures of a case: each measure's baseline and current score, per person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Measures {
    pub rows: Vec<MeasureRow>,
}

/// One measure for one person: the table's row, and the data of its small chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeasureRow {
    /// "PHQ-9 (depression)".
    pub measure: String,
    /// "Client" or "Partner" (or the name, identified).
    pub person: String,
    /// The first score, its band and when: "18 (Moderately severe), week 2".
    pub baseline: Option<String>,
    /// The latest score, when there is more than one: "9 (Mild), week 14".
    pub current: Option<String>,
    /// The band of the latest score, in the measure's own words.
    pub band: Option<String>,
    /// The change from baseline, and whether it is the measure's own clinically meaningful
    /// change: "-9, a meaningful improvement (5 points or more)".
    pub change: Option<String>,
    pub chart: MeasureChart,
}

/// What a small trend chart draws: the measure's range, its bands shaded, the scores over time.
/// Scores are in hundredths of a point (2655 is 26.55).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeasureChart {
    pub min: i32,
    pub max: i32,
    pub higher_is_better: bool,
    /// Lowest first, covering the range.
    pub bands: Vec<ChartBand>,
    /// Oldest first; the first is the baseline, the last the latest.
    pub points: Vec<ChartPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChartBand {
    pub from: i32,
    pub to: i32,
    pub label: String,
}

/// One score: `week` counts from first contact as week 1 (the summary's own convention).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChartPoint {
    pub week: i64,
    pub score: i32,
}

/// Text made of segments; a segment that replaced an identifier names its redaction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Text {
    pub segments: Vec<Segment>,
    /// Stable name of this text within the summary; redaction ids start with it.
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) key: String,
    /// Recorded in the notebook, so scanned for identifiers when de-identifying.
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) recorded: bool,
}

/// A run of text; `redaction` is set when it replaced an identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct Segment {
    pub text: String,
    /// The id of the [`Redaction`] this segment stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redaction: Option<String>,
}

/// One identifier found and replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Redaction {
    /// Stable across previews of the same content: pass it back to undo this redaction.
    pub id: String,
    /// What was found, shown in the preview only (never rendered).
    pub original: String,
    pub replacement: String,
    pub reason: RedactionReason,
    /// Why, in a therapist's words ("Client's name").
    pub why: String,
    /// A flag the therapist has not decided: the text still reads as written ("original"), and
    /// accepting it (redact) or undoing it (keep) is required before the export.
    pub flagged: bool,
    /// Where in the text it was found: character offsets in the recorded text.
    pub start: u32,
    pub end: u32,
}

crate::columns::text_enum! {
    /// Why something was redacted.
    pub enum RedactionReason {
        /// A name the notebook holds for this case (client, partner, practitioner, referrer).
        Name = "name",
        /// A name found next to a kinship word or a title ("her sister Lerato", "Mrs Dlamini").
        OtherName = "other_name",
        /// An address, or a place from one.
        Place = "place",
        Phone = "phone",
        Email = "email",
        WebAddress = "web_address",
        IpAddress = "ip_address",
        /// A date with a day or month.
        Date = "date",
        /// An id, file, account or medical-aid number, or another long run of digits.
        Number = "number",
        /// An age over 89.
        Age = "age",
        /// Chosen by the therapist in the preview.
        TherapistChoice = "therapist_choice",
        /// A capitalised word in no dictionary: a name or a place the notebook does not hold.
        Unknown = "unknown",
    }
}

impl Text {
    /// Words Casebook writes itself: never scanned.
    pub fn plain(text: impl Into<String>) -> Text {
        Text { segments: vec![Segment { text: text.into(), redaction: None }], ..Text::default() }
    }

    /// Text recorded in the notebook, named `key` within the summary.
    pub(crate) fn recorded(key: String, text: impl Into<String>) -> Text {
        Text { segments: vec![Segment { text: text.into(), redaction: None }], key, recorded: true }
    }

    /// The text as it reads.
    pub fn as_string(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect()
    }

    pub fn is_blank(&self) -> bool {
        self.segments.iter().all(|s| s.text.trim().is_empty())
    }
}

impl SupervisionSummary {
    /// The section of a kind, if included.
    pub fn section(&self, kind: SummarySection) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// Every text in the summary, in document order.
    pub fn texts(&self) -> Vec<&Text> {
        let mut out = Vec::new();
        for section in &self.sections {
            for block in &section.blocks {
                block.visit(&mut |t| out.push(t));
            }
        }
        out
    }
}

impl Block {
    /// Calls `f` on every text of the block.
    pub fn visit<'a>(&'a self, f: &mut dyn FnMut(&'a Text)) {
        match self {
            Block::Paragraph { text } | Block::Passage { text, .. } | Block::Subheading { text } => f(text),
            Block::Fields { fields } => fields.iter().for_each(|x| f(&x.value)),
            Block::Table { table } => table.rows.iter().flatten().for_each(f),
            Block::List { items } => items.iter().for_each(f),
            Block::Remark { .. } | Block::Measures { .. } | Block::WritingSpace { .. } => {}
        }
    }

    pub(crate) fn visit_mut(&mut self, f: &mut dyn FnMut(&mut Text)) {
        match self {
            Block::Paragraph { text } | Block::Passage { text, .. } | Block::Subheading { text } => f(text),
            Block::Fields { fields } => fields.iter_mut().for_each(|x| f(&mut x.value)),
            Block::Table { table } => table.rows.iter_mut().flatten().for_each(f),
            Block::List { items } => items.iter_mut().for_each(f),
            Block::Remark { .. } | Block::Measures { .. } | Block::WritingSpace { .. } => {}
        }
    }
}
