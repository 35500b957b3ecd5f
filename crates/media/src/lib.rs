//! Masthead's media pipeline: decides what an uploaded file is from its bytes, refuses what is
//! unsafe or damaged, describes what it accepts (size, PDF title, author and pages), strips
//! what must not be published, and makes the responsive variants and report covers.

mod add;
mod cover;
mod encode;
mod image_probe;
mod pdf_probe;
mod set;
mod strip;
mod variants;

pub use add::{add, replace};
pub use image_probe::{MAX_PIXELS, MAX_SIDE};
pub use set::{COVER_WIDTH, JPEG_QUALITY, Variant, VariantSet, WEBP_QUALITY, WIDTHS, variant_dir, widths_for};
pub use strip::publishable;
pub use variants::{cached, variants, variants_of};

use image::DynamicImage;
use masthead_store::{MediaInfo, MediaProbe, Result, sniff};

/// The media pipeline's probe: use it wherever files enter a site.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pipeline;

impl MediaProbe for Pipeline {
    fn probe(&self, bytes: &[u8]) -> Result<MediaInfo> {
        let (mime, ext) = sniff(bytes)?;
        let mut info = MediaInfo { mime: mime.into(), ext: ext.into(), ..Default::default() };
        if mime == "application/pdf" {
            pdf_probe::describe(bytes, &mut info)?;
            Ok(info)
        } else {
            Ok(describe_image(bytes)?.0)
        }
    }
}

/// What an image is, and its pixels (turned as recorded).
fn describe_image(bytes: &[u8]) -> Result<(MediaInfo, DynamicImage)> {
    let (mime, ext) = sniff(bytes)?;
    let image = image_probe::decode(bytes, mime)?;
    let info = MediaInfo {
        mime: mime.into(),
        ext: ext.into(),
        width: Some(i64::from(image.width())),
        height: Some(i64::from(image.height())),
        ..Default::default()
    };
    Ok((info, image))
}
