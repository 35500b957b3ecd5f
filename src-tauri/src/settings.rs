//! Site settings, the editor's own name and the first-run welcome: thin wrappers over the store.

use masthead_store::{Prefs, Settings};
use tauri::State;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[tauri::command]
pub(crate) fn get_settings(state: State<'_, AppState>) -> AppResult<Settings> {
    Ok(state.site()?.settings()?)
}

/// Saves the settings after checking them (the error names the field).
#[tauri::command]
pub(crate) fn save_settings(state: State<'_, AppState>, settings: Settings) -> AppResult<Settings> {
    let site = state.site_mut()?;
    site.save_settings(&settings)?;
    Ok(site.settings()?)
}

#[tauri::command]
pub(crate) fn get_editor_name() -> String {
    Prefs::load().author()
}

/// The name written on revisions and publishes from now on (a preference of this computer).
#[tauri::command]
pub(crate) fn set_editor_name(state: State<'_, AppState>, name: String) -> AppResult<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("Write your name as colleagues know it, such as “Ann Smith”."));
    }
    let mut prefs = Prefs::load();
    prefs.editor_name = Some(name.to_string());
    prefs.save()?;
    state.site()?.set_author(name);
    Ok(())
}

#[tauri::command]
pub(crate) fn should_welcome() -> bool {
    !Prefs::load().welcomed
}

#[tauri::command]
pub(crate) fn dismiss_welcome() -> AppResult<()> {
    let mut prefs = Prefs::load();
    prefs.welcomed = true;
    Ok(prefs.save()?)
}
