//! What is published of an image: the picture without the metadata a camera or editor put in
//! it (EXIF with GPS positions, XMP, IPTC, comments, text chunks). The orientation a camera
//! recorded is applied to the pixels first, so photos still stand the right way up.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use masthead_store::{Result, StoreError};

/// The bytes to publish for a library file: images without metadata, anything else as it is.
pub fn publishable(bytes: &[u8], mime: &str) -> Result<Vec<u8>> {
    let format = match mime {
        "image/jpeg" => ImageFormat::Jpeg,
        "image/png" => ImageFormat::Png,
        "image/webp" => ImageFormat::WebP,
        "image/gif" => return Ok(strip_gif(bytes)),
        _ => return Ok(bytes.to_vec()),
    };
    if orientation(bytes, format) != Orientation::NoTransforms {
        return reencode(bytes, format);
    }
    Ok(match format {
        ImageFormat::Jpeg => strip_jpeg(bytes),
        ImageFormat::Png => strip_png(bytes),
        _ => strip_webp(bytes),
    })
}

fn orientation(bytes: &[u8], format: ImageFormat) -> Orientation {
    let reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.into_decoder().and_then(|mut d| d.orientation()).unwrap_or(Orientation::NoTransforms)
}

/// Decodes, turns the picture as recorded, and encodes it again (with no metadata).
fn reencode(bytes: &[u8], format: ImageFormat) -> Result<Vec<u8>> {
    let err =
        |e: image::ImageError| StoreError::Invalid(format!("The image could not be prepared for publishing: {e}"));
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format).into_decoder().map_err(err)?;
    let orientation = decoder.orientation().map_err(err)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(err)?;
    picture.apply_orientation(orientation);
    let mut out = Cursor::new(Vec::new());
    match format {
        ImageFormat::Jpeg => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
            picture.to_rgb8().write_with_encoder(encoder).map_err(err)?;
        }
        // Lossless formats stay lossless (WebP sources come out as PNG-quality WebP).
        other => picture.write_to(&mut out, other).map_err(err)?,
    }
    Ok(out.into_inner())
}

/// Keeps JFIF (APP0), ICC profiles (APP2) and Adobe colour information (APP14); drops every
/// other application segment (EXIF and XMP in APP1, IPTC in APP13 …) and comments.
fn strip_jpeg(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2.min(bytes.len())]);
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if marker == 0xDA {
            break; // Start of scan: the rest is picture data.
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let end = (i + 2 + len).min(bytes.len());
        let keep = !matches!(marker, 0xE1 | 0xE3..=0xED | 0xEF | 0xFE);
        if keep {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
    }
    out.extend_from_slice(&bytes[i.min(bytes.len())..]);
    out
}

/// Keeps the chunks that make up the picture and its colours; drops eXIf, text and time.
fn strip_png(bytes: &[u8]) -> Vec<u8> {
    const KEEP: [&[u8; 4]; 12] =
        [b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"bKGD", b"pHYs"];
    let mut out = bytes[..8.min(bytes.len())].to_vec();
    let mut i = 8;
    while i + 12 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize;
        let end = (i + 12 + len).min(bytes.len());
        let kind = &bytes[i + 4..i + 8];
        if KEEP.iter().any(|k| k.as_slice() == kind) || kind[0].is_ascii_uppercase() {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
    }
    out
}

/// Drops the EXIF and XMP chunks of a WebP file and the flags that announce them.
fn strip_webp(bytes: &[u8]) -> Vec<u8> {
    if bytes.len() < 12 {
        return bytes.to_vec();
    }
    let mut body = Vec::with_capacity(bytes.len());
    let mut i = 12;
    while i + 8 <= bytes.len() {
        let kind = &bytes[i..i + 4];
        let len = u32::from_le_bytes([bytes[i + 4], bytes[i + 5], bytes[i + 6], bytes[i + 7]]) as usize;
        let end = (i + 8 + len + (len & 1)).min(bytes.len());
        if kind != b"EXIF" && kind != b"XMP " {
            let start = body.len();
            body.extend_from_slice(&bytes[i..end]);
            if kind == b"VP8X" && body.len() > start + 8 {
                body[start + 8] &= !0b0000_1100; // the EXIF and XMP flags
            }
        }
        i = end;
    }
    let mut out = b"RIFF".to_vec();
    out.extend(((body.len() + 4) as u32).to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend(body);
    out
}

/// Drops comment blocks and application blocks other than looping (NETSCAPE/ANIMEXTS) from a GIF;
/// frames and animation stay as they are.
fn strip_gif(bytes: &[u8]) -> Vec<u8> {
    let parse = || -> Option<Vec<u8>> {
        let mut out = bytes.get(..13)?.to_vec();
        let flags = bytes[10];
        let mut i = 13;
        if flags & 0x80 != 0 {
            let table = 3 * (1usize << ((flags & 0x07) + 1));
            out.extend_from_slice(bytes.get(i..i + table)?);
            i += table;
        }
        let sub_blocks_end = |mut j: usize| -> Option<usize> {
            loop {
                let n = *bytes.get(j)? as usize;
                j += 1 + n;
                if n == 0 {
                    return Some(j);
                }
            }
        };
        loop {
            match *bytes.get(i)? {
                0x3B => {
                    out.push(0x3B);
                    return Some(out);
                }
                0x21 => {
                    let label = *bytes.get(i + 1)?;
                    let end = sub_blocks_end(i + 2)?;
                    let looping = label == 0xFF
                        && bytes.get(i + 3..i + 14).is_some_and(|id| id == b"NETSCAPE2.0" || id == b"ANIMEXTS1.0");
                    if label == 0xF9 || label == 0x01 || looping {
                        out.extend_from_slice(bytes.get(i..end)?);
                    }
                    i = end;
                }
                0x2C => {
                    let descriptor_flags = *bytes.get(i + 9)?;
                    let mut j = i + 10;
                    if descriptor_flags & 0x80 != 0 {
                        j += 3 * (1usize << ((descriptor_flags & 0x07) + 1));
                    }
                    let end = sub_blocks_end(j + 1)?;
                    out.extend_from_slice(bytes.get(i..end)?);
                    i = end;
                }
                _ => return None,
            }
        }
    };
    // A file we cannot walk is published as it is rather than broken.
    parse().unwrap_or_else(|| bytes.to_vec())
}
