//! Drawing the summary model's blocks: paragraphs, labelled passages and fields, tables, lists,
//! remarks and ruled writing space. Shared by the summary and the letter.

use crate::fonts::Face;
use crate::layout::{ACCENT, BODY, Flow, INK, MUTED, RULE, Run, Style, TINT, ZEBRA, wrap};
use casebook_core::export::{Block, Field, Table, Text};

pub(crate) const LEADING: f32 = 14.5;
const LABEL: Style = Style::new(Face::Bold, 8.5, MUTED);
const REMARK: Style = Style::new(Face::Italic, 9.5, MUTED);
const CELL: Style = Style::new(Face::Regular, 9.5, INK);
const CELL_HEAD: Style = Style::new(Face::Bold, 9.0, INK);
const CELL_LEADING: f32 = 12.5;
const PAD: f32 = 4.0;

/// A text's runs in `style`; replaced identifiers in the accent colour, so a reader sees what was
/// de-identified.
pub(crate) fn runs(text: &Text, style: Style) -> Vec<Run> {
    text.segments
        .iter()
        .map(|s| {
            let style = if s.redaction.is_some() { Style { color: ACCENT, ..style } } else { style };
            Run::new(s.text.clone(), style)
        })
        .collect()
}

/// Blank lines become paragraph gaps; single line breaks are kept.
pub(crate) fn paragraph(flow: &mut Flow<'_>, text: &Text, style: Style, x: f32, width: f32) {
    lines(flow, &runs(text, style), x, width);
}

/// A labelled passage with its label run in, bold, so a short passage takes no line for its
/// label and a label never ends a page alone.
fn passage(flow: &mut Flow<'_>, label: &str, text: &Text, x: f32, width: f32) {
    let mut all = vec![Run::new(format!("{label}: "), Style::new(Face::Bold, BODY.size, MUTED))];
    all.extend(runs(text, BODY));
    flow.keep(2.0 * LEADING);
    lines(flow, &all, x, width);
}

fn lines(flow: &mut Flow<'_>, runs: &[Run], x: f32, width: f32) {
    let lines = wrap(flow.fonts, runs, width);
    let mut blank = 0;
    for line in lines {
        if line.pieces.is_empty() {
            blank += 1;
            continue;
        }
        if blank > 0 {
            flow.space(LEADING * 0.45);
            blank = 0;
        }
        flow.keep(LEADING);
        let top = flow.y;
        flow.draw_line(x, top, &line, LEADING);
        flow.y += LEADING;
    }
}

pub(crate) fn label(flow: &mut Flow<'_>, text: &str) {
    flow.keep(11.0 + 2.0 * LEADING);
    let left = flow.geo.left;
    let baseline = flow.y + 9.0;
    flow.text(left, baseline, &text.to_uppercase(), LABEL);
    flow.y += 13.0;
}

pub(crate) fn remark(flow: &mut Flow<'_>, text: &str) {
    let (x, w) = (flow.geo.left, flow.geo.text_width());
    flow.paragraph(&[Run::new(text, REMARK)], x, w, 13.0);
    flow.space(5.0);
}

/// About the height of a one-line subheading with its space.
pub(crate) const SUBHEADING_HEIGHT: f32 = 24.0;

/// The height of the start of a block that must stay with the heading before it: a table's
/// caption, heading row and first row (three lines of it at most), or two lines of anything else.
pub(crate) fn start_height(flow: &Flow<'_>, block: &Block) -> f32 {
    match block {
        Block::Table { table: t } => {
            let width = flow.geo.text_width();
            let cols = column_widths(flow, t, width);
            let lines = |row: &[Text], style: Style| {
                cols.iter()
                    .enumerate()
                    .map(|(i, w)| {
                        row.get(i).map_or(1, |c| wrap(flow.fonts, &runs(c, style), w - 2.0 * PAD).len())
                    })
                    .max()
                    .unwrap_or(1)
            };
            let head: Vec<Text> = t.columns.iter().map(|c| Text::plain(c.as_str())).collect();
            let head_h = lines(&head, CELL_HEAD) as f32 * CELL_LEADING + 2.0 * PAD;
            let first = t.rows.first().map_or(1, |r| lines(r, CELL)).min(3) as f32 * CELL_LEADING + 2.0 * PAD;
            let caption = if t.caption.is_some() { 13.0 } else { 0.0 };
            caption + head_h + first + 4.0
        }
        Block::Remark { .. } => 13.0,
        _ => 2.0 * LEADING + 13.0,
    }
}

pub(crate) fn subheading(flow: &mut Flow<'_>, text: &Text) {
    flow.space(6.0);
    flow.keep(16.0 + 3.0 * LEADING);
    let (x, w) = (flow.geo.left, flow.geo.text_width());
    flow.paragraph(&runs(text, Style::new(Face::Bold, 11.0, INK)), x, w, 15.0);
    flow.space(3.0);
}

