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

impl crate::Site {
    /// Moves a slide to `to` (0 = first) in the home page's order and numbers all slides
    /// 1, 2, 3 … again; only slides whose position changed are saved. Returns the new order.
    pub fn move_slide(&self, id: i64, to: usize) -> Result<Vec<Slide>> {
        let mut slides = self.list::<Slide>()?;
        let from = slides
            .iter()
            .position(|s| s.meta.id == id)
            .ok_or_else(|| StoreError::NotFound { kind: Kind::Slide.label(), key: id.to_string() })?;
        let moved = slides.remove(from);
        slides.insert(to.min(slides.len()), moved);
        self.write(|tx| {
            for (i, slide) in slides.iter_mut().enumerate() {
                let position = i as i64 + 1;
                if slide.position != position {
                    slide.position = position;
                    *slide = crate::save::save_in(tx, self, slide.clone(), crate::SaveMode::Explicit)?;
                }
            }
            Ok(())
        })?;
        Ok(slides)
    }

    /// The position after the last slide, for a new one.
    pub fn next_slide_position(&self) -> Result<i64> {
        Ok(self.list::<Slide>()?.iter().map(|s| s.position).max().unwrap_or(0) + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::Slide;
    use crate::{SaveMode, Site};

    #[test]
    fn moving_a_slide_renumbers_them_and_saves_only_what_moved() {
        let dir = tempfile::tempdir().unwrap();
        let site = Site::create(dir.path().join("s")).unwrap();
        for h in ["One", "Two", "Three"] {
            let position = site.next_slide_position().unwrap();
            site.save(&Slide { headline: h.into(), position, ..Slide::default() }, SaveMode::Explicit).unwrap();
        }
        let order = |slides: &[Slide]| slides.iter().map(|s| s.headline.clone()).collect::<Vec<_>>();
        let before = site.list::<Slide>().unwrap();
        let moved = site.move_slide(before[0].meta.id, 1).unwrap();
        assert_eq!(order(&moved), ["Two", "One", "Three"]);
        assert_eq!(order(&site.list::<Slide>().unwrap()), ["Two", "One", "Three"]);
        assert_eq!(moved[2].meta.version, before[2].meta.version, "the third slide did not move");
        assert_eq!(order(&site.move_slide(moved[2].meta.id, 0).unwrap()), ["Three", "Two", "One"]);
        assert_eq!(order(&site.move_slide(moved[2].meta.id, 99).unwrap()), ["Two", "One", "Three"]);
        assert!(site.move_slide(12345, 0).is_err());
    }
}
