//! The media library as the editor uses it: listing, adding (through the media pipeline) and
//! the targets of the link picker.

use base64::Engine;
use masthead_store::{Article, Media, NewMedia, Page, SaveMode};
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[tauri::command]
pub(crate) fn list_media(state: State<'_, AppState>) -> AppResult<Vec<Media>> {
    Ok(state.site()?.list::<Media>()?)
}

/// The library screen: every item with its variants, covers and users.
#[tauri::command(async)]
pub(crate) fn media_library(state: State<'_, AppState>) -> AppResult<Vec<serde_json::Value>> {
    let site = state.site()?;
    site.list::<Media>()?.iter().map(|m| details(&site, m)).collect()
}

/// The library's view of an item, with the version a save must name, when it was added and the
/// file name it was uploaded as (found by the library's and the pickers' search).
fn details(site: &masthead_store::Site, m: &Media) -> AppResult<serde_json::Value> {
    let mut v = masthead_render::media_details(site, m)?;
    v["version"] = m.meta.version.into();
    v["created_at"] = m.meta.created_at.clone().into();
    v["original_name"] = m.original_name.clone().into();
    Ok(v)
}

/// What staff can change about an item; the file itself (name, hash, size) stays.
#[derive(serde::Deserialize)]
pub(crate) struct MediaEdit {
    name: String,
    version: i64,
    alt: Option<String>,
    #[serde(default)]
    decorative: bool,
    caption: Option<String>,
    credit: Option<String>,
    title: Option<String>,
    focal: Option<String>,
}

/// Saves an item's alt text (or that it is decorative), caption, credit, title and focal point.
#[tauri::command]
pub(crate) fn save_media(state: State<'_, AppState>, edit: MediaEdit) -> AppResult<serde_json::Value> {
    let site = state.site_mut()?;
    let mut media: Media = site.find(&edit.name)?.ok_or_else(|| AppError {
        code: "not_found".into(),
        message: format!("There is no media item {}.", edit.name),
    })?;
    media.meta.version = edit.version;
    (media.alt, media.decorative, media.caption, media.credit, media.title, media.focal) =
        (edit.alt, edit.decorative, edit.caption, edit.credit, edit.title, edit.focal);
    let saved = site.save(&media, SaveMode::Explicit)?;
    details(&site, &saved)
}

/// Moves an item to the trash unless something still uses it (the error names the users).
#[tauri::command]
pub(crate) fn delete_media(state: State<'_, AppState>, name: String) -> AppResult<()> {
    Ok(state.site_mut()?.remove_media(&name)?)
}

#[derive(Serialize)]
pub(crate) struct AddedMedia {
    media: Media,
    warnings: Vec<String>,
}

/// Adds a file dropped, pasted or picked in the editor; its variants are made at once.
// Off the main thread: decoding and resizing a large photo takes seconds, and the window
// must keep answering meanwhile.
#[tauri::command(async)]
pub(crate) fn add_media(
    state: State<'_, AppState>,
    file_name: String,
    data_base64: String,
    alt: Option<String>,
) -> AppResult<AddedMedia> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data_base64.as_bytes())
        .map_err(|e| AppError::invalid(format!("The file {file_name} did not arrive whole ({e}); add it again.")))?;
    let site = state.site_mut()?;
    let new = NewMedia { bytes: &bytes, original_name: &file_name, alt, ..Default::default() };
    let (added, set) = masthead_media::add(&site, new)?;
    let mut warnings = added.warnings;
    warnings.extend(set.note);
    Ok(AddedMedia { media: added.media, warnings })
}

/// Replaces an item's file with a new one of the same type; everything using it shows the new one.
// Off the main thread: decoding and resizing a large photo takes seconds, and the window
// must keep answering meanwhile.
#[tauri::command(async)]
pub(crate) fn replace_media(
    state: State<'_, AppState>,
    name: String,
    file_name: String,
    data_base64: String,
) -> AppResult<AddedMedia> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data_base64.as_bytes())
        .map_err(|e| AppError::invalid(format!("The file {file_name} did not arrive whole ({e}); try again.")))?;
    let site = state.site_mut()?;
    let (added, set) = masthead_media::replace(&site, &name, &bytes, &file_name)?;
    let mut warnings = added.warnings;
    warnings.extend(set.note);
    Ok(AddedMedia { media: added.media, warnings })
}

#[derive(Serialize)]
pub(crate) struct LinkTarget {
    #[serde(rename = "ref")]
    reference: String,
    title: String,
    kind: &'static str,
}

/// Everything a link can point at inside the site: articles, pages and media.
#[tauri::command]
pub(crate) fn list_link_targets(state: State<'_, AppState>) -> AppResult<Vec<LinkTarget>> {
    let site = state.site()?;
    let target = |kind: &'static str, key: &str, title: &str| LinkTarget {
        reference: format!("{kind}:{key}"),
        title: title.to_string(),
        kind,
    };
    let mut targets: Vec<LinkTarget> =
        site.list_light::<Article>()?.iter().map(|a| target("article", &a.slug, &a.title)).collect();
    targets.extend(site.list_light::<Page>()?.iter().map(|p| target("page", &p.slug, &p.title)));
    targets
        .extend(site.list::<Media>()?.iter().map(|m| target("media", &m.name, m.title.as_deref().unwrap_or(&m.name))));
    Ok(targets)
}
