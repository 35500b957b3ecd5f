//! Builds that follow a builder's own last build when only some articles were saved since,
//! and only in ways that show on their own outputs (the common case while people write): the
//! outputs that show those articles are made again and everything else is carried over
//! without being visited.

use std::collections::HashSet;
use std::path::Path;

use masthead_store::{Article, Kind, Site, Status, parse_date, slugify};

use crate::FastSet;
use crate::content::{Content, Saved, is_public};
use crate::error::Result;
use crate::keys::{self, Keys};
use crate::links::{article_url, page_url};
use crate::plan::Outputs;
use crate::plan::{BuildOptions, Scope, SiteFiles, index_path};
use crate::search_index::{SHARDS, read_entries, shard_of};

/// More saved articles than this and a build looks at everything again.
const MAX_SAVED: usize = 64;

/// What a builder's last build was made from and what it made.
pub(crate) struct Last {
    /// The content, without article bodies.
    pub(crate) content: Content,
    pub(crate) keys: Keys,
    /// What every output shares (see [`crate::memo::Memo`]).
    pub(crate) global: blake3::Hash,
    /// The fingerprint of everything but the articles, with the theme's.
    pub(crate) rest: blake3::Hash,
    pub(crate) outputs: Outputs,
}

/// The outputs a build after `last` must make again, when the articles in `saved` are all that
/// changed and none of them changed its address, visibility or media; else
/// `None`, and the build looks at everything.
pub(crate) fn scope(
    last: &Last,
    saved: &Saved,
    rest: blake3::Hash,
    opts: &BuildOptions,
    site: &Site,
    out: &Path,
) -> Result<Option<Scope>> {
    let content = &last.content;
    let settled = opts.now >= content.now && content.changes_at.is_none_or(|t| opts.now < t);
    if rest != last.rest || opts.drafts != content.drafts || !settled {
        return Ok(None);
    }
    if !saved.removed.is_empty() || saved.changed.len() > MAX_SAVED {
        return Ok(None);
    }
    let mut scope = Scope::default();
    let mut shown = vec![];
    for (old, new) in &saved.changed {
        let Some(old) = old else { return Ok(None) };
        if !same_place(old, new) {
            return Ok(None);
        }
        // One the build leaves out (a draft) shows nowhere.
        if !content.articles.iter().any(|a| a.item.meta.id == new.meta.id) {
            continue;
        }
        // A new date moves a public article in the lists it is in (all in this scope), and
        // changes the sitemap only if it is or becomes the newest article (the incremental
        // build sees to that); one that comes out or goes back to being scheduled changes more.
        if old.date != new.date {
            let public = |a: &Article| match a.date.as_deref().map(|d| parse_date(d, &content.dates.tz)) {
                Some(Err(_)) => false,
                date => is_public(a.status, date.and_then(Result::ok), opts.now),
            };
            if !(public(old) && public(new)) {
                return Ok(None);
            }
            scope.reorder = true;
        }
        let lastmod = |a: &Article| {
            keys::lastmod(a, a.date.as_deref().and_then(|d| parse_date(d, &content.dates.tz).ok()), content)
        };
        scope.sitemap |= lastmod(old) != lastmod(new);
        shown.push(new.meta.id);
        scope.articles.insert(new.meta.id);
        scope.sections.extend(new.section.clone());
        scope.tags.extend(old.tags.iter().chain(&new.tags).map(|t| slugify(t)));
        scope.shards.insert(shard_of(&article_url(new)));
    }
    // With no dated article, the sitemap dates the other pages with `now`.
    scope.sitemap |= content.articles.iter().all(|a| a.date.is_none());
    let uses = site.media_uses_of(Kind::Article, &shown)?;
    let none = Vec::new();
    if shown.iter().any(|id| uses.get(id).unwrap_or(&none) != content.article_uses.get(id).unwrap_or(&none)) {
        return Ok(None);
    }
    // Shards are carried over by number: the last build must have left all of them.
    let shards: HashSet<&str> = last.outputs.keys().filter_map(|p| p.strip_prefix("search/s-")?.get(..2)).collect();
    if shards.len() != SHARDS {
        return Ok(None);
    }
    // Their shards are made from the last build's entries (the others' texts are not read).
    for &n in &scope.shards {
        let prefix = format!("search/s-{n:02}-");
        let Some(path) = last.outputs.keys().find(|p| p.starts_with(&prefix)) else { return Ok(None) };
        let Some(entries) = read_entries(&out.join(path)) else { return Ok(None) };
        let articles = content.articles.iter().filter(|a| last.keys.key(a).shard == n).map(|a| article_url(&a.item));
        let pages = content.pages.iter().map(page_url).filter(|url| shard_of(url) == n);
        let urls: Vec<String> = articles.chain(pages).collect();
        if urls.len() != entries.len() || urls.iter().zip(&entries).any(|(url, e)| e["u"] != *url) {
            return Ok(None);
        }
        scope.entries.insert(n, entries);
    }
    Ok(Some(scope))
}

/// Whether an article saved again still has the same address and status, so that no other
/// output's fingerprint (links, what is public) changes. (Its title shows only on outputs that
/// show the article; a new date, only on the lists it is in: see [`scope`].)
pub(crate) fn same_place(old: &Article, new: &Article) -> bool {
    let published = |a: &Article| a.status == Status::Published;
    old.slug == new.slug && old.section == new.section && published(old) == published(new)
}

/// The paths of the pages and event files of the articles in `scope`.
pub(crate) fn article_paths(content: &Content, scope: &Scope) -> FastSet<String> {
    let mut paths = FastSet::default();
    for a in content.articles.iter().filter(|a| scope.articles.contains(&a.item.meta.id)) {
        let url = article_url(&a.item);
        paths.insert(format!("{}event.ics", url.trim_start_matches('/')));
        paths.insert(index_path(&url));
    }
    paths
}

/// The outputs of the last build that a build in `scope` makes again or drops: those it did
/// not make again are dropped.
pub(crate) fn dropped(previous: &Outputs, made: &SiteFiles, scope: &Scope, owned: &FastSet<String>) -> Vec<String> {
    let owned = previous.keys().filter(|p| scope.owns(p, owned));
    owned.filter(|p| !made.fingerprints.contains_key(*p)).cloned().collect()
}
