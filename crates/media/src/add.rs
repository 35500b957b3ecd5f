//! Adding a file to a site's library: validated and described by the pipeline, then its
//! variants made from the same decoded picture (a 12-megapixel photo is decoded once).

use std::cell::RefCell;

use image::DynamicImage;
use masthead_store::{Added, MediaInfo, MediaProbe, NewMedia, Result, Site, sniff};

use crate::Pipeline;
use crate::set::VariantSet;
use crate::variants::make;

/// The pipeline, keeping the last picture it decoded.
#[derive(Default)]
struct Keeping {
    image: RefCell<Option<DynamicImage>>,
}

impl MediaProbe for Keeping {
    fn probe(&self, bytes: &[u8]) -> Result<MediaInfo> {
        let (mime, _) = sniff(bytes)?;
        if mime == "application/pdf" {
            return Pipeline.probe(bytes);
        }
        let (info, image) = crate::describe_image(bytes)?;
        *self.image.borrow_mut() = Some(image);
        Ok(info)
    }
}

/// Adds a file to the site's library and makes its variants (or finds both already there).
pub fn add(site: &Site, new: NewMedia<'_>) -> Result<(Added, VariantSet)> {
    let bytes = new.bytes;
    let probe = Keeping::default();
    let added = site.add_media(new, &probe)?;
    let image = probe.image.borrow();
    let set = make(&site.cache_dir(), &added.media, image.as_ref(), || Ok(bytes.to_vec()))?;
    Ok((added, set))
}

/// Replaces an item's file (same type), keeping its name and descriptions, and makes the new
/// file's variants.
pub fn replace(site: &Site, name: &str, bytes: &[u8], original_name: &str) -> Result<(Added, VariantSet)> {
    let probe = Keeping::default();
    let added = site.replace_media(name, bytes, original_name, &probe)?;
    let image = probe.image.borrow();
    let set = make(&site.cache_dir(), &added.media, image.as_ref(), || Ok(bytes.to_vec()))?;
    Ok((added, set))
}
