//! The home page's featured slides: thin wrappers over the store, and the carousel preview.

use masthead_store::{Kind, Slide, Status};
use tauri::State;

use crate::error::AppResult;
use crate::preview::with_base;
use crate::state::{AppState, Listed, listed};

/// Every slide not in the trash, in home-page order.
#[tauri::command]
pub(crate) fn list_slides(state: State<'_, AppState>) -> AppResult<Vec<Listed<Slide>>> {
    let site = state.site()?;
    listed(&site, site.list::<Slide>()?)
}

#[tauri::command]
pub(crate) fn get_slide(state: State<'_, AppState>, id: i64) -> AppResult<Slide> {
    Ok(state.site()?.get::<Slide>(id)?)
}

/// A new draft slide at the end of the carousel.
#[tauri::command]
pub(crate) fn create_slide(state: State<'_, AppState>) -> AppResult<Slide> {
    let site = state.site_mut()?;
    let slide = Slide {
        headline: "New slide".into(),
        cta: Some("Read more".into()),
        position: site.next_slide_position()?,
        status: Status::Draft,
        ..Slide::default()
    };
    Ok(site.save(&slide, masthead_store::SaveMode::Explicit)?)
}

#[tauri::command]
pub(crate) fn save_slide(state: State<'_, AppState>, slide: Slide, mode: String) -> AppResult<Slide> {
    Ok(state.site_mut()?.save(&slide, crate::articles::save_mode(&mode)?)?)
}

/// Moves a slide to `to` (0 = first); returns the new order.
#[tauri::command]
pub(crate) fn move_slide(state: State<'_, AppState>, id: i64, to: usize) -> AppResult<Vec<Listed<Slide>>> {
    let site = state.site_mut()?;
    let slides = site.move_slide(id, to)?;
    listed(&site, slides)
}

#[tauri::command]
pub(crate) fn trash_slide(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(state.site_mut()?.trash(Kind::Slide, id)?)
}

/// The home page with this slide as it is in the editor.
#[tauri::command]
pub(crate) fn render_home_preview(state: State<'_, AppState>, slide: Slide) -> AppResult<String> {
    let html = state.with_preview(|_, p| Ok(masthead_render::render_home_preview(&p.content, &p.theme, &slide)?))?;
    Ok(with_base(html))
}
