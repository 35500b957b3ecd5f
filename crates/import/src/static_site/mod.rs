//! Hugo, Zola and Jekyll sites: their Markdown files (YAML or TOML front matter) → articles
//! and pages, top folders → sections, `aliases`/`redirect_from` and the old addresses →
//! redirects, shortcodes → blocks, and the files their content uses → media.

mod files;
mod front;
mod layout;
mod shortcodes;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use masthead_store::{Article, MAX_BODY_BYTES, Page, Section, Site, Status, parse_date, slugify, time_zone};
use serde_json::Value;

use crate::bundle::{Bundle, Item};
use crate::error::{ImportError, Result};
use crate::names::Names;
use crate::report::Report;
use crate::{OnProgress, Progress, SourceKind};
use files::{Files, InFile};
use front::{Doc, flag, list, text};
use layout::{Found, Role};

/// Folders are read this deep at most.
const MAX_DEPTH: usize = 12;

/// Every file under `dir` (links are reported, never followed; hidden files are left out).
fn walk(root: &Path, dir: &Path, depth: usize, out: &mut Vec<(PathBuf, String)>, report: &mut Report) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_symlink() {
            report.skip(
                rel,
                "It is a link to somewhere else; links are not followed, so nothing outside the site is read.",
            );
        } else if kind.is_dir() && depth < MAX_DEPTH {
            walk(root, &path, depth + 1, out, report);
        } else if kind.is_file() {
            out.push((path, rel));
        }
    }
}

fn is_markdown(rel: &str) -> bool {
    rel.ends_with(".md") || rel.ends_with(".markdown")
}

/// The content files of the site, classified.
fn find(root: &Path, kind: SourceKind, report: &mut Report) -> Result<Vec<Found>> {
    let mut found = vec![];
    if kind == SourceKind::Jekyll {
        if !root.join("_config.yml").is_file() && !root.join("_posts").is_dir() {
            return Err(ImportError::Source(format!(
                "{} has no _config.yml or _posts/: it is not a Jekyll site.",
                root.display()
            )));
        }
        let mut all = vec![];
        for dir in ["_posts", "_drafts"] {
            walk(root, &root.join(dir), 1, &mut all, report);
        }
        for e in std::fs::read_dir(root).map_err(crate::error::io(root))?.filter_map(|e| e.ok()) {
            let rel = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| t.is_file()) && is_markdown(&rel) && !rel.eq_ignore_ascii_case("README.md") {
                all.push((e.path(), rel));
            }
        }
        for (path, rel) in all {
            if is_markdown(&rel) {
                found.extend(layout::classify_jekyll(path, &rel));
            }
        }
    } else {
        let content = root.join("content");
        if !content.is_dir() {
            return Err(ImportError::Source(format!(
                "{} has no content/ folder: it is not a Hugo or Zola site.",
                root.display()
            )));
        }
        let mut all = vec![];
        walk(root, &content, 1, &mut all, report);
        for (path, rel) in all {
            let inner = rel.strip_prefix("content/").unwrap_or(&rel);
            if is_markdown(&rel) {
                found.push(layout::classify_content(path, inner, kind));
            } else if rel.ends_with(".html") || rel.ends_with(".org") || rel.ends_with(".adoc") || rel.ends_with(".rst")
            {
                report.skip(rel, "Only Markdown content is imported; convert this file to Markdown.");
            }
        }
    }
    Ok(found)
}

/// A parsed content file and what it becomes.
struct Entry {
    found: Found,
    doc: Doc,
    reference: String,
    slug: String,
    aliases: Vec<String>,
}

