//! The front matter of each kind of file, and how it maps to stored entities.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::yaml::{Y, write_map};
use crate::article::Article;
use crate::kind::Status;
use crate::media::Media;
use crate::page::Page;
use crate::slide::Slide;

/// `articles/<slug>.md`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArticleFront {
    title: String,
    slug: Option<String>,
    date: Option<String>,
    status: Option<Status>,
    section: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    author: Option<String>,
    summary: Option<String>,
    image: Option<String>,
    image_alt: Option<String>,
    seo_title: Option<String>,
    seo_description: Option<String>,
    lang: Option<String>,
    event_start: Option<String>,
    event_end: Option<String>,
    location: Option<String>,
    /// Addresses this article had on a previous website (`/2019/05/old-name/`): each becomes a
    /// redirect to it.
    #[serde(default)]
    aliases: Vec<String>,
}

/// `slides/<NN>-<slug>.md`; the body is the blurb.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SlideFront {
    slug: Option<String>,
    headline: String,
    cta: Option<String>,
    link: Option<String>,
    image: Option<String>,
    image_alt: Option<String>,
    pub(crate) position: Option<i64>,
    show_from: Option<String>,
    show_until: Option<String>,
    status: Option<Status>,
}

/// `pages/<slug>.md`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageFront {
    title: String,
    slug: Option<String>,
    status: Option<Status>,
    /// Addresses this page had on a previous website: each becomes a redirect to it.
    #[serde(default)]
    aliases: Vec<String>,
}

/// `media/<name>.yml`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MediaSidecar {
    pub(crate) alt: Option<String>,
    #[serde(default)]
    pub(crate) decorative: bool,
    pub(crate) caption: Option<String>,
    pub(crate) credit: Option<String>,
    /// Overrides a PDF's own document title.
    pub(crate) title: Option<String>,
    pub(crate) focal: Option<String>,
}

/// Maps Hugo and Zola front matter keys onto ours; keys that only matter to those tools are
/// dropped.
pub(crate) fn toml_aliases(map: &mut Map<String, Value>) {
    if let Some(Value::Bool(draft)) = map.remove("draft") {
        map.entry("status").or_insert_with(|| Value::from(if draft { "draft" } else { "published" }));
    }
    if let Some(d) = map.remove("description") {
        map.entry("summary").or_insert(d);
    }
    if let Some(Value::Object(mut tax)) = map.remove("taxonomies")
        && let Some(tags) = tax.remove("tags")
    {
        map.entry("tags").or_insert(tags);
    }
    // Hugo and Zola aliases that cannot be a redirect page here (`old.php`) are dropped, as
    // every alias was before they became redirects; relative ones are taken from the root.
    if let Some(Value::Array(aliases)) = map.remove("aliases") {
        let kept: Vec<Value> = aliases
            .into_iter()
            .filter_map(|a| a.as_str().map(|a| if a.starts_with('/') { a.to_string() } else { format!("/{a}") }))
            .filter(|a| crate::address::split_old_address(a).is_ok())
            .map(Value::from)
            .collect();
        map.insert("aliases".into(), Value::Array(kept));
    }
    if let Some(Value::Array(mut authors)) = map.remove("authors")
        && !authors.is_empty()
    {
        map.entry("author").or_insert(authors.swap_remove(0));
    }
    for ignored in [
        "weight",
        "template",
        "extra",
        "updated",
        "lastmod",
        "categories",
        "in_search_index",
        "render",
        "path",
        "sort_by",
        "paginate_by",
    ] {
        map.remove(ignored);
    }
}

fn opt(s: &Option<String>) -> Option<Y<'_>> {
    s.as_deref().map(Y::Str)
}

fn status_y(s: Status) -> Option<Y<'static>> {
    Some(Y::Str(s.as_str()))
}

fn document(front: String, body: &str) -> String {
    let mut out = format!("---\n{front}---\n");
    if !body.is_empty() {
        out.push('\n');
        out.push_str(body);
        out.push('\n');
    }
    out
}

