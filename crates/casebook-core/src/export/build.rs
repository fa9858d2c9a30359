//! Building the summary's sections from a case, in the order of DOMAIN.md section 8.
//!
//! The builder writes every structured value in the export's mode: in a de-identified summary a
//! date is a week since first contact ("week 9"), a session is "session 6, week 9", a person is
//! their role word ("Client", "Partner", "GP") and an age is a band. Recorded free text is kept as
//! written, marked for scanning, and de-identified afterwards (`deid`).

mod assessment;
mod relational;
mod treatment;

use super::gather::Sources;
use super::model::{Block, Field, Section, Table, Text};
use super::options::{SummarySection, ValidOptions};
use super::words;
use crate::medical::PractitionerId;
use crate::person::PersonId;
use crate::session::{SessionId, SessionView};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// The summary's title for each section.
pub fn section_title(kind: SummarySection) -> &'static str {
    match kind {
        SummarySection::Question => "Supervision question",
        SummarySection::Context => "Case code and context",
        SummarySection::PresentingProblem => "Presenting problem",
        SummarySection::History => "Relevant history and medical rule-out",
        SummarySection::Measures => "Assessment and measures",
        SummarySection::Risk => "Risk",
        SummarySection::Diagnosis => "Diagnostic impression",
        SummarySection::Formulation => "Formulation: the nodal point and the 4 Ps",
        SummarySection::Plan => "Treatment plan",
        SummarySection::Course => "Course of treatment so far",
        SummarySection::Relationship => "The therapeutic relationship",
        SummarySection::Couple => "Couple-specific points",
        SummarySection::Ethics => "Ethical and legal points",
        SummarySection::Feedback => "Supervisor's feedback and agreed next steps",
    }
}

/// What every section builder needs: the case, the options, and how to write dates and people.
pub(crate) struct Builder<'a> {
    pub src: &'a Sources,
    pub opts: &'a ValidOptions,
    pub case_code: &'a str,
    pub identified: bool,
    /// Week 1 starts at first contact.
    origin: NaiveDate,
    numbers: HashMap<SessionId, usize>,
}

impl<'a> Builder<'a> {
    pub fn new(src: &'a Sources, opts: &'a ValidOptions, case_code: &'a str) -> Builder<'a> {
        let numbers = src.sessions.iter().enumerate().map(|(i, s)| (s.id, i + 1)).collect();
        Builder {
            src,
            opts,
            case_code,
            identified: opts.identification.is_identified(),
            origin: src.case.first_contact_on,
            numbers,
        }
    }

    /// The sections the options ask for, in the domain's order.
    pub fn sections(&self) -> Vec<Section> {
        self.opts.sections.iter().map(|&kind| self.section(kind)).collect()
    }

    fn section(&self, kind: SummarySection) -> Section {
        let mut w = Writer::new(kind);
        match kind {
            SummarySection::Question => w.paragraph(&self.opts.question),
            SummarySection::Context => self.context(&mut w),
            SummarySection::PresentingProblem => self.presenting_problem(&mut w),
            SummarySection::History => self.history(&mut w),
            SummarySection::Measures => self.measures(&mut w),
            SummarySection::Risk => self.risk(&mut w),
            SummarySection::Diagnosis => self.diagnosis(&mut w),
            SummarySection::Formulation => self.formulation(&mut w),
            SummarySection::Plan => self.plan(&mut w),
            SummarySection::Course => self.course(&mut w),
            SummarySection::Relationship => self.relationship(&mut w),
            SummarySection::Couple => self.couple(&mut w),
            SummarySection::Ethics => self.ethics(&mut w),
            SummarySection::Feedback => w.block(Block::WritingSpace {
                prompts: vec!["Feedback".into(), "Agreed next steps".into(), "Next supervision".into()],
            }),
        }
        w.finish()
    }

    /// A date: the date itself (identified), or the week since first contact.
    pub fn date(&self, date: NaiveDate) -> String {
        if self.identified { long_date(date) } else { self.week(date) }
    }

    /// "week 9", counting first contact as the first day of week 1.
    pub fn week(&self, date: NaiveDate) -> String {
        let days = (date - self.origin).num_days();
        if days < 0 { "before first contact".into() } else { format!("week {}", days / 7 + 1) }
    }

    /// "Session 6, week 9" (or "Session 6, 12 Mar 2025", identified).
    pub fn session_label(&self, s: &SessionView) -> String {
        format!("Session {}, {}", self.number(s.id), self.date(s.held_on))
    }

    pub fn number(&self, id: SessionId) -> usize {
        self.numbers.get(&id).copied().unwrap_or(0)
    }

    /// The role of a person in the case.
    pub fn role(&self, person: PersonId) -> &'static str {
        if person == self.src.case.client.id { "Client" } else { "Partner" }
    }

