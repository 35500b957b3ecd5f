//! What each article's outputs are made from (its key and fingerprint), computed once per
//! build and again for the articles saved since.

use std::collections::HashMap;

use masthead_store::{Article, slugify};
use rayon::prelude::*;

use crate::FastMap;
use crate::content::{Content, Dated, event_times};
use crate::feeds;
use crate::links::article_url;
use crate::memo::Memo;
use crate::search_index::shard_of;
use crate::views::Views;

/// What an article's outputs are made from: its key (id, version, date, whether it is public
/// and whether it is an upcoming event), the fingerprint of its page, and whether it is an event.
pub(crate) struct ArticleKey {
    pub(crate) key: String,
    pub(crate) fp: String,
    pub(crate) event: bool,
    /// Its search shard.
    pub(crate) shard: usize,
    /// Its tags' slugs, in the order of its tags.
    pub(crate) tags: Vec<String>,
    /// Its URL, and the day it last changed, as the sitemap says.
    pub(crate) url: String,
    pub(crate) lastmod: String,
}

/// The fingerprint keys of articles (by id) and pages (in order).
pub(crate) struct Keys {
    articles: FastMap<i64, ArticleKey>,
    pub(crate) pages: Vec<String>,
}

impl ArticleKey {
    /// (`slugs`: the tags' slugs known already; a site has far fewer tags than articles.)
    fn new(views: &Views<'_>, memo: &Memo, a: &Dated<Article>, slugs: &mut HashMap<String, String>) -> ArticleKey {
        let content = views.content;
        // As `Views::event` says: upcoming until its end (or its start) has passed.
        let event = event_times(&a.item, &content.dates.tz);
        let upcoming = event.is_some_and(|(start, end)| end.unwrap_or(start) >= content.now);
        let key = format!("{}:{}:{:?}:{}:{}", a.item.meta.id, a.item.meta.version, a.date, a.public, upcoming);
        let fp = memo.fingerprint(&[b"article", key.as_bytes()]);
        let tags = a.item.tags.iter().map(|t| slugs.entry(t.clone()).or_insert_with(|| slugify(t)).clone()).collect();
        let url = article_url(&a.item);
        let lastmod = lastmod(&a.item, a.date, content);
        ArticleKey { key, fp, event: event.is_some(), shard: shard_of(&url), tags, url, lastmod }
    }
}

/// The day an article last changed, as the sitemap says: the day of its last save (else its
/// date, else the build's `now`), in the site's time zone.
pub(crate) fn lastmod(a: &Article, date: Option<jiff::Timestamp>, content: &Content) -> String {
    let saved = a.meta.updated_at.parse::<jiff::Timestamp>().ok();
    content.dates.ymd(saved.or(date).unwrap_or(content.now))
}

impl Keys {
    pub(crate) fn new(views: &Views<'_>, memo: &Memo) -> Keys {
        let content = views.content;
        Keys {
            articles: content
                .articles
                .par_iter()
                .map_init(HashMap::new, |slugs, a| (a.item.meta.id, ArticleKey::new(views, memo, a, slugs)))
                .collect(),
            pages: content.pages.iter().map(|p| format!("{}:{}", p.meta.id, p.meta.version)).collect(),
        }
    }

    /// Computes the key of an article again (it was saved).
    pub(crate) fn update(&mut self, views: &Views<'_>, memo: &Memo, a: &Dated<Article>) {
        self.articles.insert(a.item.meta.id, ArticleKey::new(views, memo, a, &mut HashMap::new()));
    }

    /// The keys of every article.
    pub(crate) fn articles(&self) -> impl Iterator<Item = &ArticleKey> {
        self.articles.values()
    }

    pub(crate) fn key(&self, a: &Dated<Article>) -> &ArticleKey {
        &self.articles[&a.item.meta.id]
    }

    /// The fingerprint of the feeds: their articles and the date of the newest one.
    pub(crate) fn feeds_fp(&self, content: &Content, memo: &Memo) -> String {
        let items: Vec<&str> = feeds::items(content).map(|a| self.key(a).key.as_str()).collect();
        let newest = format!("{:?}", feeds::newest(content));
        memo.fingerprint(&[b"feeds", items.join(",").as_bytes(), newest.as_bytes()])
    }
}
