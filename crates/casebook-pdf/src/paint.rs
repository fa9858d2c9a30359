//! Painting laid-out pages into a PDF with krilla, in memory: every page gets the running header
//! (what the document is, and the IDENTIFIED label when it names the client) and the footer with
//! "page n of N"; sections become bookmarks.

use crate::fonts::{Face, Fonts};
use crate::layout::{ALERT, ALERT_TINT, Flow, Geometry, MUTED, Op, RULE, Rgb, Style};
use casebook_core::{Error, Result};
use chrono::{Datelike, NaiveDate};
use krilla::Document;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;

/// What runs along the top and bottom of every page.
#[derive(Debug, Clone)]
pub(crate) struct Running {
    /// Left of the header: "Confidential: clinical supervision material".
    pub header: String,
    /// Right of the header: "Case K7QX-M2P4".
    pub header_right: String,
    /// Left of the footer.
    pub footer: String,
    /// Shows the IDENTIFIED label on every page.
    pub identified: bool,
    pub title: String,
    pub date: NaiveDate,
}

fn color(c: Rgb) -> krilla::color::rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn fill(c: Rgb) -> Fill {
    Fill { paint: color(c).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

fn draw_text(surface: &mut Surface<'_>, fonts: &Fonts, x: f32, y: f32, text: &str, style: Style) {
    surface.set_fill(Some(fill(style.color)));
    let glyphs = fonts.glyphs(style.face, text);
    surface.draw_glyphs(Point::from_xy(x, y), &glyphs, fonts.font(style.face), text, style.size, false);
}

fn draw_op(surface: &mut Surface<'_>, fonts: &Fonts, op: &Op) {
    match op {
        Op::Text { x, y, text, style } => draw_text(surface, fonts, *x, *y, text, *style),
        Op::Rect { x, y, w, h, fill: c } => {
            if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                let mut pb = PathBuilder::new();
                pb.push_rect(rect);
                if let Some(path) = pb.finish() {
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*c)));
                    surface.draw_path(&path);
                }
            }
        }
        Op::Line { x1, y1, x2, y2, width, color: c } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, *y1);
            pb.line_to(*x2, *y2);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: color(*c).into(),
                    width: *width,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
    }
}

fn running(
    surface: &mut Surface<'_>,
    fonts: &Fonts,
    geo: &Geometry,
    run: &Running,
    page: usize,
    pages: usize,
) {
    let small = Style::new(Face::Regular, 8.5, MUTED);
    let small_bold = Style::new(Face::Bold, 8.5, MUTED);
    let header_y = 40.0;
    draw_op(
        surface,
        fonts,
        &Op::Text { x: geo.left, y: header_y, text: run.header.clone(), style: small_bold },
    );
    let mut right_edge = geo.right;
    if !run.header_right.is_empty() {
        let w = fonts.width(small.face, small.size, &run.header_right);
        draw_op(
            surface,
            fonts,
            &Op::Text { x: right_edge - w, y: header_y, text: run.header_right.clone(), style: small },
        );
        right_edge -= w + 10.0;
    }
    if run.identified {
        let label = Style::new(Face::Bold, 8.5, ALERT);
        let text = "IDENTIFIED";
        let w = fonts.width(label.face, label.size, text);
        let (bx, by) = (right_edge - w - 10.0, header_y - 10.0);
        draw_op(surface, fonts, &Op::Rect { x: bx, y: by, w: w + 10.0, h: 13.5, fill: ALERT_TINT });
        draw_op(surface, fonts, &Op::Text { x: bx + 5.0, y: header_y, text: text.into(), style: label });
    }
    draw_op(
        surface,
        fonts,
        &Op::Line {
            x1: geo.left,
            y1: header_y + 7.0,
            x2: geo.right,
            y2: header_y + 7.0,
            width: 0.6,
            color: RULE,
        },
    );
    let footer_y = geo.height - 34.0;
    draw_op(
        surface,
        fonts,
        &Op::Line {
            x1: geo.left,
            y1: footer_y - 12.0,
            x2: geo.right,
            y2: footer_y - 12.0,
            width: 0.6,
            color: RULE,
        },
    );
    draw_op(surface, fonts, &Op::Text { x: geo.left, y: footer_y, text: run.footer.clone(), style: small });
    let number = format!("Page {page} of {pages}");
    let w = fonts.width(small.face, small.size, &number);
    draw_op(surface, fonts, &Op::Text { x: geo.right - w, y: footer_y, text: number, style: small });
}

/// The finished PDF.
pub(crate) fn finish(flow: Flow<'_>, run: &Running) -> Result<Vec<u8>> {
    let Flow { fonts, geo, pages, marks, .. } = flow;
    let mut document = Document::new();
    let total = pages.len();
    for (i, ops) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(geo.width, geo.height)
            .ok_or_else(|| Error::Storage("The PDF page size is not valid.".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        running(&mut surface, fonts, &geo, run, i + 1, total);
        for op in ops {
            draw_op(&mut surface, fonts, op);
        }
        surface.finish();
        page.finish();
    }
    let mut outline = Outline::new();
    for mark in marks {
        let dest = XyzDestination::new(mark.page, Point::from_xy(geo.left, (mark.y - 12.0).max(0.0)));
        outline.push_child(OutlineNode::new(mark.title, dest));
    }
    document.set_outline(outline);
    let date = krilla::metadata::DateTime::new(u16::try_from(run.date.year()).unwrap_or(2000))
        .month(u8::try_from(run.date.month()).unwrap_or(1))
        .day(u8::try_from(run.date.day()).unwrap_or(1));
    document.set_metadata(
        Metadata::new()
            .title(run.title.clone())
            .creator("Casebook".into())
            .language("en".into())
            .creation_date(date),
    );
    document.finish().map_err(|_| Error::Storage("The PDF could not be made.".into()))
}
