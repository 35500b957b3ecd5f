//! Incremental builds into an output folder, in a new process each time (the CLI) or again
//! and again in one (the preview server).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use masthead_store::{Site, parse_date};

use crate::builder::{bodies_needed, produce};
use crate::content::{ArticleCache, Content, Rest, Saved, event_over_at, is_public};
use crate::delta::{Last, article_paths, dropped, scope};
use crate::error::Result;
use crate::keys::Keys;
use crate::links::{article_url, page_url};
use crate::manifest::{BuildManifest, ManifestAt};
use crate::memo::Memo;
use crate::output::{WriteReport, apply};
use crate::outputs::redirect_paths;
use crate::plan::{BuildOptions, Scope, SiteFiles};
use crate::search_index::shard_of;
use crate::sitemap::sitemap;
use crate::snapshot::{Base, Snapshot};
use crate::theme::Theme;
use crate::views::Views;
use crate::{FastMap, FastSet};

/// What an incremental build starts from: the last build, the articles saved since, the outputs
/// they touch, and the fingerprint of everything else.
struct Around {
    last: Last,
    saved: Saved,
    scope: Scope,
    rest_fp: blake3::Hash,
}

/// What one build made and wrote.
#[derive(Clone, Debug, Default)]
pub struct Built {
    /// Outputs rendered by this build, by path; the others were reused.
    pub rendered: BTreeMap<String, Vec<u8>>,
    /// Every output of the site.
    pub outputs: usize,
    /// How many outputs are HTML pages.
    pub pages: usize,
    pub report: WriteReport,
}

/// Builds a site into one folder, re-rendering only the outputs whose inputs changed since the
/// last build into it, and reading from the store only the article texts it renders. Between
/// its own builds it keeps what it learnt: the outputs it wrote (so it neither reads the
/// folder's manifest nor checks the files again), the articles without their texts (so it
/// reads again only those saved since) and, when only some articles were saved since, enough
/// to visit only the outputs that show them (see [`crate::delta`]).
#[derive(Default)]
pub struct Builder {
    out: PathBuf,
    articles: ArticleCache,
    last: Option<Last>,
    /// Where it keeps a snapshot for the next process (see [`Builder::open`]).
    snapshot: Option<PathBuf>,
    /// The base its snapshots go with, once read or written.
    base: Option<Base>,
    /// The folder's manifest as it last read or wrote it (it says what `last` says).
    manifest: Option<ManifestAt>,
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder").field("out", &self.out).field("warm", &self.last.is_some()).finish()
    }
}

impl Builder {
    pub fn new(out: &Path) -> Builder {
        Builder { out: out.to_path_buf(), ..Default::default() }
    }

    /// A builder that starts where the last one to build into `out` left off, even in another
    /// process, and leaves a snapshot for the next one in `SITE/cache/builds/`.
    pub fn open(site: &Site, out: &Path) -> Builder {
        Builder { snapshot: Some(Snapshot::path(site, out)), ..Builder::new(out) }
    }

