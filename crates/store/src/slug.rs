//! Slugs: the `[a-z0-9-]` names that become URLs.

use crate::error::{Result, StoreError};

/// Slugs made from titles are cut to this length.
const MAX_LEN: usize = 80;
/// Slugs typed or imported may be this long.
const MAX_VALID_LEN: usize = 200;

/// Makes a slug from any text by transliterating it to ASCII ("Ça déménage" → "ca-demenage").
/// Text with nothing to keep gives "untitled".
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_ascii_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    if slug.len() > MAX_LEN {
        slug.truncate(MAX_LEN);
        // Prefer cutting at a word boundary.
        if let Some(cut) = slug.rfind('-').filter(|&i| i > MAX_LEN / 2) {
            slug.truncate(cut);
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() { "untitled".to_string() } else { slug.to_string() }
}

/// Checks a slug someone typed or a file supplied.
pub fn validate_slug(slug: &str) -> Result<()> {
    let ok = !slug.is_empty()
        && slug.len() <= MAX_VALID_LEN
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    if ok {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "The slug “{}” is not allowed: use lower-case letters a–z, digits and single hyphens (at most {MAX_VALID_LEN} characters), for example “{}”.",
            slug.escape_debug(),
            slugify(slug)
        )))
    }
}

/// Returns `base`, or `base-2`, `base-3`… — the first for which `taken` says no.
pub fn unique_slug(base: &str, mut taken: impl FnMut(&str) -> Result<bool>) -> Result<String> {
    if !taken(base)? {
        return Ok(base.to_string());
    }
    for n in 2.. {
        let candidate = format!("{base}-{n}");
        if !taken(&candidate)? {
            return Ok(candidate);
        }
    }
    unreachable!("an unbounded range always yields a free slug")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_unicode_titles() {
        assert_eq!(slugify("MPG is 20 years old!"), "mpg-is-20-years-old");
        assert_eq!(slugify("Ça déménage à Zürich"), "ca-demenage-a-zurich");
        assert_eq!(slugify("Привет, мир"), "privet-mir");
        assert_eq!(slugify("  --Hello__World--  "), "hello-world");
        assert_eq!(slugify("!!!"), "untitled");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let slug = slugify(&"word ".repeat(40));
        assert!(slug.len() <= MAX_LEN && !slug.ends_with('-'), "{slug}");
    }

    #[test]
    fn validation_refuses_paths_and_capitals() {
        for bad in ["", "../x", "a/b", "A", "a--b", "-a", "a-", "a b", "é"] {
            assert!(validate_slug(bad).is_err(), "{bad:?} accepted");
        }
        validate_slug("annual-report-2015").unwrap();
    }

    #[test]
    fn collisions_get_numbered() {
        let taken = ["news", "news-2"];
        let slug = unique_slug("news", |s| Ok(taken.contains(&s))).unwrap();
        assert_eq!(slug, "news-3");
    }
}
