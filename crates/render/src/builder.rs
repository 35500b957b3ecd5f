//! The build: every output file of the site, from a content snapshot and a theme.

use std::collections::HashSet;

use masthead_store::Site;

use crate::content::Content;
use crate::error::{RenderError, Result};
use crate::feeds;
use crate::keys::Keys;
use crate::links::article_url;
use crate::memo::Memo;
use crate::outputs::{render, search_docs};
use crate::plan::{BuildOptions, Scope, SiteFiles, index_path};
use crate::search_index::plan_shards;
use crate::theme::Theme;
use crate::views::Views;

/// Builds the whole site in memory (nothing reused).
pub fn build_site(site: &Site, opts: &BuildOptions) -> Result<SiteFiles> {
    let mut content = Content::load(site, opts.now, opts.drafts)?;
    content.make_variants(site);
    let theme = Theme::load(Some(&site.dir().join("theme")))?;
    let memo = Memo::full(&content, &theme);
    let keys = Keys::new(&Views::new(&content), &memo);
    produce(site, &content, &theme, &memo, &keys, None)
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
