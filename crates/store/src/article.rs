use jiff::tz::TimeZone;
use rusqlite::types::Value as Sql;
use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};
use crate::kind::{Kind, Status};
use crate::meta::Meta;
use crate::record::{Record, require, trimmed};
use crate::reference::check_reference;
use crate::slug::validate_slug;
use crate::time::check_date;

/// The largest article or page body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// A news article, event or project summary.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Article {
    #[serde(flatten)]
    pub meta: Meta,
    pub title: String,
    /// `[a-z0-9-]`, unique across articles and pages; made from the title when empty.
    #[serde(default)]
    pub slug: String,
    pub summary: Option<String>,
    /// CommonMark + GFM Markdown with fenced rich blocks.
    #[serde(default)]
    pub body: String,
    /// Section slug (`news`, `events`, …).
    pub section: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub author: Option<String>,
    #[serde(default)]
    pub status: Status,
    /// Publication date: RFC 3339, or `YYYY-MM-DD` for midnight in the site's time zone.
    pub date: Option<String>,
    /// Featured image reference (`media:name`).
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub seo_title: Option<String>,
    pub seo_description: Option<String>,
    /// Language tag when it differs from the site's (`fr`, `pt-BR`).
    pub lang: Option<String>,
    /// Events only: start, end and place.
    pub event_start: Option<String>,
    pub event_end: Option<String>,
    pub location: Option<String>,
}

pub(crate) fn check_body(body: &str, what: &str) -> Result<()> {
    if body.len() > MAX_BODY_BYTES {
        return Err(StoreError::Invalid(format!(
            "The text of {what} is {:.1} MB; the limit is {} MB. Split it into several pieces, or put large material in a media file.",
            body.len() as f64 / 1e6,
            MAX_BODY_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

fn check_lang(lang: &Option<String>) -> Result<()> {
    let ok = |l: &str| {
        let mut parts = l.split('-');
        parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()))
            && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
    };
    match lang {
        Some(l) if !ok(l) => Err(StoreError::Invalid(format!(
            "lang: “{}” is not a language tag; use one like “en”, “fr” or “pt-BR”.",
            l.escape_debug()
        ))),
        _ => Ok(()),
    }
}

impl Record for Article {
    const KIND: Kind = Kind::Article;
    const JSON_COLUMNS: &'static [&'static str] = &["tags"];
    const HEAVY: &'static [&'static str] = &["body"];

    crate::record::accessors!(slug, title);

    fn validate(&mut self, tz: &TimeZone) -> Result<Vec<(&'static str, Sql)>> {
        self.title = self.title.trim().to_string();
        require("title", &self.title, "An article")?;
        check_body(&self.body, "this article")?;
        for field in [
            &mut self.summary,
            &mut self.section,
            &mut self.author,
            &mut self.date,
            &mut self.image,
            &mut self.image_alt,
            &mut self.seo_title,
            &mut self.seo_description,
            &mut self.lang,
            &mut self.event_start,
            &mut self.event_end,
            &mut self.location,
        ] {
            trimmed(field);
        }
        if let Some(section) = &self.section {
            validate_slug(section).map_err(|e| StoreError::Invalid(format!("section: {e}")))?;
        }
        let mut seen = std::collections::HashSet::new();
        self.tags = std::mem::take(&mut self.tags)
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty() && seen.insert(t.to_lowercase()))
            .collect();
        check_reference("image", &self.image)?;
        check_lang(&self.lang)?;
        let date = check_date("date", &self.date, tz)?;
        let start = check_date("event_start", &self.event_start, tz)?;
        let end = check_date("event_end", &self.event_end, tz)?;
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            return Err(StoreError::Invalid("event_end: the event ends before it starts.".into()));
        }
        Ok(vec![("date_utc", date.map(|d| Sql::Integer(d.as_second())).unwrap_or(Sql::Null))])
    }

    fn search_text(&self) -> Option<[&str; 3]> {
        Some([&self.title, self.summary.as_deref().unwrap_or(""), &self.body])
    }

    fn media_fields(&self) -> Vec<(&'static str, &str)> {
        vec![("image", self.image.as_deref().unwrap_or("")), ("body", &self.body)]
    }

    fn address(&self) -> Option<(&str, Option<&str>)> {
        (self.status == Status::Published).then_some((self.slug.as_str(), self.section.as_deref()))
    }
}
