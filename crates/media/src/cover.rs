//! Report covers: page 1 of a PDF drawn by hayro (pure Rust, fonts embedded), as JPEG and WebP.
//! A PDF that cannot be drawn gets no picture and a note saying why; pages then show a generic
//! cover, never a picture of something else.

use std::path::Path;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};
use masthead_store::Result;

use crate::encode::{Pixels, encode_jpeg, encode_webp};
use crate::set::{COVER_WIDTH, JPEG_QUALITY, VariantSet, WEBP_QUALITY, save};

pub(crate) fn make(bytes: &[u8], dir: &Path) -> Result<VariantSet> {
    let pixels = match draw_first_page(bytes) {
        Ok(p) => p,
        Err(note) => return Ok(VariantSet { variants: vec![], note: Some(note) }),
    };
    let (w, h) = (pixels.width, pixels.height);
    let (jpeg, webp) = rayon::join(|| encode_jpeg(&pixels, JPEG_QUALITY), || encode_webp(&pixels, WEBP_QUALITY));
    let variants = vec![save(dir, w, h, "jpeg", JPEG_QUALITY, &jpeg?)?, save(dir, w, h, "webp", WEBP_QUALITY, &webp?)?];
    Ok(VariantSet { variants, note: None })
}

fn draw_first_page(bytes: &[u8]) -> Result<Pixels, String> {
    let encrypted = lopdf::Document::load_mem(bytes).map(|d| d.is_encrypted() || d.was_encrypted()).unwrap_or(true);
    if encrypted {
        return Err("The PDF is encrypted, so its cover cannot be shown; pages use a generic cover.".into());
    }
    let bytes = bytes.to_vec();
    // A rasteriser bug must not take the app down with it.
    std::panic::catch_unwind(move || {
        let pdf = Pdf::new(bytes).map_err(|e| format!("{e:?}"))?;
        let page = pdf.pages().first().ok_or_else(|| "it has no pages".to_string())?;
        let (width, height) = page.render_dimensions();
        if width < 1.0 || height < 1.0 {
            return Err("its first page has no size".to_string());
        }
        let scale = COVER_WIDTH as f32 / width;
        let settings = PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
        let pixmap =
            render(page, &RenderCache::new(), &InterpreterSettings::default(), &RenderSettings::default(), &settings);
        let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        Ok(Pixels::from_rgba(w, h, pixmap.data_as_u8_slice().to_vec()).opaque())
    })
    .unwrap_or_else(|_| Err("the PDF reader stopped on it".to_string()))
    .map_err(|why| format!("The cover of this PDF could not be drawn ({why}); pages use a generic cover."))
}
