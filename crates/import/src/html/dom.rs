//! Small helpers over the DOM: names, attributes, selectors and text.

use dom_query::{Document, NodeRef};

/// The text of a piece of HTML, entities decoded and tags dropped (WordPress stores titles and
/// category names HTML-escaped).
pub(crate) fn text_of(html: &str) -> String {
    if !html.contains(['&', '<']) {
        return html.trim().to_string();
    }
    Document::fragment(html).root().text().split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn name(n: &NodeRef<'_>) -> String {
    n.node_name().map(|t| t.to_ascii_lowercase()).unwrap_or_default()
}

pub(super) fn attr(n: &NodeRef<'_>, key: &str) -> Option<String> {
    n.attr(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

pub(super) const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img", "ins", "kbd",
    "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
];
pub(super) const TRANSPARENT: &[&str] =
    &["html", "body", "div", "section", "article", "main", "header", "footer", "aside", "center", "nav", "span"];
pub(super) const REMOVED: &[&str] = &[
    "script", "style", "noscript", "form", "input", "button", "select", "textarea", "link", "meta", "object", "embed",
];

/// The elements under `n` that match a CSS selector.
pub(super) fn sel<'a>(n: &NodeRef<'a>, selector: &str) -> Vec<NodeRef<'a>> {
    dom_query::Selection::from(*n).select(selector).nodes().to_vec()
}

/// Text without the whitespace and hard line breaks (`\` at a line end) around it.
pub(super) fn trim_breaks(text: &str) -> &str {
    let mut t = text.trim();
    while let Some(rest) = t.strip_suffix('\\') {
        t = rest.trim_end();
    }
    t
}

pub(super) fn has_blocks(el: &NodeRef<'_>) -> bool {
    el.descendants().iter().any(|d| d.is_element() && !INLINE.contains(&name(d).as_str()))
}
