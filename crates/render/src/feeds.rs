//! Feeds (RSS 2.0 and Atom from templates, JSON Feed 1.1 from code) and the sitemap.

use std::collections::{BTreeMap, HashMap};

use masthead_store::Article;
use serde_json::{Value, json};

use crate::content::{Content, Dated};
use crate::error::Result;
use crate::links::article_url;
use crate::markdown::render_markdown;
use crate::theme::Theme;
use crate::views::Views;

/// Items in each feed.
pub const FEED_ITEMS: usize = 20;
/// The feeds' files.
pub(crate) const PATHS: [&str; 3] = ["atom.xml", "feed.json", "feed.xml"];

/// The articles in the feeds, newest first.
pub(crate) fn items(content: &Content) -> impl Iterator<Item = &Dated<Article>> {
    content.articles.iter().filter(|a| a.public).take(FEED_ITEMS)
}

/// When the feeds last changed: the date of the newest public article, else the build's.
pub(crate) fn newest(content: &Content) -> jiff::Timestamp {
    content.articles.iter().filter(|a| a.public).find_map(|a| a.date).unwrap_or(content.now)
}

pub(crate) fn feeds(views: &Views<'_>, theme: &Theme) -> Result<BTreeMap<String, Vec<u8>>> {
    let content = views.content;
    let d = &content.dates;
    let items: Vec<Value> = items(content)
        .map(|a| {
            let item = &a.item;
            let url = views.absolute(&article_url(item));
            let date = a.date.unwrap_or(content.now);
            json!({
                "id": url,
                "title": item.title,
                "url_absolute": url,
                "summary": item.summary.clone().unwrap_or_default(),
                "content_html": render_markdown(&item.body, &content.links, false).html,
                "date_rfc3339": d.rfc3339(date),
                "date_rfc2822": d.rfc2822(date),
                "updated_rfc3339": item.meta.updated_at.parse::<jiff::Timestamp>().map(|t| d.rfc3339(t)).unwrap_or_else(|_| d.rfc3339(date)),
                "author": item.author,
            })
        })
        .collect();
    let newest = newest(content);
    let feed = json!({
        "title": content.settings.title,
        "description": content.settings.tagline.clone().unwrap_or_default(),
        "url_absolute": views.absolute("/"),
        "feed_absolute": views.absolute("/feed.xml"),
        "atom_absolute": views.absolute("/atom.xml"),
        "updated_rfc3339": d.rfc3339(newest),
        "updated_rfc2822": d.rfc2822(newest),
        "language": content.settings.language,
        "items": items,
    });
    let ctx = json!({"site": views.site("/"), "feed": feed});
    let mut files = BTreeMap::new();
    files.insert("feed.xml".into(), theme.render("rss.xml", &ctx)?.into_bytes());
    files.insert("atom.xml".into(), theme.render("atom.xml", &ctx)?.into_bytes());
    let json_feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed["title"],
        "home_page_url": feed["url_absolute"],
        "feed_url": views.absolute("/feed.json"),
        "description": feed["description"],
        "language": feed["language"],
        "items": items.iter().map(|i| {
            let mut item = json!({
                "id": i["id"], "url": i["url_absolute"], "title": i["title"], "content_html": i["content_html"],
                "date_published": i["date_rfc3339"], "date_modified": i["updated_rfc3339"],
            });
            if i["summary"] != "" { item["summary"] = i["summary"].clone(); }
            if let Some(a) = i["author"].as_str() { item["authors"] = json!([{"name": a}]); }
            item
        }).collect::<Vec<_>>(),
    });
    files.insert("feed.json".into(), serde_json::to_vec_pretty(&json_feed).expect("JSON serialises"));
    Ok(files)
}

/// One entry of the sitemap.
#[derive(serde::Serialize)]
pub(crate) struct SitemapUrl {
    loc: String,
    lastmod: String,
}

/// Every HTML page of the build except the 404 page, with the date it last changed.
pub(crate) fn sitemap_urls(views: &Views<'_>, paths: &[String]) -> Vec<SitemapUrl> {
    use rayon::prelude::*;
    let content = views.content;
    let d = &content.dates;
    let lastmod: HashMap<String, String> = content
        .articles
        .par_iter()
        .map(|a| {
            let date = a.item.meta.updated_at.parse::<jiff::Timestamp>().ok().or(a.date).unwrap_or(content.now);
            (article_url(&a.item), d.ymd(date))
        })
        .collect();
    let newest = content.articles.iter().find_map(|a| a.date).map(|t| d.ymd(t)).unwrap_or_else(|| d.ymd(content.now));
    paths
        .iter()
        .filter(|k| k.ends_with("index.html"))
        .map(|k| format!("/{}", k.trim_end_matches("index.html")))
        .map(|url| {
            let lastmod = lastmod.get(&url).cloned().unwrap_or_else(|| newest.clone());
            SitemapUrl { loc: views.absolute(&url), lastmod }
        })
        .collect()
}