    /// Builds the site and writes what changed.
    pub fn build(&mut self, site: &Site, opts: &BuildOptions) -> Result<Built> {
        let started = Instant::now();
        let lap = |what: &str| tracing::trace!(ms = started.elapsed().as_secs_f64() * 1000.0, "{what}");
        // A new process: the folder's manifest is read on a thread while the snapshot is used.
        let fresh = self.last.is_none() && self.snapshot.is_some();
        let out = self.out.clone();
        let reading = fresh.then(|| std::thread::spawn(move || BuildManifest::read(&out)));
        let mut snapshot = self.snapshot.as_deref().filter(|_| fresh).and_then(Snapshot::read);
        if let Some((snapshot, base)) = &mut snapshot {
            self.articles = snapshot.article_cache();
            self.base = Some(std::mem::take(base));
        }
        let snapshot = snapshot.map(|(snapshot, _)| snapshot);
        lap("snapshot read");
        let saved = self.articles.refresh(site)?;
        lap("saved articles");
        if let Some(base) = &mut self.base {
            base.saved.extend(saved.changed.iter().map(|(_, a)| a.meta.id));
        }
        let rest = Rest::load(site)?;
        lap("the rest");
        let theme = Theme::load(Some(&site.dir().join("theme")))?;
        let rest_fp = blake3::Hasher::new()
            .update(rest.fingerprint().as_bytes())
            .update(theme.fingerprint.as_bytes())
            .update(&[opts.drafts as u8])
            .finalize();
        lap("saved articles, the rest and the theme");
        std::thread::scope(|threads| {
            // A snapshot trusts the folder's manifest; that its files are all still there is
            // checked while the build goes on, and the build is repaired if some are not.
            let mut check = None;
            let manifest = reading.map(|r| r.join().expect("reading does not panic"));
            if let (Some(snapshot), Some((recorded, manifest))) = (snapshot, manifest)
                && snapshot.usable(&saved, rest_fp, manifest.map(|m| m.id))
            {
                self.manifest = manifest;
                let (out, paths): (PathBuf, Vec<String>) = (self.out.clone(), recorded.keys().cloned().collect());
                check = Some(threads.spawn(move || BuildManifest::missing(&out, paths)));
                self.last = Some(snapshot.restore(site, &self.articles, &saved, (&rest, rest_fp), recorded)?);
                lap("restored");
            }
            // Until this build has written its outputs, the folder is not what `last` says.
            let last = self.last.take();
            let scope = match &last {
                Some(last) => scope(last, &saved, rest_fp, opts, site, &self.out)?,
                None => None,
            };
            let (mut built, mut manifest) = match (last, scope) {
                (Some(last), Some(scope)) => {
                    self.build_around(site, opts, &theme, Around { last, saved, scope, rest_fp })?
                }
                (last, _) => self.build_all(site, opts, rest.clone(), &theme, rest_fp, last)?,
            };
            let mut missing = check.map(|c| c.join().expect("the check does not panic")).unwrap_or_default();
            // (What this build removed or wrote again while the check ran does not count.)
            let outputs = self.last.as_ref().map(|l| &l.outputs);
            missing.retain(|p| outputs.is_some_and(|o| o.contains_key(p)) && !self.out.join(p).is_file());
            if let Some(last) = self.last.as_mut().filter(|_| !missing.is_empty()) {
                tracing::info!(files = missing.len(), "outputs of the last build were deleted: made again");
                last.outputs.retain(|path, _| !missing.contains(path));
                // (The manifest no longer says what `last` does: it is written whole.)
                self.manifest = None;
                let last = self.last.take();
                (built, manifest) = self.build_all(site, opts, rest, &theme, rest_fp, last)?;
            }
            if let (Some(path), Some(last)) = (&self.snapshot, &self.last) {
                lap("built");
                Snapshot::write(path, last, &self.articles, &mut self.base, opts, manifest);
            }
            tracing::debug!(
                ms = started.elapsed().as_millis() as u64,
                rendered = built.rendered.len(),
                "built and written"
            );
            Ok(built)
        })
    }

    /// Every output of the last build (the `rendered` ones of `built`, the others as kept).
    pub fn site_files(&self, built: Built) -> SiteFiles {
        let mut files = SiteFiles { pages: built.pages, ..Default::default() };
        for (path, e) in self.last.iter().flat_map(|l| &l.outputs) {
            if !built.rendered.contains_key(path) {
                files.kept.insert(path.clone(), e.hash.clone());
            }
            files.fingerprints.insert(path.clone(), e.fp.clone());
        }
        files.files = built.rendered;
        files
    }

    /// A build that looks at everything, reusing what it can.
    fn build_all(
        &mut self,
        site: &Site,
        opts: &BuildOptions,
        rest: Rest,
        theme: &Theme,
        rest_fp: blake3::Hash,
        last: Option<Last>,
    ) -> Result<(Built, blake3::Hash)> {
        let started = Instant::now();
        let lap = |what: &str| tracing::trace!(ms = started.elapsed().as_secs_f64() * 1000.0, "{what}");
        // The manifest says what `last` does (else the folder's manifest is read again).
        let at = self.manifest.take().filter(|_| last.is_some());
        let mut content = Content::load_cached(site, opts.now, opts.drafts, &self.articles, rest)?;
        content.make_variants(site);
        lap("content");
        let previous = last.map(|l| l.outputs).unwrap_or_else(|| BuildManifest::present(&self.out));
        let memo = Memo::new(&content, theme, previous);
        let keys = Keys::new(&Views::new(&content), &memo);
        let needed = bodies_needed(&content, &memo, &keys, None);
        content.load_bodies(site, &needed)?;
        lap("bodies");
        let made = produce(site, &content, theme, &memo, &keys, None)?;
        lap("made");
        let global = memo.shared();
        let mut outputs = memo.into_previous();
        let dropped: Vec<String> = outputs.keys().filter(|k| !made.fingerprints.contains_key(*k)).cloned().collect();
        let (report, manifest) = apply(&self.out, &mut outputs, &made, &dropped, at)?;
        self.manifest = Some(manifest);
        lap("written");
        content.drop_bodies(&needed);
        let built = Built { outputs: outputs.len(), pages: made.pages, rendered: made.files, report };
        self.last = Some(Last { content, keys, global, rest: rest_fp, outputs });
        Ok((built, manifest.id))
    }

