use masthead_store::{Article, Media, Page, Slide};
use serde::Serialize;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[derive(Serialize)]
pub(crate) struct SiteInfo {
    title: String,
    path: String,
    articles: usize,
    slides: usize,
    pages: usize,
    media: usize,
}

#[tauri::command]
pub(crate) fn site_info(state: State<'_, AppState>) -> AppResult<SiteInfo> {
    let site = state.site()?;
    Ok(SiteInfo {
        title: site.settings()?.title,
        path: site.dir().display().to_string(),
        articles: site.list::<Article>()?.len(),
        slides: site.list::<Slide>()?.len(),
        pages: site.list::<Page>()?.len(),
        media: site.list::<Media>()?.len(),
    })
}
