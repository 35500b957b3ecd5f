use masthead_store::{Article, public_json};
use serde_json::Value;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

/// Every article not in the trash, newest first, in the CLI's JSON shape.
#[tauri::command]
pub(crate) fn list_articles(state: State<'_, AppState>) -> AppResult<Vec<Value>> {
    Ok(state.site()?.list::<Article>()?.iter().map(public_json).collect())
}
