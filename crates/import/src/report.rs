//! What an import did: the counts, what it left out and why, and what needs a look.

use serde::Serialize;

/// The result of an import (or of a dry run: the same report, nothing changed). Its JSON shape
/// is the `--json` output of `masthead import --from`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename = "WebsiteImportReport")]
pub struct Report {
    /// Articles created.
    pub articles: usize,
    /// Pages created.
    pub pages: usize,
    /// Home page slides created.
    pub slides: usize,
    /// Media items added (files already in the library are not counted again).
    pub media: usize,
    /// Old addresses that get a redirect page.
    pub redirects: usize,
    /// Every item of the source that was not imported, with the reason.
    pub skipped: Vec<Skipped>,
    /// Things imported that need a look (content kept as HTML, a missing file, a renamed slug).
    pub warnings: Vec<Warning>,
    /// How long the import took, in milliseconds.
    pub ms: u128,
}

/// An item of the source left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename = "ImportSkipped")]
pub struct Skipped {
    /// Where it was in the source: a file, or a WordPress item (`post 12 “Title”`).
    pub source: String,
    /// Why, for the person reading the report.
    pub reason: String,
}

/// Something imported that needs a look.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename = "ImportWarning")]
pub struct Warning {
    /// Where it came from in the source.
    pub source: String,
    /// The imported item it concerns (`article:slug`, `page:slug`, `media:name`, `site`).
    pub entity: String,
    /// What happened and what to do.
    pub message: String,
}

impl Report {
    /// Notes an item left out.
    pub fn skip(&mut self, source: impl Into<String>, reason: impl Into<String>) {
        self.skipped.push(Skipped { source: source.into(), reason: reason.into() });
    }

    /// Notes something to look at.
    pub fn warn(&mut self, source: impl Into<String>, entity: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Warning { source: source.into(), entity: entity.into(), message: message.into() });
    }
}
