//! Edits made of one or more saves: restoring a revision, putting the slides in a new order,
//! new settings (whose time zone re-dates every item).

use crate::error::{Result, StoreError};
use crate::kind::Kind;
use crate::record::Record;
use crate::revision::{SaveMode, close_session};
use crate::save::{refresh_dates, save_in};
use crate::settings::{self, Settings};

use crate::site::Site;
use crate::slide::Slide;

impl Site {
    /// Makes an earlier revision current again. The restore is itself saved as a new revision,
    /// so nothing is lost. `base_version` is the version the caller is looking at.
    pub fn restore_revision<T: Record>(&self, entity_id: i64, revision_id: i64, base_version: i64) -> Result<T> {
        self.write(|tx| {
            let snapshot = crate::revision::snapshot(tx, T::KIND, entity_id, revision_id)?
                .ok_or_else(|| StoreError::NotFound { kind: "Revision", key: format!("#{revision_id}") })?;
            let mut old: T = serde_json::from_str(&snapshot)
                .map_err(|e| StoreError::Invalid(format!("Revision #{revision_id} cannot be read: {e}")))?;
            let meta = old.meta_mut();
            meta.id = entity_id;
            meta.version = base_version;
            close_session(tx, T::KIND, entity_id)?;
            save_in(tx, self, old, SaveMode::Explicit)
        })
    }

    /// Replaces the settings after checking them.
    pub fn save_settings(&self, settings: &Settings) -> Result<()> {
        settings.validate()?;
        self.write(|tx| {
            let old = settings::stored(tx)?;
            settings::store(tx, settings, &self.now_string())?;
            if old.timezone != settings.timezone {
                refresh_dates(tx, settings)?;
            }
            Ok(())
        })
    }

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
                    *slide = save_in(tx, self, slide.clone(), SaveMode::Explicit)?;
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
    use crate::{SaveMode, Site, Slide};

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
