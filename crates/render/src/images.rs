//! How images appear in pages: one place decides `src`, size, `srcset` and alt text.

use masthead_store::Media;
use serde::Serialize;

use crate::html::escape;
use crate::links::media_url;

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
}

/// The view of a library image with the alt text of this use (or the library's).
pub fn image_view(media: &Media, alt: Option<&str>, sizes: &str) -> ImageView {
    ImageView {
        src: media_url(&media.name),
        width: media.width,
        height: media.height,
        alt: alt.or(media.alt.as_deref()).unwrap_or_default().to_string(),
        srcset: String::new(),
        srcset_webp: String::new(),
        sizes: sizes.to_string(),
    }
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
