//! Section and tag listings: paginated lists of article cards.

use std::collections::BTreeMap;

use masthead_store::Article;
use serde_json::{Value, json};

use crate::content::Dated;
use crate::error::Result;
use crate::keys::Keys;
use crate::links::{section_url, tag_url};
use crate::memo::Memo;
use crate::plan::{Common, PAGE_SIZE, Produced, Scope, index_path};
use crate::theme::Theme;
use crate::views::{Head, Views};

/// Every listing of the build (or those in `scope`): the sections, then the tags.
pub(crate) fn jobs<'a>(views: &Views<'a>, keys: &Keys, scope: Option<&Scope>) -> Vec<Listing<'a>> {
    let content = views.content;
    let mut jobs: Vec<Listing<'_>> = vec![];
    for section in &content.settings.sections {
        if scope.is_some_and(|s| !s.sections.contains(&section.slug)) {
            continue;
        }
        let mut items: Vec<&Dated<Article>> =
            content.articles.iter().filter(|a| a.item.section.as_deref() == Some(section.slug.as_str())).collect();
        let events = section.slug == "events";
        if events {
            // Upcoming events first, soonest first; then past ones, latest first.
            items.sort_by_cached_key(|a| {
                let event = views.event(&a.item);
                let start = event.as_ref().and_then(|e| e["start_iso"].as_str().map(str::to_string));
                match event.is_some_and(|e| e["upcoming"] == true) {
                    true => (false, start, std::cmp::Reverse(None)),
                    false => (true, None, std::cmp::Reverse(start)),
                }
            });
        }
        let slug = section.slug.clone();
        jobs.push(Listing {
            kind: if events { "events" } else { "section" },
            title: section.title.clone(),
            slug: section.slug.clone(),
            items,
            url_of: Box::new(move |n| section_url(&slug, n)),
        });
    }
    let mut tags: BTreeMap<String, (String, Vec<&Dated<Article>>)> = BTreeMap::new();
    for a in &content.articles {
        for (t, slug) in a.item.tags.iter().zip(&keys.key(a).tags) {
            if scope.is_some_and(|s| !s.tags.contains(slug)) {
                continue;
            }
            tags.entry(slug.clone()).or_insert_with(|| (t.clone(), vec![])).1.push(a);
        }
    }
    for (slug, (name, items)) in tags {
        let first = tag_url(&name);
        let tag_slug = slug.clone();
        jobs.push(Listing {
            kind: "tag",
            title: format!("Tagged “{name}”"),
            slug,
            items,
            url_of: Box::new(move |n| if n <= 1 { first.clone() } else { format!("/tags/{tag_slug}/page/{n}/") }),
        });
    }
    jobs
}

/// One paginated listing to render.
pub(crate) struct Listing<'a> {
    kind: &'static str,
    title: String,
    slug: String,
    items: Vec<&'a Dated<Article>>,
    url_of: Box<dyn Fn(usize) -> String + Send + Sync + 'a>,
}

/// The pages of one listing, reusing those whose cards did not change.
pub(crate) fn render(
    views: &Views<'_>,
    theme: &Theme,
    memo: &Memo,
    keys: &Keys,
    job: &Listing<'_>,
    common: &Common<'_>,
) -> Result<Vec<Produced>> {
    let total = job.items.len().div_ceil(PAGE_SIZE).max(1);
    let url_of = &job.url_of;
    let mut out = vec![];
    for n in 1..=total {
        let url = url_of(n);
        let path = index_path(&url);
        let on_page: Vec<&&Dated<Article>> = job.items.iter().skip((n - 1) * PAGE_SIZE).take(PAGE_SIZE).collect();
        let page_keys: Vec<&str> = on_page.iter().map(|a| keys.key(a).key.as_str()).collect();
        let head = format!("{}:{}:{}:{n}:{total}", job.kind, job.slug, job.title);
        let fp = memo.fingerprint(&[b"list", head.as_bytes(), page_keys.join(",").as_bytes()]);
        if memo.reusable(&path, &fp).is_some() {
            out.push(Produced { path, fp, bytes: None });
            continue;
        }
        let cards: Vec<Value> = on_page.iter().map(|a| views.card(a)).collect();
        let pagination = (total > 1).then(|| {
            json!({
                "current": n,
                "total": total,
                "prev_url": (n > 1).then(|| url_of(n - 1)),
                "next_url": (n < total).then(|| url_of(n + 1)),
                "pages": (1..=total).map(|p| json!({"number": p, "url": url_of(p), "current": p == n})).collect::<Vec<_>>(),
            })
        });
        let page_title = if n > 1 { format!("{} (page {n})", job.title) } else { job.title.clone() };
        let page = views.page(Head { kind: "list", title: &page_title, url: &url, ..Head::default() });
        let mut ctx = common(&url, page);
        ctx["list"] = json!({
            "kind": job.kind,
            "slug": job.slug,
            "title": job.title,
            "intro": Value::Null,
            "cards": cards,
            "pagination": pagination,
            "feed_url": "/feed.xml",
        });
        out.push(Produced { path, fp, bytes: Some(theme.render("list.html", ctx)?.into_bytes()) });
    }
    Ok(out)
}
