//! The values templates receive (see `themes/default/README.md`).

use jiff::Timestamp;
use masthead_store::{Article, Reference, Status};
use serde_json::{Value, json};

use crate::content::{Content, Dated};
use crate::images::{ImageView, image_view};
use crate::links::{article_url, section_url, tag_url};

/// Builds template values from a content snapshot.
pub(crate) struct Views<'a> {
    pub(crate) content: &'a Content,
    /// `https://example.org` without the trailing slash; empty when the site has no base URL.
    base: String,
    site: Value,
}

impl<'a> Views<'a> {
    pub(crate) fn new(content: &'a Content) -> Views<'a> {
        let s = &content.settings;
        let base = s.base_url.as_deref().unwrap_or("").trim_end_matches('/').to_string();
        let mut views = Views { content, base, site: Value::Null };
        let media_url = |r: &Option<String>| r.as_deref().and_then(|r| content.links.resolve(r).ok());
        views.site = json!({
            "title": s.title,
            "tagline": s.tagline,
            "language": s.language,
            "base_url": s.base_url.as_deref().map(|b| format!("{}/", b.trim_end_matches('/'))).unwrap_or_default(),
            "accent_color": s.accent_color.clone().unwrap_or_else(|| "#0b6e4f".into()),
            "logo": views.image(s.logo.as_deref(), Some(&s.title), "12rem"),
            "favicon_url": media_url(&s.favicon),
            "footer": s.footer,
            "newsletter_url": s.newsletter_url,
            "navigation": s.navigation.iter().filter_map(|n| {
                content.links.resolve(&n.link).ok().map(|url| json!({"label": n.label, "url": url, "current": false}))
            }).collect::<Vec<_>>(),
            "social": s.social.iter().map(|x| json!({"label": x.label, "url": x.url})).collect::<Vec<_>>(),
            "partners": s.partners.iter().map(|p| json!({
                "name": p.name,
                "url": p.url,
                "logo": views.image(p.logo.as_deref(), Some(&p.name), "10rem"),
            })).collect::<Vec<_>>(),
            "sections": s.sections.iter().map(|x| json!({"slug": x.slug, "title": x.title, "url": section_url(&x.slug, 1)})).collect::<Vec<_>>(),
            "feed_url": "/feed.xml",
            "search_url": "/search/",
        });
        views
    }

    /// The site value with the navigation entry for `url` marked current.
    pub(crate) fn site(&self, url: &str) -> Value {
        let mut site = self.site.clone();
        if let Some(nav) = site["navigation"].as_array_mut() {
            for item in nav {
                let target = item["url"].as_str().unwrap_or("");
                let current = target == url || (target.len() > 1 && url.starts_with(target));
                item["current"] = Value::Bool(current);
            }
        }
        site
    }

    /// The site's base URL, without the trailing slash (empty when it has none).
    pub(crate) fn base(&self) -> &str {
        &self.base
    }

    pub(crate) fn absolute(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        }
    }

    /// An image for a `media:` reference (or any URL), with the alt text of this use.
    pub(crate) fn image(&self, reference: Option<&str>, alt: Option<&str>, sizes: &str) -> Option<ImageView> {
        let reference = reference?;
        match self.content.links.media_item(reference) {
            Some(m) => Some(image_view(&self.content.links, m, alt, sizes)),
            None => self.content.links.resolve(reference).ok().map(|src| ImageView {
                src,
                alt: alt.unwrap_or_default().to_string(),
                sizes: sizes.into(),
                ..Default::default()
            }),
        }
    }

    pub(crate) fn section_title(&self, slug: &str) -> String {
        self.content.settings.section(slug).map(|s| s.title.clone()).unwrap_or_else(|| slug.to_string())
    }

    pub(crate) fn event(&self, a: &Article) -> Option<Value> {
        let (start, end) = crate::content::event_times(a, &self.content.dates.tz)?;
        let d = &self.content.dates;
        Some(json!({
            "start_iso": d.rfc3339(start),
            "start_display": d.day_time(start),
            "end_display": end.map(|e| d.day_time(e)),
            "location": a.location,
            "ics_url": format!("{}event.ics", article_url(a)),
            "upcoming": end.unwrap_or(start) >= self.content.now,
        }))
    }

