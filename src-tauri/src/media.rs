//! The media library as the editor uses it: listing, adding (through the media pipeline) and
//! the targets of the link picker.

use base64::Engine;
use masthead_api::library::{self, AddedMedia, LinkTarget, MediaEdit};
use masthead_render::MediaDetails;
use masthead_store::{Media, NewMedia};
use tauri::State;
use tracing::instrument;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn list_media(state: State<'_, AppState>) -> AppResult<Vec<Media>> {
    Ok(state.site()?.list::<Media>()?)
}

/// The library screen: every item with its variants, covers and users.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn media_library(state: State<'_, AppState>) -> AppResult<Vec<MediaDetails>> {
    library::library(&*state.site()?)
}

/// Saves an item's alt text (or that it is decorative), caption, credit, title and focal point.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, fields(name = %edit.name), err)]
pub(crate) fn save_media(state: State<'_, AppState>, edit: MediaEdit) -> AppResult<MediaDetails> {
    library::save_media(&*state.site_mut()?, edit)
}

/// Moves an item to the trash unless something still uses it (the error names the users).
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn delete_media(state: State<'_, AppState>, name: String) -> AppResult<()> {
    Ok(state.site_mut()?.remove_media(&name)?)
}

/// The bytes of a file sent by the window.
fn decode(file_name: &str, data_base64: &str) -> AppResult<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(data_base64.as_bytes())
        .map_err(|e| AppError::invalid(format!("The file {file_name} did not arrive whole ({e}); add it again.")))
}

/// Adds a file dropped, pasted or picked in the editor; its variants are made at once.
// Off the main thread: decoding and resizing a large photo takes seconds, and the window
// must keep answering meanwhile.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(state, data_base64), err)]
pub(crate) fn add_media(
    state: State<'_, AppState>,
    file_name: String,
    data_base64: String,
    alt: Option<String>,
) -> AppResult<AddedMedia> {
    let bytes = decode(&file_name, &data_base64)?;
    let new = NewMedia { bytes: &bytes, original_name: &file_name, alt, ..Default::default() };
    library::add_media(&*state.site_mut()?, new)
}

/// Replaces an item's file with a new one of the same type; everything using it shows the new one.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(state, data_base64), err)]
pub(crate) fn replace_media(
    state: State<'_, AppState>,
    name: String,
    file_name: String,
    data_base64: String,
) -> AppResult<AddedMedia> {
    let bytes = decode(&file_name, &data_base64)?;
    library::replace_media(&*state.site_mut()?, &name, &bytes, &file_name)
}

/// Everything a link can point at inside the site: articles, pages and media.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn list_link_targets(state: State<'_, AppState>) -> AppResult<Vec<LinkTarget>> {
    library::link_targets(&*state.site()?)
}
