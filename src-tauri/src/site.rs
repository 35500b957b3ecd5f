//! What the window shows about the open site.

use masthead_api::sites::SiteInfo;
use tauri::State;
use tracing::instrument;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn site_info(state: State<'_, AppState>) -> AppResult<SiteInfo> {
    masthead_api::sites::site_info(&*state.site()?)
}
