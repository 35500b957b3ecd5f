//! Responsive variants: each library image at the widths pages ask for, as JPEG (PNG where the
//! picture is transparent) and lossy WebP, and a cover picture of each report PDF's first page.
//! They live in `SITE/cache/variants/<hash>/`, named by width, format and quality, so they are
//! made once, never exported, and made again whenever the cache is gone.

use std::path::{Path, PathBuf};

use crate::encode::{Pixels, encode_jpeg, encode_png, encode_webp, resize};
use crate::set::{JPEG_QUALITY, Variant, VariantSet, WEBP_QUALITY, save, variant_dir, widths_for};
use image::{DynamicImage, GenericImageView};
use masthead_store::{Media, Result, Site, StoreError, write_atomic};
use rayon::prelude::*;

fn set_file(dir: &Path) -> PathBuf {
    dir.join(format!("set-v1-q{JPEG_QUALITY}-w{WEBP_QUALITY}.json"))
}

/// The item's variants, made now unless the cache already has them all. `original` reads the
/// library file; it is only called when something has to be made.
pub fn variants(cache: &Path, media: &Media, original: impl FnOnce() -> Result<Vec<u8>>) -> Result<VariantSet> {
    make(cache, media, None, original)
}

/// Like [`variants`], from a picture already decoded (by the probe, when a file is added).
pub(crate) fn make(
    cache: &Path,
    media: &Media,
    decoded: Option<&DynamicImage>,
    original: impl FnOnce() -> Result<Vec<u8>>,
) -> Result<VariantSet> {
    if let Some(set) = cached(cache, media) {
        return Ok(set);
    }
    let dir = variant_dir(cache, media);
    std::fs::create_dir_all(&dir)
        .map_err(|source| StoreError::Io { context: format!("Could not create {}", dir.display()), source })?;
    let set = match (decoded, media.mime.as_str()) {
        (Some(image), _) => make_images(image, &dir)?,
        (None, "application/pdf") => crate::cover::make(&original()?, &dir)?,
        (None, mime) if mime.starts_with("image/") => {
            make_images(&crate::image_probe::decode(&original()?, mime)?, &dir)?
        }
        _ => VariantSet::default(),
    };
    let json = serde_json::to_vec_pretty(&set).expect("variant sets serialise");
    write_atomic(&set_file(&dir), &json)?;
    Ok(set)
}

/// The variants of several library items of the site, made in parallel where the cache
/// lacks them.
pub fn variants_of(site: &Site, items: &[&Media]) -> Vec<(String, Result<VariantSet>)> {
    let cache = site.cache_dir();
    // (The site itself stays on this thread: its database connection is not shared.)
    let paths: Vec<PathBuf> = items.iter().map(|m| site.media_path(m)).collect();
    items
        .par_iter()
        .zip(paths.par_iter())
        .map(|(m, path)| {
            let read = || {
                std::fs::read(path).map_err(|source| StoreError::Io {
                    context: format!("The file of media item {} is missing ({})", m.name, path.display()),
                    source,
                })
            };
            (m.name.clone(), variants(&cache, m, read))
        })
        .collect()
}

/// The cached set, when it and every file it names are there.
pub fn cached(cache: &Path, media: &Media) -> Option<VariantSet> {
    let dir = variant_dir(cache, media);
    let set: VariantSet = serde_json::from_slice(&std::fs::read(set_file(&dir)).ok()?).ok()?;
    set.variants.iter().all(|v| dir.join(&v.file).is_file()).then_some(set)
}

fn make_images(image: &DynamicImage, dir: &Path) -> Result<VariantSet> {
    let pixels = Pixels::from_image(image);
    let (w, h) = image.dimensions();
    let mut variants: Vec<Variant> = widths_for(w)
        .into_par_iter()
        .map(|width| {
            let height = ((u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w)).max(1) as u32;
            let scaled = if width == w { pixels.clone() } else { resize(&pixels, width, height)? };
            let (fallback, webp) = rayon::join(
                || if scaled.alpha { encode_png(&scaled) } else { encode_jpeg(&scaled, JPEG_QUALITY) },
                || encode_webp(&scaled, WEBP_QUALITY),
            );
            let format = if scaled.alpha { "png" } else { "jpeg" };
            let fallback = save(dir, width, height, format, JPEG_QUALITY, &fallback?)?;
            let webp = save(dir, width, height, "webp", WEBP_QUALITY, &webp?)?;
            Ok(vec![fallback, webp])
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    variants.sort_by_key(|v| (v.width, v.format.clone()));
    Ok(VariantSet { variants, note: None })
}
