use std::collections::BTreeSet;

use masthead_store::{Article, Media, Page, Slide};
use serde::Serialize;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[derive(Serialize)]
pub(crate) struct SectionInfo {
    slug: String,
    title: String,
}

#[derive(Serialize)]
pub(crate) struct SiteInfo {
    title: String,
    path: String,
    articles: usize,
    slides: usize,
    pages: usize,
    media: usize,
    /// The site's language: the editor spell-checks in it.
    language: String,
    /// The editor's name, the author of new articles.
    author: String,
    sections: Vec<SectionInfo>,
    /// Every tag in use, for autocomplete.
    tags: BTreeSet<String>,
    /// The website's address, once set.
    base_url: Option<String>,
}

#[tauri::command]
pub(crate) fn site_info(state: State<'_, AppState>) -> AppResult<SiteInfo> {
    let site = state.site()?;
    let settings = site.settings()?;
    let articles = site.list_light::<Article>()?;
    Ok(SiteInfo {
        title: settings.title,
        path: site.dir().display().to_string(),
        articles: articles.len(),
        slides: site.list::<Slide>()?.len(),
        pages: site.list_light::<Page>()?.len(),
        media: site.list::<Media>()?.len(),
        language: settings.language,
        author: site.author().to_string(),
        sections: settings.sections.into_iter().map(|s| SectionInfo { slug: s.slug, title: s.title }).collect(),
        tags: articles.into_iter().flat_map(|a| a.tags).collect(),
        base_url: settings.base_url,
    })
}