    /// A person: their role word, or their name and role (identified).
    pub fn who(&self, person: PersonId) -> String {
        let role = self.role(person);
        if !self.identified {
            return role.into();
        }
        let name = if person == self.src.case.client.id {
            Some(&self.src.case.client.full_name)
        } else {
            self.src.case.partner.as_ref().map(|p| &p.person.full_name)
        };
        name.map_or_else(|| role.to_string(), |n| format!("{n} ({})", role.to_lowercase()))
    }

    /// A practitioner: the word for their kind, or their name and kind (identified).
    pub fn practitioner(&self, id: PractitionerId) -> String {
        match self.src.practitioner(id) {
            Some(p) if self.identified => format!("{} ({})", p.name, words::practitioner_role(p.kind)),
            Some(p) => words::practitioner_role(p.kind).into(),
            None => "Practitioner".into(),
        }
    }

    /// The corrections added to a signed item, each under its date.
    pub fn addenda(&self, w: &mut Writer, record: crate::record::RecordRef) {
        for a in self.src.addenda.get(&record).into_iter().flatten() {
            let label = format!("Addendum, {}", self.date(a.written_on));
            w.passage(&label, Some(&format!("Reason: {}\n{}", a.reason.trim(), a.body)));
        }
    }

    /// The client's age: years and date of birth (identified) or a band.
    pub fn age(&self) -> String {
        let client = &self.src.case.client;
        match (client.date_of_birth, client.age_band) {
            (Some(born), _) => {
                let years = age_on(born, self.src.today);
                if self.identified {
                    format!("{years} (born {})", long_date(born))
                } else {
                    words::age_in_band(years)
                }
            }
            (None, Some(band)) => words::age_band(band).into(),
            (None, None) => "not recorded".into(),
        }
    }
}

/// "12 Mar 2025".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

pub(crate) fn age_on(born: NaiveDate, today: NaiveDate) -> u32 {
    let mut years = today.year() - born.year();
    if (today.month(), today.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

/// Collects one section's blocks and names its recorded texts ("plan.3") so that redaction ids
/// stay the same from one preview to the next.
pub(crate) struct Writer {
    kind: SummarySection,
    next: u32,
    blocks: Vec<Block>,
}

impl Writer {
    fn new(kind: SummarySection) -> Writer {
        Writer { kind, next: 0, blocks: Vec::new() }
    }

    /// Recorded text, to be scanned when de-identifying.
    pub fn text(&mut self, value: &str) -> Text {
        let key = format!("{}.{}", self.kind.as_str(), self.next);
        self.next += 1;
        Text::recorded(key, value)
    }

    pub fn block(&mut self, block: Block) {
        self.blocks.push(block);
    }

    pub fn paragraph(&mut self, value: &str) {
        let text = self.text(value);
        self.block(Block::Paragraph { text });
    }

    /// A labelled passage, left out when there is nothing in it.
    pub fn passage(&mut self, label: &str, value: Option<&str>) -> bool {
        match value.filter(|v| !v.trim().is_empty()) {
            Some(v) => {
                let text = self.text(v);
                self.block(Block::Passage { label: label.into(), text });
                true
            }
            None => false,
        }
    }

    pub fn subheading(&mut self, value: &str) {
        self.block(Block::Subheading { text: Text::plain(value) });
    }

    pub fn remark(&mut self, value: &str) {
        self.block(Block::Remark { text: value.into() });
    }

    pub fn fields(&mut self, fields: Vec<Field>) {
        if !fields.is_empty() {
            self.block(Block::Fields { fields });
        }
    }

    /// A field whose value Casebook wrote.
    pub fn plain(label: &str, value: impl Into<String>) -> Field {
        Field { label: label.into(), value: Text::plain(value) }
    }

    /// A field whose value was recorded.
    pub fn recorded(&mut self, label: &str, value: &str) -> Field {
        Field { label: label.into(), value: self.text(value) }
    }

    /// A table under a small caption.
    pub fn table(&mut self, caption: Option<&str>, columns: &[&str], widths: &[u16], rows: Vec<Vec<Text>>) {
        let table = Table {
            caption: caption.map(str::to_string),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            widths: widths.to_vec(),
            rows,
        };
        self.block(Block::Table { table });
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    fn finish(self) -> Section {
        Section { kind: self.kind, title: section_title(self.kind).into(), blocks: self.blocks }
    }
}
