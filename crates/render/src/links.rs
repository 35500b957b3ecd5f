//! Resolving references (`article:slug`, `page:slug`, `media:name`, URLs, site paths) to the
//! URLs of the built site.

use std::collections::HashMap;

use masthead_store::{Article, Media, Page, Reference, slugify};

use crate::FastMap;

/// Something a reference can point at.
#[derive(Clone, Debug)]
pub struct LinkTarget {
    pub url: String,
    pub title: String,
    /// Whether it is part of the public build (published and due).
    pub public: bool,
}

/// Every target of the site, by key.
#[derive(Clone, Debug, Default)]
pub struct Links {
    pub articles: FastMap<String, LinkTarget>,
    pub pages: FastMap<String, LinkTarget>,
    pub media: HashMap<String, Media>,
    /// Responsive variants and covers of the media the build uses, by name.
    pub variants: HashMap<String, masthead_media::VariantSet>,
    /// Whether links to content that is not public are allowed (preview, `--drafts`).
    pub drafts: bool,
}

/// The URL of an article: `/<section>/<slug>/`, or `/<slug>/` without a section.
pub fn article_url(a: &Article) -> String {
    // (Made for every article on every build: pushed, not formatted.)
    let mut url = String::with_capacity(a.section.as_ref().map_or(0, String::len) + a.slug.len() + 3);
    url.push('/');
    if let Some(section) = &a.section {
        url.push_str(section);
        url.push('/');
    }
    url.push_str(&a.slug);
    url.push('/');
    url
}

pub fn page_url(p: &Page) -> String {
    format!("/{}/", p.slug)
}

pub fn media_url(name: &str) -> String {
    format!("/media/{name}")
}

pub fn section_url(slug: &str, page: usize) -> String {
    if page <= 1 { format!("/{slug}/") } else { format!("/{slug}/page/{page}/") }
}

pub fn tag_url(tag: &str) -> String {
    format!("/tags/{}/", slugify(tag))
}

impl Links {
    /// Resolves a reference to a URL, or says why it cannot be.
    pub fn resolve(&self, reference: &str) -> Result<String, String> {
        let parsed = Reference::parse(reference).map_err(|e| e.to_string())?;
        let target = |map: &FastMap<String, LinkTarget>, key: &str, kind: &str| match map.get(key) {
            None => Err(format!(
                "A link points to a missing {kind} (its address was “{key}”): choose the {kind} again, or create it."
            )),
            Some(t) if !t.public && !self.drafts => Err(format!(
                "A link points to the {kind} “{}”, which is not published: publish it or change the link.",
                t.title
            )),
            Some(t) => Ok(t.url.clone()),
        };
        match parsed {
            Reference::Article(slug) => target(&self.articles, slug, "article"),
            Reference::Page(slug) => target(&self.pages, slug, "page"),
            Reference::Media(name) => match self.media.get(name) {
                Some(_) => Ok(media_url(name)),
                None => Err(format!("“{name}” is not in the media library: upload it, or choose another file.")),
            },
            Reference::Url(u) => Ok(u.to_string()),
            Reference::Path(p) => Ok(p.to_string()),
        }
    }

    /// The media item a `media:` reference names.
    pub fn media_item(&self, reference: &str) -> Option<&Media> {
        match Reference::parse(reference) {
            Ok(Reference::Media(name)) => self.media.get(name),
            _ => None,
        }
    }
}
