//! Raw HTML written inside Markdown goes through ammonia's allow-list; nothing else does.

use std::sync::LazyLock;

use ammonia::Builder;

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.add_tags(["figure", "figcaption", "details", "summary", "mark"].iter().copied())
        // Obsolete elements: their content stays, they go.
        .rm_tags(["acronym", "big", "center", "strike", "tt"].iter().copied())
        .add_generic_attributes(["id", "lang", "dir"].iter().copied())
        // `<a name>` anchors become ids, and links get `rel`, in `raw_html::fix_tags`.
        .add_tag_attributes("a", ["name"].iter().copied())
        .link_rel(None)
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
    // Obsolete presentational attributes (CSS does this, and the site's CSP blocks inline style).
    for tag in ["col", "colgroup", "hr", "img", "table", "tbody", "td", "tfoot", "th", "thead", "tr"] {
        b.rm_tag_attributes(tag, ["align", "char", "charoff", "summary", "size"].iter().copied());
    }
    b.rm_tag_attributes("hr", ["width"].iter().copied());
    b
});

/// Elements that may stand inside a paragraph: an inline tag names one of these or goes.
const PHRASING: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "img", "ins", "kbd", "mark",
    "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];

/// Cleans a block of raw HTML (a whole `<div>…</div>`, a table, …). Also used by imports, so
/// that HTML they keep is stored already clean.
pub fn sanitize_block(raw: &str) -> String {
    let mut clean = CLEANER.clean(raw).to_string();
    if !clean.ends_with('\n') {
        clean.push('\n');
    }
    clean
}

/// Cleans one inline tag (`<sup>`, `</sup>`, `<br>`): allowed tags are kept with their allowed
/// attributes, anything else is dropped.
pub(crate) fn sanitize_inline(raw: &str) -> String {
    let tag = raw.trim();
    if let Some(name) = tag.strip_prefix("</") {
        let name = name.trim_end_matches('>').trim().to_ascii_lowercase();
        if !PHRASING.contains(&name.as_str()) {
            return String::new();
        }
        // A closing tag survives if the same opening tag would.
        let probe = CLEANER.clean(&format!("<{name}></{name}>")).to_string();
        return if probe.starts_with(&format!("<{name}")) { format!("</{name}>") } else { String::new() };
    }
    if tag.starts_with("<!--") {
        return String::new();
    }
    let name: String = tag.trim_start_matches('<').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let name = name.to_ascii_lowercase();
    if !PHRASING.contains(&name.as_str()) {
        return String::new();
    }
    let cleaned = CLEANER.clean(tag).to_string();
    // ammonia closes what it opens; keep only the opening tag, unless it was written closed
    // (`<a name="x" />`), which HTML does not read as closed.
    let end = format!("</{name}>");
    match cleaned.strip_suffix(&end) {
        Some(open) if !tag.ends_with("/>") => open.to_string(),
        Some(_) => cleaned,
        None => cleaned,
    }
}

/// An `<img>` or `<a>` written in raw HTML, with the attributes `check` looks at.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct RawTag {
    pub image: bool,
    /// `src` of an image, `href` of a link.
    pub url: Option<String>,
    pub alt: Option<String>,
}

/// The `<img>` and `<a>` tags of raw HTML as written (quoted or bare attribute values), for
/// `check`: what ammonia keeps of them is published as written, without the reference
/// resolution Markdown images and links get.
pub(crate) fn raw_tags(raw: &str) -> Vec<RawTag> {
    let mut found = vec![];
    for piece in crate::tags::tokens(raw) {
        let crate::tags::Piece::Start { name, attrs } = piece else { continue };
        let image = match name.as_str() {
            "img" => true,
            "a" => false,
            _ => continue,
        };
        let mut tag = RawTag { image, ..RawTag::default() };
        for (attr, value) in attrs {
            match (attr.as_str(), image) {
                ("src", true) | ("href", false) => tag.url = Some(value.trim().to_string()),
                ("alt", true) => tag.alt = Some(value),
                _ => {}
            }
        }
        found.push(tag);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_images_and_links_are_found_with_bare_or_quoted_values() {
        let tags =
            raw_tags("<p><IMG src=x> <img alt='A \"b\"' src=\"media:p.jpg\"/><a href=\"/news/\">n</a><abbr></p>");
        assert_eq!(
            tags,
            [
                RawTag { image: true, url: Some("x".into()), alt: None },
                RawTag { image: true, url: Some("media:p.jpg".into()), alt: Some("A \"b\"".into()) },
                RawTag { image: false, url: Some("/news/".into()), alt: None },
            ]
        );
    }

    #[test]
    fn an_image_in_a_comment_is_not_one() {
        // `<![CDATA[` is a comment in HTML up to the first `>`: ammonia publishes no image.
        assert_eq!(raw_tags("<![CDATA[<img src=\"x.png\" alt=\"\" />]]><!-- <a href=y> -->"), []);
        assert_eq!(raw_tags("<a href=' /a?b=1&amp;c=2 '>")[0].url.as_deref(), Some("/a?b=1&c=2"));
    }

    #[test]
    fn scripts_and_handlers_go() {
        assert_eq!(sanitize_inline("<script>"), "");
        assert_eq!(sanitize_inline("<sup onclick=\"x()\">"), "<sup>");
        assert_eq!(sanitize_inline("</sup>"), "</sup>");
        assert_eq!(sanitize_inline("</script>"), "");
        assert_eq!(sanitize_inline("<br>"), "<br>");
        let block = sanitize_block(
            "<div id=\"note\" style=\"x\"><script>alert(1)</script><a href=\"javascript:x\">a</a></div>",
        );
        assert!(!block.contains("script") && !block.contains("javascript") && !block.contains("style"), "{block}");
        assert!(block.contains("id=\"note\""), "{block}");
    }
}
