//! The build: every output file of the site, from a content snapshot and a theme.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::Timestamp;
use masthead_store::{Article, Page, Site, slugify};
use rayon::prelude::*;
use serde_json::{Value, json};

use crate::content::{Content, Dated};
use crate::error::{RenderError, Result};
use crate::feeds;
use crate::links::{article_url, page_url, section_url};
use crate::markdown::render_markdown;
use crate::memo::Memo;
use crate::outputs::{Scope, render, search_docs};
use crate::search_index::{plan_shards, shard_of};
use crate::theme::Theme;
use crate::views::{Head, Views};

/// Articles per listing page.
pub const PAGE_SIZE: usize = 12;

/// An output as (path, fingerprint, bytes — `None` when the previous output is reused).
pub(crate) type Produced = (String, String, Option<Vec<u8>>);

/// What to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The moment the build is for: what is public, which slides show. Same content and same
    /// `now` give byte-identical output.
    pub now: Timestamp,
    /// Include drafts and scheduled content, marked.
    pub drafts: bool,
}

/// The outputs of a build, by path relative to the output folder (`news/slug/index.html`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiteFiles {
    /// Outputs rendered by this build.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Outputs an incremental build reused from the output folder: path → blake3 (hex).
    pub kept: BTreeMap<String, String>,
    /// The fingerprint of every output's inputs, rendered or kept.
    pub fingerprints: BTreeMap<String, String>,
    /// How many outputs are HTML pages.
    pub pages: usize,
}

impl SiteFiles {
    /// Every output path.
    pub fn paths(&self) -> impl Iterator<Item = &String> {
        self.fingerprints.keys()
    }

    /// Records an output: reused when the memo allows, else rendered by `make`.
    pub(crate) fn produce(
        &mut self,
        memo: &Memo,
        path: String,
        fp: String,
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<()> {
        match memo.reusable(&path, &fp) {
            Some(hash) => {
                self.kept.insert(path.clone(), hash);
            }
            None => {
                self.files.insert(path.clone(), make()?);
            }
        }
        self.fingerprints.insert(path, fp);
        Ok(())
    }

    /// Records an output rendered every time (cheap ones: home, feeds, sitemap …).
    pub(crate) fn always(&mut self, path: String, bytes: Vec<u8>) {
        self.fingerprints.insert(path.clone(), format!("always:{}", blake3::hash(&bytes).to_hex()));
        self.files.insert(path, bytes);
    }
}

/// Builds the whole site in memory (nothing reused).
pub fn build_site(site: &Site, opts: &BuildOptions) -> Result<SiteFiles> {
    let content = Content::load(site, opts.now, opts.drafts)?;
    let theme = Theme::load(Some(&site.dir().join("theme")))?;
    let memo = Memo::full(&content, &theme);
    let keys = Keys::new(&Views::new(&content), &memo);
    produce(site, &content, &theme, &memo, &keys, None)
}

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
}

/// The fingerprint keys of articles (by id) and pages (in order).
pub(crate) struct Keys {
    articles: HashMap<i64, ArticleKey>,
    pub(crate) pages: Vec<String>,
}

impl ArticleKey {
    fn new(views: &Views<'_>, memo: &Memo, a: &Dated<Article>) -> ArticleKey {
        let event = views.event(&a.item);
        let upcoming = event.as_ref().is_some_and(|e| e["upcoming"] == true);
        let key = format!("{}:{}:{:?}:{}:{}", a.item.meta.id, a.item.meta.version, a.date, a.public, upcoming);
        let fp = memo.fingerprint(&[b"article", key.as_bytes()]);
        let tags = a.item.tags.iter().map(|t| slugify(t)).collect();
        ArticleKey { key, fp, event: event.is_some(), shard: shard_of(&article_url(&a.item)), tags }
    }
}

impl Keys {
    pub(crate) fn new(views: &Views<'_>, memo: &Memo) -> Keys {
        let content = views.content;
        Keys {
            articles: content.articles.par_iter().map(|a| (a.item.meta.id, ArticleKey::new(views, memo, a))).collect(),
            pages: content.pages.iter().map(|p| format!("{}:{}", p.meta.id, p.meta.version)).collect(),
        }
    }

