//! Report PDFs: parsed with lopdf. Encrypted files are accepted with a warning (their cover
//! cannot be shown); damaged ones are refused.

use masthead_store::{MediaInfo, Result, StoreError};

pub(crate) fn describe(bytes: &[u8], info: &mut MediaInfo) -> Result<()> {
    // lopdf recovers what it can from a cut-off file; a complete PDF ends with %%EOF.
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(StoreError::Invalid(
            "This PDF is incomplete (it was cut off while copying or downloading); export or download it again.".into(),
        ));
    }
    match lopdf::Document::load_mem(bytes) {
        Ok(doc) => {
            let pages = doc.get_pages().len() as i64;
            if doc.was_encrypted() || doc.is_encrypted() {
                // Without the password its page tree may not be readable.
                info.warnings.push(encrypted_warning());
                info.pages = (pages > 0).then_some(pages);
                return Ok(());
            }
            if pages == 0 {
                return Err(StoreError::Invalid("This PDF has no pages; export it again.".into()));
            }
            info.pages = Some(pages);
            let text = |key: &[u8]| -> Option<String> {
                let info_dict = doc.trailer.get_deref(b"Info", &doc).ok()?.as_dict().ok()?;
                match info_dict.get_deref(key, &doc).ok()? {
                    lopdf::Object::String(raw, _) => Some(decode_text(raw)).filter(|t| !t.trim().is_empty()),
                    _ => None,
                }
            };
            info.title = text(b"Title").map(|t| t.trim().to_string());
            info.author = text(b"Author").map(|t| t.trim().to_string());
            Ok(())
        }
        Err(_) if bytes.windows(8).any(|w| w == b"/Encrypt") => {
            info.warnings.push(encrypted_warning());
            Ok(())
        }
        Err(e) => Err(StoreError::Invalid(format!(
            "This PDF is damaged and cannot be read ({e}); export or download it again."
        ))),
    }
}

fn encrypted_warning() -> String {
    "This PDF is encrypted: it will be published as it is, with a generic cover instead of a picture of its first page."
        .into()
}

/// PDF text strings: UTF-16BE with a byte-order mark, else PDFDocEncoding (Latin-1 is close
/// enough for titles).
fn decode_text(raw: &[u8]) -> String {
    if raw.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = raw[2..].chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else if raw.starts_with(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(&raw[3..]).into_owned()
    } else {
        raw.iter().map(|&b| b as char).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::decode_text;

    #[test]
    fn text_strings() {
        assert_eq!(decode_text(b"Annual report"), "Annual report");
        assert_eq!(decode_text(&[0xFE, 0xFF, 0x00, 0x52, 0x00, 0xE9]), "Ré");
        assert_eq!(decode_text(&[0x52, 0xE9]), "Ré");
    }
}
