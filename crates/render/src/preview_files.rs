//! The files a preview page loads besides itself — theme assets, media and their variants —
//! exactly as the build publishes them, so the desktop preview looks like the website.

use masthead_store::Site;

use crate::content::Content;
use crate::images::variant_path;
use crate::theme::Theme;

/// The bytes and content type of the site file at `path` (`assets/site.css`,
/// `media/photo.jpg`, `media/960/photo.jpg.webp`), or `None` when there is no such file.
pub fn preview_file(site: &Site, content: &Content, theme: &Theme, path: &str) -> Option<(Vec<u8>, &'static str)> {
    let path = path.trim_start_matches('/');
    if let Some(name) = path.strip_prefix("assets/") {
        return theme.assets.get(name).map(|b| (b.clone(), content_type(name)));
    }
    let rest = path.strip_prefix("media/")?;
    let m = match rest.split_once('/') {
        None => content.links.media.get(rest)?,
        Some((_, file)) => {
            let name =
                content.links.media.keys().find(|n| {
                    file == n.as_str() || file.strip_prefix(n.as_str()).is_some_and(|e| e.starts_with('.'))
                })?;
            let m = &content.links.media[name];
            let set =
                content.links.variants.get(name).cloned().or_else(|| masthead_media::cached(&site.cache_dir(), m))?;
            let v = set.variants.iter().find(|v| variant_path(name, v) == path)?;
            let bytes = std::fs::read(masthead_media::variant_dir(&site.cache_dir(), m).join(&v.file)).ok()?;
            return Some((bytes, content_type(&v.file)));
        }
    };
    let bytes = std::fs::read(site.media_path(m)).ok()?;
    let bytes = masthead_media::publishable(&bytes, &m.mime).ok()?;
    Some((bytes, content_type(&m.name)))
}

/// The content type for a file name's extension.
pub fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "ics" => "text/calendar; charset=utf-8",
        _ => "application/octet-stream",
    }
}