impl ArticleFront {
    pub(crate) fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }

    pub(crate) fn aliases(&self) -> &[String] {
        &self.aliases
    }

    pub(crate) fn apply(self, a: &mut Article, slug: String, body: String) {
        *a = Article {
            meta: std::mem::take(&mut a.meta),
            title: self.title,
            slug,
            summary: self.summary,
            body,
            section: self.section,
            tags: self.tags,
            author: self.author,
            status: self.status.unwrap_or_default(),
            date: self.date,
            image: self.image,
            image_alt: self.image_alt,
            seo_title: self.seo_title,
            seo_description: self.seo_description,
            lang: self.lang,
            event_start: self.event_start,
            event_end: self.event_end,
            location: self.location,
        };
    }
}

/// `aliases`: the article's old addresses, each a redirect to it.
pub(crate) fn article_file(a: &Article, aliases: &[String]) -> String {
    let mut front = String::new();
    write_map(
        &mut front,
        "",
        &[
            ("title", Some(Y::Str(&a.title))),
            ("slug", Some(Y::Str(&a.slug))),
            ("date", opt(&a.date)),
            ("status", status_y(a.status)),
            ("section", opt(&a.section)),
            ("tags", (!a.tags.is_empty()).then_some(Y::List(&a.tags))),
            ("author", opt(&a.author)),
            ("summary", opt(&a.summary)),
            ("image", opt(&a.image)),
            ("image_alt", opt(&a.image_alt)),
            ("seo_title", opt(&a.seo_title)),
            ("seo_description", opt(&a.seo_description)),
            ("lang", opt(&a.lang)),
            ("event_start", opt(&a.event_start)),
            ("event_end", opt(&a.event_end)),
            ("location", opt(&a.location)),
            ("aliases", (!aliases.is_empty()).then_some(Y::List(aliases))),
        ],
    );
    document(front, &a.body)
}

impl SlideFront {
    pub(crate) fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }

    pub(crate) fn apply(self, s: &mut Slide, slug: String, blurb: String, position: i64) {
        *s = Slide {
            meta: std::mem::take(&mut s.meta),
            slug,
            headline: self.headline,
            blurb,
            cta: self.cta,
            link: self.link,
            image: self.image,
            image_alt: self.image_alt,
            position,
            show_from: self.show_from,
            show_until: self.show_until,
            status: self.status.unwrap_or_default(),
        };
    }
}

pub(crate) fn slide_file(s: &Slide) -> String {
    let mut front = String::new();
    write_map(
        &mut front,
        "",
        &[
            ("slug", Some(Y::Str(&s.slug))),
            ("headline", Some(Y::Str(&s.headline))),
            ("cta", opt(&s.cta)),
            ("link", opt(&s.link)),
            ("image", opt(&s.image)),
            ("image_alt", opt(&s.image_alt)),
            ("position", Some(Y::Int(s.position))),
            ("show_from", opt(&s.show_from)),
            ("show_until", opt(&s.show_until)),
            ("status", status_y(s.status)),
        ],
    );
    document(front, &s.blurb)
}

impl PageFront {
    pub(crate) fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }

    pub(crate) fn aliases(&self) -> &[String] {
        &self.aliases
    }

    pub(crate) fn apply(self, p: &mut Page, slug: String, body: String) {
        *p = Page {
            meta: std::mem::take(&mut p.meta),
            title: self.title,
            slug,
            body,
            status: self.status.unwrap_or_default(),
        };
    }
}

/// `aliases`: the page's old addresses, each a redirect to it.
pub(crate) fn page_file(p: &Page, aliases: &[String]) -> String {
    let mut front = String::new();
    write_map(
        &mut front,
        "",
        &[
            ("title", Some(Y::Str(&p.title))),
            ("slug", Some(Y::Str(&p.slug))),
            ("status", status_y(p.status)),
            ("aliases", (!aliases.is_empty()).then_some(Y::List(aliases))),
        ],
    );
    document(front, &p.body)
}

/// The sidecar, or `None` when there is nothing to say.
pub(crate) fn media_sidecar(m: &Media) -> Option<String> {
    let mut out = String::new();
    write_map(
        &mut out,
        "",
        &[
            ("alt", opt(&m.alt)),
            ("decorative", m.decorative.then_some(Y::Bool(true))),
            ("caption", opt(&m.caption)),
            ("credit", opt(&m.credit)),
            ("title", opt(&m.title)),
            ("focal", opt(&m.focal)),
        ],
    );
    (!out.is_empty()).then_some(out)
}
