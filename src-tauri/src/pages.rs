//! Standing pages (about, newsletters, partners …): the article editor's commands for pages.

use masthead_store::{Kind, Page, SaveMode, Status};
use tauri::State;

use crate::error::AppResult;
use crate::preview::with_base;
use crate::state::{AppState, Listed, listed};

/// Every page not in the trash, by title, without bodies.
#[tauri::command]
pub(crate) fn list_pages(state: State<'_, AppState>) -> AppResult<Vec<Listed<Page>>> {
    let site = state.site()?;
    listed(&site, site.list_light::<Page>()?)
}

#[tauri::command]
pub(crate) fn get_page(state: State<'_, AppState>, id: i64) -> AppResult<Page> {
    Ok(state.site()?.get::<Page>(id)?)
}

#[tauri::command]
pub(crate) fn create_page(state: State<'_, AppState>) -> AppResult<Page> {
    let draft = Page { title: "Untitled page".into(), status: Status::Draft, ..Page::default() };
    Ok(state.site_mut()?.save(&draft, SaveMode::Explicit)?)
}

#[tauri::command]
pub(crate) fn save_page(state: State<'_, AppState>, page: Page, mode: String) -> AppResult<Page> {
    Ok(state.site_mut()?.save(&page, crate::articles::save_mode(&mode)?)?)
}

#[tauri::command]
pub(crate) fn trash_page(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(state.site_mut()?.trash(Kind::Page, id)?)
}

#[tauri::command]
pub(crate) fn render_page_preview(state: State<'_, AppState>, page: Page) -> AppResult<String> {
    let html = state.with_preview(|_, p| Ok(masthead_render::render_page_preview(&p.content, &p.theme, &page)?))?;
    Ok(with_base(html))
}
