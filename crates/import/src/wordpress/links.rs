//! Where the old site's links lead on the new one: its posts and pages become `article:` and
//! `page:` references, its uploads `media:` references, its category and tag archives the new
//! section and tag pages. Links elsewhere are kept; `javascript:` and the like are not links.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use url::Url;

use crate::html::Resolve;

/// The old site's addresses and what each has become.
#[derive(Debug, Default)]
pub(crate) struct Links {
    /// The old site's address, to resolve relative links against.
    pub(crate) base: Option<Url>,
    /// Host names of the old site (with and without `www.`).
    pub(crate) hosts: HashSet<String>,
    /// Old path (`/2019/05/name/`) → reference.
    pub(crate) paths: HashMap<String, String>,
    /// WordPress post id → reference (for `?p=`, `?page_id=`, galleries).
    pub(crate) ids: HashMap<i64, String>,
    /// Path inside the uploads folder (`2019/05/photo.jpg`) → media name and alt text.
    pub(crate) uploads: HashMap<String, (String, Option<String>)>,
    /// Category slug → new address (`/news/` or a tag page); tag slug → tag page.
    pub(crate) terms: HashMap<(String, String), String>,
    /// Old-site links that lead nowhere known, noted while converting one item.
    pub(crate) unknown: RefCell<Vec<String>>,
}

/// The part of an upload's address after `/wp-content/uploads/` (or the path on
/// `*.files.wordpress.com`), if it is one.
pub(crate) fn upload_path(url: &Url) -> Option<String> {
    let path = url.path();
    if let Some((_, rest)) = path.split_once("/wp-content/uploads/") {
        return Some(decode(rest));
    }
    let host = url.host_str()?;
    host.ends_with(".files.wordpress.com").then(|| decode(path.trim_start_matches('/')))
}

fn decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_string())
}

/// `photo-300x200.jpg` and `photo-scaled.jpg` are WordPress's copies of `photo.jpg`.
fn original_of(path: &str) -> Option<String> {
    let (stem, ext) = path.rsplit_once('.')?;
    if let Some(s) = stem.strip_suffix("-scaled") {
        return Some(format!("{s}.{ext}"));
    }
    let (s, size) = stem.rsplit_once('-')?;
    let (w, h) = size.split_once('x')?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    (digits(w) && digits(h)).then(|| format!("{s}.{ext}"))
}

/// The path of an old address, normalised: ending in `/`, without `index.php`.
pub(crate) fn old_path(url: &Url) -> String {
    let path = url.path().trim_end_matches("index.php");
    if path.ends_with('/') { path.to_string() } else { format!("{path}/") }
}

impl Links {
    /// Adds a host name of the old site.
    pub(crate) fn add_host(&mut self, address: &str) {
        if let Ok(u) = Url::parse(address)
            && let Some(h) = u.host_str()
        {
            let bare = h.trim_start_matches("www.").to_string();
            self.hosts.insert(format!("www.{bare}"));
            self.hosts.insert(bare);
            if self.base.is_none() {
                self.base = Some(u);
            }
        }
    }

    /// Parses a link of the old site's content (relative ones against the site's address).
    pub(crate) fn parse(&self, raw: &str) -> Option<Url> {
        let raw = raw.trim();
        match &self.base {
            Some(base) => base.join(raw).ok(),
            None => Url::parse(raw).ok(),
        }
    }

    /// Whether a URL is on the old site.
    pub(crate) fn is_old(&self, url: &Url) -> bool {
        url.host_str().is_some_and(|h| self.hosts.contains(h) || h.ends_with(".files.wordpress.com"))
    }

    /// The media item an upload's address has become.
    pub(crate) fn upload(&self, url: &Url) -> Option<&(String, Option<String>)> {
        let path = upload_path(url)?;
        self.uploads.get(&path).or_else(|| original_of(&path).and_then(|p| self.uploads.get(&p)))
    }

    fn target(&self, raw: &str) -> Option<String> {
        let lower = raw.trim().to_ascii_lowercase();
        if lower.starts_with('#') {
            return Some(raw.trim().to_string());
        }
        let url = self.parse(raw)?;
        if !matches!(url.scheme(), "http" | "https" | "mailto" | "tel") {
            return None;
        }
        if !self.is_old(&url) {
            return Some(url.to_string());
        }
        for key in ["p", "page_id", "attachment_id"] {
            if let Some((_, v)) = url.query_pairs().find(|(k, _)| k == key)
                && let Some(r) = v.parse().ok().and_then(|id: i64| self.ids.get(&id))
            {
                return Some(r.clone());
            }
        }
        if upload_path(&url).is_some() {
            return match self.upload(&url) {
                Some((name, _)) => Some(format!("media:{name}")),
                None => {
                    self.unknown.borrow_mut().push(url.to_string());
                    Some(url.to_string())
                }
            };
        }
        let path = old_path(&url);
        if let Some(r) = self.paths.get(&path) {
            return Some(r.clone());
        }
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match parts.as_slice() {
            [] => return Some("/".into()),
            [kind @ ("category" | "tag"), .., slug] => {
                if let Some(t) = self.terms.get(&(kind.to_string(), slug.to_string())) {
                    return Some(t.clone());
                }
            }
            _ => {}
        }
        self.unknown.borrow_mut().push(url.to_string());
        Some(url.to_string())
    }
}

impl Resolve for Links {
    fn link(&self, url: &str) -> Option<String> {
        self.target(url)
    }

    fn image(&self, raw: &str) -> Option<(String, Option<String>)> {
        let url = self.parse(raw)?;
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        if self.is_old(&url)
            && let Some((name, alt)) = self.upload(&url)
        {
            return Some((format!("media:{name}"), alt.clone()));
        }
        if self.is_old(&url) {
            self.unknown.borrow_mut().push(url.to_string());
        }
        Some((url.to_string(), None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_links_become_references() {
        let mut l = Links::default();
        l.add_host("https://ngo.example/");
        l.paths.insert("/2019/05/hello/".into(), "article:hello".into());
        l.ids.insert(12, "page:about".into());
        l.uploads.insert("2019/05/photo.jpg".into(), ("photo.jpg".into(), Some("Alt".into())));
        assert_eq!(l.link("https://www.ngo.example/2019/05/hello").unwrap(), "article:hello");
        assert_eq!(l.link("/?page_id=12").unwrap(), "page:about");
        assert_eq!(
            l.link("https://ngo.example/wp-content/uploads/2019/05/photo-300x200.jpg").unwrap(),
            "media:photo.jpg"
        );
        assert_eq!(
            l.image("/wp-content/uploads/2019/05/photo.jpg").unwrap(),
            ("media:photo.jpg".into(), Some("Alt".into()))
        );
        assert_eq!(l.link("https://other.example/x").unwrap(), "https://other.example/x");
        assert_eq!(l.link("JavaScript:alert(1)"), None);
        assert_eq!(l.link("data:text/html,x"), None);
        assert_eq!(l.link("https://ngo.example/unknown/").unwrap(), "https://ngo.example/unknown/");
        assert_eq!(l.unknown.borrow().len(), 1);
    }
}