pub(crate) fn convert(
    site: &Site,
    kind: SourceKind,
    root: &Path,
    report: &mut Report,
    progress: OnProgress<'_>,
) -> Result<Bundle> {
    if !root.is_dir() {
        return Err(ImportError::Source(format!("{} is not a folder; give the site's root folder.", root.display())));
    }
    let config = layout::config(root, kind);
    let settings = site.settings()?;
    let tz = time_zone(&settings.timezone)?;
    let site_sections: HashSet<String> = settings.sections.iter().map(|s| s.slug.clone()).collect();
    let mut names = Names::of_site(site)?;
    let mut bundle = Bundle::default();
    let mut section_titles: BTreeMap<String, String> = BTreeMap::new();
    let mut entries = vec![];
    let mut content: HashMap<String, String> = HashMap::new();
    for f in find(root, kind, report)? {
        let size = std::fs::metadata(&f.path).map(|m| m.len()).unwrap_or(0);
        if size > MAX_BODY_BYTES as u64 {
            report.skip(&f.rel, "It is larger than Masthead's limit of 2 MB for a text.");
            continue;
        }
        let text_of = std::fs::read(&f.path)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| "it is not UTF-8 text".to_string()));
        let doc = match text_of.and_then(|t| front::split(&t)) {
            Ok(doc) => doc,
            Err(why) => {
                report.skip(&f.rel, format!("It could not be read: {why}."));
                continue;
            }
        };
        match &f.role {
            Role::Home => {
                report.skip(
                    &f.rel,
                    "It is the home page's text; Masthead's home page is made of slides and the latest articles.",
                );
                continue;
            }
            Role::SectionIndex(top) => {
                let title = text(&doc.front, &["title"]).unwrap_or_else(|| top.clone());
                section_titles.insert(top.clone(), title);
                if !doc.body.trim().is_empty() {
                    report.skip(
                        &f.rel,
                        "A section's introduction text has no place in Masthead (its title names the section).",
                    );
                }
                continue;
            }
            _ => {}
        }
        let wanted = text(&doc.front, &["slug"]).unwrap_or_else(|| f.stem.clone());
        let (slug, changed) = names.slug(&slugify(&wanted));
        let kind_word = if f.role == Role::Page { "page" } else { "article" };
        let reference = format!("{kind_word}:{slug}");
        if changed {
            report.warn(
                &f.rel,
                &reference,
                format!(
                    "The address “{}” is already used in this site, so this {kind_word} is “{slug}”.",
                    slugify(&wanted)
                ),
            );
        }
        let date = text(&doc.front, &["date", "publishDate", "pubDate"]).or(f.name_date.clone());
        let categories = list(&doc.front, "categories");
        let mut aliases = vec![];
        match text(&doc.front, &["url", "permalink", "path"]) {
            Some(own) => aliases.push(if own.starts_with('/') { own } else { format!("/{own}") }),
            None => {
                let title = text(&doc.front, &["title"]).unwrap_or_default();
                let naming = layout::Naming {
                    slug: &slugify(&wanted),
                    title: &title,
                    date: date.as_deref(),
                    categories: &categories,
                };
                aliases.push(layout::old_url(&f, &naming, kind, &config));
            }
        }
        for a in list(&doc.front, "aliases").into_iter().chain(list(&doc.front, "redirect_from")) {
            aliases.push(if a.starts_with('/') || a.contains("://") { a } else { format!("/{a}") });
        }
        let rel_in_content = f.rel.strip_prefix("content/").unwrap_or(&f.rel).to_string();
        for key in [
            f.rel.clone(),
            rel_in_content.clone(),
            rel_in_content.trim_end_matches(".md").trim_end_matches("/index").to_string(),
            f.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            format!("{}.md", f.stem),
        ] {
            content.entry(key).or_insert_with(|| reference.clone());
        }
        for a in &aliases {
            let key = if a.ends_with('/') || a.ends_with(".html") { a.clone() } else { format!("{a}/") };
            content.insert(key, reference.clone());
        }
        entries.push(Entry { found: f, doc, reference, slug, aliases });
    }
    // Sections: the top folders of articles (or a Jekyll post's first category).
    let mut sections: HashMap<String, Option<String>> = HashMap::new();
    for e in &mut entries {
        let top = match &e.found.role {
            Role::Article(Some(top)) => Some(top.clone()),
            Role::Article(None) => list(&e.doc.front, "categories").first().cloned().or_else(|| Some("blog".into())),
            _ => None,
        };
        let Some(top) = top else { continue };
        let slug = slugify(&top);
        let section = sections.entry(top.clone()).or_insert_with(|| {
            if site_sections.contains(&slug) {
                return Some(slug);
            }
            if names.is_taken(&slug) {
                return None;
            }
            names.section(&slug);
            let title = section_titles.get(&top).cloned().unwrap_or_else(|| capitalise(&top));
            bundle.sections.push(Section { slug: slug.clone(), title, home: true });
            Some(slug)
        });
        if section.is_none() {
            report.warn(&e.found.rel, &e.reference, format!("The section “{top}” would have the address of a page already in this site, so this article has no section."));
        }
        e.found.role = Role::Article(section.clone());
    }
    let base_url = layout::base_url(&config).and_then(|b| url::Url::parse(&b).ok());
    let mut files = Files {
        root: root.to_path_buf(),
        static_dirs: layout::static_dirs(kind),
        base_url,
        bundle: &mut bundle,
        names: &mut names,
        content,
        media: HashMap::new(),
    };
    let now = jiff::Timestamp::now();
    let mut out_articles = vec![];
    let mut out_pages = vec![];
    let total = entries.len();
    for (i, e) in entries.into_iter().enumerate() {
        progress(&Progress { stage: "converting", done: i + 1, total });
        let dir = e.found.rel.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default();
        let url = e.aliases.first().cloned().unwrap_or_default();
        let mut cx = InFile { files: &mut files, dir, url, notes: vec![] };
        let mut notes = vec![];
        let converted = shortcodes::convert(&e.doc.body, &mut cx, &mut notes);
        let body = tidy(&cx.rewrite(&converted));
        notes.extend(std::mem::take(&mut cx.notes));
        let front = &e.doc.front;
        let date = text(front, &["date", "publishDate", "pubDate"]).or(e.found.name_date.clone());
        let date = date.and_then(|d| match parse_date(&d, &tz) {
            Ok(_) => Some(d),
            Err(_) => {
                notes.push(format!("The date “{d}” could not be read, so it has none."));
                None
            }
        });
        let mut status =
            if e.found.draft || flag(front, "draft") == Some(true) || flag(front, "published") == Some(false) {
                Status::Draft
            } else {
                Status::Published
            };
        if let Some(expiry) = text(front, &["expiryDate", "expirydate", "unpublishdate"]) {
            match parse_date(&expiry, &tz) {
                Ok(t) if t <= now => {
                    status = Status::Draft;
                    notes.push(format!("It expired on {expiry}, so it is a draft."));
                }
                _ => notes.push(format!("It expires on {expiry} on the old site; Masthead does not take articles down on a date, so unpublish it then.")),
            }
        }
        let title = text(front, &["title"]).unwrap_or_else(|| e.slug.replace('-', " "));
        for note in notes {
            report.warn(&e.found.rel, &e.reference, note);
        }
        match &e.found.role {
            Role::Page => out_pages.push(Item {
                value: Page { title, slug: e.slug, body, status, ..Default::default() },
                source: e.found.rel,
                aliases: e.aliases,
            }),
            Role::Article(section) => {
                let mut tags: Vec<String> = list(front, "tags").into_iter().chain(list(front, "categories")).collect();
                if let Some(Value::Object(tax)) = front.get("taxonomies") {
                    for v in tax.values().filter_map(Value::as_array) {
                        tags.extend(v.iter().filter_map(Value::as_str).map(str::to_string));
                    }
                }
                let mut tags: Vec<String> =
                    tags.iter().map(|t| slugify(t)).filter(|t| Some(t) != section.as_ref()).collect();
                tags.sort();
                tags.dedup();
                let author = text(front, &["author"]).or_else(|| list(front, "authors").into_iter().next());
                let image_src = text(front, &["image", "featured_image", "cover", "thumbnail"])
                    .or_else(|| list(front, "images").into_iter().next());
                let dir = e.found.rel.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default();
                let mut cx = InFile { files: &mut files, dir, url: String::new(), notes: vec![] };
                let image =
                    image_src.map(|src| shortcodes::Context::image(&mut cx, &src)).filter(|i| i.starts_with("media:"));
                for note in cx.notes {
                    report.warn(&e.found.rel, &e.reference, note);
                }
                let image_alt = image.as_ref().and(text(front, &["image_alt", "alt"]));
                let value = Article {
                    title,
                    slug: e.slug,
                    summary: text(front, &["summary", "description", "excerpt"]),
                    body,
                    section: section.clone(),
                    tags,
                    author,
                    status,
                    date,
                    image,
                    image_alt,
                    ..Default::default()
                };
                out_articles.push(Item { value, source: e.found.rel, aliases: e.aliases });
            }
            _ => {}
        }
    }
    drop(files);
    bundle.articles = out_articles;
    bundle.pages = out_pages;
    Ok(bundle)
}

/// At most one blank line between blocks (shortcodes leave some behind), code left as it is.
fn tidy(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let (mut blank, mut code) = (0, false);
    for line in body.lines() {
        if line.trim_start().starts_with("```") {
            code = !code;
        }
        blank = if line.trim().is_empty() && !code { blank + 1 } else { 0 };
        if blank <= 1 {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.trim().to_string()
}

fn capitalise(s: &str) -> String {
    let s = s.replace(['-', '_'], " ");
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}
