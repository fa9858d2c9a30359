//! Outcome measures in the summary: a table of each measure's baseline, current score and change
//! per person, then a small trend chart for each row, two side by side (a lone chart takes the
//! text width). A chart shades the measure's bands in grey (darker for the more severe end, with
//! their names at the right, so nothing depends on colour), joins the scores by a line, fills the
//! baseline and the latest markers and labels them with their scores, and marks the weeks along
//! the bottom (weeks from first contact, never dates). A case with no measures says so instead.

use crate::blocks;
use crate::fonts::Face;
use crate::layout::{ACCENT, Flow, INK, Line, MUTED, Op, Rgb, Run, Style, wrap};
use casebook_core::export::{MeasureChart, MeasureRow, Measures, Table, Text};
use casebook_core::measures::shown;

/// The remark of a case with no measures.
pub(crate) const NONE_RECORDED: &str = "No outcome measures are recorded in this case yet.";

/// Charts side by side in a row (when there are that many).
const PER_ROW: usize = 2;
/// The space between two charts of a row.
const COLUMN_GAP: f32 = 20.0;
/// The space above a row of charts; less above the first, as the table leaves some.
const ROW_GAP: f32 = 9.0;
const FIRST_ROW_GAP: f32 = 3.0;
/// The caption's line (and the note's, when it has a line of its own).
const CAPTION_LEADING: f32 = 10.5;
/// Between the caption and the plot: a score label may rise into it, not above.
const HEADROOM: f32 = 6.0;
const PLOT_H: f32 = 68.0;
/// Under the plot: the week ticks and labels.
const WEEKS_H: f32 = 12.0;
/// Room for the y axis's numbers, left of the plot.
const GUTTER: f32 = 22.0;
/// Space between the plot's edge and the first and last score.
const INSET: f32 = 12.0;
/// The column of band names at the right (a longer name wraps): the same width in every chart of
/// a size, so plots line up.
const BAND_COLUMN_NARROW: f32 = 64.0;
const BAND_COLUMN_WIDE: f32 = 96.0;
/// Between the plot and the band names.
const BAND_PAD: f32 = 5.0;

const CAPTION: Style = Style::new(Face::Bold, 9.0, INK);
const NOTE: Style = Style::new(Face::Italic, 7.5, MUTED);
const TICK: Style = Style::new(Face::Regular, 6.5, MUTED);
const BAND: Style = Style::new(Face::Regular, 6.5, MUTED);
const POINT_LABEL: Style = Style::new(Face::Bold, 7.0, INK);
const BAND_LEADING: f32 = 7.5;
/// A point label's box around its baseline: above and below.
const LABEL_ASCENT: f32 = 5.3;
const LABEL_DESCENT: f32 = 1.5;

const WHITE: Rgb = (0xff, 0xff, 0xff);
const BAND_EDGE: Rgb = (0xa9, 0xb1, 0xb7);
const AXIS: Rgb = (0x7d, 0x88, 0x91);
/// The grey of the best band and of the worst: lightly shaded, so text and the line stay clear.
const LIGHTEST: u8 = 0xf8;
const DARKEST: u8 = 0xd8;

/// The height of a row of charts whose captions (with the notes) take `lines` lines, its gap
/// above included (about 40 mm with two lines): kept on one page.
fn row_height(gap: f32, lines: usize) -> f32 {
    gap + lines as f32 * CAPTION_LEADING + HEADROOM + PLOT_H + WEEKS_H
}

pub(crate) fn draw(flow: &mut Flow<'_>, measures: &Measures) {
    if measures.rows.is_empty() {
        blocks::remark(flow, NONE_RECORDED);
        return;
    }
    blocks::table(flow, &table(measures));
    let per_row = PER_ROW.min(measures.rows.len());
    let (left, width) = (flow.geo.left, flow.geo.text_width());
    let chart_w = (width - (per_row - 1) as f32 * COLUMN_GAP) / per_row as f32;
    for (r, charts) in measures.rows.chunks(per_row).enumerate() {
        let heads: Vec<Head> = charts.iter().map(|row| head(flow, row, chart_w)).collect();
        // The notes of a row are all beside their captions or all under them, so plots line up.
        let inline = heads.iter().all(|h| h.caption.len() == 1 && h.note_fits);
        let lines = heads.iter().map(|h| h.caption.len()).max().unwrap_or(1) + usize::from(!inline);
        let gap = if r == 0 { FIRST_ROW_GAP } else { ROW_GAP };
        let height = row_height(gap, lines);
        flow.keep(height);
        let top = flow.y + gap;
        for (k, (row, head)) in charts.iter().zip(&heads).enumerate() {
            let x0 = left + k as f32 * (chart_w + COLUMN_GAP);
            let frame = Frame { left: x0, right: x0 + chart_w, top, lines, inline };
            chart(flow, row, head, &frame);
        }
        flow.y = top - gap + height;
    }
    flow.space(7.0);
}

