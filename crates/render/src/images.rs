//! How images appear in pages: one place decides `src`, size, `srcset` and alt text.

use masthead_media::{Variant, VariantSet};
use masthead_store::{Media, Site};
use serde::Serialize;

use crate::html::escape;
use crate::links::{Links, media_url};

/// An image as templates receive it (see the theme's README).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ImageView {
    pub src: String,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// Empty for decorative images.
    pub alt: String,
    pub srcset: String,
    pub srcset_webp: String,
    pub sizes: String,
    /// CSS `object-position` keeping the focal point in view when the picture is cropped.
    pub position: String,
}

/// The view of a library image with the alt text of this use (or the library's), and its
/// responsive variants when the build has them.
pub fn image_view(links: &Links, media: &Media, alt: Option<&str>, sizes: &str) -> ImageView {
    let set = links.variants.get(&media.name);
    let srcset = |webp: bool| {
        let list: Vec<String> = set
            .map(|s| s.of_format(webp).map(|v| format!("{} {}w", variant_url(&media.name, v), v.width)).collect())
            .unwrap_or_default();
        list.join(", ")
    };
    ImageView {
        src: media_url(&media.name),
        width: media.width,
        height: media.height,
        alt: alt.or(library_alt(media)).unwrap_or_default().to_string(),
        srcset: srcset(false),
        srcset_webp: srcset(true),
        sizes: sizes.to_string(),
        position: media.focal.clone().unwrap_or_default(),
    }
}

/// The alt text a library picture brings where it is used without one: none for a decorative
/// picture (published as `alt=""`), else its description, if it has one.
pub(crate) fn library_alt(media: &Media) -> Option<&str> {
    if media.decorative { Some("") } else { media.alt.as_deref() }
}

/// True when a picture needs no alt text of its own where it is used.
pub(crate) fn alt_optional(media: &Media) -> bool {
    media.decorative || media.alt.is_some()
}

/// The cover picture of a report PDF, when one could be drawn.
pub fn cover_view(links: &Links, media: &Media, sizes: &str) -> Option<ImageView> {
    let set: &VariantSet = links.variants.get(&media.name)?;
    let jpeg = set.of_format(false).next()?;
    let webp = set.of_format(true).next();
    Some(ImageView {
        src: variant_url(&media.name, jpeg),
        width: Some(i64::from(jpeg.width)),
        height: Some(i64::from(jpeg.height)),
        alt: String::new(),
        // Width descriptors: with `sizes`, every candidate needs one (HTML).
        srcset: format!("{} {}w", variant_url(&media.name, jpeg), jpeg.width),
        srcset_webp: webp.map(|v| format!("{} {}w", variant_url(&media.name, v), v.width)).unwrap_or_default(),
        sizes: sizes.into(),
        position: String::new(),
    })
}

/// Where a variant is published: `/media/<width>/<name>`, with the variant's extension added
/// when its format differs from the original's (`/media/960/photo.jpg.webp`).
pub fn variant_url(name: &str, v: &Variant) -> String {
    format!("/{}", variant_path(name, v))
}

/// [`variant_url`] without the leading slash: the output path.
pub fn variant_path(name: &str, v: &Variant) -> String {
    let same = name.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case(v.ext()));
    if same { format!("media/{}/{name}", v.width) } else { format!("media/{}/{name}.{}", v.width, v.ext()) }
}

/// An `<img>` (or `<picture>` when there are WebP variants) for use inside rendered Markdown.
pub fn image_tag(v: &ImageView) -> String {
    let mut img = format!("<img src=\"{}\" alt=\"{}\"", escape(&v.src), escape(&v.alt));
    if let (Some(w), Some(h)) = (v.width, v.height) {
        img.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
    }
    if !v.srcset.is_empty() {
        img.push_str(&format!(" srcset=\"{}\" sizes=\"{}\"", escape(&v.srcset), escape(&v.sizes)));
    }
    img.push_str(" loading=\"lazy\" decoding=\"async\">");
    if v.srcset_webp.is_empty() {
        img
    } else {
        format!(
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">{img}</picture>",
            escape(&v.srcset_webp),
            escape(&v.sizes)
        )
    }
}

/// A media item with everything the library shows.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct MediaDetails {
    #[serde(flatten)]
    pub media: Media,
    /// The smaller copies made for the site.
    pub variants: Vec<VariantInfo>,
    /// Why no smaller copies could be made, when none could.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What uses the item.
    pub used_by: Vec<MediaUse>,
}

/// A smaller copy of a picture, as the library shows it.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct VariantInfo {
    pub width: u32,
    pub height: u32,
    /// `jpeg`, `png` or `webp`.
    pub format: String,
    pub bytes: u64,
    /// Site path, e.g. `/media/v/<name>/960.webp`.
    pub url: String,
}

/// Something that uses a media item: `article:slug` (or page, slide, settings) and the field.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct MediaUse {
    pub entity: String,
    pub field: String,
}

/// `m` with its variants, the note when none could be made, and what uses it.
pub fn media_details(site: &Site, m: &Media) -> crate::Result<MediaDetails> {
    let set = masthead_media::cached(&site.cache_dir(), m).unwrap_or_default();
    let variants = set
        .variants
        .iter()
        .map(|x| VariantInfo {
            width: x.width,
            height: x.height,
            format: x.format.clone(),
            bytes: x.bytes,
            url: variant_url(&m.name, x),
        })
        .collect();
    let used_by = site.media_users(&m.name)?.into_iter().map(|(entity, field)| MediaUse { entity, field }).collect();
    Ok(MediaDetails { media: m.clone(), variants, note: set.note, used_by })
}
