//! Sites: open, create, back up, restore, import, export, and removing the demo content.
//! The site opened last is remembered for the next start (and the CLI).

use masthead_api::sites::{self, Imported, SitesInfo, full_path};
use masthead_store::Site;
use tauri::{AppHandle, State};
use tracing::instrument;

use crate::error::AppResult;
use crate::publish::own_site;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn list_sites(state: State<'_, AppState>) -> AppResult<SitesInfo> {
    Ok(sites::sites_info(state.site()?.dir()))
}

/// Asks for a folder with the system's own picker (`tauri-plugin-dialog`: GTK on Linux, the
/// native dialogs on Windows and macOS); `None` when the person cancels. Off the main thread,
/// which shows the dialog meanwhile.
#[tauri::command(async)]
#[specta::specta]
pub(crate) fn choose_folder(app: AppHandle, title: String) -> Option<String> {
    use tauri_plugin_dialog::DialogExt;
    let chosen = app.dialog().file().set_title(title).blocking_pick_folder()?;
    chosen.into_path().ok().map(|p| p.display().to_string())
}

/// Makes `site` the open one and remembers it.
fn switch(state: &AppState, site: Site) -> AppResult<()> {
    sites::remember(&site)?;
    state.replace_site(site);
    Ok(())
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn open_site(state: State<'_, AppState>, path: String) -> AppResult<()> {
    switch(&state, sites::open_dir(&full_path(&path, "site folder")?)?)
}

#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn create_site(state: State<'_, AppState>, path: String, demo: bool) -> AppResult<()> {
    let created = sites::create_site(&full_path(&path, "new site's folder")?, demo)?;
    for warning in &created.warnings {
        tracing::warn!("{warning}");
    }
    switch(&state, created.site)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn remove_demo_content(state: State<'_, AppState>) -> AppResult<u32> {
    Ok(state.site_mut()?.remove_all_content()? as u32)
}

#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn backup_site(state: State<'_, AppState>, file: String) -> AppResult<String> {
    let file = full_path(&file, "backup file")?;
    state.site()?.backup_to(&file)?;
    Ok(file.display().to_string())
}

#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn restore_site(state: State<'_, AppState>, file: String, folder: String) -> AppResult<()> {
    let site =
        sites::restore_backup(&full_path(&file, "backup file")?, &full_path(&folder, "folder to restore into")?)?;
    switch(&state, site)
}

#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn export_site(state: State<'_, AppState>, folder: String) -> AppResult<u32> {
    Ok(state.site()?.export_dir(&full_path(&folder, "export folder")?)? as u32)
}

#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn import_folder(state: State<'_, AppState>, folder: String) -> AppResult<Imported> {
    sites::import_folder(&*state.site_mut()?, &full_path(&folder, "folder to import")?)
}

/// How far a website import has come (`masthead://import-progress`).
const IMPORT_PROGRESS: &str = "masthead://import-progress";

/// Brings a WordPress export or a Hugo, Zola or Jekyll site in (see `masthead import --from`),
/// on a connection of its own so that the app stays usable; progress comes as events.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(app, state), err)]
pub(crate) fn import_website(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    from: masthead_import::SourceKind,
    source: String,
    media_from: Option<String>,
    dry_run: bool,
) -> AppResult<masthead_import::Report> {
    use tauri::Emitter;
    let site = own_site(&state)?;
    let progress = |p: &masthead_import::Progress| {
        let _ = app.emit(IMPORT_PROGRESS, p);
    };
    let import = sites::WebsiteImport::typed(from, &source, media_from.as_deref(), dry_run)?;
    let report = sites::import_website(&site, import, &progress)?;
    if !dry_run {
        // The other screens read the site through the app's own connection: tell them.
        drop(state.site_mut()?);
    }
    Ok(report)
}