/// The table: the band is already in the baseline and current cells, so it has no column.
fn table(measures: &Measures) -> Table {
    let cell = |v: &Option<String>| Text::plain(v.clone().unwrap_or_else(|| "-".into()));
    let rows = measures
        .rows
        .iter()
        .map(|r| {
            vec![
                Text::plain(r.measure.clone()),
                Text::plain(r.person.clone()),
                cell(&r.baseline),
                cell(&r.current),
                cell(&r.change),
            ]
        })
        .collect();
    let columns = ["Measure", "Person", "Baseline", "Current", "Change"].map(String::from).to_vec();
    Table { caption: None, columns, widths: vec![4, 2, 4, 4, 5], rows }
}

/// Where the plot is on the page, and how scores and weeks map into it.
struct Plot {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    /// The width of the band names' column, right of the plot.
    band_column: f32,
    min: i32,
    max: i32,
    first_week: i64,
    last_week: i64,
}

impl Plot {
    fn y(&self, score: i32) -> f32 {
        let span = (self.max - self.min).max(1) as f32;
        let at = (score.clamp(self.min, self.max) - self.min) as f32 / span;
        self.bottom - at * (self.bottom - self.top)
    }

    /// The y of a band edge between two whole scores (half way between one band's end and the
    /// next one's start).
    fn y_between(&self, a: i32, b: i32) -> f32 {
        (self.y(a) + self.y(b)) / 2.0
    }

    fn x(&self, week: i64) -> f32 {
        let (left, right) = (self.left + INSET, self.right - INSET);
        if self.last_week <= self.first_week {
            return (left + right) / 2.0;
        }
        let at = (week - self.first_week) as f32 / (self.last_week - self.first_week) as f32;
        left + at * (right - left)
    }
}

/// The grey of band `i` of `n`: the most severe band darkest.
fn band_grey(i: usize, n: usize, higher_is_better: bool) -> Rgb {
    let severity = match (n, higher_is_better) {
        (0 | 1, _) => 0.0,
        (n, false) => i as f32 / (n - 1) as f32,
        (n, true) => (n - 1 - i) as f32 / (n - 1) as f32,
    };
    let level = (f32::from(LIGHTEST) - severity * f32::from(LIGHTEST - DARKEST)).round() as u8;
    (level, level, level)
}

/// Tick values for the y axis: round numbers 4 to 6 apart across the range, with the ends of the
/// range added where they do not crowd a round one.
fn y_ticks(plot: &Plot) -> Vec<i32> {
    let range = (plot.max - plot.min).max(1);
    let step = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000]
        .into_iter()
        .find(|s| range / s <= 6)
        .unwrap_or(range);
    let first = plot.min.div_euclid(step) * step + if plot.min.rem_euclid(step) == 0 { 0 } else { step };
    let mut ticks: Vec<i32> = (0..).map(|k| first + k * step).take_while(|t| *t <= plot.max).collect();
    for end in [plot.min, plot.max] {
        if ticks.iter().all(|t| (plot.y(*t) - plot.y(end)).abs() >= 8.0) {
            ticks.push(end);
        }
    }
    ticks.sort_unstable();
    ticks
}

/// Right-aligned text ending at `x`.
fn text_right(flow: &mut Flow<'_>, x: f32, baseline: f32, text: &str, style: Style) {
    let w = flow.fonts.width(style.face, style.size, text);
    flow.text(x - w, baseline, text, style);
}

/// Centred text around `x`.
fn text_centre(flow: &mut Flow<'_>, x: f32, baseline: f32, text: &str, style: Style) {
    let w = flow.fonts.width(style.face, style.size, text);
    flow.text(x - w / 2.0, baseline, text, style);
}

/// A chart's caption, wrapped to its width, and its note on which way is better.
struct Head {
    caption: Vec<Line>,
    note: &'static str,
    /// Whether the note fits at the right of the caption's last line.
    note_fits: bool,
}

fn head(flow: &Flow<'_>, row: &MeasureRow, width: f32) -> Head {
    let caption = wrap(flow.fonts, &[Run::new(format!("{}, {}", row.measure, row.person), CAPTION)], width);
    let note =
        if row.chart.higher_is_better { "Higher scores are better" } else { "Lower scores are better" };
    let used = caption
        .last()
        .and_then(|l| l.pieces.last())
        .map_or(0.0, |(x, t, s)| x + flow.fonts.width(s.face, s.size, t));
    let note_fits = used + 12.0 + flow.fonts.width(NOTE.face, NOTE.size, note) <= width;
    Head { caption, note, note_fits }
}

/// Where a chart goes: its sides, the top of its caption, and how many lines the captions of its
/// row take (with the notes beside the captions or under them).
struct Frame {
    left: f32,
    right: f32,
    top: f32,
    lines: usize,
    inline: bool,
}

