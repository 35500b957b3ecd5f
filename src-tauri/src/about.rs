//! Settings → About: the version and the updates (src/updates.rs), as thin commands.

use masthead_api::updates::{CheckOutcome, UpdateSettings};
use tauri::{AppHandle, State};
use tracing::instrument;

use crate::error::AppResult;
use crate::updates::{self, Pending};

/// The version, the feed and the check at start.
#[tauri::command]
#[specta::specta]
pub(crate) fn update_settings(app: AppHandle) -> UpdateSettings {
    updates::settings(&app)
}

/// Saves the feed (empty: the package's own) and the check at start.
#[tauri::command]
#[specta::specta]
#[instrument(skip(app), err)]
pub(crate) fn save_update_settings(
    app: AppHandle,
    feed: Option<String>,
    check_on_start: bool,
) -> AppResult<UpdateSettings> {
    updates::save_settings(&app, feed.as_deref(), check_on_start)
}

/// Looks at the feed now.
#[tauri::command]
#[specta::specta]
#[instrument(skip(app), err)]
pub(crate) async fn check_for_update(app: AppHandle) -> AppResult<CheckOutcome> {
    updates::check(&app).await
}

/// The newer version the last check found (at start or by hand), if any.
#[tauri::command]
#[specta::specta]
pub(crate) fn found_update(pending: State<'_, Pending>) -> Option<CheckOutcome> {
    updates::found(&pending)
}

/// Downloads, verifies and installs the version found; `masthead://update-progress` events
/// carry the download's progress.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) async fn install_update(app: AppHandle, pending: State<'_, Pending>) -> AppResult<()> {
    updates::install(&app, &pending).await
}

/// Starts the installed (new) version in place of this one.
#[tauri::command]
#[specta::specta]
pub(crate) fn restart_app(app: AppHandle) {
    app.restart()
}
