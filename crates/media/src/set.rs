//! What is made from a library item, and where it is kept: the widths and qualities, the
//! variant records, and the file each is saved as. The image and cover makers build on it.

use std::path::{Path, PathBuf};

use masthead_store::{Media, Result, write_atomic};
use serde::{Deserialize, Serialize};

/// The widths made of every image (never wider than the original).
pub const WIDTHS: [u32; 4] = [480, 960, 1600, 2400];
/// JPEG quality of the variants (ImageMagick's scale).
pub const JPEG_QUALITY: u8 = 82;
/// Lossy WebP quality of the variants.
pub const WEBP_QUALITY: u8 = 80;
/// Width of a report's cover picture.
pub const COVER_WIDTH: u32 = 480;

/// One file made from a library item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// `jpeg`, `png` or `webp`.
    pub format: String,
    /// File name inside the item's cache folder.
    pub file: String,
    pub bytes: u64,
}

impl Variant {
    pub fn ext(&self) -> &str {
        if self.format == "jpeg" { "jpg" } else { &self.format }
    }
}

/// Everything made from one library item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantSet {
    /// Widest last; for a PDF, its cover.
    pub variants: Vec<Variant>,
    /// Why nothing could be made (a PDF that cannot be drawn gets a generic cover).
    pub note: Option<String>,
}

impl VariantSet {
    /// The variants of one format (`webp`, or the fallback `jpeg`/`png`), narrowest first.
    pub fn of_format(&self, webp: bool) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(move |v| (v.format == "webp") == webp)
    }
}

/// The widths to make of an image `width` pixels wide: the standard ones it covers, or its own
/// width when it is narrower than the smallest.
pub fn widths_for(width: u32) -> Vec<u32> {
    let fitting: Vec<u32> = WIDTHS.into_iter().filter(|w| *w <= width).collect();
    if fitting.is_empty() { vec![width.max(1)] } else { fitting }
}

/// Where an item's variants are kept.
pub fn variant_dir(cache: &Path, media: &Media) -> PathBuf {
    cache.join("variants").join(&media.hash)
}

pub(crate) fn save(dir: &Path, width: u32, height: u32, format: &str, quality: u8, bytes: &[u8]) -> Result<Variant> {
    let ext = if format == "jpeg" { "jpg" } else { format };
    let file = format!("{width}-q{quality}.{ext}");
    write_atomic(&dir.join(&file), bytes)?;
    Ok(Variant { width, height, format: format.into(), file, bytes: bytes.len() as u64 })
}

#[cfg(test)]
mod tests {
    use super::widths_for;

    #[test]
    fn widths_never_upscale() {
        assert_eq!(widths_for(4000), vec![480, 960, 1600, 2400]);
        assert_eq!(widths_for(1600), vec![480, 960, 1600]);
        assert_eq!(widths_for(1000), vec![480, 960]);
        assert_eq!(widths_for(300), vec![300]);
    }
}
