//! References from one piece of content to another: `article:slug`, `page:slug`,
//! `media:name`, an `https://` URL or a site path.

use crate::error::{Result, StoreError};
use crate::slug::validate_slug;

/// A parsed reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference<'a> {
    Article(&'a str),
    Page(&'a str),
    Media(&'a str),
    /// An absolute URL (`https:`, `http:` or `mailto:`).
    Url(&'a str),
    /// A path on this site, starting with `/`.
    Path(&'a str),
}

impl<'a> Reference<'a> {
    /// Parses and checks a reference.
    pub fn parse(text: &'a str) -> Result<Reference<'a>> {
        let bad = |why: &str| {
            StoreError::Invalid(format!(
                "“{}” is not a valid link: {why}. Use article:slug, page:slug, media:name, an https:// address or a path starting with /.",
                text.escape_debug()
            ))
        };
        if let Some(slug) = text.strip_prefix("article:") {
            validate_slug(slug).map_err(|_| bad("the slug after “article:” is not valid"))?;
            Ok(Reference::Article(slug))
        } else if let Some(slug) = text.strip_prefix("page:") {
            validate_slug(slug).map_err(|_| bad("the slug after “page:” is not valid"))?;
            Ok(Reference::Page(slug))
        } else if let Some(name) = text.strip_prefix("media:") {
            validate_media_name(name).map_err(|_| bad("the name after “media:” is not valid"))?;
            Ok(Reference::Media(name))
        } else if ["https://", "http://", "mailto:"].iter().any(|p| text.starts_with(p)) {
            if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(bad("it contains spaces"));
            }
            Ok(Reference::Url(text))
        } else if text.starts_with('/') && !text.starts_with("//") {
            if text.split(['/', '?', '#']).any(|seg| seg == "..")
                || text.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                return Err(bad("it leaves the site or contains spaces"));
            }
            Ok(Reference::Path(text))
        } else {
            Err(bad("it does not start with a known prefix"))
        }
    }
}

/// Checks a media name: a slug, a dot, and a lower-case extension (`annual-report.pdf`).
pub fn validate_media_name(name: &str) -> Result<()> {
    let ok = name.rsplit_once('.').is_some_and(|(stem, ext)| {
        validate_slug(stem).is_ok()
            && (1..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if ok {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "“{}” is not a valid media name: use lower-case letters, digits and hyphens, then an extension, like “annual-report.pdf”.",
            name.escape_debug()
        )))
    }
}

/// Checks an optional reference field, naming the field in the error.
pub(crate) fn check_reference(field: &str, value: &Option<String>) -> Result<()> {
    match value {
        Some(v) => Reference::parse(v).map(|_| ()).map_err(|e| StoreError::Invalid(format!("{field}: {e}"))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(Reference::parse("article:a-b").unwrap(), Reference::Article("a-b"));
        assert_eq!(Reference::parse("page:about").unwrap(), Reference::Page("about"));
        assert_eq!(Reference::parse("media:report.pdf").unwrap(), Reference::Media("report.pdf"));
        assert_eq!(Reference::parse("https://x.org/a?b").unwrap(), Reference::Url("https://x.org/a?b"));
        assert_eq!(Reference::parse("/news/").unwrap(), Reference::Path("/news/"));
    }

    #[test]
    fn refuses_escapes_and_scripts() {
        for bad in
            ["media:../etc/passwd", "article:../x", "/../x", "//evil.com", "javascript:alert(1)", "media:a.PDF", "news"]
        {
            assert!(Reference::parse(bad).is_err(), "{bad} accepted");
        }
    }
}
