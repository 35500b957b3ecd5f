//! What a converter produces — articles, pages, slides, media files, sections and menu entries
//! with their final names — and how it goes into the site: as a portable tree, through the
//! store's one-transaction import (files first, then one transaction), so that an import that
//! fails part-way changes nothing.

use std::collections::BTreeMap;

use masthead_media::Pipeline;
use masthead_store::{Article, NavItem, Page, Redirect, Section, Site, Slide, Tree, split_old_address};
use serde_json::{Value, json};

use crate::report::Report;

/// An article or page, where it came from, and the old addresses that should lead to it.
#[derive(Debug)]
pub(crate) struct Item<T> {
    pub(crate) value: T,
    pub(crate) source: String,
    pub(crate) aliases: Vec<String>,
}

/// What the source says about a file: its alt text, caption and title.
#[derive(Clone, Debug, Default)]
pub(crate) struct MediaText {
    pub(crate) alt: Option<String>,
    pub(crate) caption: Option<String>,
    pub(crate) title: Option<String>,
}

/// A file for the media library.
#[derive(Debug, Default)]
pub(crate) struct MediaFile {
    pub(crate) name: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) text: MediaText,
    /// Whether the library lacks it (the same file already there is reused, not added).
    pub(crate) new: bool,
}

/// Everything an import brings in.
#[derive(Debug, Default)]
pub(crate) struct Bundle {
    pub(crate) articles: Vec<Item<Article>>,
    pub(crate) pages: Vec<Item<Page>>,
    pub(crate) slides: Vec<Slide>,
    pub(crate) media: Vec<MediaFile>,
    /// Sections the site should have (those it has already are left as they are).
    pub(crate) sections: Vec<Section>,
    /// Menu entries to add after the site's own.
    pub(crate) navigation: Vec<NavItem>,
    /// Old archive addresses (added unless the site has a redirect from there already).
    pub(crate) redirects: Vec<Redirect>,
}

fn clean(v: &Option<String>) -> Value {
    match v.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => json!(s),
        _ => Value::Null,
    }
}

/// A portable file: front matter (JSON, which is YAML too) and the body.
fn document(front: Value, body: &str) -> Vec<u8> {
    format!("---\n{}\n---\n\n{}\n", serde_json::to_string_pretty(&front).expect("JSON serialises"), body.trim())
        .into_bytes()
}

/// Keeps the aliases that can become redirects (reporting the others) and counts them.
fn usable_aliases(
    aliases: &[String],
    url: &str,
    entity: &str,
    source: &str,
    taken: &mut BTreeMap<String, String>,
    report: &mut Report,
) -> Vec<String> {
    let mut kept = vec![];
    for alias in aliases {
        let last = alias.rsplit('/').next().unwrap_or_default();
        let path = if alias.ends_with('/') || masthead_store::is_html_file(last) {
            alias.clone()
        } else {
            format!("{alias}/")
        };
        if path == url {
            continue;
        }
        if let Err(e) = split_old_address(&path) {
            report.warn(source, entity, format!("The old address {alias} gets no redirect: {e}"));
            continue;
        }
        if let Some(other) = taken.get(&path) {
            if other != entity {
                report.warn(
                    source,
                    entity,
                    format!("The old address {alias} already leads to {other}; it gets no second redirect."),
                );
            }
            continue;
        }
        taken.insert(path.clone(), entity.to_string());
        kept.push(path);
    }
    report.redirects += kept.len();
    kept
}

impl Bundle {
    /// Counts what the bundle brings, and unless `dry_run`, imports it into `site`.
    pub(crate) fn apply(self, site: &Site, report: &mut Report, dry_run: bool) -> crate::Result<()> {
        let mut tree = Tree::default();
        let mut settings = site.settings()?;
        for s in self.sections {
            if !settings.sections.iter().any(|x| x.slug == s.slug) {
                settings.sections.push(s);
            }
        }
        for n in self.navigation {
            if !settings.navigation.iter().any(|x| x.link == n.link) {
                settings.navigation.push(n);
            }
        }
        for r in self.redirects {
            if !settings.redirects.iter().any(|x| x.from == r.from) {
                settings.redirects.push(r);
            }
        }
        let settings_json = serde_json::to_string_pretty(&settings).expect("settings serialise");
        tree.0.insert("site.yml".into(), settings_json.into_bytes());
        // Current addresses win over old ones.
        let mut taken: BTreeMap<String, String> = BTreeMap::new();
        for a in &self.articles {
            taken.insert(masthead_render::article_url(&a.value), format!("article:{}", a.value.slug));
        }
        for p in &self.pages {
            taken.insert(masthead_render::page_url(&p.value), format!("page:{}", p.value.slug));
        }
        for Item { value: a, source, aliases } in self.articles {
            let entity = format!("article:{}", a.slug);
            let aliases =
                usable_aliases(&aliases, &masthead_render::article_url(&a), &entity, &source, &mut taken, report);
            let front = json!({
                "title": a.title, "slug": a.slug, "date": a.date, "status": a.status, "section": a.section,
                "tags": a.tags, "author": clean(&a.author), "summary": clean(&a.summary), "image": a.image,
                "image_alt": clean(&a.image_alt), "aliases": aliases,
            });
            tree.0.insert(format!("articles/{}.md", a.slug), document(front, &a.body));
            report.articles += 1;
        }
        for Item { value: p, source, aliases } in self.pages {
            let entity = format!("page:{}", p.slug);
            let aliases =
                usable_aliases(&aliases, &masthead_render::page_url(&p), &entity, &source, &mut taken, report);
            let front = json!({"title": p.title, "slug": p.slug, "status": p.status, "aliases": aliases});
            tree.0.insert(format!("pages/{}.md", p.slug), document(front, &p.body));
            report.pages += 1;
        }
        let first = site.list_light::<Slide>()?.iter().map(|s| s.position).max().unwrap_or(0) + 1;
        for (i, s) in self.slides.into_iter().enumerate() {
            let position = first + i as i64;
            let front = json!({
                "slug": s.slug, "headline": s.headline, "cta": s.cta, "link": s.link, "image": s.image,
                "image_alt": s.image_alt, "position": position, "status": s.status,
            });
            tree.0.insert(format!("slides/{position:02}-{}.md", s.slug), document(front, &s.blurb));
            report.slides += 1;
        }
        for m in self.media {
            if !m.new {
                continue;
            }
            let t = &m.text;
            let sidecar = json!({"alt": clean(&t.alt), "caption": clean(&t.caption), "title": clean(&t.title)});
            tree.0.insert(format!("media/{}.yml", m.name), serde_json::to_vec(&sidecar).expect("JSON serialises"));
            tree.0.insert(format!("media/{}", m.name), m.bytes);
            report.media += 1;
        }
        if !dry_run {
            site.import_tree(&tree, &Pipeline)?;
        }
        Ok(())
    }
}
