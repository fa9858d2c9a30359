//! A small flow layout: styled runs wrapped into lines, lines stacked down the page, a new page
//! when one is full. Pages are collected as drawing operations and painted afterwards
//! ([`crate::paint`]), once the number of pages is known for "page 3 of 7".
//!
//! It knows exactly what a summary and a letter need (paragraphs, labelled fields, tables that
//! repeat their heading row, rules and tinted boxes) and nothing more.

use crate::fonts::{Face, Fonts};
use casebook_core::export::PaperSize;

/// A colour as red, green, blue.
pub(crate) type Rgb = (u8, u8, u8);

pub(crate) const INK: Rgb = (0x1f, 0x29, 0x33);
pub(crate) const MUTED: Rgb = (0x52, 0x60, 0x6d);
pub(crate) const ACCENT: Rgb = (0x1d, 0x4e, 0x5f);
pub(crate) const TINT: Rgb = (0xe6, 0xef, 0xf1);
pub(crate) const ZEBRA: Rgb = (0xf5, 0xf8, 0xf9);
pub(crate) const RULE: Rgb = (0xc5, 0xd1, 0xd6);
pub(crate) const ALERT: Rgb = (0xb4, 0x23, 0x18);
pub(crate) const ALERT_TINT: Rgb = (0xfd, 0xec, 0xea);

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub face: Face,
    pub size: f32,
    pub color: Rgb,
}

impl Style {
    pub const fn new(face: Face, size: f32, color: Rgb) -> Style {
        Style { face, size, color }
    }
}

pub(crate) const BODY: Style = Style::new(Face::Regular, 10.5, INK);

/// Text in one style.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub text: String,
    pub style: Style,
}

impl Run {
    pub fn new(text: impl Into<String>, style: Style) -> Run {
        Run { text: text.into(), style }
    }
}

/// Something to draw on a page; y grows downwards, text is placed by its baseline.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Text { x: f32, y: f32, text: String, style: Style },
    Rect { x: f32, y: f32, w: f32, h: f32, fill: Rgb },
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Rgb },
}

/// A placed line of text: pieces with their offsets from the line's start.
#[derive(Debug, Clone, Default)]
pub(crate) struct Line {
    pub pieces: Vec<(f32, String, Style)>,
}

/// The page and its margins, in points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    pub fn new(paper: PaperSize) -> Geometry {
        let (width, height) = match paper {
            PaperSize::A4 => (595.28, 841.89),
            PaperSize::Letter => (612.0, 792.0),
        };
        Geometry { width, height, left: 62.0, right: width - 62.0, top: 78.0, bottom: height - 64.0 }
    }

    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }
}

/// A bookmark: a title and where its heading is.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    pub title: String,
    pub page: usize,
    pub y: f32,
}

/// The pages being filled.
pub(crate) struct Flow<'a> {
    pub fonts: &'a Fonts,
    pub geo: Geometry,
    pub pages: Vec<Vec<Op>>,
    pub marks: Vec<Mark>,
    /// The cursor: the top of the next thing to place.
    pub y: f32,
}

impl<'a> Flow<'a> {
    pub fn new(fonts: &'a Fonts, paper: PaperSize) -> Flow<'a> {
        let geo = Geometry::new(paper);
        Flow { fonts, geo, pages: vec![Vec::new()], marks: Vec::new(), y: geo.top }
    }

    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    pub fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.geo.top;
    }

    pub fn room(&self) -> f32 {
        self.geo.bottom - self.y
    }

    /// Starts a new page unless `height` fits on this one.
    pub fn keep(&mut self, height: f32) {
        if height > self.room() && self.y > self.geo.top {
            self.new_page();
        }
    }

    pub fn space(&mut self, height: f32) {
        if self.y > self.geo.top {
            self.y = (self.y + height).min(self.geo.bottom);
        }
    }

    pub fn mark(&mut self, title: &str) {
        self.marks.push(Mark { title: title.into(), page: self.page_index(), y: self.y });
    }

    pub fn text(&mut self, x: f32, baseline: f32, text: &str, style: Style) {
        if !text.is_empty() {
            self.push(Op::Text { x, y: baseline, text: text.into(), style });
        }
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Rgb) {
        self.push(Op::Rect { x, y, w, h, fill });
    }

    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: Rgb) {
        self.push(Op::Line { x1, y1: y, x2, y2: y, width, color });
    }

    /// Draws a wrapped line with its top at `top`.
    pub fn draw_line(&mut self, x: f32, top: f32, line: &Line, leading: f32) {
        let size = line.pieces.iter().map(|p| p.2.size).fold(0.0, f32::max);
        let baseline = top + (leading - size) / 2.0 + size * 0.80;
        for (dx, text, style) in &line.pieces {
            self.text(x + dx, baseline, text, *style);
        }
    }

    /// Wraps `runs` to `width` and places the lines at `x`, breaking to new pages as needed.
    pub fn paragraph(&mut self, runs: &[Run], x: f32, width: f32, leading: f32) {
        for line in wrap(self.fonts, runs, width) {
            self.keep(leading);
            let top = self.y;
            self.draw_line(x, top, &line, leading);
            self.y += leading;
        }
    }
}

