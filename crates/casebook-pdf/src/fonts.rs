//! The fonts every PDF embeds: Carlito regular, bold and italic (SIL Open Font License), compiled
//! into the binary from `assets/fonts/`, so nothing is fetched and no system font is looked up.
//! They are stored deflated (see `build.rs`) and inflated once, on the first export, to the very
//! bytes of the files. krilla embeds only the glyphs a document uses.
//!
//! Text is set glyph by glyph from the font's character map, without shaping: the widths the
//! line breaker measures are exactly the advances drawn, and every glyph maps back to its own
//! character, so text extracted from the PDF (by a reader, a search or `pdftotext`) is the text
//! written, ligature-free.

use casebook_core::{Error, Result};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};
use std::io::Read;
use std::sync::OnceLock;

static REGULAR: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/Carlito-Regular.ttf.deflate"));
static BOLD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/Carlito-Bold.ttf.deflate"));
static ITALIC: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/Carlito-Italic.ttf.deflate"));

/// The three faces inflated, once for the process: every renderer reads the same bytes, which
/// live as long as the program (as the stored fonts did when they were kept whole).
static INFLATED: OnceLock<Option<[&'static [u8]; 3]>> = OnceLock::new();

fn inflate(packed: &[u8]) -> Option<&'static [u8]> {
    let mut data = Vec::new();
    flate2::read::DeflateDecoder::new(packed).read_to_end(&mut data).ok()?;
    Some(Box::leak(data.into_boxed_slice()))
}

/// The regular, bold and italic TrueType files.
fn faces() -> Result<[&'static [u8]; 3]> {
    let faces = INFLATED.get_or_init(|| Some([inflate(REGULAR)?, inflate(BOLD)?, inflate(ITALIC)?]));
    faces.ok_or_else(|| Error::Corrupt("A font built into Casebook could not be read.".into()))
}

/// Which face of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Regular,
    Bold,
    Italic,
}

/// One face: the font krilla embeds, and what measuring needs.
struct Loaded {
    font: Font,
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded").field("units_per_em", &self.units_per_em).finish_non_exhaustive()
    }
}

impl Loaded {
    fn new(data: &'static [u8]) -> Result<Loaded> {
        let broken = || Error::Corrupt("A font built into Casebook could not be read.".into());
        let font_ref = FontRef::new(data).map_err(|_| broken())?;
        let font = Font::new(data.into(), 0).ok_or_else(broken)?;
        let units_per_em = f32::from(font_ref.head().map_err(|_| broken())?.units_per_em());
        Ok(Loaded {
            font,
            charmap: font_ref.charmap(),
            metrics: font_ref.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
        })
    }

    /// The glyph of `c` and its advance in ems.
    fn glyph(&self, c: char) -> (GlyphId, f32) {
        let c = match c {
            '\t' => ' ',
            c if c.is_control() => ' ',
            c => c,
        };
        let id = self.charmap.map(c).or_else(|| self.charmap.map('?')).unwrap_or_default();
        let advance = self.metrics.advance_width(id).unwrap_or(0.0) / self.units_per_em;
        (GlyphId::new(id.to_u32()), advance)
    }
}

use skrifa::raw::TableProvider;

/// The family, loaded once per renderer.
#[derive(Debug)]
pub(crate) struct Fonts {
    regular: Loaded,
    bold: Loaded,
    italic: Loaded,
}

impl Fonts {
    pub fn load() -> Result<Fonts> {
        let [regular, bold, italic] = faces()?;
        Ok(Fonts { regular: Loaded::new(regular)?, bold: Loaded::new(bold)?, italic: Loaded::new(italic)? })
    }

    fn face(&self, face: Face) -> &Loaded {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Italic => &self.italic,
        }
    }

    pub fn font(&self, face: Face) -> Font {
        self.face(face).font.clone()
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let f = self.face(face);
        text.chars().map(|c| f.glyph(c).1).sum::<f32>() * size
    }

    /// The glyphs that draw `text`, one per character.
    pub fn glyphs(&self, face: Face, text: &str) -> Vec<KrillaGlyph> {
        let f = self.face(face);
        text.char_indices()
            .map(|(i, c)| {
                let (id, advance) = f.glyph(c);
                KrillaGlyph::new(id, advance, 0.0, 0.0, 0.0, i..i + c.len_utf8(), None)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_faces_inflate_to_the_font_files() {
        let files: [&[u8]; 3] = [
            include_bytes!("../../../assets/fonts/Carlito-Regular.ttf"),
            include_bytes!("../../../assets/fonts/Carlito-Bold.ttf"),
            include_bytes!("../../../assets/fonts/Carlito-Italic.ttf"),
        ];
        let inflated = faces().expect("the stored faces inflate");
        for (inflated, file) in inflated.iter().zip(files) {
            assert!(*inflated == file, "an inflated face differs from its file");
        }
        let stored = REGULAR.len() + BOLD.len() + ITALIC.len();
        assert!(stored * 2 < files.iter().map(|f| f.len()).sum::<usize>(), "stored {stored} bytes");
        assert!(inflate(&REGULAR[..REGULAR.len() / 2]).is_none(), "a cut stream is refused");
    }

    #[test]
    fn every_face_parses_and_measures() {
        let fonts = Fonts::load().expect("the built-in fonts parse");
        for face in [Face::Regular, Face::Bold, Face::Italic] {
            let wide = fonts.width(face, 10.0, "Supervision summary");
            assert!(wide > 50.0 && wide < 150.0, "{face:?}: {wide}");
            assert!(fonts.width(face, 10.0, "W") > fonts.width(face, 10.0, "i"));
        }
    }
}
