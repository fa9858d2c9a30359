//! The summary as Markdown, for supervisors who prefer text: the same content as the PDF, in
//! CommonMark with GitHub-style tables. Recorded text is escaped so that a note can never turn
//! into a heading, a link or a table of its own.

use super::build::long_date;
use super::model::{Block, Measures, SupervisionSummary, Table, Text};
use std::fmt::Write;

/// The summary as a Markdown document.
pub fn render_markdown(summary: &SupervisionSummary) -> String {
    let mut out = String::new();
    out.push_str("# Supervision summary\n\n");
    out.push_str("**Confidential: clinical supervision material.**\n\n");
    if summary.identification.is_identified() {
        out.push_str("> **IDENTIFIED.** This summary names the client and holds their identifiers. Share it only as their consent allows.\n\n");
    }
    let mode = if summary.identification.is_identified() { "identified" } else { "de-identified" };
    let _ = write!(
        out,
        "| Case code | Exported | Identification |\n|---|---|---|\n| {} | {} | {mode} |\n\n",
        summary.case_code,
        long_date(summary.exported_on)
    );
    for (i, section) in summary.sections.iter().enumerate() {
        let _ = write!(out, "## {}. {}\n\n", i + 1, escape(&section.title));
        for block in &section.blocks {
            block_md(&mut out, block);
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn block_md(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph { text } => paragraph(out, text),
        Block::Passage { label, text } => {
            let _ = write!(out, "**{}**\n\n", escape(label));
            paragraph(out, text);
        }
        Block::Fields { fields } => {
            for f in fields {
                let _ = writeln!(out, "- **{}:** {}", escape(&f.label), inline(&f.value));
            }
            out.push('\n');
        }
        Block::Table { table } => table_md(out, table),
        Block::List { items } => {
            for item in items {
                let _ = writeln!(out, "- {}", inline(item));
            }
            out.push('\n');
        }
        Block::Subheading { text } => {
            let _ = write!(out, "### {}\n\n", inline(text));
        }
        Block::Remark { text } => {
            let _ = write!(out, "*{}*\n\n", escape(text));
        }
        Block::Measures { measures } => measures_md(out, measures),
        Block::WritingSpace { prompts } => {
            for prompt in prompts {
                let _ = write!(out, "**{}:**\n\n&nbsp;\n\n&nbsp;\n\n", escape(prompt));
            }
        }
    }
}

/// Free text keeps its paragraphs and line breaks.
fn paragraph(out: &mut String, text: &Text) {
    let escaped = escape(&text.as_string());
    for para in escaped.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let lines: Vec<&str> = para.lines().map(str::trim_end).collect();
        out.push_str(&lines.join("  \n"));
        out.push_str("\n\n");
    }
}

/// Text on one line (a field, a table cell).
fn inline(text: &Text) -> String {
    let s = escape(&text.as_string());
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn table_md(out: &mut String, table: &Table) {
    if let Some(caption) = &table.caption {
        let _ = write!(out, "**{}**\n\n", escape(caption));
    }
    let head: Vec<String> = table.columns.iter().map(|c| escape(c)).collect();
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(table.columns.len()));
    for row in &table.rows {
        let cells: Vec<String> =
            row.iter().map(|c| if c.is_blank() { " ".into() } else { inline(c) }).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// The measures as a table, with the change from baseline (the band is in the baseline and
/// current cells); the trend charts are the PDF's only.
fn measures_md(out: &mut String, measures: &Measures) {
    if measures.rows.is_empty() {
        out.push_str("*No outcome measures are recorded in this case yet.*\n\n");
        return;
    }
    let cell = |v: &str| escape(v).split_whitespace().collect::<Vec<_>>().join(" ");
    let optional = |v: &Option<String>| v.as_deref().map_or_else(|| "-".to_string(), cell);
    out.push_str("| Measure | Person | Baseline | Current | Change |\n|---|---|---|---|---|\n");
    for r in &measures.rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&r.measure),
            cell(&r.person),
            optional(&r.baseline),
            optional(&r.current),
            optional(&r.change)
        );
    }
    out.push('\n');
}

/// Escapes what Markdown would read as markup, so recorded text stays text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        out.push_str(indent);
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        let numbered = digits > 0 && body[digits..].starts_with(['.', ')']);
        if body.starts_with(['#', '-', '+', '=']) || numbered {
            if numbered {
                out.push_str(&body[..digits]);
                out.push('\\');
                push_escaped(&mut out, &body[digits..]);
                continue;
            }
            out.push('\\');
        }
        push_escaped(&mut out, body);
    }
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_text_cannot_become_markup() {
        assert_eq!(escape("# Not a heading"), "\\# Not a heading");
        assert_eq!(escape("1. item\n- dash"), "1\\. item\n\\- dash");
        assert_eq!(escape("a | b [link](x) *em* <b>"), "a \\| b \\[link\\](x) \\*em\\* \\<b\\>");
        assert_eq!(escape("[Client]'s"), "\\[Client\\]'s");
    }

    #[test]
    fn measures_are_a_table_with_the_change() {
        use super::super::model::{MeasureChart, MeasureRow};
        let chart =
            MeasureChart { min: 0, max: 2700, higher_is_better: false, bands: vec![], points: vec![] };
        let row =
            |measure: &str, person: &str, baseline: &str, current: Option<&str>, change: Option<&str>| {
                MeasureRow {
                    measure: measure.into(),
                    person: person.into(),
                    baseline: Some(baseline.into()),
                    current: current.map(Into::into),
                    band: None,
                    change: change.map(Into::into),
                    chart: chart.clone(),
                }
            };
        let measures = Measures {
            rows: vec![
                row(
                    "PHQ-9 (depression)",
                    "Client",
                    "18 (Moderately severe), week 2",
                    Some("9 (Mild), week 14"),
                    Some("-9, a meaningful improvement (5 points or more)"),
                ),
                row("My | scale", "Partner", "14 (Mild to moderate), week 3", None, None),
            ],
        };
        let mut out = String::new();
        measures_md(&mut out, &measures);
        assert_eq!(
            out,
            "| Measure | Person | Baseline | Current | Change |\n|---|---|---|---|---|\n\
             | PHQ-9 (depression) | Client | 18 (Moderately severe), week 2 | 9 (Mild), week 14 | \\-9, a meaningful improvement (5 points or more) |\n\
             | My \\| scale | Partner | 14 (Mild to moderate), week 3 | - | - |\n\n"
        );
        let mut none = String::new();
        measures_md(&mut none, &Measures::default());
        assert_eq!(none, "*No outcome measures are recorded in this case yet.*\n\n");
    }
}
