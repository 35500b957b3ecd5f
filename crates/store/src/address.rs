//! Old addresses given by hand or by an import (`aliases`): the site paths of a previous
//! website that should redirect to an article or page.

use crate::error::{Result, StoreError};

/// Splits a site path such as `/2019/05/old-name/` into the section part (`2019/05`) and the
/// last part (`old-name`), the way `old_addresses` keeps them. Only folder-like paths made of
/// letters, digits, `-`, `_`, `.` and `~` are accepted, because the redirect is written as
/// `<path>/index.html` in the built site.
pub fn split_old_address(path: &str) -> Result<(Option<String>, String)> {
    let bad = |why: &str| {
        StoreError::Invalid(format!(
            "“{}” cannot become a redirect: {why}. Use a site path such as /2019/05/old-name/.",
            path.escape_debug()
        ))
    };
    let Some(rest) = path.strip_prefix('/') else { return Err(bad("it does not start with /")) };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let segments: Vec<&str> = rest.split('/').collect();
    if rest.is_empty() || segments.len() > 8 {
        return Err(bad("it is the home page or too deep"));
    }
    for seg in &segments {
        let ok_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~');
        if seg.is_empty() || *seg == "." || *seg == ".." || seg.len() > 200 || !seg.bytes().all(ok_char) {
            return Err(bad("it holds characters or parts a file name cannot"));
        }
    }
    if segments.last().is_some_and(|s| s.contains('.')) {
        return Err(bad("it names a file, not a folder"));
    }
    let (slug, section) = segments.split_last().expect("at least one segment");
    let section = (!section.is_empty()).then(|| section.join("/"));
    Ok((section, slug.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_section_and_slug() {
        assert_eq!(split_old_address("/about/").unwrap(), (None, "about".into()));
        assert_eq!(split_old_address("/2019/05/old-name/").unwrap(), (Some("2019/05".into()), "old-name".into()));
        assert_eq!(split_old_address("/news/x").unwrap(), (Some("news".into()), "x".into()));
        for bad in ["", "/", "about/", "/../etc/", "/a//b/", "/a b/", "/old.html", "/%2e%2e/", "/é/"] {
            assert!(split_old_address(bad).is_err(), "{bad}");
        }
    }
}
