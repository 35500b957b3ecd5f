//! The media library as the editor uses it: listing, adding (through the media pipeline) and
//! the targets of the link picker.

use base64::Engine;
use masthead_store::{Article, Media, NewMedia, Page};
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[tauri::command]
pub(crate) fn list_media(state: State<'_, AppState>) -> AppResult<Vec<Media>> {
    Ok(state.site()?.list::<Media>()?)
}

#[derive(Serialize)]
pub(crate) struct AddedMedia {
    media: Media,
    warnings: Vec<String>,
}

/// Adds a file dropped, pasted or picked in the editor; its variants are made at once.
#[tauri::command]
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
    let new = NewMedia { bytes: &bytes, original_name: &file_name, alt, caption: None, credit: None };
    let (added, set) = masthead_media::add(&site, new)?;
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
