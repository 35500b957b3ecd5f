use jiff::tz::TimeZone;
use rusqlite::types::Value as Sql;
use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};
use crate::kind::Kind;
use crate::meta::Meta;
use crate::record::{Record, trimmed};
use crate::reference::validate_media_name;
use crate::slug::slugify;

/// An uploaded file: an image or a report PDF. The bytes live in the site's `media/` folder
/// under their content hash; the name is what references use.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Media {
    #[serde(flatten)]
    pub meta: Meta,
    /// Unique, kept when the file is replaced: `annual-report.pdf`.
    pub name: String,
    /// blake3 of the bytes, hex.
    pub hash: String,
    /// The file name it was uploaded with.
    pub original_name: String,
    pub mime: String,
    pub bytes: i64,
    pub alt: Option<String>,
    /// A picture that only decorates (a texture, a divider): it needs no alt text and is
    /// published with `alt=""`, so screen readers skip it.
    #[serde(default)]
    pub decorative: bool,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// PDFs: document title, author and page count.
    pub title: Option<String>,
    pub pages: Option<i64>,
    pub author: Option<String>,
    /// Images: the point crops keep in view, as CSS `object-position` (`30% 40%`).
    pub focal: Option<String>,
}

impl Media {
    /// Where the bytes are kept, relative to the site folder: `media/<hash>.<ext>`. An item
    /// whose hash or name is not one Masthead makes (a database edited outside Masthead) is an
    /// error naming it, so that no path is ever built outside `media/`.
    pub fn blob_path(&self) -> Result<String> {
        self.check_file_fields()?;
        Ok(blob_path(&self.hash, &self.name))
    }

    /// Checks the fields a file path is made from: the hash (hex) and the name's extension.
    pub(crate) fn check_file_fields(&self) -> Result<()> {
        if is_hash(&self.hash) && validate_media_name(&self.name).is_ok() {
            return Ok(());
        }
        let what = if is_hash(&self.hash) { "name" } else { "stored file hash" };
        Err(StoreError::Invalid(format!(
            "Media item `{}` (#{}) has a damaged record: its {what} is not one Masthead makes, so its file \
             cannot be found. The site database was changed outside Masthead; restore the site from a backup.",
            self.name.escape_debug(),
            self.meta.id
        )))
    }
}

/// The length of a stored hash: blake3, as hex.
const HASH_LEN: usize = 64;

