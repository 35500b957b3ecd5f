//! The static site's own files and links: images and documents its content uses come into the
//! media library; links to its content become references; Markdown link targets are rewritten
//! in place.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::shortcodes::Context;
use crate::bundle::{Bundle, MediaText};
use crate::media::{admit, read_inside};
use crate::names::Names;

/// The media found so far and the content map, shared by every file of the import.
pub(super) struct Files<'a> {
    pub(super) root: PathBuf,
    pub(super) static_dirs: &'static [&'static str],
    pub(super) base_url: Option<url::Url>,
    pub(super) bundle: &'a mut Bundle,
    pub(super) names: &'a mut Names,
    /// Content path (several spellings) or old address → reference.
    pub(super) content: HashMap<String, String>,
    /// Site-relative path of a file → its media name, or why it could not be imported.
    pub(super) media: HashMap<String, Result<String, String>>,
}

/// One content file being converted: where relative paths start, and the notes about it.
pub(super) struct InFile<'f, 'a> {
    pub(super) files: &'f mut Files<'a>,
    /// The file's folder, relative to the site root.
    pub(super) dir: String,
    /// The file's address on the old site (relative links of pages start there).
    pub(super) url: String,
    pub(super) notes: Vec<String>,
}

/// `a/b/../c` → `a/c`; `None` when it climbs out of the root.
fn normalise(path: &str) -> Option<String> {
    let mut out: Vec<&str> = vec![];
    for c in Path::new(path).components() {
        match c {
            Component::Normal(s) => out.push(s.to_str()?),
            Component::ParentDir => {
                out.pop()?;
            }
            Component::CurDir | Component::RootDir => {}
            Component::Prefix(_) => return None,
        }
    }
    Some(out.join("/"))
}

impl InFile<'_, '_> {
    /// A link or image target as the old site wrote it → a path relative to the site root
    /// (for a file) or the key of a content map (for a page), and its `#fragment`.
    fn local(&self, target: &str) -> Option<(Vec<String>, String)> {
        let (target, frag) =
            target.split_once('#').map(|(t, f)| (t, format!("#{f}"))).unwrap_or((target, String::new()));
        let target = target.split('?').next().unwrap_or("");
        let path = if let Some(zola) = target.strip_prefix("@/") {
            return Some((vec![format!("content/{zola}"), zola.to_string()], frag));
        } else if target.contains("://") {
            let u = url::Url::parse(target).ok()?;
            let base = self.files.base_url.as_ref()?;
            if u.host_str() != base.host_str() {
                return None;
            }
            u.path().to_string()
        } else {
            target.to_string()
        };
        let decoded =
            url::form_urlencoded::parse(format!("x={}", path.replace('+', "%2B")).as_bytes()).next()?.1.into_owned();
        let mut candidates = vec![];
        if let Some(abs) = decoded.strip_prefix('/') {
            candidates.push(format!("/{}", abs.trim_end_matches('/')) + "/");
            for dir in self.files.static_dirs {
                candidates.extend(normalise(&format!("{dir}/{abs}")));
            }
        } else {
            candidates.extend(normalise(&format!("{}/{decoded}", self.dir)));
            candidates.push(decoded.clone());
            if let Some(page) = normalise(&format!("{}/{decoded}", self.url.trim_end_matches('/'))) {
                candidates.push(format!("/{page}/"));
            }
        }
        Some((candidates, frag))
    }

    /// The new target of a link or image, if it is one of the old site's own.
    fn resolve(&mut self, target: &str, image: bool) -> Option<String> {
        let (candidates, frag) = self.local(target)?;
        for c in &candidates {
            let key = c.trim_end_matches(".md").trim_end_matches("/index").trim_end_matches("/_index");
            if let Some(r) = self.files.content.get(c).or_else(|| self.files.content.get(key)) {
                return Some(if image { r.clone() } else { format!("{r}{frag}") });
            }
        }
        for c in candidates.iter().filter(|c| !c.ends_with('/') && !c.ends_with(".md")) {
            if let Some(found) = self.media(c) {
                return Some(found);
            }
        }
        None
    }

    /// Brings a file of the site into the library (once), by its path under the root.
    fn media(&mut self, rel: &str) -> Option<String> {
        if !self.files.media.contains_key(rel) {
            let got = read_inside(&self.files.root, rel).and_then(|bytes| {
                let original = rel.rsplit('/').next().unwrap_or(rel);
                admit(self.files.bundle, self.files.names, original, bytes, MediaText::default())
            });
            if got.is_err() && !self.files.root.join(rel).exists() {
                return None;
            }
            self.files.media.insert(rel.to_string(), got);
        }
        match &self.files.media[rel] {
            Ok(name) => Some(format!("media:{name}")),
            Err(why) => {
                let note = format!("The file {rel} could not be imported: {why}.");
                if !self.notes.contains(&note) {
                    self.notes.push(note);
                }
                None
            }
        }
    }

    /// Rewrites the targets of the Markdown's links and images.
    pub(super) fn rewrite(&mut self, markdown: &str) -> String {
        let mut edits = vec![];
        let parser = Parser::new_ext(markdown, Options::all()).into_offset_iter();
        for (event, range) in parser {
            let (dest, image) = match &event {
                Event::Start(Tag::Link { dest_url, .. }) => (dest_url.to_string(), false),
                Event::Start(Tag::Image { dest_url, .. }) => (dest_url.to_string(), true),
                _ => continue,
            };
            let lower = dest.trim().to_ascii_lowercase();
            if ["article:", "page:", "media:"].iter().any(|p| lower.starts_with(p)) {
                continue;
            }
            let new = if !masthead_render::is_safe_url(&lower) || lower.starts_with("data:") {
                self.notes.push(format!("A link to “{dest}” was removed (only web, mail and site links are kept)."));
                Some("#".to_string())
            } else {
                self.resolve(&dest, image)
            };
            if let Some(new) = new
                && let Some(at) = markdown[range.clone()]
                    .rfind(&format!("({dest}"))
                    .or_else(|| markdown[range.clone()].rfind(&format!("(<{dest}>")))
            {
                let start = range.start + at + 1;
                let len = if markdown[start..].starts_with('<') { dest.len() + 2 } else { dest.len() };
                edits.push((start, start + len, new));
            } else if !image && dest.starts_with('/') && !dest.starts_with("//") {
                self.notes.push(format!("The link to {dest} matches nothing imported."));
            }
        }
        let mut out = markdown.to_string();
        for (start, end, new) in edits.into_iter().rev() {
            out.replace_range(start..end, &new);
        }
        out
    }
}

impl Context for InFile<'_, '_> {
    fn image(&mut self, src: &str) -> String {
        self.resolve(src, true).unwrap_or_else(|| {
            self.notes.push(format!("The image {src} was not found in the site's folders; it is left as it was."));
            src.to_string()
        })
    }

    fn content(&mut self, path: &str) -> Option<String> {
        let key =
            path.trim_start_matches('/').trim_end_matches(".md").trim_end_matches("/index").trim_end_matches("/_index");
        let found = self.files.content.get(path).or_else(|| self.files.content.get(key)).cloned();
        if found.is_none() {
            self.notes.push(format!("The reference to {path} matches no imported file."));
        }
        found
    }
}
