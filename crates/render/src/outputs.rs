//! Every page, listing, feed and index of a site (media files excluded), or only those that
//! show some articles.

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::FastSet;
use crate::content::Content;
use crate::error::Result;
use crate::feeds;
use crate::ics::event_ics;
use crate::keys::Keys;
use crate::links::{article_url, page_url};
use crate::listings;
use crate::memo::Memo;
use crate::pages::{render_article, render_page};
use crate::plan::{Common, Outputs, Produced, Scope, SiteFiles, index_path};
use crate::search_index::{Doc, build_index, plan_shards, shard_of};
use crate::sitemap::sitemap;
use crate::theme::Theme;
use crate::views::{Head, Views};

/// Renders the outputs of the site, or those in `scope`, reusing what `memo` allows. A build
/// in scope leaves the sitemap to the caller, who knows every path.
pub(crate) fn render(
    content: &Content,
    theme: &Theme,
    memo: &Memo,
    keys: &Keys,
    scope: Option<&Scope>,
) -> Result<SiteFiles> {
    let views = Views::new(content);
    let mut out = SiteFiles::default();
    let common = |url: &str, page: Value| json!({"site": views.site(url), "page": page, "now_year": views.now_year()});
    let t = std::time::Instant::now();
    let lap = |what: &str| tracing::trace!(ms = t.elapsed().as_millis() as u64, "{what}");
    let in_scope = |id: i64| scope.is_none_or(|s| s.articles.contains(&id));

    // Articles, in parallel: the bulk of the work.
    let articles: Vec<Produced> = content
        .articles
        .par_iter()
        .filter(|a| in_scope(a.item.meta.id))
        .map(|a| {
            let path = index_path(&article_url(&a.item));
            let fp = keys.key(a).fp.clone();
            let bytes = match memo.reusable(&path, &fp) {
                Some(_) => None,
                None => Some(render_article(&views, theme, a, &common)?),
            };
            Ok(Produced { path, fp, bytes })
        })
        .collect::<Result<_>>()?;
    for made in articles {
        out.record(memo, made)?;
    }
    for a in content.articles.iter().filter(|a| keys.key(a).event && in_scope(a.item.meta.id)) {
        let url = article_url(&a.item);
        let fp = memo.fingerprint(&[b"event", keys.key(a).key.as_bytes()]);
        out.produce(memo, format!("{}event.ics", url.trim_start_matches('/')), fp, || {
            Ok(event_ics(&a.item, content, &views.absolute(&url)).unwrap_or_default().into_bytes())
        })?;
    }
    if scope.is_none() {
        for (p, key) in content.pages.iter().zip(&keys.pages) {
            let url = page_url(p);
            let fp = memo.fingerprint(&[b"page", key.as_bytes()]);
            out.produce(memo, index_path(&url), fp, || render_page(&views, theme, p, &common))?;
        }
    }

    lap("articles and pages");
    // Section and tag listings, in parallel.
    let jobs = listings::jobs(&views, keys, scope);
    let listings: Vec<Vec<Produced>> =
        jobs.par_iter().map(|job| listings::render(&views, theme, memo, keys, job, &common)).collect::<Result<_>>()?;
    for made in listings.into_iter().flatten() {
        out.record(memo, made)?;
    }

    lap("listings");
    out.always(
        "index.html".into(),
        crate::home::render_home(&views, theme, content.slides.iter().collect(), &common)?.into_bytes(),
    );
    if scope.is_none() {
        fixed(&views, theme, &common, &mut out)?;
    }
    let docs = search_docs(content, keys, scope);
    for made in build_index(&plan_shards(&docs, memo, scope), &content.dates) {
        out.record(memo, made)?;
    }

    lap("search");
    let fp = keys.feeds_fp(content, memo);
    if feeds::PATHS.iter().all(|path| memo.reusable(path, &fp).is_some()) {
        for path in feeds::PATHS {
            out.produce(memo, path.into(), fp.clone(), || unreachable!("the feeds are reusable"))?;
        }
    } else {
        for (path, bytes) in feeds::feeds(&views, theme)? {
            out.produce(memo, path, fp.clone(), || Ok(bytes))?;
        }
    }
    if scope.is_none() {
        let paths: Vec<&str> = out.paths().map(String::as_str).collect();
        let pages = paths.iter().filter(|k| k.ends_with(".html")).count();
        let made = sitemap(&views, theme, memo, keys, &paths)?;
        out.pages = pages;
        out.record(memo, made)?;
        redirects(&views, theme, &common, &mut out)?;
    }
    lap("feeds and sitemap");
    Ok(out)
}

