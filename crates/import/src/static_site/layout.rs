//! Where each generator keeps its content, and the addresses it gave each file.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::front::{self, text};
use crate::SourceKind;

/// What a content file is on the new site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// An article, in a section (the top folder) or none.
    Article(Option<String>),
    Page,
    /// A section's own page (`_index.md`): its title names the section.
    SectionIndex(String),
    /// The home page's text (`content/_index.md`, `index.md`).
    Home,
}

/// One content file found.
#[derive(Debug)]
pub(super) struct Found {
    pub(super) path: PathBuf,
    /// Relative to the site root, with `/`.
    pub(super) rel: String,
    /// The slug the file asks for (its `slug`, its name, or its bundle folder's name).
    pub(super) stem: String,
    pub(super) role: Role,
    /// Its folders under the content root (`blog/2024`).
    pub(super) dirs: Vec<String>,
    /// Jekyll: `_drafts/` holds drafts.
    pub(super) draft: bool,
    /// Jekyll and Zola: the date in the file name (`2024-01-31-title.md`).
    pub(super) name_date: Option<String>,
}

/// The generator's config file, read (nothing when there is none).
pub(super) fn config(root: &Path, kind: SourceKind) -> Map<String, Value> {
    let names: &[&str] = match kind {
        SourceKind::Hugo => &["hugo.toml", "config.toml", "hugo.yaml", "config.yaml", "hugo.yml", "config.yml"],
        SourceKind::Zola => &["config.toml"],
        _ => &["_config.yml", "_config.yaml"],
    };
    names
        .iter()
        .find_map(|n| std::fs::read_to_string(root.join(n)).ok().map(|t| front::config(&t, n.ends_with(".toml"))))
        .unwrap_or_default()
}

/// The old site's address, from the config.
pub(super) fn base_url(config: &Map<String, Value>) -> Option<String> {
    text(config, &["baseURL", "baseurl_full", "base_url", "url"])
}

/// Folders where `/file.jpg` of the old site is found.
pub(super) fn static_dirs(kind: SourceKind) -> &'static [&'static str] {
    match kind {
        SourceKind::Hugo => &["static", "assets"],
        SourceKind::Zola => &["static"],
        _ => &[""],
    }
}

fn split_date(stem: &str) -> (Option<String>, &str) {
    let b = stem.as_bytes();
    let dated = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
        && (b[10] == b'-' || b[10] == b'_');
    if dated { (Some(stem[..10].to_string()), &stem[11..]) } else { (None, stem) }
}

/// Classifies a Markdown file of a Hugo or Zola `content/` folder (`rel` is relative to it).
pub(super) fn classify_content(path: PathBuf, rel: &str, kind: SourceKind) -> Found {
    let parts: Vec<&str> = rel.split('/').collect();
    let (file, folders) = parts.split_last().expect("a path has a file name");
    let stem_full = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(file);
    let mut dirs: Vec<String> = folders.iter().map(|s| s.to_string()).collect();
    let (name_date, stem) = if kind == SourceKind::Zola { split_date(stem_full) } else { (None, stem_full) };
    let mut stem = stem.to_string();
    let role = match (stem_full, dirs.as_slice()) {
        ("_index", []) => Role::Home,
        ("_index", [top, ..]) => Role::SectionIndex(top.clone()),
        ("index", []) => Role::Home,
        _ => {
            // A page bundle (`post/index.md`) is named by its folder.
            if stem_full == "index"
                && let Some(folder) = dirs.pop()
            {
                stem = folder;
            }
            match dirs.first() {
                Some(top) => Role::Article(Some(top.clone())),
                None => Role::Page,
            }
        }
    };
    Found { path, rel: format!("content/{rel}"), stem, role, dirs, draft: false, name_date }
}

/// Classifies a file of a Jekyll site (`rel` relative to its root).
pub(super) fn classify_jekyll(path: PathBuf, rel: &str) -> Option<Found> {
    let (folder, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem_full = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(file);
    let (role, draft) = match folder {
        "_posts" => (Role::Article(None), false),
        "_drafts" => (Role::Article(None), true),
        "" if stem_full == "index" => (Role::Home, false),
        "" => (Role::Page, false),
        _ => return None,
    };
    let (name_date, stem) = split_date(stem_full);
    Some(Found { path, rel: rel.to_string(), stem: stem.to_string(), role, dirs: vec![], draft, name_date })
}

/// The address the generator gave a file (before the front matter's own `url`/`permalink`).
pub(super) fn old_url(
    found: &Found,
    slug: &str,
    kind: SourceKind,
    config: &Map<String, Value>,
    date: Option<&str>,
    categories: &[String],
) -> String {
    match kind {
        SourceKind::Jekyll => {
            let default = if found.role == Role::Page { "/:title:output_ext" } else { "date" };
            let pattern = text(config, &["permalink"]).unwrap_or_else(|| default.into());
            let pattern = match pattern.as_str() {
                "date" => "/:categories/:year/:month/:day/:title:output_ext",
                "pretty" if found.role == Role::Page => "/:title/",
                "pretty" => "/:categories/:year/:month/:day/:title/",
                "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
                "none" => "/:categories/:title:output_ext",
                p => p,
            }
            .to_string();
            let d = date.unwrap_or("");
            let cats = categories.iter().map(|c| masthead_store::slugify(c)).collect::<Vec<_>>().join("/");
            let url = pattern
                .replace(":categories", &cats)
                .replace(":year", d.get(..4).unwrap_or(""))
                .replace(":month", d.get(5..7).unwrap_or(""))
                .replace(":day", d.get(8..10).unwrap_or(""))
                .replace(":title", slug)
                .replace(":slug", slug)
                .replace(":output_ext", ".html");
            let mut clean = String::new();
            for seg in url.split('/').filter(|s| !s.is_empty()) {
                clean.push('/');
                clean.push_str(seg);
            }
            if url.ends_with('/') { format!("{clean}/") } else { clean }
        }
        _ => {
            let mut path: Vec<String> = found.dirs.clone();
            if !matches!(found.role, Role::SectionIndex(_) | Role::Home) {
                path.push(slug.to_string());
            }
            let url = format!("/{}/", path.join("/"));
            if kind == SourceKind::Hugo { url.to_lowercase() } else { url }
        }
    }
}
