//! The home page's featured slides: one-line commands over the store, and the carousel preview.

use masthead_api::items::{self, Listed};
use masthead_store::{Kind, SaveMode, Slide};
use tauri::State;
use tracing::instrument;

use crate::error::AppResult;
use crate::preview::with_base;
use crate::state::AppState;

/// Every slide not in the trash, in home-page order.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn list_slides(state: State<'_, AppState>) -> AppResult<Vec<Listed<Slide>>> {
    let site = state.site()?;
    items::listed(&site, site.list::<Slide>()?)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn get_slide(state: State<'_, AppState>, id: i64) -> AppResult<Slide> {
    Ok(state.site()?.get::<Slide>(id)?)
}

/// A new draft slide at the end of the carousel.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn create_slide(state: State<'_, AppState>) -> AppResult<Slide> {
    items::new_slide(&*state.site_mut()?)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, fields(id = slide.meta.id), err)]
pub(crate) fn save_slide(state: State<'_, AppState>, slide: Slide, mode: SaveMode) -> AppResult<Slide> {
    Ok(state.site_mut()?.save(&slide, mode)?)
}

/// Moves a slide to `to` (0 = first); returns the new order.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn move_slide(state: State<'_, AppState>, id: i64, to: u32) -> AppResult<Vec<Listed<Slide>>> {
    let site = state.site_mut()?;
    let slides = site.move_slide(id, to as usize)?;
    items::listed(&site, slides)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn trash_slide(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(state.site_mut()?.trash(Kind::Slide, id)?)
}

/// The home page with this slide as it is in the editor.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn render_home_preview(state: State<'_, AppState>, slide: Slide) -> AppResult<String> {
    let html = state.with_preview(|_, p| Ok(masthead_render::render_home_preview(&p.content, &p.theme, &slide)?))?;
    Ok(with_base(html))
}
