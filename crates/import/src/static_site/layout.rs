//! Where each generator keeps its content, and the addresses it gave each file.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::front::{self, flag, text};
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

/// What an old address is made of, besides the file's place.
pub(super) struct Naming<'a> {
    /// The slug the file asks for, slugified.
    pub(super) slug: &'a str,
    pub(super) title: &'a str,
    pub(super) date: Option<&'a str>,
    pub(super) categories: &'a [String],
}

/// Fills a permalink pattern's `:tokens` (Jekyll's and Hugo's; unknown ones stay as written) and
/// tidies its slashes.
fn fill(pattern: &str, found: &Found, naming: &Naming<'_>) -> String {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let d = naming.date.unwrap_or("");
    let month = d.get(5..7).unwrap_or("");
    let month_name = month.parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1))).copied().unwrap_or("");
    let cats = naming.categories.iter().map(|c| masthead_store::slugify(c)).collect::<Vec<_>>().join("/");
    let file_name = match found.path.file_stem().and_then(|s| s.to_str()) {
        Some("index" | "_index") => found.dirs.last().cloned().unwrap_or_default(),
        Some(stem) => stem.to_string(),
        None => String::new(),
    };
    let title = masthead_store::slugify(naming.title);
    // Longest names first, so `:slugorfilename` is not read as `:slug` + `orfilename`.
    let tokens: [(&str, &str); 13] = [
        (":slugorfilename", naming.slug),
        (":contentbasename", &file_name),
        (":output_ext", ".html"),
        (":categories", &cats),
        (":monthname", month_name),
        (":filename", &file_name),
        (":sections", &found.dirs.join("/")),
        (":section", found.dirs.first().map(String::as_str).unwrap_or("")),
        (":title", if title.is_empty() { naming.slug } else { &title }),
        (":month", month),
        (":year", d.get(..4).unwrap_or("")),
        (":slug", naming.slug),
        (":day", d.get(8..10).unwrap_or("")),
    ];
    let mut url = pattern.to_string();
    for (token, value) in tokens {
        url = url.replace(token, value);
    }
    let mut clean = String::new();
    for seg in url.split('/').filter(|s| !s.is_empty()) {
        clean.push('/');
        clean.push_str(seg);
    }
    if url.ends_with('/') || clean.is_empty() { format!("{clean}/") } else { clean }
}

/// Hugo's `[permalinks]` pattern for a file's section (`posts = "/:year/:month/:slug/"`, or the
/// same under `[permalinks.page]`).
fn hugo_permalink(config: &Map<String, Value>, found: &Found) -> Option<String> {
    let Some(Value::Object(all)) = config.get("permalinks") else { return None };
    let patterns = match all.get("page") {
        Some(Value::Object(page)) => page,
        _ => all,
    };
    let section = found.dirs.first().map(String::as_str).unwrap_or("/");
    patterns.get(section).and_then(Value::as_str).map(str::to_string)
}

/// The address the generator gave a file (before the front matter's own `url`/`permalink`).
pub(super) fn old_url(found: &Found, naming: &Naming<'_>, kind: SourceKind, config: &Map<String, Value>) -> String {
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
            };
            // Jekyll's `:title` is the file name's, not the front matter's.
            fill(pattern, found, &Naming { title: naming.slug, ..*naming })
        }
        _ => {
            let is_list = matches!(found.role, Role::SectionIndex(_) | Role::Home);
            let permalink = (kind == SourceKind::Hugo && !is_list).then(|| hugo_permalink(config, found)).flatten();
            let url = match permalink {
                Some(pattern) => fill(&pattern, found, naming),
                None => {
                    let mut path: Vec<String> = found.dirs.clone();
                    if !is_list {
                        path.push(naming.slug.to_string());
                    }
                    let ugly = kind == SourceKind::Hugo && !is_list && flag(config, "uglyURLs") == Some(true);
                    if ugly { format!("/{}.html", path.join("/")) } else { format!("/{}/", path.join("/")) }
                }
            };
            let keep_case = flag(config, "disablePathToLower") == Some(true);
            if kind == SourceKind::Hugo && !keep_case { url.to_lowercase() } else { url }
        }
    }
}
