use jiff::tz::TimeZone;
use rusqlite::types::Value as Sql;
use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};
use crate::kind::{Kind, Status};
use crate::meta::Meta;
use crate::record::{Record, require, trimmed};
use crate::reference::check_reference;
use crate::time::check_date;

/// A featured item of the home page carousel.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Slide {
    #[serde(flatten)]
    pub meta: Meta,
    /// Unique among slides; made from the headline when empty.
    #[serde(default)]
    pub slug: String,
    pub headline: String,
    /// A short text under the headline.
    #[serde(default)]
    pub blurb: String,
    /// Call-to-action label ("Read more", "Download the report").
    pub cta: Option<String>,
    /// Where the call to action leads (a reference).
    pub link: Option<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// Order on the home page, from 1.
    #[serde(default)]
    pub position: i64,
    /// Shown from / until these dates (inclusive window); empty means no limit.
    pub show_from: Option<String>,
    pub show_until: Option<String>,
    #[serde(default)]
    pub status: Status,
}

impl Record for Slide {
    const KIND: Kind = Kind::Slide;

    crate::record::accessors!(slug, headline);

    fn media_fields(&self) -> Vec<(&'static str, &str)> {
        vec![("image", self.image.as_deref().unwrap_or("")), ("link", self.link.as_deref().unwrap_or(""))]
    }

    fn validate(&mut self, tz: &TimeZone) -> Result<Vec<(&'static str, Sql)>> {
        self.headline = self.headline.trim().to_string();
        self.blurb = self.blurb.trim().to_string();
        require("headline", &self.headline, "A slide")?;
        if self.blurb.chars().count() > 2000 {
            return Err(StoreError::Invalid(
                "The blurb of a slide is limited to 2,000 characters; keep it to a sentence or two.".into(),
            ));
        }
        for field in [
            &mut self.cta,
            &mut self.link,
            &mut self.image,
            &mut self.image_alt,
            &mut self.show_from,
            &mut self.show_until,
        ] {
            trimmed(field);
        }
        check_reference("link", &self.link)?;
        check_reference("image", &self.image)?;
        let from = check_date("show_from", &self.show_from, tz)?;
        let until = check_date("show_until", &self.show_until, tz)?;
        if let (Some(from), Some(until)) = (from, until)
            && until < from
        {
            return Err(StoreError::Invalid("show_until: the slide would stop showing before it starts.".into()));
        }
        if self.position < 0 {
            return Err(StoreError::Invalid("position: use 1 for the first slide, 2 for the next, and so on.".into()));
        }
        Ok(vec![])
    }
}
