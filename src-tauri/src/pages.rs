//! Standing pages (about, newsletters, partners …): the article editor's commands for pages.

use masthead_api::items::{self, Listed};
use masthead_store::{Kind, Page, SaveMode};
use tauri::State;
use tracing::instrument;

use crate::error::AppResult;
use crate::preview::with_base;
use crate::state::AppState;

/// Every page not in the trash, by title, without bodies.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn list_pages(state: State<'_, AppState>) -> AppResult<Vec<Listed<Page>>> {
    let site = state.site()?;
    items::listed(&site, site.list_light::<Page>()?)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn get_page(state: State<'_, AppState>, id: i64) -> AppResult<Page> {
    Ok(state.site()?.get::<Page>(id)?)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn create_page(state: State<'_, AppState>) -> AppResult<Page> {
    items::new_page(&*state.site_mut()?)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, fields(id = page.meta.id), err)]
pub(crate) fn save_page(state: State<'_, AppState>, page: Page, mode: SaveMode) -> AppResult<Page> {
    Ok(state.site_mut()?.save(&page, mode)?)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn trash_page(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(state.site_mut()?.trash(Kind::Page, id)?)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn render_page_preview(state: State<'_, AppState>, page: Page) -> AppResult<String> {
    let html = state.with_preview(|_, p| Ok(masthead_render::render_page_preview(&p.content, &p.theme, &page)?))?;
    Ok(with_base(html))
}