fn fields(flow: &mut Flow<'_>, fields: &[Field]) {
    let label_w = (flow.geo.text_width() * 0.3).min(150.0);
    let (x, w) = (flow.geo.left, flow.geo.text_width());
    for field in fields {
        let label_lines = wrap(
            flow.fonts,
            &[Run::new(field.label.as_str(), Style::new(Face::Bold, 9.5, MUTED))],
            label_w - 8.0,
        );
        let value_lines = wrap(flow.fonts, &runs(&field.value, BODY), w - label_w);
        let rows = label_lines.len().max(value_lines.len());
        flow.keep(LEADING * rows.min(3) as f32);
        let top = flow.y;
        for (i, line) in label_lines.iter().enumerate() {
            flow.draw_line(x, top + i as f32 * LEADING, line, LEADING);
        }
        for line in value_lines {
            flow.keep(LEADING);
            let t = flow.y;
            flow.draw_line(x + label_w, t, &line, LEADING);
            flow.y += LEADING;
        }
        flow.y = flow.y.max(top + label_lines.len() as f32 * LEADING) + 2.0;
    }
    flow.space(5.0);
}

fn list(flow: &mut Flow<'_>, items: &[Text]) {
    let (x, w) = (flow.geo.left, flow.geo.text_width());
    for item in items {
        flow.keep(LEADING);
        let baseline = flow.y + (LEADING - BODY.size) / 2.0 + BODY.size * 0.8;
        flow.text(x + 2.0, baseline, "\u{2022}", Style { color: ACCENT, ..BODY });
        paragraph(flow, item, BODY, x + 14.0, w - 14.0);
        flow.y += 1.5;
    }
    flow.space(4.0);
}

/// Column widths: each at least as wide as its longest word (so no word is cut across a cell's
/// lines), the rest shared by the table's weights. Only when the longest words together are wider
/// than the page do columns fall back to their weights alone.
fn column_widths(flow: &Flow<'_>, table: &Table, width: f32) -> Vec<f32> {
    let n = table.columns.len();
    let weight = |i: usize| f32::from(table.widths.get(i).copied().unwrap_or(1).max(1));
    let total: f32 = (0..n).map(weight).sum::<f32>().max(1.0);
    let longest = |text: &str, style: Style| {
        text.split_whitespace().map(|w| flow.fonts.width(style.face, style.size, w)).fold(0.0f32, f32::max)
    };
    let minimum: Vec<f32> = (0..n)
        .map(|i| {
            let head = longest(&table.columns[i], CELL_HEAD);
            let cells = table
                .rows
                .iter()
                .filter_map(|row| row.get(i))
                .map(|t| longest(&t.as_string(), CELL))
                .fold(0.0f32, f32::max);
            head.max(cells) + 2.0 * PAD + 1.0
        })
        .collect();
    if minimum.iter().sum::<f32>() > width {
        return (0..n).map(|i| width * weight(i) / total).collect();
    }
    // Columns below their share by weight get their minimum; the others share what is left.
    let mut fixed = vec![false; n];
    loop {
        let free_width = width - (0..n).filter(|&i| fixed[i]).map(|i| minimum[i]).sum::<f32>();
        let free_weight: f32 = (0..n).filter(|&i| !fixed[i]).map(weight).sum::<f32>().max(1.0);
        let widths: Vec<f32> = (0..n)
            .map(|i| if fixed[i] { minimum[i] } else { free_width * weight(i) / free_weight })
            .collect();
        let newly: Vec<usize> = (0..n).filter(|&i| !fixed[i] && widths[i] < minimum[i]).collect();
        if newly.is_empty() {
            return widths;
        }
        newly.into_iter().for_each(|i| fixed[i] = true);
    }
}