/// One unbreakable word (possibly in several styles) or a space.
enum Item {
    Word(Vec<(String, Style)>),
    Space(Style),
    Break,
}

fn items(runs: &[Run]) -> Vec<Item> {
    let mut out = Vec::new();
    let mut word: Vec<(String, Style)> = Vec::new();
    let flush = |word: &mut Vec<(String, Style)>, out: &mut Vec<Item>| {
        if !word.is_empty() {
            out.push(Item::Word(std::mem::take(word)));
        }
    };
    for run in runs {
        for c in run.text.chars() {
            match c {
                '\n' => {
                    flush(&mut word, &mut out);
                    out.push(Item::Break);
                }
                '\r' => {}
                c if c.is_whitespace() => {
                    flush(&mut word, &mut out);
                    out.push(Item::Space(run.style));
                }
                c => match word.last_mut() {
                    Some((text, style)) if *style == run.style => text.push(c),
                    _ => word.push((c.to_string(), run.style)),
                },
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Greedy line breaking; spaces collapse to one, and a word longer than the line is broken
/// between characters.
pub(crate) fn wrap(fonts: &Fonts, runs: &[Run], width: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    let mut x = 0.0f32;
    let mut space: Option<Style> = None;
    let measure = |t: &str, s: &Style| fonts.width(s.face, s.size, t);
    for item in items(runs) {
        match item {
            Item::Break => {
                lines.push(std::mem::take(&mut line));
                (x, space) = (0.0, None);
            }
            Item::Space(style) => {
                if !line.pieces.is_empty() && space.is_none() {
                    space = Some(style);
                }
            }
            Item::Word(pieces) => {
                let w: f32 = pieces.iter().map(|(t, s)| measure(t, s)).sum();
                let mut gap = space.map_or(0.0, |s| measure(" ", &s));
                if !line.pieces.is_empty() && x + gap + w > width {
                    lines.push(std::mem::take(&mut line));
                    (x, gap, space) = (0.0, 0.0, None);
                }
                for (i, (text, style)) in pieces.into_iter().enumerate() {
                    if w > width {
                        // Too long for any line: character by character.
                        x += std::mem::take(&mut gap);
                        for c in text.chars() {
                            let cw = measure(c.encode_utf8(&mut [0; 4]), &style);
                            if x + cw > width && x > 0.0 {
                                lines.push(std::mem::take(&mut line));
                                x = 0.0;
                            }
                            line.pieces.push((x, c.to_string(), style));
                            x += cw;
                        }
                        continue;
                    }
                    let tw = measure(&text, &style);
                    match line.pieces.last_mut() {
                        Some((_, t, s)) if i == 0 && space == Some(style) && *s == style => {
                            t.push(' ');
                            t.push_str(&text);
                        }
                        _ => line.pieces.push((x + if i == 0 { gap } else { 0.0 }, text, style)),
                    }
                    x += if i == 0 { gap } else { 0.0 } + tw;
                }
                space = None;
            }
        }
    }
    if !line.pieces.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(line: &Line) -> String {
        line.pieces.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join("|")
    }

    fn end_of(fonts: &Fonts, line: &Line) -> f32 {
        line.pieces.last().map_or(0.0, |(x, t, s)| x + fonts.width(s.face, s.size, t))
    }

    #[test]
    fn lines_break_between_words_and_keep_hard_breaks() {
        let fonts = Fonts::load().unwrap();
        let runs = [Run::new("one two three four five six seven\neight", BODY)];
        let width = fonts.width(Face::Regular, BODY.size, "one two three");
        let lines = wrap(&fonts, &runs, width + 0.5);
        let texts: Vec<String> = lines.iter().map(text_of).collect();
        assert_eq!(texts, ["one two three", "four five six", "seven", "eight"]);
        for line in &lines {
            assert!(end_of(&fonts, line) <= width + 0.5);
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_split_and_styles_stay_apart() {
        let fonts = Fonts::load().unwrap();
        let bold = Style::new(Face::Bold, 10.5, INK);
        let runs = [Run::new("Client", bold), Run::new("'s ", BODY), Run::new("x".repeat(200), BODY)];
        let lines = wrap(&fonts, &runs, 100.0);
        assert!(lines.len() > 2);
        assert_eq!(lines[0].pieces[0].1, "Client");
        assert_eq!(lines[0].pieces[1].1, "'s");
        let all: String = lines.iter().flat_map(|l| l.pieces.iter().map(|p| p.1.clone())).collect();
        assert_eq!(all, format!("Client's{}", "x".repeat(200)));
        assert!(lines.iter().all(|l| end_of(&fonts, l) <= 100.0 + 0.01));
    }
}