/// The redirect pages among the outputs of a build (which are neither in the sitemap nor
/// counted as pages).
pub(crate) fn redirect_paths(content: &Content, outputs: &Outputs) -> FastSet<String> {
    let paths = content.redirects.iter().map(|(from, _)| index_path(from));
    paths.filter(|p| outputs.get(p).is_some_and(|e| e.fp.starts_with("always:"))).collect()
}

/// The outputs that depend on nothing but the settings and the theme: 404, search, robots and
/// the theme's assets.
fn fixed(views: &Views<'_>, theme: &Theme, common: &Common<'_>, out: &mut SiteFiles) -> Result<()> {
    let page = views.page(Head { kind: "404", title: "Page not found", url: "/404.html", ..Head::default() });
    out.always("404.html".into(), theme.render("404.html", common("/404.html", page))?.into_bytes());
    // base.html loads /assets/search.js on this page (page.url == site.search_url).
    let search_body = "<form role=\"search\" class=\"mh-search\" action=\"/search/\" method=\"get\"><label for=\"mh-search-q\">Search for</label> <input type=\"search\" name=\"q\" id=\"mh-search-q\" autocomplete=\"off\"> <button type=\"submit\">Search</button></form><div id=\"mh-search-results\" aria-live=\"polite\"></div>";
    let page = views.page(Head { kind: "page", title: "Search", url: "/search/", ..Head::default() });
    let mut ctx = common("/search/", page);
    ctx["doc"] = json!({"title": "Search", "body_html": search_body});
    out.always(index_path("/search/"), theme.render("page.html", ctx)?.into_bytes());
    let robots = format!("User-agent: *\nAllow: /\nSitemap: {}\n", views.absolute("/sitemap.xml"));
    out.always("robots.txt".into(), robots.into_bytes());
    for (name, bytes) in &theme.assets {
        out.always(format!("assets/{name}"), bytes.clone());
    }
    Ok(())
}

/// Old addresses of renamed articles and pages lead to the new ones (unless something else
/// lives there now). Not in the sitemap.
fn redirects(views: &Views<'_>, theme: &Theme, common: &Common<'_>, out: &mut SiteFiles) -> Result<()> {
    for (from, target) in &views.content.redirects {
        let path = index_path(from);
        if out.fingerprints.contains_key(&path) {
            continue;
        }
        let page = views.page(Head { kind: "redirect", title: "This page has moved", url: from, ..Head::default() });
        let mut ctx = common(from, page);
        ctx["target"] = json!(target);
        ctx["target_canonical"] = json!(views.absolute(target));
        out.always(path, theme.render("redirect.html", ctx)?.into_bytes());
    }
    Ok(())
}

/// What visitors' search covers: the articles and pages of the build (those in the shards of
/// `scope`, when given).
pub(crate) fn search_docs<'a>(content: &'a Content, keys: &'a Keys, scope: Option<&Scope>) -> Vec<Doc<'a>> {
    let in_shard = |shard: usize| scope.is_none_or(|s| s.shards.contains(&shard));
    let mut docs: Vec<Doc<'a>> = content
        .articles
        .iter()
        .filter(|a| in_shard(keys.key(a).shard))
        .map(|a| Doc {
            article: Some(a.item.meta.id),
            fresh: scope.is_none_or(|s| s.articles.contains(&a.item.meta.id)),
            url: article_url(&a.item),
            key: &keys.key(a).key,
            title: &a.item.title,
            summary: a.item.summary.as_deref().unwrap_or(""),
            date: a.date,
            body: &a.item.body,
        })
        .collect();
    let pages = content.pages.iter().zip(&keys.pages).map(|(p, key)| Doc {
        article: None,
        fresh: scope.is_none(),
        url: page_url(p),
        key,
        title: &p.title,
        summary: "",
        date: None,
        body: &p.body,
    });
    docs.extend(pages.filter(|d| in_shard(shard_of(&d.url))));
    docs
}
