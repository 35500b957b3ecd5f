//! Incremental builds into an output folder, in a new process each time (the CLI) or again
//! and again in one (the preview server).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use masthead_store::Site;

use crate::builder::{BuildOptions, Keys, SiteFiles, bodies_needed, produce};
use crate::content::{ArticleCache, Content};
use crate::error::Result;
use crate::memo::Memo;
use crate::output::{Entry, Manifest, WriteReport, write_over};
use crate::theme::Theme;
use crate::views::Views;

/// Builds a site into one folder, re-rendering only the outputs whose inputs changed since the
/// last build into it, and reading from the store only the article texts it renders. Between
/// its own builds it keeps what it learnt: the outputs it wrote (so it neither reads the
/// folder's manifest nor checks the files again) and the articles without their texts (so it
/// reads again only those saved since).
#[derive(Debug)]
pub struct Builder {
    out: PathBuf,
    /// The outputs of the last build, when this builder made it.
    previous: Option<HashMap<String, Entry>>,
    articles: ArticleCache,
}

impl Builder {
    pub fn new(out: &Path) -> Builder {
        Builder { out: out.to_path_buf(), previous: None, articles: ArticleCache::default() }
    }

    /// Builds the site and writes what changed.
    pub fn build(&mut self, site: &Site, opts: &BuildOptions) -> Result<(SiteFiles, WriteReport)> {
        let started = Instant::now();
        let lap = |what: &str| tracing::trace!(ms = started.elapsed().as_millis() as u64, "{what}");
        let mut content = Content::load_cached(site, opts.now, opts.drafts, &mut self.articles)?;
        let theme = Theme::load(Some(&site.dir().join("theme")))?;
        lap("content and theme");
        // Until this build has written its outputs, the folder is not what `previous` says.
        let previous = self.previous.take().unwrap_or_else(|| Manifest::present(&self.out));
        let memo = Memo::new(&content, &theme, previous);
        lap("memo");
        let keys = Keys::new(&Views::new(&content), &memo);
        let needed = bodies_needed(&content, &memo, &keys);
        content.load_bodies(site, &needed)?;
        lap("bodies");
        let files = produce(site, &content, &theme, &memo, &keys)?;
        lap("rendered");
        let (report, manifest) = write_over(&self.out, &files, memo.previous())?;
        lap("written");
        self.previous = Some(manifest.files.into_iter().collect());
        tracing::debug!(ms = started.elapsed().as_millis() as u64, bodies = needed.len(), "built and written");
        Ok((files, report))
    }
}

/// Builds the site into `out` once (see [`Builder`]).
pub fn build_into(site: &Site, opts: &BuildOptions, out: &Path) -> Result<(SiteFiles, WriteReport)> {
    Builder::new(out).build(site, opts)
}
