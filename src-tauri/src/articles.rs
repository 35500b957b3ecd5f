//! The article library and editor: one-line commands over `masthead-api` and the store.

use masthead_api::items::{self, ArticleHit, Listed, RevisionOf};
use masthead_store::{Article, Kind, SaveMode, TrashItem};
use tauri::State;
use tracing::instrument;

use crate::error::AppResult;
use crate::state::AppState;

/// Every article not in the trash, newest first, without bodies; with its host state on the
/// site's first target once there is one.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn list_articles(state: State<'_, AppState>) -> AppResult<Vec<Listed<Article>>> {
    let site = state.site()?;
    items::listed(&site, site.list_light::<Article>()?)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn get_article(state: State<'_, AppState>, id: i64) -> AppResult<Article> {
    Ok(state.site()?.get::<Article>(id)?)
}

/// A new draft in `section`, by the editor.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn create_article(state: State<'_, AppState>, section: Option<String>) -> AppResult<Article> {
    items::new_article(&*state.site_mut()?, section)
}

/// Deletes a new article or page that was left without a save (see `Site::discard_untouched`).
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn discard_untouched(state: State<'_, AppState>, kind: Kind, id: i64) -> AppResult<bool> {
    Ok(state.site_mut()?.discard_untouched(kind, id)?)
}

/// Saves an edit made on top of `article.version`; a colleague's save in between is a `conflict`.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, fields(id = article.meta.id), err)]
pub(crate) fn save_article(state: State<'_, AppState>, article: Article, mode: SaveMode) -> AppResult<Article> {
    Ok(state.site_mut()?.save(&article, mode)?)
}

/// A draft copy with its own slug.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn duplicate_article(state: State<'_, AppState>, id: i64) -> AppResult<Article> {
    items::duplicate_article(&*state.site_mut()?, id)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn trash_article(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(state.site_mut()?.trash(Kind::Article, id)?)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn restore_article(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(state.site_mut()?.restore_from_trash(Kind::Article, id)?)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn list_trash(state: State<'_, AppState>) -> AppResult<Vec<TrashItem>> {
    Ok(state.site()?.list_trash()?)
}

/// Full-text search over articles, best first; matches are wrapped in `[` `]` in the snippet.
/// Off the main thread, so that typing goes on while it runs.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn search_articles(state: State<'_, AppState>, query: String) -> AppResult<Vec<ArticleHit>> {
    items::search_articles(&*state.site()?, &query)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn list_revisions(state: State<'_, AppState>, id: i64) -> AppResult<Vec<RevisionOf<Article>>> {
    items::revisions::<Article>(&*state.site()?, id)
}

#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn restore_revision(
    state: State<'_, AppState>,
    id: i64,
    revision_id: i64,
    base_version: i64,
) -> AppResult<Article> {
    Ok(state.site_mut()?.restore_revision::<Article>(id, revision_id, base_version)?)
}

/// Takes a page, slide or media item (or an article) out of the trash.
#[tauri::command]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn restore_from_trash(state: State<'_, AppState>, kind: Kind, id: i64) -> AppResult<()> {
    Ok(state.site_mut()?.restore_from_trash(kind, id)?)
}
