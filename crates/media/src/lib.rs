//! Masthead's media pipeline: decides what an uploaded file is from its bytes, refuses what is
//! unsafe or damaged, and describes what it accepts (size, PDF title and pages). Responsive
//! variants come next (see the media issue).

mod image_probe;
mod pdf_probe;
mod strip;

pub use image_probe::{MAX_PIXELS, MAX_SIDE};
pub use strip::publishable;

use masthead_store::{MediaInfo, MediaProbe, Result, sniff};

/// The media pipeline's probe: use it wherever files enter a site.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pipeline;

impl MediaProbe for Pipeline {
    fn probe(&self, bytes: &[u8]) -> Result<MediaInfo> {
        let (mime, ext) = sniff(bytes)?;
        let mut info = MediaInfo { mime: mime.into(), ext: ext.into(), ..Default::default() };
        if mime == "application/pdf" {
            pdf_probe::describe(bytes, &mut info)?;
        } else {
            image_probe::describe(bytes, &mut info)?;
        }
        Ok(info)
    }
}
