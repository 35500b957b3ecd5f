//! Sites: creating one (empty or with the demo content), the sites this computer knows, and
//! the paths people type for them.

use std::path::{Path, PathBuf};

use masthead_media::Pipeline;
use masthead_store::{Article, Media, Page, Prefs, Site, SiteLocation, Slide};
use serde::Serialize;

use crate::error::{ApiError, Result};

/// A site made by [`create_site`].
pub struct Created {
    pub site: Site,
    /// Items of the demo content (0 for an empty site).
    pub items: usize,
    /// Media items no smaller copies could be made for.
    pub warnings: Vec<String>,
}

/// Creates a site in `dir` (which must not hold one), with the demo content when `demo`; the
/// demo's pictures get their variants at once, so its first preview is complete.
pub fn create_site(dir: &Path, demo: bool) -> Result<Created> {
    if SiteLocation::has_site(dir) {
        return Err(ApiError::invalid(format!("There is a site in {} already: open it instead.", dir.display())));
    }
    if !demo {
        let mut site = Site::create(dir)?;
        site.set_author(author());
        return Ok(Created { site, items: 0, warnings: vec![] });
    }
    let (site, report) = Site::create_demo(dir, &Pipeline, &author())?;
    let warnings = crate::library::prepare_all(&site)?;
    Ok(Created { site, items: report.created, warnings })
}

/// Who works through the sites this process opens: the editor name saved on this computer, else
/// the login name. The one place a site's author comes from: the store reads no preference
/// when it opens a site, so that opening one gives the same handle on every machine.
pub fn author() -> String {
    Prefs::load().author()
}

/// Opens the site at `location` for the person using this computer (the default site is made
/// with the demo content when missing).
pub fn open(location: &SiteLocation) -> Result<Site> {
    Ok(location.open(&Pipeline, &author())?)
}

/// Opens the site in `dir` for the person using this computer.
pub fn open_dir(dir: &Path) -> Result<Site> {
    let mut site = Site::open(dir)?;
    site.set_author(author());
    Ok(site)
}

/// Restores a backup `file` into `dir` (new or empty) and opens it for the person using this
/// computer.
pub fn restore_backup(file: &Path, dir: &Path) -> Result<Site> {
    let mut site = Site::restore_backup(file, dir)?;
    site.set_author(author());
    Ok(site)
}

/// Remembers `site` as the one opened last (the app and the CLI open it next time).
pub fn remember(site: &Site) -> Result<()> {
    let mut prefs = Prefs::load();
    prefs.remember_site(site.dir());
    Ok(prefs.save()?)
}

/// The sites this computer knows, for Settings → Sites.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct SitesInfo {
    pub current: String,
    pub recent: Vec<String>,
    /// Where a new site could go.
    pub suggested_folder: String,
    pub documents: String,
}

pub fn sites_info(current: &Path) -> SitesInfo {
    let prefs = Prefs::load();
    let mut recent: Vec<PathBuf> = prefs.recent_sites.into_iter().filter(|d| SiteLocation::has_site(d)).collect();
    let canonical = current.canonicalize().unwrap_or_else(|_| current.to_path_buf());
    if !recent.contains(&canonical) {
        recent.insert(0, canonical);
    }
    let base = SiteLocation::default_dir().parent().map(|p| p.to_path_buf()).unwrap_or_default();
    let text = |p: PathBuf| p.display().to_string();
    SitesInfo {
        current: text(current.to_path_buf()),
        recent: recent.into_iter().map(text).collect(),
        suggested_folder: text(base.join("new-site")),
        documents: text(dirs::document_dir().unwrap_or_else(|| home().join("Documents"))),
    }
}

/// The user's home folder (`$HOME` on Unix, the profile folder on Windows).
fn home() -> PathBuf {
    dirs::home_dir().unwrap_or_default()
}

/// A full path typed by a person (`~/` is their home folder); `what` names it in the error.
pub fn full_path(text: &str, what: &str) -> Result<PathBuf> {
    let text = text.trim();
    // `~\` too on Windows, where both slashes separate folders.
    let tilde = text.strip_prefix("~/").or_else(|| text.strip_prefix("~\\").filter(|_| cfg!(windows)));
    let p = match tilde {
        Some(rest) => home().join(rest),
        None => PathBuf::from(text),
    };
    if text.is_empty() || !p.is_absolute() {
        return Err(ApiError::invalid(format!("Give the {what} as a full path, such as {}/…", home().display())));
    }
    Ok(p)
}

