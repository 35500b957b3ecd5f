//! Raw HTML written inside Markdown goes through ammonia's allow-list; nothing else does.

use std::sync::LazyLock;

use ammonia::Builder;

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.add_tags(["figure", "figcaption", "details", "summary", "mark"].iter().copied())
        .add_generic_attributes(["id", "lang", "dir"].iter().copied())
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
    b
});

/// Cleans a block of raw HTML (a whole `<div>…</div>`, a table, …).
pub(crate) fn sanitize_block(raw: &str) -> String {
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
        // A closing tag survives if the same opening tag would.
        let probe = CLEANER.clean(&format!("<{name}></{name}>")).to_string();
        return if probe.starts_with(&format!("<{name}")) { format!("</{name}>") } else { String::new() };
    }
    if tag.starts_with("<!--") {
        return String::new();
    }
    let name: String = tag.trim_start_matches('<').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let name = name.to_ascii_lowercase();
    let cleaned = CLEANER.clean(tag).to_string();
    // ammonia closes what it opens; keep only the opening tag.
    cleaned.strip_suffix(&format!("</{name}>")).map(str::to_string).unwrap_or(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

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