/// What the sitemap of these URLs is made from, as text.
pub(crate) fn sitemap_key(urls: &[SitemapUrl]) -> String {
    let mut key = String::with_capacity(urls.iter().map(|u| u.loc.len() + u.lastmod.len() + 2).sum());
    for u in urls {
        key.push_str(&u.loc);
        key.push(' ');
        key.push_str(&u.lastmod);
        key.push('\n');
    }
    key
}

/// The sitemap of these URLs (from [`sitemap_urls`]). With the default theme's template it is
/// written here, byte for byte what the template makes (a test compares them), as a large
/// site's sitemap has tens of thousands of entries: 13,500 took ~20 ms through the template
/// and made a new tag page's rebuild slow; a site that replaces the template gets its own.
pub(crate) fn sitemap(views: &Views<'_>, theme: &Theme, urls: &[SitemapUrl]) -> Result<String> {
    if theme.is_default("sitemap.xml") {
        return Ok(default_sitemap(urls));
    }
    sitemap_from_template(views, theme, urls)
}

/// What `themes/default/templates/sitemap.xml` makes of `urls`.
fn default_sitemap(urls: &[SitemapUrl]) -> String {
    use crate::html::escape;
    let mut xml = String::with_capacity(120 + urls.len() * 110);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
    );
    for u in urls {
        xml.push_str("<url>\n<loc>");
        xml.push_str(&escape(&u.loc));
        xml.push_str("</loc>");
        if !u.lastmod.is_empty() {
            xml.push_str("<lastmod>");
            xml.push_str(&escape(&u.lastmod));
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>");
    }
    xml.push_str("</urlset>");
    xml
}

fn sitemap_from_template(views: &Views<'_>, theme: &Theme, urls: &[SitemapUrl]) -> Result<String> {
    // Handed to the template as it is (not through a JSON value first): a large site's sitemap
    // has tens of thousands of entries.
    #[derive(serde::Serialize)]
    struct Context<'a> {
        site: Value,
        urls: &'a [SitemapUrl],
    }
    theme.render("sitemap.xml", Context { site: views.site("/"), urls })
}

#[cfg(test)]
mod tests {
    use super::{SitemapUrl, default_sitemap};
    use crate::theme::Theme;

    fn url(loc: &str, lastmod: &str) -> SitemapUrl {
        SitemapUrl { loc: loc.into(), lastmod: lastmod.into() }
    }

    #[test]
    fn the_default_sitemap_is_what_its_template_makes() {
        let theme = Theme::load(None).unwrap();
        let cases = [
            vec![],
            vec![url("https://example.org/", "2026-01-02")],
            vec![
                url("https://example.org/", "2026-01-02"),
                url("https://example.org/news/a&b-\"quoted\"-'it'-<x>-été/", "2025-12-31"),
                url("https://example.org/no-date/", ""),
            ],
        ];
        for urls in cases {
            let by_template = theme.render("sitemap.xml", serde_json::json!({ "site": {}, "urls": urls })).unwrap();
            assert_eq!(default_sitemap(&urls), by_template);
        }
    }

    #[test]
    fn a_site_that_replaces_the_sitemap_template_gets_its_own() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        let default = Theme::load(None).unwrap();
        assert!(default.is_default("sitemap.xml"));
        // The same bytes as the default's are the default.
        let ours = include_str!("../../../themes/default/templates/sitemap.xml");
        std::fs::write(dir.path().join("templates/sitemap.xml"), ours).unwrap();
        assert!(Theme::load(Some(dir.path())).unwrap().is_default("sitemap.xml"));
        std::fs::write(dir.path().join("templates/sitemap.xml"), "{% for u in urls %}{{ u.loc }}\n{% endfor %}")
            .unwrap();
        let theirs = Theme::load(Some(dir.path())).unwrap();
        assert!(!theirs.is_default("sitemap.xml"));
        assert!(theirs.is_default("rss.xml"));
    }
}
