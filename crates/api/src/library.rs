//! The media library: adding and replacing files, editing what staff write about them, and
//! everything a link can point at.

use masthead_render::MediaDetails;
use masthead_store::{Added, Article, Media, NewMedia, Page, SaveMode, Site};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, Code, Result};

/// What staff can change about an item; the file itself (name, hash, size) stays.
#[derive(Clone, Debug, Deserialize, specta::Type)]
pub struct MediaEdit {
    pub name: String,
    /// The version the edit was made on (a save in between is a conflict).
    pub version: i64,
    pub alt: Option<String>,
    #[serde(default)]
    pub decorative: bool,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub title: Option<String>,
    pub focal: Option<String>,
}

/// Every item of the library with its variants and users.
pub fn library(site: &Site) -> Result<Vec<MediaDetails>> {
    site.list::<Media>()?.iter().map(|m| Ok(masthead_render::media_details(site, m)?)).collect()
}

/// Saves an item's alt text (or that it is decorative), caption, credit, title and focal point.
pub fn save_media(site: &Site, edit: MediaEdit) -> Result<MediaDetails> {
    let mut media: Media = site
        .find(&edit.name)?
        .ok_or_else(|| ApiError::new(Code::NotFound, format!("There is no media item {}.", edit.name)))?;
    media.meta.version = edit.version;
    (media.alt, media.decorative, media.caption, media.credit, media.title, media.focal) =
        (edit.alt, edit.decorative, edit.caption, edit.credit, edit.title, edit.focal);
    let saved = site.save(&media, SaveMode::Explicit)?;
    Ok(masthead_render::media_details(site, &saved)?)
}

/// A file added (or found already in the library), with what staff should know about it.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct AddedMedia {
    pub media: Media,
    /// False when the same file was in the library already.
    pub created: bool,
    /// Variants made (0 for PDFs and files too small to need them).
    pub variants: usize,
    pub warnings: Vec<String>,
}

fn added((Added { media, created, mut warnings }, set): (Added, masthead_media::VariantSet)) -> AddedMedia {
    warnings.extend(set.note);
    AddedMedia { media, created, variants: set.variants.len(), warnings }
}

/// Adds a file to the library; its variants are made at once.
pub fn add_media(site: &Site, new: NewMedia<'_>) -> Result<AddedMedia> {
    Ok(added(masthead_media::add(site, new)?))
}

/// Replaces an item's file with one of the same type; everything using it shows the new one.
pub fn replace_media(site: &Site, name: &str, bytes: &[u8], file_name: &str) -> Result<AddedMedia> {
    Ok(added(masthead_media::replace(site, name, bytes, file_name)?))
}

/// Makes the variants and covers of every item that lacks them (after an import); returns a
/// warning per item that has none.
pub fn prepare_all(site: &Site) -> Result<Vec<String>> {
    let media = site.list::<Media>()?;
    let items: Vec<&Media> = media.iter().collect();
    let mut warnings = vec![];
    for (name, result) in masthead_media::variants_of(site, &items) {
        match result {
            Ok(set) => warnings.extend(set.note.map(|note| format!("{name}: {note}"))),
            Err(e) => warnings.push(format!("{name}: no smaller copies could be made: {e}")),
        }
    }
    Ok(warnings)
}

/// Something a link can point at inside the site.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct LinkTarget {
    /// `article:slug`, `page:slug` or `media:name`.
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub kind: LinkKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    Article,
    Page,
    Media,
}

/// Every article, page and media item, for the link picker.
pub fn link_targets(site: &Site) -> Result<Vec<LinkTarget>> {
    let target = |kind: LinkKind, prefix: &str, key: &str, title: &str| LinkTarget {
        reference: format!("{prefix}:{key}"),
        title: title.to_string(),
        kind,
    };
    let mut targets: Vec<LinkTarget> =
        site.list_light::<Article>()?.iter().map(|a| target(LinkKind::Article, "article", &a.slug, &a.title)).collect();
    targets.extend(site.list_light::<Page>()?.iter().map(|p| target(LinkKind::Page, "page", &p.slug, &p.title)));
    targets.extend(
        site.list::<Media>()?
            .iter()
            .map(|m| target(LinkKind::Media, "media", &m.name, m.title.as_deref().unwrap_or(&m.name))),
    );
    Ok(targets)
}