/// One measure's trend chart in `frame`: the caption, the banded plot and the weeks.
fn chart(flow: &mut Flow<'_>, row: &MeasureRow, head: &Head, frame: &Frame) {
    let c = &row.chart;
    let (x0, x1, top) = (frame.left, frame.right, frame.top);

    // The caption, and which way is better.
    for (k, line) in head.caption.iter().enumerate() {
        flow.draw_line(x0, top + k as f32 * CAPTION_LEADING, line, CAPTION_LEADING);
    }
    let baseline = |k: usize| top + k as f32 * CAPTION_LEADING + 8.0;
    if frame.inline {
        text_right(flow, x1, baseline(0), head.note, NOTE);
    } else {
        flow.text(x0, baseline(head.caption.len()) - 0.5, head.note, NOTE);
    }

    let band_column =
        if x1 - x0 > 2.0 * (BAND_COLUMN_WIDE + GUTTER) { BAND_COLUMN_WIDE } else { BAND_COLUMN_NARROW };
    let plot_right = if c.bands.is_empty() { x1 } else { x1 - band_column - BAND_PAD };
    let plot_top = top + frame.lines as f32 * CAPTION_LEADING + HEADROOM;
    let plot = Plot {
        left: x0 + GUTTER,
        right: plot_right,
        top: plot_top,
        bottom: plot_top + PLOT_H,
        band_column,
        min: c.min.min(c.max),
        max: c.max.max(c.min),
        first_week: c.points.first().map_or(0, |p| p.week),
        last_week: c.points.last().map_or(0, |p| p.week),
    };

    bands(flow, c, &plot);
    axes(flow, &plot);
    weeks(flow, c, &plot);
    scores(flow, c, &plot);
}

/// Each band's stripe, its top and bottom on the page (y grows downwards).
fn stripes(c: &MeasureChart, plot: &Plot) -> Vec<(f32, f32)> {
    c.bands
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let low = if i == 0 { plot.bottom } else { plot.y_between(c.bands[i - 1].to, b.from) };
            let high = match c.bands.get(i + 1) {
                Some(next) => plot.y_between(b.to, next.from),
                None => plot.top,
            };
            (high.clamp(plot.top, plot.bottom), low.clamp(plot.top, plot.bottom))
        })
        .collect()
}

/// The bands as grey stripes with a thin edge between them, and their names at the right.
fn bands(flow: &mut Flow<'_>, c: &MeasureChart, plot: &Plot) {
    let n = c.bands.len();
    let width = plot.right - plot.left;
    if n == 0 {
        flow.rect(plot.left, plot.top, width, plot.bottom - plot.top, band_grey(0, 1, false));
        return;
    }
    let edges = stripes(c, plot);
    for (i, (high, low)) in edges.iter().enumerate() {
        flow.rect(plot.left, *high, width, low - high, band_grey(i, n, c.higher_is_better));
    }
    for (high, _) in edges.iter().take(n - 1) {
        flow.rule(plot.left, plot.right + 3.0, *high, 0.4, BAND_EDGE);
    }
    // The names, from the lowest band up; one that would crowd the last placed is left out.
    let mut ceiling = plot.bottom + 2.0;
    for ((high, low), band) in edges.iter().zip(&c.bands) {
        let lines = wrap(flow.fonts, &[Run::new(band.label.as_str(), BAND)], plot.band_column);
        let h = lines.len() as f32 * BAND_LEADING;
        let block_top = ((high + low) / 2.0 - h / 2.0).min(ceiling - h);
        // Pushed up out of its own band, or out of the plot: left out.
        if block_top < plot.top - 2.0 || block_top + h / 2.0 < high - 2.0 {
            continue;
        }
        for (k, line) in lines.iter().enumerate() {
            flow.draw_line(plot.right + BAND_PAD, block_top + k as f32 * BAND_LEADING, line, BAND_LEADING);
        }
        ceiling = block_top - 1.0;
    }
}

/// The axis lines, and the scores up the left.
fn axes(flow: &mut Flow<'_>, plot: &Plot) {
    flow.push(Op::Line {
        x1: plot.left,
        y1: plot.top,
        x2: plot.left,
        y2: plot.bottom,
        width: 0.6,
        color: AXIS,
    });
    flow.rule(plot.left, plot.right, plot.bottom, 0.6, AXIS);
    for t in y_ticks(plot) {
        let y = plot.y(t);
        flow.rule(plot.left - 3.0, plot.left, y, 0.6, AXIS);
        text_right(flow, plot.left - 4.5, y + 2.2, &shown(t), TICK);
    }
}

/// The weeks along the bottom: a tick at every score, and "week n" under as many as fit (the
/// first and the last always).
fn weeks(flow: &mut Flow<'_>, c: &MeasureChart, plot: &Plot) {
    let mut weeks: Vec<i64> = c.points.iter().map(|p| p.week).collect();
    weeks.dedup();
    let label = |w: i64| format!("week {w}");
    let extent = |flow: &Flow<'_>, w: i64| {
        let half = flow.fonts.width(TICK.face, TICK.size, &label(w)) / 2.0;
        (plot.x(w) - half, plot.x(w) + half)
    };
    let mut chosen: Vec<(i64, (f32, f32))> = Vec::new();
    let order = weeks.first().into_iter().chain(weeks.last()).chain(weeks.iter().skip(1));
    for &w in order {
        let (a, b) = extent(flow, w);
        if chosen.iter().all(|(v, (ca, cb))| *v != w && (b + 4.0 < *ca || a > cb + 4.0)) {
            chosen.push((w, (a, b)));
        }
    }
    let baseline = plot.bottom + 9.5;
    for &w in &weeks {
        flow.push(Op::Line {
            x1: plot.x(w),
            y1: plot.bottom,
            x2: plot.x(w),
            y2: plot.bottom + 3.0,
            width: 0.6,
            color: AXIS,
        });
    }
    for (w, _) in chosen {
        text_centre(flow, plot.x(w), baseline, &label(w), TICK);
    }
}