/// A table whose heading row repeats on every page it spans; a row taller than a page is split.
pub(crate) fn table(flow: &mut Flow<'_>, table: &Table) {
    let width = flow.geo.text_width();
    let cols = column_widths(flow, table, width);
    let head: Vec<_> = table
        .columns
        .iter()
        .zip(&cols)
        .map(|(c, w)| wrap(flow.fonts, &[Run::new(c.as_str(), CELL_HEAD)], w - 2.0 * PAD))
        .collect();
    let head_h = head.iter().map(Vec::len).max().unwrap_or(1) as f32 * CELL_LEADING + 2.0 * PAD;
    let draw_head = |flow: &mut Flow<'_>| {
        let (x0, top) = (flow.geo.left, flow.y);
        flow.rect(x0, top, width, head_h, TINT);
        let mut x = x0;
        for (lines, w) in head.iter().zip(&cols) {
            for (i, line) in lines.iter().enumerate() {
                flow.draw_line(x + PAD, top + PAD + i as f32 * CELL_LEADING, line, CELL_LEADING);
            }
            x += w;
        }
        flow.y += head_h;
    };
    let caption_h = if table.caption.is_some() { 13.0 } else { 0.0 };
    // The caption and the heading row never end a page alone: they keep the first row with them
    // (its first 3 lines when it is longer, as a split row shows at least 3).
    let first_row = table.rows.first().map_or(1, |row| {
        cols.iter()
            .enumerate()
            .map(|(i, w)| row.get(i).map_or(1, |t| wrap(flow.fonts, &runs(t, CELL), w - 2.0 * PAD).len()))
            .max()
            .unwrap_or(1)
    });
    flow.keep(caption_h + head_h + first_row.min(3) as f32 * CELL_LEADING + 2.0 * PAD + 4.0);
    if let Some(caption) = &table.caption {
        label(flow, caption);
    }
    draw_head(flow);
    for (r, row) in table.rows.iter().enumerate() {
        let cells: Vec<_> = cols
            .iter()
            .enumerate()
            .map(|(i, w)| {
                row.get(i).map(|t| wrap(flow.fonts, &runs(t, CELL), w - 2.0 * PAD)).unwrap_or_default()
            })
            .collect();
        let mut from = 0;
        let rows = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let fresh =
            ((flow.geo.bottom - flow.geo.top - head_h - 2.0 * PAD) / CELL_LEADING).floor().max(1.0) as usize;
        while from < rows {
            let fit = ((flow.room() - 2.0 * PAD) / CELL_LEADING).floor().max(0.0) as usize;
            let need = rows - from;
            // A row that fits on a fresh page is never split; a longer one is, 3 lines at least.
            if (need > fit && need <= fresh) || fit < need.min(3) {
                flow.new_page();
                draw_head(flow);
                continue;
            }
            let take = need.min(fit);
            let h = take as f32 * CELL_LEADING + 2.0 * PAD;
            let (x0, top) = (flow.geo.left, flow.y);
            if r % 2 == 1 {
                flow.rect(x0, top, width, h, ZEBRA);
            }
            let mut x = x0;
            for (lines, w) in cells.iter().zip(&cols) {
                for (i, line) in lines.iter().skip(from).take(take).enumerate() {
                    flow.draw_line(x + PAD, top + PAD + i as f32 * CELL_LEADING, line, CELL_LEADING);
                }
                x += w;
            }
            flow.rule(x0, x0 + width, top + h, 0.5, RULE);
            flow.y += h;
            from += take;
        }
    }
    flow.space(8.0);
}

/// Ruled space: the first prompt (the feedback) gets five lines, the middle ones three, and the
/// last (the next supervision's date) one line of its own, ruled after its label.
fn writing_space(flow: &mut Flow<'_>, prompts: &[String]) {
    const PITCH: f32 = 20.0;
    let (x, w) = (flow.geo.left, flow.geo.text_width());
    let style = Style::new(Face::Bold, 10.0, INK);
    for (i, prompt) in prompts.iter().enumerate() {
        if i + 1 == prompts.len() && i > 0 {
            flow.keep(PITCH + 8.0);
            let baseline = flow.y + PITCH - 4.0;
            flow.text(x, baseline, prompt, style);
            let end = x + flow.fonts.width(style.face, style.size, prompt) + 8.0;
            flow.rule(end, x + w, flow.y + PITCH, 0.5, RULE);
            flow.y += PITCH + 8.0;
            continue;
        }
        let lines = if i == 0 { 5 } else { 3 };
        flow.keep(16.0 + lines as f32 * PITCH + 8.0);
        let baseline = flow.y + 11.0;
        flow.text(x, baseline, prompt, style);
        flow.y += 16.0;
        for _ in 0..lines {
            flow.y += PITCH;
            let y = flow.y;
            flow.rule(x, x + w, y, 0.5, RULE);
        }
        flow.y += 12.0;
    }
}

/// Draws one block of the summary model.
pub(crate) fn block(flow: &mut Flow<'_>, block: &Block) {
    let (x, w) = (flow.geo.left, flow.geo.text_width());
    match block {
        Block::Paragraph { text } => {
            paragraph(flow, text, BODY, x, w);
            flow.space(6.0);
        }
        Block::Passage { label: l, text } => {
            passage(flow, l, text, x, w);
            flow.space(5.0);
        }
        Block::Fields { fields: f } => fields(flow, f),
        Block::Table { table: t } => table(flow, t),
        Block::List { items } => list(flow, items),
        Block::Subheading { text } => subheading(flow, text),
        Block::Remark { text } => remark(flow, text),
        Block::Measures { measures } => crate::measures::draw(flow, measures),
        Block::WritingSpace { prompts } => writing_space(flow, prompts),
    }
}