    /// A build that makes only the outputs in its scope (around the articles saved since).
    fn build_around(
        &mut self,
        site: &Site,
        opts: &BuildOptions,
        theme: &Theme,
        around: Around,
    ) -> Result<(Built, blake3::Hash)> {
        let Around { last, saved, mut scope, rest_fp } = around;
        let started = Instant::now();
        let lap = |what: &str| tracing::trace!(ms = started.elapsed().as_secs_f64() * 1000.0, "{what}");
        let Last { mut content, mut keys, global, outputs, .. } = last;
        content.now = opts.now;
        // The sitemap dates the pages that are not articles with the newest article's date.
        let newest = |content: &Content| content.articles.iter().find_map(|a| a.date);
        let newest_before = newest(&content);
        for (_, new) in saved.changed {
            // (Only messages about links name their target's title.)
            if let Some(target) = content.links.articles.get_mut(&new.slug) {
                target.title.clone_from(&new.title);
            }
            if !scope.articles.contains(&new.meta.id) {
                continue;
            }
            let over = event_over_at(&new, &content.dates.tz, opts.now);
            content.changes_at = content.changes_at.into_iter().chain(over).min();
            let a = content.articles.iter_mut().find(|a| a.item.meta.id == new.meta.id).expect("in the build");
            a.date = new.date.as_deref().and_then(|d| parse_date(d, &content.dates.tz).ok());
            a.public = is_public(new.status, a.date, opts.now);
            a.item = new;
        }
        if scope.reorder {
            reorder(&mut content, &mut scope, &keys, self.articles.order());
            scope.sitemap |= newest(&content) != newest_before;
        }
        let memo = Memo::known(global, outputs);
        debug_assert_eq!(global, Memo::global(&content, theme), "only the articles' own outputs changed");
        let views = Views::new(&content);
        for a in content.articles.iter().filter(|a| scope.articles.contains(&a.item.meta.id)) {
            keys.update(&views, &memo, a);
        }
        let needed = bodies_needed(&content, &memo, &keys, Some(&scope));
        content.load_bodies(site, &needed)?;
        lap("bodies");
        let mut made = produce(site, &content, theme, &memo, &keys, Some(&scope))?;
        lap("made");
        let previous = memo.previous();
        let dropped = dropped(previous, &made, &scope, &article_paths(&content, &scope));
        let redirects = redirect_paths(&content, previous);
        lap("dropped and redirects");
        let gone: FastSet<&String> = dropped.iter().collect();
        // The sitemap lists the pages (search shards, renamed as they change, are not pages).
        let page = |p: &&String| p.ends_with("index.html");
        let new_pages =
            dropped.iter().any(|p| page(&p)) || made.fingerprints.keys().any(|p| page(&p) && !previous.contains_key(p));
        let paths = previous
            .keys()
            .filter(|p| !gone.contains(p))
            .chain(made.fingerprints.keys().filter(|p| !previous.contains_key(*p)));
        let mut paths: Vec<&str> = paths.filter(|p| !redirects.contains(*p)).map(String::as_str).collect();
        let pages = paths.iter().filter(|p| p.ends_with(".html")).count();
        if new_pages || scope.sitemap {
            paths.sort_unstable();
            let sitemap = sitemap(&Views::new(&content), theme, &memo, &keys, &paths)?;
            made.record(&memo, sitemap)?;
        }
        lap("sitemap");
        let mut outputs = memo.into_previous();
        let (report, manifest) = apply(&self.out, &mut outputs, &made, &dropped, self.manifest.take())?;
        self.manifest = Some(manifest);
        lap("written");
        content.drop_bodies(&needed);
        let built = Built { outputs: outputs.len(), pages, rendered: made.files, report };
        self.last = Some(Last { content, keys, global, rest: rest_fp, outputs });
        Ok((built, manifest.id))
    }
}

/// Puts the articles of `content` back in list `order` after some dates changed, and the last
/// build's entries of the search shards in `scope` in the order of their documents.
fn reorder(content: &mut Content, scope: &mut Scope, keys: &Keys, order: &[i64]) {
    let place: FastMap<i64, usize> = order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    // (Each article's place looked up once, not at each comparison.)
    content.articles.sort_by_cached_key(|a| place.get(&a.item.meta.id).copied().unwrap_or(usize::MAX));
    for (&n, entries) in scope.entries.iter_mut() {
        let mut by_url: HashMap<String, serde_json::Value> =
            entries.drain(..).map(|e| (e["u"].as_str().unwrap_or_default().to_string(), e)).collect();
        let articles = content.articles.iter().filter(|a| keys.key(a).shard == n).map(|a| article_url(&a.item));
        let pages = content.pages.iter().map(page_url).filter(|url| shard_of(url) == n);
        // (The last build's shard had exactly these documents: see [`crate::delta::scope`].)
        entries.extend(articles.chain(pages).filter_map(|url| by_url.remove(&url)));
    }
}

/// Builds the site into `out` once, starting where the last build into it left off (see
/// [`Builder::open`]).
pub fn build_into(site: &Site, opts: &BuildOptions, out: &Path) -> Result<(SiteFiles, WriteReport)> {
    let mut builder = Builder::open(site, out);
    let built = builder.build(site, opts)?;
    let report = built.report.clone();
    Ok((builder.site_files(built), report))
}