    pub(crate) fn card(&self, a: &Dated<Article>) -> Value {
        let item = &a.item;
        json!({
            "title": item.title,
            "url": article_url(item),
            "summary": item.summary,
            "date_iso": a.date.map(|d| self.content.dates.rfc3339(d)),
            "date_display": a.date.map(|d| self.content.dates.day(d)),
            "section_title": item.section.as_deref().map(|s| self.section_title(s)),
            "section_url": item.section.as_deref().map(|s| section_url(s, 1)),
            "image": self.image(item.image.as_deref(), item.image_alt.as_deref(), "(min-width: 48rem) 22rem, 100vw"),
            "event": self.event(item),
        })
    }

    pub(crate) fn tags(&self, a: &Article) -> Value {
        a.tags.iter().map(|t| json!({"name": t, "url": tag_url(t)})).collect()
    }

    /// The `page` value: what `<head>` needs.
    pub(crate) fn page(&self, head: Head<'_>) -> Value {
        let Head { kind, title, description, url, og_image, jsonld, draft_label, lang } = head;
        let site_title = &self.content.settings.title;
        let full_title = if kind == "home" || title == site_title.as_str() {
            site_title.clone()
        } else {
            format!("{title} – {site_title}")
        };
        let fallback_image = self.image(self.content.settings.social_image.as_deref(), None, "");
        let og = og_image.or(fallback_image.as_ref()).map(|i| self.absolute(&i.src));
        json!({
            "kind": kind,
            "title": full_title,
            "description": description.or(self.content.settings.tagline.as_deref()).unwrap_or(""),
            "url": url,
            "canonical": self.absolute(url),
            "og_type": if kind == "article" { "article" } else { "website" },
            "og_image": og,
            "lang": lang.unwrap_or(&self.content.settings.language),
            "jsonld": jsonld.as_ref().map(crate::html::script_json),
            "preview": self.content.drafts,
            "draft_label": draft_label,
        })
    }

    pub(crate) fn now_year(&self) -> i16 {
        self.content.dates.year(self.content.now)
    }

    /// The JSON-LD of an article page.
    pub(crate) fn article_jsonld(&self, a: &Dated<Article>, image: Option<&ImageView>) -> Value {
        let item = &a.item;
        let modified = item.meta.updated_at.parse::<Timestamp>().ok();
        let mut ld = json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": item.title,
            "mainEntityOfPage": self.absolute(&article_url(item)),
            "publisher": {"@type": "Organization", "name": self.content.settings.title},
        });
        if let Some(d) = a.date {
            ld["datePublished"] = json!(self.content.dates.rfc3339(d));
        }
        if let Some(m) = modified.or(a.date) {
            ld["dateModified"] = json!(self.content.dates.rfc3339(m));
        }
        if let Some(author) = &item.author {
            ld["author"] = json!({"@type": "Person", "name": author});
        }
        if let Some(img) = image {
            ld["image"] = json!([self.absolute(&img.src)]);
        }
        if let Some(summary) = &item.summary {
            ld["description"] = json!(summary);
        }
        ld
    }

    /// Whether a slide link leaves the site.
    pub(crate) fn is_external(link: &str) -> bool {
        matches!(Reference::parse(link), Ok(Reference::Url(_)))
    }

    pub(crate) fn draft_label(&self, status: Status, date: Option<Timestamp>) -> Option<String> {
        if self.content.drafts { self.content.draft_label(status, date) } else { None }
    }
}

/// What a page's `<head>` says about it: its kind (`article`, `page`, `home`, `list`, `404`,
/// `redirect`), title, description, address, social picture, structured data, draft label and
/// language. Unset fields fall back to the site's.
#[derive(Default)]
pub(crate) struct Head<'a> {
    pub(crate) kind: &'a str,
    pub(crate) title: &'a str,
    pub(crate) description: Option<&'a str>,
    pub(crate) url: &'a str,
    pub(crate) og_image: Option<&'a ImageView>,
    pub(crate) jsonld: Option<Value>,
    pub(crate) draft_label: Option<String>,
    pub(crate) lang: Option<&'a str>,
}
