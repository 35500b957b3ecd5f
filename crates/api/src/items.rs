//! Articles, pages and slides: the defaults of a new item, duplicating, and lists with what
//! the website has of each item.

use masthead_store::{Article, HostState, Kind, Page, Prefs, Record, SaveMode, Site, Slide, Status};
use serde::Serialize;

use crate::error::Result;

/// The title of a new article until the editor writes one.
pub const UNTITLED_ARTICLE: &str = "Untitled article";
/// The title of a new page until the editor writes one.
pub const UNTITLED_PAGE: &str = "Untitled page";
/// The headline of a new slide.
pub const NEW_SLIDE: &str = "New slide";
/// The call to action a new slide starts with.
pub const READ_MORE: &str = "Read more";

/// A new draft article in `section`, by the editor (the name they gave in Settings → You, or
/// at the first start; else no byline).
pub fn new_article(site: &Site, section: Option<String>) -> Result<Article> {
    let draft = Article {
        title: UNTITLED_ARTICLE.into(),
        section,
        status: Status::Draft,
        author: Prefs::load().editor_name(),
        ..Article::default()
    };
    Ok(site.save(&draft, SaveMode::Explicit)?)
}

/// A new draft page.
pub fn new_page(site: &Site) -> Result<Page> {
    let draft = Page { title: UNTITLED_PAGE.into(), status: Status::Draft, ..Page::default() };
    Ok(site.save(&draft, SaveMode::Explicit)?)
}

/// A new draft slide at the end of the carousel.
pub fn new_slide(site: &Site) -> Result<Slide> {
    let slide = Slide {
        headline: NEW_SLIDE.into(),
        cta: Some(READ_MORE.into()),
        position: site.next_slide_position()?,
        status: Status::Draft,
        ..Slide::default()
    };
    Ok(site.save(&slide, SaveMode::Explicit)?)
}

/// A draft copy of an article, titled “… (copy)”, with a slug of its own.
pub fn duplicate_article(site: &Site, id: i64) -> Result<Article> {
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

/// An item in a list, with whether the website has it as it is (on the site's first target,
/// once there is one).
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct Listed<T> {
    #[serde(flatten)]
    pub item: T,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_state: Option<HostState>,
}

/// `items` with their state on the site's first target.
pub fn listed<T: Record>(site: &Site, items: Vec<T>) -> Result<Vec<Listed<T>>> {
    let target = site.targets()?.into_iter().next();
    items
        .into_iter()
        .map(|item| {
            let host_state = match &target {
                Some(t) => Some(site.host_state(&t.name, T::KIND, item.meta().id, item.meta().version)?),
                None => None,
            };
            Ok(Listed { item, host_state })
        })
        .collect()
}

/// An article found by the search, with the text around the matches (each in `[` `]`).
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct ArticleHit {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub snippet: String,
}

/// Full-text search over articles, best first.
pub fn search_articles(site: &Site, query: &str) -> Result<Vec<ArticleHit>> {
    let hits = site.search(query, 50)?;
    Ok(hits
        .into_iter()
        .filter(|h| h.kind == Kind::Article)
        .map(|h| ArticleHit { id: h.id, slug: h.slug, title: h.title, snippet: h.snippet })
        .collect())
}

/// One entry of an item's history, with the item as it was.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct RevisionOf<T> {
    pub id: i64,
    pub author: String,
    /// When the editing session started and when it was last saved.
    pub created_at: String,
    pub updated_at: String,
    pub snapshot: T,
}

/// The history of the item `id` of kind `T`, newest first.
pub fn revisions<T: Record>(site: &Site, id: i64) -> Result<Vec<RevisionOf<T>>> {
    site.revisions(T::KIND, id)?
        .into_iter()
        .map(|r| {
            let snapshot = serde_json::from_value(r.snapshot).map_err(|e| {
                crate::ApiError::new(
                    crate::Code::Database,
                    format!("Revision {} of this item could not be read ({e}); the others are intact.", r.id),
                )
            })?;
            Ok(RevisionOf { id: r.id, author: r.author, created_at: r.created_at, updated_at: r.updated_at, snapshot })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_items_and_copies_are_drafts_with_their_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let site = Site::create(dir.path().join("site")).unwrap();
        let article = new_article(&site, Some("news".into())).unwrap();
        assert_eq!((article.title.as_str(), article.status), (UNTITLED_ARTICLE, Status::Draft));
        assert_eq!(article.section.as_deref(), Some("news"));
        let copy = duplicate_article(&site, article.meta.id).unwrap();
        assert_eq!(copy.title, "Untitled article (copy)");
        assert_ne!(copy.slug, article.slug);
        assert_eq!(new_page(&site).unwrap().title, UNTITLED_PAGE);
        let (first, second) = (new_slide(&site).unwrap(), new_slide(&site).unwrap());
        assert_eq!((first.headline.as_str(), first.cta.as_deref()), (NEW_SLIDE, Some(READ_MORE)));
        assert_eq!(second.position, first.position + 1);
    }
}