/// The line through the scores, a marker at each (filled at the baseline and the latest), and
/// the baseline's and the latest's labels.
fn scores(flow: &mut Flow<'_>, c: &MeasureChart, plot: &Plot) {
    let at: Vec<(f32, f32)> = c.points.iter().map(|p| (plot.x(p.week), plot.y(p.score))).collect();
    for pair in at.windows(2) {
        let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
        flow.push(Op::Line { x1: ax, y1: ay, x2: bx, y2: by, width: 1.3, color: ACCENT });
    }
    let last = at.len().saturating_sub(1);
    for (i, (x, y)) in at.iter().enumerate() {
        if i == 0 || i == last {
            flow.rect(x - MARKER, y - MARKER, 2.0 * MARKER, 2.0 * MARKER, ACCENT);
        } else {
            flow.rect(x - 2.75, y - 2.75, 5.5, 5.5, ACCENT);
            flow.rect(x - 1.5, y - 1.5, 3.0, 3.0, WHITE);
        }
    }
    let (Some(first), Some(latest)) = (c.points.first(), c.points.last()) else { return };
    let label = |word: &str, score: i32| format!("{word} {}", shown(score));
    let stripes = stripes(c, plot);
    let marks = Marks { at: &at, edges: stripes.iter().skip(1).map(|s| s.1).collect() };
    if last == 0 {
        point_label(flow, plot, &marks, 0, &label("baseline", first.score), Side::Right, None);
        return;
    }
    // The baseline's label runs into the plot from the left, the latest's from the right (and
    // when both were given the same week, to either side of it).
    let same_x = (at[0].0 - at[last].0).abs() < 1.0;
    let (first_side, last_side) = if same_x { (Side::Left, Side::Right) } else { (Side::Right, Side::Left) };
    let placed = point_label(flow, plot, &marks, 0, &label("baseline", first.score), first_side, None);
    point_label(flow, plot, &marks, last, &label("latest", latest.score), last_side, Some(placed));
}

#[derive(Clone, Copy)]
enum Side {
    /// The label starts at the marker and runs right.
    Right,
    /// The label ends at the marker.
    Left,
}

/// What a label should not cover: the scores (the line and its markers) and the band edges.
struct Marks<'a> {
    at: &'a [(f32, f32)],
    edges: Vec<f32>,
}

/// A box on the page: left, top, right, bottom.
type Area = (f32, f32, f32, f32);

fn overlap(a: Area, b: Area) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Half a filled marker's side.
const MARKER: f32 = 3.25;
/// How far a label may be moved along from its place next to the marker, in half points.
const SLIDE: usize = 24;
/// What each point of sliding costs, against a point of the line covered (1) or a band edge
/// crossed (2): a label slides a few points to keep clear of an edge, but not far from its marker.
const SLIDE_COST: f32 = 0.25;

/// Where a label may go around its marker, in order of preference: the offset of its near end
/// from the marker (away from it), and of its baseline, with how far it was slid from its place
/// next to the marker (above it, under it, or beside it, level or a little higher or lower).
fn places() -> impl Iterator<Item = (f32, f32, usize)> {
    let above = -(MARKER + 1.0 + LABEL_DESCENT);
    let below = MARKER + 1.0 + LABEL_ASCENT;
    let level = (LABEL_ASCENT - LABEL_DESCENT) / 2.0;
    (0..=SLIDE).flat_map(move |k| {
        let d = k as f32 / 2.0;
        [(-3.0, above - d), (-3.0, below + d), (MARKER + 3.5, level - d), (MARKER + 3.5, level + d)]
            .into_iter()
            .map(move |(dx, dy)| (dx, dy, k))
    })
}

