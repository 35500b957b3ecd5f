//! Images: decoded once under limits, so a decompression bomb or a truncated file is refused
//! quickly and with bounded memory.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use masthead_store::{Result, StoreError};

/// The longest side accepted, in pixels.
pub const MAX_SIDE: u32 = 20_000;
/// The most pixels accepted (100 megapixels).
pub const MAX_PIXELS: u64 = 100_000_000;

fn refuse(why: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("This image cannot be used: {why}."))
}

/// Decodes a whole image under the limits, turned the way its camera recorded. Decoding all of
/// it is what finds truncated and corrupt files.
pub(crate) fn decode(bytes: &[u8], mime: &str) -> Result<DynamicImage> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| refuse(format!("it could not be read ({e})")))?;
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| refuse(damaged_or_too_large(&e)))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(refuse(format!(
            "it is {w}×{h} pixels, more than the {} megapixels Masthead accepts; export it smaller",
            MAX_PIXELS / 1_000_000
        )));
    }
    if mime == "image/jpeg" && !jpeg_is_complete(bytes) {
        return Err(refuse("the file is incomplete (it ends in the middle of the picture); copy or export it again"));
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| refuse(damaged_or_too_large(&e)))?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// A JPEG's picture data (after its last start-of-scan marker) must reach the end-of-image
/// marker; the JPEG decoder quietly fills in what a truncated file lacks.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let last_scan = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]);
    last_scan.is_some_and(|at| bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]))
}

fn damaged_or_too_large(e: &image::ImageError) -> String {
    match e {
        image::ImageError::Limits(_) => format!(
            "it is larger than Masthead accepts ({MAX_SIDE} pixels a side, {} megapixels); export it smaller",
            MAX_PIXELS / 1_000_000
        ),
        other => format!("the file is damaged or incomplete ({other}); export it again from your photo editor"),
    }
}
