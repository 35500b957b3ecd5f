//! Site settings, the editor's own name and the first-run welcome.

use masthead_store::{Prefs, Settings};
use tauri::State;
use tracing::instrument;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn get_settings(state: State<'_, AppState>) -> AppResult<Settings> {
    Ok(state.site()?.settings()?)
}

/// Saves the settings after checking them (the error names the field).
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn save_settings(state: State<'_, AppState>, settings: Settings) -> AppResult<Settings> {
    let site = state.site_mut()?;
    site.save_settings(&settings)?;
    Ok(site.settings()?)
}

#[tauri::command]
#[specta::specta]
pub(crate) fn get_editor_name() -> String {
    Prefs::load().author()
}

/// The name written on revisions and publishes from now on (a preference of this computer).
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn set_editor_name(state: State<'_, AppState>, name: String) -> AppResult<()> {
    masthead_api::sites::set_editor_name(&mut *state.site()?, &name)
}

#[tauri::command]
#[specta::specta]
pub(crate) fn should_welcome() -> bool {
    !Prefs::load().welcomed
}

#[tauri::command]
#[specta::specta]
#[instrument(err)]
pub(crate) fn dismiss_welcome() -> AppResult<()> {
    let mut prefs = Prefs::load();
    prefs.welcomed = true;
    Ok(prefs.save()?)
}
