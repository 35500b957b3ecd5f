//! Feeds (RSS 2.0 and Atom from templates, JSON Feed 1.1 from code).

use std::collections::BTreeMap;

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
