//! Sites: open, create, back up, restore, import, export, and removing the demo content.
//! Thin wrappers over the store; the site opened last is remembered for the next start (and
//! the CLI).

use std::path::PathBuf;

use masthead_media::Pipeline;
use masthead_store::{ImportReport, Prefs, Site, SiteLocation};
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, AppResult};
use crate::publish::own_site;
use crate::state::AppState;

#[derive(Serialize)]
pub(crate) struct SitesInfo {
    current: String,
    recent: Vec<String>,
    suggested_folder: String,
    documents: String,
}

fn path(text: &str, what: &str) -> AppResult<PathBuf> {
    let text = text.trim();
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    let p = match text.strip_prefix("~/") {
        Some(rest) => home.join(rest),
        None => PathBuf::from(text),
    };
    if text.is_empty() || !p.is_absolute() {
        return Err(AppError::invalid(format!("Give the {what} as a full path, such as {}/…", home.display())));
    }
    Ok(p)
}

#[tauri::command]
pub(crate) fn list_sites(state: State<'_, AppState>) -> AppResult<SitesInfo> {
    let current = state.site()?.dir().to_path_buf();
    let prefs = Prefs::load();
    let mut recent: Vec<PathBuf> = prefs.recent_sites.into_iter().filter(|d| d.join("site.db").is_file()).collect();
    let canonical = current.canonicalize().unwrap_or_else(|_| current.clone());
    if !recent.contains(&canonical) {
        recent.insert(0, canonical);
    }
    let base = SiteLocation::default_dir().parent().map(|p| p.to_path_buf()).unwrap_or_default();
    let documents = std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Documents")).unwrap_or_default();
    let text = |p: PathBuf| p.display().to_string();
    Ok(SitesInfo {
        current: text(current),
        recent: recent.into_iter().map(text).collect(),
        suggested_folder: text(base.join("new-site")),
        documents: text(documents),
    })
}

/// Makes `site` the open one and remembers it.
fn switch(state: &AppState, site: Site) -> AppResult<()> {
    let mut prefs = Prefs::load();
    prefs.remember_site(site.dir());
    prefs.save()?;
    state.replace_site(site);
    Ok(())
}

#[tauri::command]
pub(crate) fn open_site(state: State<'_, AppState>, path: String) -> AppResult<()> {
    let dir = self::path(&path, "site folder")?;
    switch(&state, Site::open(&dir)?)
}

#[tauri::command(async)]
pub(crate) fn create_site(state: State<'_, AppState>, path: String, demo: bool) -> AppResult<()> {
    let dir = self::path(&path, "new site's folder")?;
    if dir.join("site.db").exists() {
        return Err(AppError::invalid(format!("There is a site in {} already: open it instead.", dir.display())));
    }
    let site = if demo { Site::create_demo(&dir, &Pipeline)?.0 } else { Site::create(&dir)? };
    switch(&state, site)
}

#[tauri::command]
pub(crate) fn remove_demo_content(state: State<'_, AppState>) -> AppResult<usize> {
    Ok(state.site_mut()?.remove_all_content()?)
}

#[tauri::command(async)]
pub(crate) fn backup_site(state: State<'_, AppState>, file: String) -> AppResult<String> {
    let file = path(&file, "backup file")?;
    state.site()?.backup_to(&file)?;
    Ok(file.display().to_string())
}

#[tauri::command(async)]
pub(crate) fn restore_site(state: State<'_, AppState>, file: String, folder: String) -> AppResult<()> {
    let site = Site::restore_backup(&path(&file, "backup file")?, &path(&folder, "folder to restore into")?)?;
    switch(&state, site)
}

#[tauri::command(async)]
pub(crate) fn export_site(state: State<'_, AppState>, folder: String) -> AppResult<usize> {
    Ok(state.site()?.export_dir(&path(&folder, "export folder")?)?)
}

#[tauri::command(async)]
pub(crate) fn import_folder(state: State<'_, AppState>, folder: String) -> AppResult<ImportReport> {
    Ok(state.site_mut()?.import_dir(&path(&folder, "folder to import")?, &Pipeline)?)
}

/// How far a website import has come (`masthead://import-progress`).
const IMPORT_PROGRESS: &str = "masthead://import-progress";

/// Brings a WordPress export or a Hugo, Zola or Jekyll site in (see `masthead import --from`),
/// on a connection of its own so that the app stays usable; progress comes as events.
#[tauri::command(async)]
pub(crate) fn import_website(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    from: String,
    source: String,
    media_from: Option<String>,
    dry_run: bool,
) -> AppResult<masthead_import::Report> {
    use tauri::Emitter;
    let kind = masthead_import::SourceKind::parse(&from)
        .ok_or_else(|| AppError::invalid(format!("“{from}” is not a kind of website Masthead imports.")))?;
    let what = if kind == masthead_import::SourceKind::WordPress { "WordPress export file" } else { "site folder" };
    let media_from = match media_from.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => Some(path(m, "uploads folder")?),
        None => None,
    };
    let options = masthead_import::Options { kind, source: path(&source, what)?, media_from, dry_run, download: true };
    let site = own_site(&state)?;
    let report = masthead_import::import_with_progress(&site, &options, &|p| {
        let _ = app.emit(IMPORT_PROGRESS, p);
    })?;
    if !dry_run {
        // The other screens read the site through the app's own connection: tell them.
        drop(state.site_mut()?);
    }
    Ok(report)
}