/// Whether `s` is a content hash as Masthead stores it (lower-case hex, 64 digits).
pub(crate) fn is_hash(s: &str) -> bool {
    s.len() == HASH_LEN && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether a file name in `media/` is one Masthead writes: `<hash>.<ext>`, the extension one
/// to five lower-case letters or digits. Nothing else there is ever deleted.
pub(crate) fn is_blob_file_name(name: &str) -> bool {
    name.split_once('.').is_some_and(|(hash, ext)| {
        is_hash(hash)
            && (1..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// `media/<hash>.<ext>` for checked values (see [`Media::blob_path`]).
pub(crate) fn blob_path(hash: &str, name: &str) -> String {
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("bin");
    format!("media/{hash}.{ext}")
}

/// What a file turned out to be, from its bytes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MediaInfo {
    pub mime: String,
    /// The extension for the type (`jpg`, `png`, `pdf`).
    pub ext: String,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub pages: Option<i64>,
    /// Accepted, but worth telling the person who added it.
    pub warnings: Vec<String>,
}

/// Decides what a file is and whether it may be used (the media crate's `Pipeline`).
pub trait MediaProbe {
    fn probe(&self, bytes: &[u8]) -> Result<MediaInfo>;
}

/// Decides the type from the bytes, never from the file name.
pub fn sniff(bytes: &[u8]) -> Result<(&'static str, &'static str)> {
    let head = &bytes[..bytes.len().min(512)];
    let found = if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ("image/jpeg", "jpg")
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        ("image/png", "png")
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        ("image/gif", "gif")
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        ("image/webp", "webp")
    } else if head.windows(5).take(1024).any(|w| w == b"%PDF-") {
        ("application/pdf", "pdf")
    } else {
        let text = String::from_utf8_lossy(head).to_ascii_lowercase();
        let why = if text.contains("<svg") {
            "SVG images are refused because they can carry scripts; export the image as PNG instead"
        } else if text.contains("<html") || text.contains("<!doctype") {
            "it is a web page (HTML), not an image or PDF"
        } else if head.starts_with(b"PK\x03\x04") {
            "it is a ZIP archive (or an Office document), not an image or PDF"
        } else {
            "Masthead accepts JPEG, PNG, GIF and WebP images and PDF documents"
        };
        return Err(StoreError::Invalid(format!("This file type is not accepted: {why}.")));
    };
    Ok(found)
}

/// Makes a media name from an uploaded file name and the detected extension:
/// `Annual Report (final).PDF` → `annual-report-final.pdf`. Path parts, `..`, control
/// characters and reserved device names are dropped.
pub fn media_name(original: &str, ext: &str) -> String {
    let base = original.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    let mut slug = slugify(stem);
    const RESERVED: [&str; 6] = ["con", "prn", "aux", "nul", "com1", "lpt1"];
    if RESERVED.contains(&slug.as_str()) {
        slug = format!("file-{slug}");
    }
    if slug == "untitled" {
        slug = "file".into();
    }
    format!("{slug}.{ext}")
}

impl Record for Media {
    const KIND: Kind = Kind::Media;

    crate::record::accessors!(name, name);

    fn validate(&mut self, _tz: &TimeZone) -> Result<Vec<(&'static str, Sql)>> {
        validate_media_name(&self.name)?;
        if !is_hash(&self.hash) {
            return Err(StoreError::Invalid(format!(
                "Media item “{}” has no valid file hash; add the file again to repair it.",
                self.name
            )));
        }
        for field in [&mut self.alt, &mut self.caption, &mut self.credit, &mut self.title, &mut self.author] {
            trimmed(field);
        }
        if let Some(focal) = &self.focal {
            self.focal = Some(normalise_focal(focal)?);
        }
        Ok(vec![])
    }

    fn check_stored(&self) -> Result<()> {
        self.check_file_fields()
    }
}

/// A focal point as two percentages (left, top) from 0 to 100: `30% 40%`, `30 40` or `30%,40%`.
pub fn normalise_focal(text: &str) -> Result<String> {
    let parts: Vec<&str> = text.split([' ', ',']).filter(|p| !p.is_empty()).collect();
    let percent = |p: &str| p.trim_end_matches('%').parse::<f64>().ok().filter(|v| (0.0..=100.0).contains(v));
    match parts.as_slice() {
        [x, y] => match (percent(x), percent(y)) {
            (Some(x), Some(y)) => Ok(format!("{}% {}%", (x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)),
            _ => Err(focal_error(text)),
        },
        _ => Err(focal_error(text)),
    }
}

fn focal_error(text: &str) -> StoreError {
    StoreError::Invalid(format!(
        "The focal point “{text}” is not two percentages from the left and top edges; write it like “50% 30%”."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned() {
        assert_eq!(media_name("Annual Report (final).PDF", "pdf"), "annual-report-final.pdf");
        assert_eq!(media_name("../../etc/passwd", "pdf"), "passwd.pdf");
        assert_eq!(media_name("C:\\Users\\me\\photo.JPG", "jpg"), "photo.jpg");
        assert_eq!(media_name("con.png", "png"), "file-con.png");
        assert_eq!(media_name("\u{1}\u{2}.gif", "gif"), "file.gif");
        assert_eq!(media_name(".hidden", "png"), "hidden.png");
    }

    #[test]
    fn focal_points() {
        assert_eq!(normalise_focal("30% 40%").unwrap(), "30% 40%");
        assert_eq!(normalise_focal("12.345,100").unwrap(), "12.3% 100%");
        for bad in ["", "50%", "101% 2%", "a b", "1 2 3", "-1% 5%"] {
            assert!(normalise_focal(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn types_come_from_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n").unwrap().0, "application/pdf");
        assert!(sniff(b"<!DOCTYPE html><html>").unwrap_err().to_string().contains("HTML"));
        assert!(sniff(b"<?xml version=\"1.0\"?><svg>").unwrap_err().to_string().contains("SVG"));
        assert!(sniff(b"PK\x03\x04rest").unwrap_err().to_string().contains("ZIP"));
    }
}
