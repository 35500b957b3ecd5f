//! Which site a command works on: the one named, else `$MASTHEAD_SITE`, else the default site
//! in the platform's data folder, created with the demo content on first use.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::media::MediaProbe;
use crate::site::{DB_FILE, Site};

/// Where the site to open lives, and whether it is the default one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteLocation {
    pub dir: PathBuf,
    /// True when neither a folder nor `$MASTHEAD_SITE` was given.
    pub is_default: bool,
}

impl SiteLocation {
    /// Resolves the site folder from an explicit choice, the environment and the default.
    pub fn resolve(explicit: Option<PathBuf>) -> SiteLocation {
        if let Some(dir) =
            explicit.or_else(|| std::env::var_os("MASTHEAD_SITE").filter(|v| !v.is_empty()).map(PathBuf::from))
        {
            return SiteLocation { dir, is_default: false };
        }
        // The site last opened in the app, while it is still there.
        if let Some(dir) = crate::Prefs::load().current_site.filter(|d| SiteLocation::has_site(d)) {
            return SiteLocation { dir, is_default: false };
        }
        SiteLocation { dir: SiteLocation::default_dir(), is_default: true }
    }

    /// Whether `dir` holds a site (its database).
    pub fn has_site(dir: &Path) -> bool {
        dir.join(DB_FILE).is_file()
    }

    /// The default site's folder, in the user's data folder.
    pub fn default_dir() -> PathBuf {
        dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("masthead").join("default-site")
    }

    /// Opens the site for `author` (who is named on the revisions made through it); the default
    /// site is created with the demo content when missing.
    pub fn open(&self, probe: &dyn MediaProbe, author: &str) -> Result<Site> {
        if self.is_default && !SiteLocation::has_site(&self.dir) {
            return Site::create_demo(&self.dir, probe, author).map(|(site, _)| site);
        }
        let mut site = Site::open(&self.dir)?;
        site.set_author(author);
        Ok(site)
    }
}