/// Labels the marker `at[i]` with `text` where it covers the least of the line, of the other
/// markers, of the band edges and of the label to `avoid`, and is slid the least, inside the plot
/// (its top may reach into the headroom under the caption); the first such place on a tie.
/// Answers where it went.
fn point_label(
    flow: &mut Flow<'_>,
    plot: &Plot,
    marks: &Marks<'_>,
    i: usize,
    text: &str,
    side: Side,
    avoid: Option<Area>,
) -> Area {
    let at = marks.at;
    let (x, y) = at[i];
    let w = flow.fonts.width(POINT_LABEL.face, POINT_LABEL.size, text);
    let area = |(dx, dy): (f32, f32)| {
        let left = match side {
            Side::Right => x + dx,
            Side::Left => x - dx - w,
        };
        (left, y + dy - LABEL_ASCENT, left + w, y + dy + LABEL_DESCENT)
    };
    let inside = |a: Area| {
        a.0 >= plot.left + 1.0
            && a.2 <= plot.right - 1.0
            && a.1 >= plot.top - HEADROOM + 1.0
            && a.3 <= plot.bottom - 1.0
    };
    let cost = |a: Area| {
        let padded = (a.0 - 1.0, a.1 - 1.0, a.2 + 1.0, a.3 + 1.0);
        let on_line: usize = at
            .windows(2)
            .map(|s| {
                let ((ax, ay), (bx, by)) = (s[0], s[1]);
                let steps = (bx - ax).hypot(by - ay).ceil().max(1.0) as usize;
                (0..=steps)
                    .map(|k| k as f32 / steps as f32)
                    .filter(|t| {
                        let (px, py) = (ax + t * (bx - ax), ay + t * (by - ay));
                        px > padded.0 && px < padded.2 && py > padded.1 && py < padded.3
                    })
                    .count()
            })
            .sum();
        let markers = at
            .iter()
            .enumerate()
            .filter(|&(k, &(mx, my))| {
                k != i && overlap(padded, (mx - MARKER, my - MARKER, mx + MARKER, my + MARKER))
            })
            .count();
        let edges = marks.edges.iter().filter(|e| **e > padded.1 && **e < padded.3).count();
        let clash = avoid.is_some_and(|b| overlap(padded, b));
        on_line + 10 * markers + 2 * edges + if clash { 1000 } else { 0 }
    };
    let mut best: Option<(f32, Area)> = None;
    for (dx, dy, slid) in places() {
        let a = area((dx, dy));
        if !inside(a) {
            continue;
        }
        let c = cost(a) as f32 + slid as f32 / 2.0 * SLIDE_COST;
        if best.is_none_or(|(b, _)| c < b) {
            best = Some((c, a));
        }
    }
    let (left, top, ..) = best.map_or_else(|| area((-3.0, -(MARKER + 1.0 + LABEL_DESCENT))), |(_, a)| a);
    flow.text(left, top + LABEL_ASCENT, text, POINT_LABEL);
    (left, top, left + w, top + LABEL_ASCENT + LABEL_DESCENT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Fonts;
    use crate::layout::Geometry;
    use casebook_core::export::{ChartBand, ChartPoint, PaperSize};

    fn band(from: i32, to: i32, label: &str) -> ChartBand {
        ChartBand { from: from * 100, to: to * 100, label: label.into() }
    }

    fn phq9(points: &[(i64, i32)]) -> MeasureRow {
        MeasureRow {
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
                points: points.iter().map(|&(week, score)| ChartPoint { week, score }).collect(),
            },
        }
    }

    /// A measure with a long name and long band names, higher scores better.
    fn csi16(person: &str, points: &[(i64, i32)]) -> MeasureRow {
        MeasureRow {
            measure: "CSI-16 (couple satisfaction index, the sixteen-item short form)".into(),
            person: person.into(),
            baseline: None,
            current: None,
            band: None,
            change: None,
            chart: MeasureChart {
                min: 0,
                max: 8100,
                higher_is_better: true,
                bands: vec![band(0, 51, "Suggests relationship distress"), band(52, 81, "Above the cut-off")],
                points: points.iter().map(|&(week, score)| ChartPoint { week, score }).collect(),
            },
        }
    }

    fn ops(flow: &Flow<'_>) -> Vec<Op> {
        flow.pages.iter().flatten().cloned().collect()
    }

    fn texts(ops: &[Op]) -> Vec<String> {
        ops.iter()
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    /// Where the text `want` is: its x and baseline.
    fn text_at(ops: &[Op], want: &str) -> Vec<(f32, f32)> {
        ops.iter()
            .filter_map(|op| match op {
                Op::Text { x, y, text, .. } if text == want => Some((*x, *y)),
                _ => None,
            })
            .collect()
    }

    /// The segments of the trend line.
    fn trend_segments(ops: &[Op]) -> Vec<(f32, f32, f32, f32)> {
        ops.iter()
            .filter_map(|op| match op {
                Op::Line { x1, y1, x2, y2, color, .. } if *color == ACCENT => Some((*x1, *y1, *x2, *y2)),
                _ => None,
            })
            .collect()
    }

    /// The band stripes: the grey rectangles wider than a marker.
    fn stripes_drawn(ops: &[Op]) -> Vec<Area> {
        ops.iter()
            .filter_map(|op| match op {
                Op::Rect { x, y, w, h, fill: (r, g, b) } if r == g && g == b && *w > 20.0 => {
                    Some((*x, *y, x + w, y + h))
                }
                _ => None,
            })
            .collect()
    }

    /// What an operation covers on the page (a text from its ascent to its descent).
    fn extent(fonts: &Fonts, op: &Op) -> Area {
        match op {
            Op::Text { x, y, text, style } => (
                *x,
                y - style.size * 0.75,
                x + fonts.width(style.face, style.size, text),
                y + style.size * 0.2,
            ),
            Op::Rect { x, y, w, h, .. } => (*x, *y, x + w, y + h),
            Op::Line { x1, y1, x2, y2, .. } => (x1.min(*x2), y1.min(*y2), x1.max(*x2), y1.max(*y2)),
        }
    }

    fn drawn(rows: Vec<MeasureRow>) -> Vec<Op> {
        let fonts = Fonts::load().unwrap();
        let mut flow = Flow::new(&fonts, PaperSize::A4);
        draw(&mut flow, &Measures { rows });
        ops(&flow)
    }

    /// The left and right of each column of charts when two share a row.
    fn columns(geo: &Geometry) -> [(f32, f32); 2] {
        let w = (geo.text_width() - COLUMN_GAP) / 2.0;
        [(geo.left, geo.left + w), (geo.right - w, geo.right)]
    }

    #[test]
    fn scores_show_their_hundredths_only_when_they_have_them() {
        assert_eq!(shown(2655), "26.55");
        assert_eq!(shown(2650), "26.5");
        assert_eq!(shown(2600), "26");
    }

    #[test]
    fn the_chart_joins_the_scores_over_the_shaded_bands() {
        let ops = drawn(vec![phq9(&[(2, 1800), (8, 1300), (14, 900)])]);
        let segments = trend_segments(&ops);
        assert_eq!(segments.len(), 2, "two segments join three scores");
        // Lower is better: the improving scores run down the plot (y grows downwards).
        let (_, y0, _, y1) = segments[0];
        let (_, _, _, y2) = segments[1];
        assert!(y0 < y1 && y1 < y2, "the improvement runs down the plot: {y0} {y1} {y2}");
        let t = texts(&ops);
        for want in ["week 2", "week 8", "week 14", "Minimal", "Moderately severe", "Severe", "baseline 18"] {
            assert!(t.iter().any(|s| s == want), "no {want:?} in {t:?}");
        }
        assert!(t.iter().any(|s| s == "latest 9"), "{t:?}");
        assert!(t.iter().any(|s| s == "PHQ-9 (depression), Client"), "{t:?}");
        assert!(t.iter().any(|s| s == "Lower scores are better"), "{t:?}");
        for tick in ["0", "5", "10", "25"] {
            assert!(t.iter().any(|s| s == tick), "no tick {tick} in {t:?}");
        }
        // Five stripes, each a different grey, darker towards the severe end (the top).
        let greys: Vec<(f32, u8)> = ops
            .iter()
            .filter_map(|op| match op {
                Op::Rect { y, fill: (r, g, b), w, .. } if r == g && g == b && *w > 100.0 => Some((*y, *r)),
                _ => None,
            })
            .collect();
        assert_eq!(greys.len(), 5, "{greys:?}");
        assert!(greys.windows(2).all(|p| p[1].0 < p[0].0 && p[1].1 < p[0].1), "{greys:?}");
        // A lone chart takes the text width: its plot runs well past the middle of the page.
        let geo = Geometry::new(PaperSize::A4);
        let right = stripes_drawn(&ops).iter().map(|s| s.2).fold(0.0, f32::max);
        assert!(right > columns(&geo)[1].0 + 100.0, "{right}");
    }

    #[test]
    fn two_charts_share_a_row_and_an_odd_last_one_sits_at_the_left() {
        let fonts = Fonts::load().unwrap();
        let mut flow = Flow::new(&fonts, PaperSize::A4);
        let mut rows: Vec<MeasureRow> = Vec::new();
        for person in ["Client 1", "Client 2", "Client 3"] {
            let mut row = phq9(&[(2, 1800), (8, 1300), (14, 900)]);
            row.person = person.into();
            rows.push(row);
        }
        draw(&mut flow, &Measures { rows });
        assert_eq!(flow.pages.len(), 1);
        let ops = ops(&flow);
        let geo = flow.geo;
        let [(l0, r0), (l1, r1)] = columns(&geo);
        let caption = |n: u8| {
            let at = text_at(&ops, &format!("PHQ-9 (depression), Client {n}"));
            assert_eq!(at.len(), 1, "{at:?}");
            at[0]
        };
        let (c1, c2, c3) = (caption(1), caption(2), caption(3));
        // The first two side by side, the third under the first.
        assert!(
            (c1.1 - c2.1).abs() < 0.01 && (c1.0 - l0).abs() < 0.01 && (c2.0 - l1).abs() < 0.01,
            "{c1:?} {c2:?}"
        );
        assert!((c3.0 - l0).abs() < 0.01 && c3.1 > c1.1 + 90.0, "{c3:?} under {c1:?}");
        // Each chart has its five stripes and its line, inside its own column.
        let stripes = stripes_drawn(&ops);
        assert_eq!(stripes.len(), 15, "{stripes:?}");
        let in_column = |a: Area| {
            if a.0 >= l0 - 0.01 && a.2 <= r0 + 0.01 {
                Some(0)
            } else if a.0 >= l1 - 0.01 && a.2 <= r1 + 0.01 {
                Some(1)
            } else {
                None
            }
        };
        assert_eq!(stripes.iter().filter(|s| in_column(**s) == Some(0)).count(), 10, "{stripes:?}");
        assert_eq!(stripes.iter().filter(|s| in_column(**s) == Some(1)).count(), 5, "{stripes:?}");
        // The plots of a row line up, and the odd one is as wide as the others.
        let widths: Vec<f32> = stripes.iter().map(|s| s.2 - s.0).collect();
        assert!(widths.iter().all(|w| (w - widths[0]).abs() < 0.01 && *w > 100.0), "{widths:?}");
        let tops: Vec<f32> = stripes.iter().map(|s| s.1).collect();
        assert!(tops.iter().filter(|t| (**t - tops[4]).abs() < 0.01).count() == 2, "{tops:?}");
        let segments = trend_segments(&ops);
        assert_eq!(segments.len(), 6);
        for s in &segments {
            assert!(in_column((s.0.min(s.2), s.1, s.0.max(s.2), s.3)).is_some(), "{s:?}");
        }
        // Everything of the charts (the table's ops are wider) stays in a column, and on the page.
        let table_bottom = c1.1 - 12.0;
        for op in &ops {
            let a = extent(&fonts, op);
            assert!(
                a.0 >= geo.left - 0.01 && a.2 <= geo.right + 0.01 && a.1 >= geo.top && a.3 <= geo.bottom,
                "{op:?} outside the margins"
            );
            if a.1 > table_bottom {
                assert!(in_column(a).is_some(), "{op:?} in the gutter between the charts");
            }
        }
        for want in
            ["week 2", "week 14", "baseline 18", "latest 9", "Moderately severe", "Lower scores are better"]
        {
            assert_eq!(texts(&ops).iter().filter(|s| *s == want).count(), 3, "{want:?}");
        }
    }

    #[test]
    fn a_long_caption_wraps_and_the_row_s_plots_still_line_up() {
        let fonts = Fonts::load().unwrap();
        let ops = drawn(vec![phq9(&[(2, 1800), (14, 900)]), csi16("Partner", &[(1, 3800), (9, 4900)])]);
        let geo = Geometry::new(PaperSize::A4);
        let [(l0, _), (l1, r1)] = columns(&geo);
        // The notes go under the captions, both of them, so the plots start at the same height.
        let short = text_at(&ops, "PHQ-9 (depression), Client")[0];
        let lower = text_at(&ops, "Lower scores are better")[0];
        let higher = text_at(&ops, "Higher scores are better")[0];
        assert!((lower.0 - l0).abs() < 0.01 && (higher.0 - l1).abs() < 0.01, "{lower:?} {higher:?}");
        assert!((lower.1 - short.1 - CAPTION_LEADING).abs() < 1.0, "{lower:?} right under {short:?}");
        assert!((higher.1 - lower.1 - CAPTION_LEADING).abs() < 0.01, "{higher:?} under the two lines");
        let captions: Vec<&Op> = ops
            .iter()
            .filter(|op| matches!(op, Op::Text { y, style, .. } if *style == CAPTION && *y > short.1 - 0.01))
            .filter(|op| extent(&fonts, op).0 >= l1 - 0.01)
            .collect();
        assert_eq!(captions.len(), 2, "the long caption takes two lines: {captions:?}");
        for op in captions {
            assert!(extent(&fonts, op).2 <= r1 + 0.01, "{op:?}");
        }
        let stripes = stripes_drawn(&ops);
        let top =
            |x: f32| stripes.iter().filter(|s| (s.0 - x).abs() < 40.0).map(|s| s.1).fold(f32::MAX, f32::min);
        assert!((top(l0 + GUTTER) - top(l1 + GUTTER)).abs() < 0.01, "{stripes:?}");
        assert!(top(l0 + GUTTER) > higher.1, "the plots start under the notes");
        // The long band name wraps in its column without crossing the other band's name.
        let names: Vec<Area> = ops
            .iter()
            .filter(|op| matches!(op, Op::Text { style, .. } if *style == BAND))
            .map(|op| extent(&fonts, op))
            .filter(|a| a.0 > l1)
            .collect();
        assert!(names.len() >= 3, "{names:?}");
        for (i, a) in names.iter().enumerate() {
            assert!(a.2 <= r1 + 0.01, "{a:?} beyond the chart");
            assert!(names.iter().skip(i + 1).all(|b| !overlap(*a, *b)), "{names:?}");
        }
    }

    #[test]
    fn a_single_score_is_a_point_without_a_line() {
        let mut row = phq9(&[(3, 2200)]);
        row.chart.higher_is_better = true;
        let ops = drawn(vec![row]);
        assert!(trend_segments(&ops).is_empty());
        let t = texts(&ops);
        assert!(t.iter().any(|s| s == "week 3") && t.iter().any(|s| s == "baseline 22"), "{t:?}");
        assert!(!t.iter().any(|s| s.starts_with("latest")), "{t:?}");
        assert!(t.iter().any(|s| s == "Higher scores are better"), "{t:?}");
    }

    #[test]
    fn hundredths_and_crowded_weeks_read_cleanly() {
        let fonts = Fonts::load().unwrap();
        let geo = Geometry::new(PaperSize::A4);
        // Alone at the text width, and two side by side at half of it.
        for n in [1, 2] {
            let mut row = phq9(&(1..=20).map(|w| (w, 2000 - 55 * w as i32)).collect::<Vec<_>>());
            row.chart.max = 3600;
            let ops = drawn(vec![row; n]);
            assert_eq!(trend_segments(&ops).len(), 19 * n);
            let t = texts(&ops);
            assert_eq!(t.iter().filter(|s| *s == "baseline 19.45").count(), n, "{t:?}");
            assert_eq!(t.iter().filter(|s| *s == "latest 9").count(), n, "{t:?}");
            assert_eq!(t.iter().filter(|s| *s == "week 1").count(), n, "{t:?}");
            assert_eq!(t.iter().filter(|s| *s == "week 20").count(), n, "{t:?}");
            // The week labels never overlap, in either chart.
            for (left, right) in if n == 1 { vec![(geo.left, geo.right)] } else { columns(&geo).to_vec() } {
                let mut spans: Vec<(f32, f32)> = ops
                    .iter()
                    .filter(|op| matches!(op, Op::Text { text, .. } if text.starts_with("week ")))
                    .map(|op| extent(&fonts, op))
                    .filter(|a| a.0 >= left && a.2 <= right)
                    .map(|a| (a.0, a.2))
                    .collect();
                spans.sort_by(|a, b| a.0.total_cmp(&b.0));
                assert!(spans.len() < 20 && spans.len() >= 5, "{n}: {spans:?}");
                assert!(spans.windows(2).all(|p| p[0].1 < p[1].0), "{spans:?}");
            }
        }
    }

    #[test]
    fn the_score_labels_keep_off_the_line_and_the_band_edges() {
        let fonts = Fonts::load().unwrap();
        let dense: Vec<(i64, i32)> = (1..=24).map(|w| (w, 2600 - 105 * w as i32)).collect();
        let v_shape = [(2, 2700), (5, 0), (9, 2700)];
        let rising = [(1, 300), (6, 2100)];
        let level = [(1, 1200), (4, 1250), (9, 1200)];
        let at_edges = [(1, 1450), (3, 1950), (8, 950)];
        let all = [&dense[..], &v_shape[..], &rising[..], &level[..], &at_edges[..]];
        // Each alone at the text width, and in pairs at half of it.
        let mut cases: Vec<Vec<&[(i64, i32)]>> = all.iter().map(|p| vec![*p]).collect();
        for (i, a) in all.iter().enumerate() {
            cases.push(vec![*a, all[(i + 1) % all.len()]]);
        }
        for points in cases {
            let ops = drawn(points.iter().map(|p| phq9(p)).collect());
            let segments = trend_segments(&ops);
            let edges: Vec<(f32, f32, f32)> = ops
                .iter()
                .filter_map(|op| match op {
                    Op::Line { x1, y1, x2, y2, color, .. } if *color == BAND_EDGE && y1 == y2 => {
                        Some((*x1, *x2, *y1))
                    }
                    _ => None,
                })
                .collect();
            let labels: Vec<Area> = ops
                .iter()
                .filter_map(|op| match op {
                    Op::Text { x, y, text, style } if *style == POINT_LABEL => Some((
                        *x,
                        y - LABEL_ASCENT,
                        x + fonts.width(style.face, style.size, text),
                        y + LABEL_DESCENT,
                    )),
                    _ => None,
                })
                .collect();
            assert_eq!(labels.len(), 2 * points.len(), "{points:?}");
            for (i, a) in labels.iter().enumerate() {
                assert!(labels.iter().skip(i + 1).all(|b| !overlap(*a, *b)), "{labels:?}");
                for &(x1, y1, x2, y2) in &segments {
                    let hit = (0..=100).map(|k| k as f32 / 100.0).any(|t| {
                        let (px, py) = (x1 + t * (x2 - x1), y1 + t * (y2 - y1));
                        px > a.0 && px < a.2 && py > a.1 && py < a.3
                    });
                    assert!(!hit, "the label at {a:?} covers the line, with {points:?}");
                }
                // At half width a long line leaves little room: an edge may graze the top or the
                // bottom of a label's box (above its letters, below their baseline), never run
                // through its letters.
                let graze = if points.len() == 1 { 0.0 } else { 0.5 };
                let crossed = edges
                    .iter()
                    .any(|&(x1, x2, y)| x1 < a.2 && a.0 < x2 && y > a.1 + graze && y < a.3 - graze);
                assert!(!crossed, "{a:?} crosses an edge of {edges:?}, with {points:?}");
            }
        }
    }

    #[test]
    fn a_row_of_charts_never_straddles_a_page_break() {
        let fonts = Fonts::load().unwrap();
        let mut flow = Flow::new(&fonts, PaperSize::A4);
        let rows: Vec<MeasureRow> = (0..11)
            .map(|k| {
                let mut row = phq9(&[(2, 1800), (8, 1300), (14, 900)]);
                row.person = format!("Client {k}");
                row
            })
            .collect();
        draw(&mut flow, &Measures { rows });
        assert!(flow.pages.len() >= 2);
        let geo = flow.geo;
        let mut seen = Vec::new();
        for page in &flow.pages {
            for op in page {
                let a = extent(&fonts, op);
                assert!(
                    a.0 >= geo.left - 0.01
                        && a.2 <= geo.right + 0.01
                        && a.1 >= geo.top - 0.01
                        && a.3 <= geo.bottom + 0.01,
                    "{op:?} outside the page"
                );
            }
            // Each page's captions come with their whole chart, and with the other chart of their
            // row: as many trend lines as captions, and both of a row on the same page.
            let t = texts(page);
            let on_page: Vec<usize> =
                (0..11).filter(|k| t.contains(&format!("PHQ-9 (depression), Client {k}"))).collect();
            assert_eq!(trend_segments(page).len(), 2 * on_page.len());
            assert_eq!(t.iter().filter(|s| *s == "latest 9").count(), on_page.len());
            for k in &on_page {
                let partner = k ^ 1;
                assert!(
                    partner >= 11 || on_page.contains(&partner),
                    "chart {k} without {partner}: {on_page:?}"
                );
            }
            seen.extend(on_page);
        }
        assert_eq!(seen, (0..11).collect::<Vec<_>>());
    }

    #[test]
    fn no_measures_is_a_remark() {
        let ops = drawn(Vec::new());
        assert_eq!(texts(&ops).join(" "), NONE_RECORDED);
    }
}
