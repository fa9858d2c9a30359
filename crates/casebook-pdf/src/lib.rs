//! Casebook's PDF renderer: the supervision summary and the referral letter, drawn from the
//! engine's models (`casebook_core::export`) into PDF bytes in memory. No temporary file is ever
//! written: the bytes go straight to `export::write_export`, which places them at the therapist's
//! chosen path.
//!
//! The PDF dependencies (krilla, which writes and subsets; skrifa, which measures) live in this
//! crate only, so the engine builds without them and edits elsewhere do not rebuild them. Fonts
//! are compiled in from `assets/fonts/` and embedded in every document; nothing is fetched.
//!
//! What does not belong here: what a summary says (the engine's `export` builds and de-identifies
//! the model; this crate draws exactly that model and nothing else).

mod blocks;
mod fonts;
mod layout;
mod letter;
mod measures;
mod paint;
mod summary;

use casebook_core::Result;
use casebook_core::export::{PaperSize, PdfRenderer, ReferralLetter, SupervisionSummary};

/// Renders summaries and letters; parses the fonts on the first document and keeps them, so keep
/// one for the app's lifetime. Nothing is read at start: most sessions export nothing, and the
/// window's cold start and idle memory do not pay for the fonts (issue 13).
#[derive(Debug, Default)]
pub struct Renderer {
    fonts: std::sync::OnceLock<fonts::Fonts>,
}

impl Renderer {
    pub fn new() -> Renderer {
        Renderer::default()
    }

    /// The fonts, parsed on first use. A font that does not parse is a broken build; the
    /// `every_face_parses` test catches it before a therapist could.
    fn fonts(&self) -> Result<&fonts::Fonts> {
        if let Some(fonts) = self.fonts.get() {
            return Ok(fonts);
        }
        let loaded = fonts::Fonts::load()?;
        Ok(self.fonts.get_or_init(|| loaded))
    }

    /// The supervision summary as PDF bytes.
    pub fn summary_pdf(&self, summary: &SupervisionSummary, paper: PaperSize) -> Result<Vec<u8>> {
        let started = std::time::Instant::now();
        let bytes = summary::render(self.fonts()?, summary, paper)?;
        tracing::info!(
            bytes = bytes.len(),
            ms = started.elapsed().as_millis() as u64,
            "summary PDF rendered"
        );
        Ok(bytes)
    }

    /// The referral letter as PDF bytes.
    pub fn letter_pdf(&self, letter: &ReferralLetter, paper: PaperSize) -> Result<Vec<u8>> {
        letter::render(self.fonts()?, letter, paper)
    }
}

impl PdfRenderer for Renderer {
    fn summary_pdf(&self, summary: &SupervisionSummary, paper: PaperSize) -> Result<Vec<u8>> {
        Renderer::summary_pdf(self, summary, paper)
    }

    fn letter_pdf(&self, letter: &ReferralLetter, paper: PaperSize) -> Result<Vec<u8>> {
        Renderer::letter_pdf(self, letter, paper)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_renderer_can_live_in_shared_app_state() {
        fn shareable<T: Send + Sync + 'static>() {}
        shareable::<super::Renderer>();
    }
}
