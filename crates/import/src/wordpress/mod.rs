//! WordPress: an export file (WXR) → articles, pages, slides, media, sections, tags, the menu
//! and redirects from every old address.

mod archives;
mod attachments;
mod content;
mod links;
mod menus;
mod posts;
mod wxr;

use std::io::BufReader;

use masthead_store::{Section, Site};

use crate::bundle::Bundle;
use crate::error::{ImportError, Result, io};
use crate::names::Names;
use crate::report::Report;
use crate::{OnProgress, Options};
use links::Links;
use wxr::{Post, Wxr};

/// The largest export read (WordPress sites with years of posts export a few hundred MB).
const MAX_EXPORT_BYTES: u64 = 1024 * 1024 * 1024;

/// What the conversion fills in as it goes.
pub(super) struct Cx<'a> {
    pub(super) names: &'a mut Names,
    pub(super) links: &'a mut Links,
    pub(super) bundle: &'a mut Bundle,
    pub(super) report: &'a mut Report,
}

/// A WordPress item as the report names it.
pub(super) fn source_of(p: &Post) -> String {
    format!("{} {} “{}”", if p.post_type.is_empty() { "item" } else { &p.post_type }, p.id, p.title.trim())
}

/// Reads the export at `options.source` and converts it.
pub(crate) fn convert(site: &Site, options: &Options, report: &mut Report, progress: OnProgress<'_>) -> Result<Bundle> {
    let path = &options.source;
    let meta = std::fs::metadata(path).map_err(io(path))?;
    if !meta.is_file() {
        return Err(ImportError::Source(format!("{} is not a file; give the export's .xml file.", path.display())));
    }
    if meta.len() > MAX_EXPORT_BYTES {
        return Err(ImportError::Source(format!(
            "{} is {} MB; Masthead reads exports up to {} MB. In WordPress, export posts and pages separately (Tools → Export) and import each file.",
            path.display(),
            meta.len() / 1_000_000,
            MAX_EXPORT_BYTES / 1_000_000
        )));
    }
    let file = std::fs::File::open(path).map_err(io(path))?;
    let wxr = wxr::parse(BufReader::with_capacity(1 << 16, file))?;
    let mut names = Names::of_site(site)?;
    let mut bundle = Bundle::default();
    let mut links = Links::default();
    links.add_host(&wxr.link);
    links.add_host(&wxr.base_site_url);
    for p in &wxr.items {
        links.add_host(&p.link);
    }
    let site_sections = site.settings()?.sections.into_iter().map(|s| s.slug).collect();
    let sections = sections(&wxr, &site_sections, &mut names, &mut links, &mut bundle);
    archives::import(&wxr, &sections, &mut links, &mut bundle, report);
    let mut cx = Cx { names: &mut names, links: &mut links, bundle: &mut bundle, report };
    let files = attachments::import(&wxr, options, &mut cx, progress);
    posts::import(&wxr, &sections, &files, &mut cx, progress);
    menus::import(&wxr, &links, &mut bundle, report);
    let comments: usize = wxr.items.iter().map(|p| p.comments).sum();
    if comments > 0 {
        report.skip("comments", format!("{comments} comments were not imported: Masthead sites have no comments."));
    }
    Ok(bundle)
}

/// The categories that become sections (the top-level ones), by slug; deeper ones become tags.
/// Tag and category archive addresses lead to the new section and tag pages.
fn sections(
    wxr: &Wxr,
    site_sections: &std::collections::HashSet<String>,
    names: &mut Names,
    links: &mut Links,
    bundle: &mut Bundle,
) -> std::collections::HashMap<String, String> {
    let mut sections = std::collections::HashMap::new();
    let used: std::collections::HashSet<&str> = wxr
        .items
        .iter()
        .filter(|p| p.post_type == "post")
        .flat_map(|p| p.terms.iter().filter(|t| t.0 == "category").map(|t| t.1.as_str()))
        .collect();
    for term in wxr.categories.iter().filter(|t| t.parent.is_empty() && t.slug != "uncategorized") {
        if !used.contains(term.slug.as_str()) {
            continue;
        }
        let slug = masthead_store::slugify(&term.slug);
        // A section lives at /<slug>/: a page or article already there keeps it.
        let existing = site_sections.contains(&slug);
        if names.is_taken(&slug) && !existing {
            continue;
        }
        names.section(&slug);
        if !existing {
            bundle.sections.push(Section { slug: slug.clone(), title: term.name.trim().to_string(), home: true });
        }
        links.terms.insert(("category".into(), term.slug.clone()), format!("/{slug}/"));
        sections.insert(term.slug.clone(), slug);
    }
    sections
}
