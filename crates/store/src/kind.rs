//! The kinds of content a site holds, and their workflow status.

use serde::{Deserialize, Serialize};

/// A kind of stored entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Article,
    Slide,
    Page,
    Media,
}

impl Kind {
    /// Every kind, in the order the CLI lists them.
    pub const ALL: [Kind; 4] = [Kind::Article, Kind::Slide, Kind::Page, Kind::Media];

    /// The name used in references (`article:slug`) and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Slide => "slide",
            Kind::Page => "page",
            Kind::Media => "media",
        }
    }

    /// A capitalised name for messages.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Article => "Article",
            Kind::Slide => "Slide",
            Kind::Page => "Page",
            Kind::Media => "Media item",
        }
    }

    pub(crate) fn table(self) -> &'static str {
        match self {
            Kind::Article => "articles",
            Kind::Slide => "slides",
            Kind::Page => "pages",
            Kind::Media => "media",
        }
    }

    /// The column that names an entity uniquely: `slug`, or `name` for media.
    pub(crate) fn key_column(self) -> &'static str {
        if self == Kind::Media { "name" } else { "slug" }
    }

    /// Parses `article`, `articles`, `slide`, … as typed on a command line.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| text == k.as_str() || text == k.table())
    }
}

/// Editorial workflow status. Public means `Published` with a date that has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Draft,
    Review,
    Ready,
    Published,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Ready => "ready",
            Status::Published => "published",
        }
    }
}
