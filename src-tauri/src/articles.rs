//! The article library and editor: thin wrappers over the store.

use masthead_store::{Article, Kind, Revision, SaveMode, Status, TrashItem};
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, AppResult};
use crate::state::{AppState, Listed, listed};

/// Every article not in the trash, newest first, without bodies; with its host state on the
/// site's first target once there is one.
#[tauri::command(async)]
pub(crate) fn list_articles(state: State<'_, AppState>) -> AppResult<Vec<Listed<Article>>> {
    let site = state.site()?;
    listed(&site, site.list_light::<Article>()?)
}

pub(crate) fn save_mode(mode: &str) -> AppResult<SaveMode> {
    match mode {
        "autosave" => Ok(SaveMode::Autosave),
        "explicit" => Ok(SaveMode::Explicit),
        other => Err(AppError::invalid(format!("Unknown save mode `{other}`: use autosave or explicit."))),
    }
}

#[tauri::command]
pub(crate) fn get_article(state: State<'_, AppState>, id: i64) -> AppResult<Article> {
    Ok(state.site()?.get::<Article>(id)?)
}

/// A new draft in `section`, by the editor.
#[tauri::command]
pub(crate) fn create_article(state: State<'_, AppState>, section: Option<String>) -> AppResult<Article> {
    let site = state.site_mut()?;
    let draft = Article {
        title: "Untitled article".into(),
        section,
        status: Status::Draft,
        // The byline is the name the editor gave (Settings → You, or the first start), else none.
        author: masthead_store::Prefs::load().editor_name(),
        ..Article::default()
    };
    Ok(site.save(&draft, SaveMode::Explicit)?)
}

/// Deletes a new article or page that was left without a save (see `Site::discard_untouched`).
#[tauri::command]
pub(crate) fn discard_untouched(state: State<'_, AppState>, kind: Kind, id: i64) -> AppResult<bool> {
    Ok(state.site_mut()?.discard_untouched(kind, id)?)
}

/// Saves an edit made on top of `article.version`; a colleague's save in between is a `conflict`.
#[tauri::command]
pub(crate) fn save_article(state: State<'_, AppState>, article: Article, mode: String) -> AppResult<Article> {
    Ok(state.site_mut()?.save(&article, save_mode(&mode)?)?)
}

/// A draft copy with its own slug.
#[tauri::command]
pub(crate) fn duplicate_article(state: State<'_, AppState>, id: i64) -> AppResult<Article> {
    let site = state.site_mut()?;
    let original = site.get::<Article>(id)?;
    let copy = Article {
        meta: Default::default(),
        title: format!("{} (copy)", original.title),
        slug: String::new(),
        status: Status::Draft,
        ..original
    };
    Ok(site.save(&copy, SaveMode::Explicit)?)
}

#[tauri::command]
pub(crate) fn trash_article(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(state.site_mut()?.trash(Kind::Article, id)?)
}

#[tauri::command]
pub(crate) fn restore_article(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(state.site_mut()?.restore_from_trash(Kind::Article, id)?)
}

#[tauri::command]
pub(crate) fn list_trash(state: State<'_, AppState>) -> AppResult<Vec<TrashItem>> {
    Ok(state.site()?.list_trash()?)
}

#[derive(Serialize)]
pub(crate) struct ArticleHit {
    id: i64,
    slug: String,
    title: String,
    snippet: String,
}

/// Full-text search over articles, best first; matches are wrapped in `[` `]` in the snippet.
/// Off the main thread, so that typing goes on while it runs.
#[tauri::command(async)]
pub(crate) fn search_articles(state: State<'_, AppState>, query: String) -> AppResult<Vec<ArticleHit>> {
    let hits = state.site()?.search(&query, 50)?;
    Ok(hits
        .into_iter()
        .filter(|h| h.kind == Kind::Article)
        .map(|h| ArticleHit { id: h.id, slug: h.slug, title: h.title, snippet: h.snippet })
        .collect())
}

#[tauri::command]
pub(crate) fn list_revisions(state: State<'_, AppState>, id: i64) -> AppResult<Vec<Revision>> {
    Ok(state.site()?.revisions(Kind::Article, id)?)
}

#[tauri::command]
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
pub(crate) fn restore_from_trash(state: State<'_, AppState>, kind: String, id: i64) -> AppResult<()> {
    let kind = Kind::parse(&kind)
        .ok_or_else(|| AppError::invalid(format!("Nothing of the kind `{kind}` is kept in the trash.")))?;
    Ok(state.site_mut()?.restore_from_trash(kind, id)?)
}
