//! Bringing an existing website into a Masthead site: a WordPress export (WXR), or the
//! content folder of a Hugo, Zola or Jekyll site. Every item of the source is either imported
//! or listed in the report's `skipped`, with the reason; the import itself goes through the
//! store's portable import, so it is all-or-nothing.

mod bundle;
mod error;
mod html;
mod markdown;
mod media;
mod names;
mod report;
mod static_site;
mod wordpress;

use std::path::PathBuf;
use std::time::Instant;

use masthead_store::Site;

pub use error::{ImportError, Result};
pub use report::{Report, Skipped, Warning};

/// The kind of website a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A WordPress export file (Tools → Export).
    WordPress,
    /// A Hugo site's root folder.
    Hugo,
    /// A Zola site's root folder.
    Zola,
    /// A Jekyll site's root folder.
    Jekyll,
}

impl SourceKind {
    /// Parses `wordpress`, `hugo`, `zola` or `jekyll`.
    pub fn parse(text: &str) -> Option<SourceKind> {
        match text {
            "wordpress" => Some(SourceKind::WordPress),
            "hugo" => Some(SourceKind::Hugo),
            "zola" => Some(SourceKind::Zola),
            "jekyll" => Some(SourceKind::Jekyll),
            _ => None,
        }
    }
}

/// What to import, and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// The kind of source.
    pub kind: SourceKind,
    /// The export file (WordPress) or the site's root folder.
    pub source: PathBuf,
    /// WordPress: a copy of `wp-content/uploads`, searched before anything is downloaded.
    pub media_from: Option<PathBuf>,
    /// Report what would be imported; change nothing.
    pub dry_run: bool,
    /// WordPress: download uploads not found in `media_from` (on by default).
    pub download: bool,
}

/// How far an import has come, for a progress bar.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, specta::Type)]
#[serde(rename = "WebsiteImportProgress")]
pub struct Progress {
    /// `reading`, `files` (media found or downloaded), `converting` or `saving`.
    pub stage: &'static str,
    /// Steps of this stage done.
    pub done: usize,
    /// Steps of this stage in all.
    pub total: usize,
}

/// Called with each step of an import (from several threads while files download).
pub type OnProgress<'a> = &'a (dyn Fn(&Progress) + Sync);

/// Imports a website into `site` (or, with `dry_run`, only reports what it would import).
pub fn import(site: &Site, options: &Options) -> Result<Report> {
    import_with_progress(site, options, &|_| {})
}

/// [`import`], telling `progress` about each step.
pub fn import_with_progress(site: &Site, options: &Options, progress: OnProgress<'_>) -> Result<Report> {
    let started = Instant::now();
    let mut report = Report::default();
    progress(&Progress { stage: "reading", done: 0, total: 1 });
    let bundle = match options.kind {
        SourceKind::WordPress => wordpress::convert(site, options, &mut report, progress)?,
        kind => static_site::convert(site, kind, &options.source, &mut report, progress)?,
    };
    progress(&Progress { stage: "saving", done: 0, total: 1 });
    bundle.apply(site, &mut report, options.dry_run)?;
    progress(&Progress { stage: "saving", done: 1, total: 1 });
    report.ms = started.elapsed().as_millis();
    Ok(report)
}
