//! The supervision summary on paper: a title block with the case code and the export date, the
//! supervision question set apart, then each section under a numbered heading.

use crate::blocks::{self, LEADING};
use crate::fonts::{Face, Fonts};
use crate::layout::{ACCENT, ALERT, ALERT_TINT, Flow, INK, MUTED, RULE, Run, Style, TINT};
use crate::paint::{self, Running};
use casebook_core::Result;
use casebook_core::export::{Block, PaperSize, SummarySection, SupervisionSummary};

fn long_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

pub(crate) fn render(fonts: &Fonts, summary: &SupervisionSummary, paper: PaperSize) -> Result<Vec<u8>> {
    let mut flow = Flow::new(fonts, paper);
    title(&mut flow, summary);
    for (i, section) in summary.sections.iter().enumerate() {
        heading(&mut flow, i + 1, &section.title);
        if section.kind == SummarySection::Question {
            question(&mut flow, &section.blocks);
        } else {
            for (k, block) in section.blocks.iter().enumerate() {
                // A subheading keeps the start of what follows it on its page.
                if let (Block::Subheading { .. }, Some(next)) = (block, section.blocks.get(k + 1)) {
                    flow.keep(blocks::SUBHEADING_HEIGHT + blocks::start_height(&flow, next));
                }
                blocks::block(&mut flow, block);
            }
        }
    }
    let identified = summary.identification.is_identified();
    let running = Running {
        header: "Confidential: clinical supervision material".into(),
        header_right: format!("Case {}", summary.case_code),
        footer: format!("Supervision summary, exported {}", long_date(summary.exported_on)),
        identified,
        title: format!("Supervision summary, case {}", summary.case_code),
        date: summary.exported_on,
    };
    paint::finish(flow, &running)
}

fn title(flow: &mut Flow<'_>, summary: &SupervisionSummary) {
    let x = flow.geo.left;
    let w = flow.geo.text_width();
    flow.text(x, flow.y + 22.0, "Supervision summary", Style::new(Face::Bold, 24.0, INK));
    flow.y += 34.0;
    let mode = if summary.identification.is_identified() { "Identified" } else { "De-identified" };
    let meta = [
        ("Case code", summary.case_code.clone()),
        ("Exported", long_date(summary.exported_on)),
        ("Identification", mode.to_string()),
    ];
    let col = w / 3.0;
    for (i, (label, value)) in meta.iter().enumerate() {
        let cx = x + i as f32 * col;
        flow.text(cx, flow.y + 8.0, &label.to_uppercase(), Style::new(Face::Bold, 8.0, MUTED));
        let color = if *label == "Identification" && mode == "Identified" { ALERT } else { INK };
        flow.text(cx, flow.y + 24.0, value, Style::new(Face::Bold, 13.0, color));
    }
    flow.y += 34.0;
    if summary.identification.is_identified() {
        let text = "IDENTIFIED: this summary names the client and holds their identifiers. Share it only as the client's consent allows.";
        let runs = [Run::new(text, Style::new(Face::Bold, 10.0, ALERT))];
        let lines = crate::layout::wrap(flow.fonts, &runs, w - 20.0);
        let h = lines.len() as f32 * 14.0 + 12.0;
        let top = flow.y + 4.0;
        flow.rect(x, top, w, h, ALERT_TINT);
        flow.rect(x, top, 3.0, h, ALERT);
        for (i, line) in lines.iter().enumerate() {
            flow.draw_line(x + 12.0, top + 6.0 + i as f32 * 14.0, line, 14.0);
        }
        flow.y = top + h;
    }
    flow.y += 8.0;
    let y = flow.y;
    flow.rule(x, x + w, y, 1.2, ACCENT);
    flow.y += 6.0;
}

fn heading(flow: &mut Flow<'_>, number: usize, title: &str) {
    flow.space(12.0);
    flow.keep(26.0 + 4.0 * LEADING);
    flow.mark(title);
    let x = flow.geo.left;
    let style = Style::new(Face::Bold, 13.5, ACCENT);
    let baseline = flow.y + 14.0;
    let n = format!("{number}");
    flow.text(x, baseline, &n, style);
    flow.text(x + 22.0, baseline, title, style);
    flow.y += 20.0;
    let y = flow.y;
    flow.rule(x, flow.geo.right, y, 0.6, RULE);
    flow.y += 8.0;
}

/// The question the therapist brings, in a tinted box with an accent bar.
fn question(flow: &mut Flow<'_>, content: &[Block]) {
    let x = flow.geo.left;
    let w = flow.geo.text_width();
    for block in content {
        let Block::Paragraph { text } = block else {
            blocks::block(flow, block);
            continue;
        };
        let runs = blocks::runs(text, Style::new(Face::Regular, 11.5, INK));
        let lines = crate::layout::wrap(flow.fonts, &runs, w - 28.0);
        let leading = 16.0;
        let mut i = 0;
        while i < lines.len() {
            let fit = (((flow.room() - 16.0) / leading).floor().max(1.0) as usize).min(lines.len() - i);
            let h = fit as f32 * leading + 16.0;
            let top = flow.y;
            flow.rect(x, top, w, h, TINT);
            flow.rect(x, top, 3.0, h, ACCENT);
            for (k, line) in lines[i..i + fit].iter().enumerate() {
                flow.draw_line(x + 16.0, top + 8.0 + k as f32 * leading, line, leading);
            }
            flow.y = top + h;
            i += fit;
            if i < lines.len() {
                flow.new_page();
            }
        }
        flow.space(6.0);
    }
}