    /// Computes the key of an article again (it was saved).
    pub(crate) fn update(&mut self, views: &Views<'_>, memo: &Memo, a: &Dated<Article>) {
        self.articles.insert(a.item.meta.id, ArticleKey::new(views, memo, a));
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

/// The articles whose bodies a build (in `scope`, when given) needs: those it renders, those in
/// search shards it makes again, and those in the feeds.
pub(crate) fn bodies_needed(content: &Content, memo: &Memo, keys: &Keys, scope: Option<&Scope>) -> HashSet<i64> {
    let mut ids: HashSet<i64> = content
        .articles
        .iter()
        .filter(|a| scope.is_none_or(|s| s.articles.contains(&a.item.meta.id)))
        .filter(|a| memo.reusable(&index_path(&article_url(&a.item)), &keys.key(a).fp).is_none())
        .map(|a| a.item.meta.id)
        .collect();
    let docs = search_docs(content, keys, scope);
    for shard in plan_shards(&docs, memo, scope).iter().filter(|s| s.stale()) {
        ids.extend(shard.docs.iter().filter(|d| d.fresh).filter_map(|d| d.article));
    }
    let feeds_fp = keys.feeds_fp(content, memo);
    if feeds::PATHS.iter().any(|path| memo.reusable(path, &feeds_fp).is_none()) {
        ids.extend(feeds::items(content).map(|a| a.item.meta.id));
    }
    ids
}

/// Every output of the site, or those in `scope` (which leaves the media files and the
/// sitemap to the caller).
pub(crate) fn produce(
    site: &Site,
    content: &Content,
    theme: &Theme,
    memo: &Memo,
    keys: &Keys,
    scope: Option<&Scope>,
) -> Result<SiteFiles> {
    let started = std::time::Instant::now();
    let mut out = render(content, theme, memo, keys, scope)?;
    let media = if scope.is_none() { &content.used_media } else { &Default::default() };
    for name in media {
        let m = &content.links.media[name];
        let fp = memo.fingerprint(&[b"media, metadata stripped", m.hash.as_bytes()]);
        out.produce(memo, format!("media/{name}"), fp, || {
            let path = site.media_path(m);
            let bytes = std::fs::read(&path)
                .map_err(RenderError::io(format!("The file of media item {name} is missing ({})", path.display())))?;
            // Nothing a visitor should not see (GPS positions in photos) leaves the machine.
            Ok(masthead_media::publishable(&bytes, &m.mime)?)
        })?;
        let Some(set) = content.links.variants.get(name) else { continue };
        let dir = masthead_media::variant_dir(&site.cache_dir(), m);
        for v in &set.variants {
            let fp = memo.fingerprint(&[b"media variant", m.hash.as_bytes(), v.file.as_bytes()]);
            out.produce(memo, crate::images::variant_path(name, v), fp, || {
                let path = dir.join(&v.file);
                std::fs::read(&path).map_err(RenderError::io(format!("The variant {} is missing", path.display())))
            })?;
        }
    }
    tracing::debug!(
        ms = started.elapsed().as_millis() as u64,
        rendered = out.files.len(),
        kept = out.kept.len(),
        "built"
    );
    Ok(out)
}

/// The output path of a page at `url`.
pub(crate) fn index_path(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

pub(crate) type Common<'a> = dyn Fn(&str, Value) -> Value + Sync + 'a;

pub(crate) fn render_article(
    views: &Views<'_>,
    theme: &Theme,
    a: &Dated<Article>,
    common: &Common<'_>,
) -> Result<Vec<u8>> {
    let content = views.content;
    let item = &a.item;
    let url = article_url(item);
    let body = render_markdown(&item.body, &content.links, content.drafts);
    let image = views.image(item.image.as_deref(), item.image_alt.as_deref(), "(min-width: 48rem) 44rem, 100vw");
    let caption = views.content.links.media_item(item.image.as_deref().unwrap_or("")).and_then(|m| m.caption.clone());
    let description = item.seo_description.as_deref().or(item.summary.as_deref());
    let title = item.seo_title.as_deref().unwrap_or(&item.title);
    let jsonld = views.article_jsonld(a, image.as_ref());
    let label = views.draft_label(item.status, a.date);
    let page = views.page(Head {
        kind: "article",
        title,
        description,
        url: &url,
        og_image: image.as_ref(),
        jsonld: Some(jsonld),
        draft_label: label,
        lang: item.lang.as_deref(),
    });
    let mut ctx = common(&url, page);
    ctx["article"] = json!({
        "title": item.title,
        "summary": item.summary,
        "body_html": body.html,
        "date_iso": a.date.map(|d| content.dates.rfc3339(d)),
        "date_display": a.date.map(|d| content.dates.day(d)),
        "updated_iso": item.meta.updated_at,
        "author": item.author,
        "section_title": item.section.as_deref().map(|s| views.section_title(s)),
        "section_url": item.section.as_deref().map(|s| section_url(s, 1)),
        "tags": views.tags(item),
        "image": image,
        "image_caption": caption,
        "event": views.event(item),
        "lang": item.lang,
    });
    Ok(theme.render("article.html", ctx)?.into_bytes())
}

pub(crate) fn render_page(views: &Views<'_>, theme: &Theme, p: &Page, common: &Common<'_>) -> Result<Vec<u8>> {
    let content = views.content;
    let url = page_url(p);
    let body = render_markdown(&p.body, &content.links, content.drafts);
    let label = views.draft_label(p.status, None);
    let page = views.page(Head { kind: "page", title: &p.title, url: &url, draft_label: label, ..Head::default() });
    let mut ctx = common(&url, page);
    ctx["doc"] = json!({"title": p.title, "body_html": body.html});
    Ok(theme.render("page.html", ctx)?.into_bytes())
}