/// Saves the name written on revisions and publishes from now on (a preference of this
/// computer) and uses it for `site`.
pub fn set_editor_name(site: &mut Site, name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ApiError::invalid("Write your name as colleagues know it, such as “Ann Smith”."));
    }
    let mut prefs = Prefs::load();
    prefs.editor_name = Some(name.to_string());
    prefs.save()?;
    site.set_author(name);
    Ok(())
}

/// A section as the editor offers it.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct SectionInfo {
    pub slug: String,
    pub title: String,
}

/// What the window shows about the open site.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct SiteInfo {
    pub title: String,
    pub path: String,
    pub articles: usize,
    pub slides: usize,
    pub pages: usize,
    pub media: usize,
    /// The site's language: the editor spell-checks in it.
    pub language: String,
    /// The editor's name, the author of new articles.
    pub author: String,
    pub sections: Vec<SectionInfo>,
    /// Every tag in use, for autocomplete.
    pub tags: std::collections::BTreeSet<String>,
    /// The website's address, once set.
    pub base_url: Option<String>,
}

pub fn site_info(site: &Site) -> Result<SiteInfo> {
    let settings = site.settings()?;
    let articles = site.list_light::<Article>()?;
    Ok(SiteInfo {
        title: settings.title,
        path: site.dir().display().to_string(),
        articles: articles.len(),
        slides: site.list::<Slide>()?.len(),
        pages: site.list_light::<Page>()?.len(),
        media: site.list::<Media>()?.len(),
        language: settings.language,
        author: site.author().to_string(),
        sections: settings.sections.into_iter().map(|s| SectionInfo { slug: s.slug, title: s.title }).collect(),
        tags: articles.into_iter().flat_map(|a| a.tags).collect(),
        base_url: settings.base_url,
    })
}

/// A portable folder imported, and media items no smaller copies could be made for.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct Imported {
    #[serde(flatten)]
    pub report: masthead_store::ImportReport,
    pub warnings: Vec<String>,
}

/// Imports a portable folder (Markdown + front matter + media) into `site` in one transaction;
/// the new pictures get their variants at once.
pub fn import_folder(site: &Site, dir: &Path) -> Result<Imported> {
    let report = site.import_dir(dir, &Pipeline)?;
    let warnings = crate::library::prepare_all(site)?;
    Ok(Imported { report, warnings })
}

/// What to bring in with [`import_website`].
pub struct WebsiteImport {
    pub kind: masthead_import::SourceKind,
    /// A WordPress export file, or the root folder of a Hugo, Zola or Jekyll site.
    pub source: PathBuf,
    /// A copy of `wp-content/uploads`.
    pub media_from: Option<PathBuf>,
    /// Only report what would be imported.
    pub dry_run: bool,
}

impl WebsiteImport {
    /// The import described by paths a person typed (full paths; `~/` is their home).
    pub fn typed(
        kind: masthead_import::SourceKind,
        source: &str,
        media_from: Option<&str>,
        dry_run: bool,
    ) -> Result<Self> {
        let what = if kind == masthead_import::SourceKind::WordPress { "WordPress export file" } else { "site folder" };
        let media_from = match media_from.map(str::trim).filter(|m| !m.is_empty()) {
            Some(m) => Some(full_path(m, "uploads folder")?),
            None => None,
        };
        Ok(WebsiteImport { kind, source: full_path(source, what)?, media_from, dry_run })
    }
}

/// Whether downloads are off (`MASTHEAD_IMPORT_OFFLINE=1`: tests, and people without a
/// connection); the old site's files are then reported as missing.
fn offline() -> bool {
    std::env::var_os("MASTHEAD_IMPORT_OFFLINE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Brings another website in — a WordPress export or a Hugo, Zola or Jekyll site — as
/// `masthead import --from` does (with `dry_run`, only reports what it would import); the new
/// pictures get their variants at once.
pub fn import_website(
    site: &Site,
    import: WebsiteImport,
    progress: masthead_import::OnProgress<'_>,
) -> Result<masthead_import::Report> {
    let dry_run = import.dry_run;
    let options = masthead_import::Options {
        kind: import.kind,
        source: import.source,
        media_from: import.media_from,
        dry_run,
        download: !offline(),
    };
    let report = masthead_import::import_with_progress(site, &options, progress)?;
    if !dry_run {
        for warning in crate::library::prepare_all(site)? {
            tracing::warn!("{warning}");
        }
    }
    Ok(report)
}
