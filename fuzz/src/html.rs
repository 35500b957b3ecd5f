//! What every HTML fragment Masthead renders from a body may contain.

use dom_query::Document;

/// Elements a rendered body may hold: Markdown's, the rich blocks', and what the raw-HTML
/// allow-list keeps. Anything else (`script`, `iframe`, `style`, `form`, `svg` …) is a failure.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "area",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "button",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "map",
    "mark",
    "nav",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tfoot",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
    // The parser's own wrapper of a fragment.
    "html",
];

/// Attributes any element may carry; event handlers, `style`, `srcdoc`, `formaction` … never.
const ATTRIBUTES: &[&str] = &[
    "abbr",
    "align",
    "alt",
    "aria-label",
    "aria-hidden",
    "aria-live",
    "checked",
    "cite",
    "class",
    "colspan",
    "coords",
    "data-embed",
    "data-title",
    "datetime",
    "decoding",
    "dir",
    "disabled",
    "download",
    "headers",
    "height",
    "href",
    "hreflang",
    "id",
    "lang",
    "loading",
    // `<a name>` anchors (harmless; the renderer turns them into ids).
    "name",
    "open",
    "rel",
    "reversed",
    "role",
    "rowspan",
    "scope",
    "shape",
    "sizes",
    "span",
    "src",
    "srcset",
    "start",
    "target",
    "title",
    "type",
    "value",
    "width",
];

/// Attributes holding an address.
const ADDRESSES: &[&str] = &["href", "src", "srcset", "cite", "data-embed"];

/// Panics, naming what it found, unless `html` holds only allowed elements and attributes and
/// no address that could run script.
pub fn assert_safe_html(html: &str) {
    let doc = Document::fragment(html);
    for node in doc.root().descendants_it().filter(|n| n.is_element()) {
        let name = node.node_name().map(|n| n.to_string()).unwrap_or_default();
        assert!(ELEMENTS.contains(&name.as_str()), "element <{name}> in rendered HTML:\n{html}");
        if name == "input" {
            assert_eq!(node.attr("type").as_deref(), Some("checkbox"), "an input that is not a task box:\n{html}");
        }
        for attr in node.attrs() {
            let key = attr.name.local.to_string();
            if key == "style" && ["th", "td"].contains(&name.as_str()) {
                // Markdown table alignment, the only style a body may carry.
                let align = ["text-align: left", "text-align: center", "text-align: right"];
                assert!(align.contains(&&*attr.value), "style={:?} on <{name}>:\n{html}", &*attr.value);
                continue;
            }
            assert!(ATTRIBUTES.contains(&key.as_str()), "attribute {key}= on <{name}> in rendered HTML:\n{html}");
            if ADDRESSES.contains(&key.as_str()) {
                assert_safe_address(&attr.value, html);
            }
        }
    }
}

/// An address (or a `srcset` list of them) never uses a scheme that runs or embeds content.
fn assert_safe_address(value: &str, html: &str) {
    // Browsers drop tabs and newlines inside schemes and trim control characters and spaces.
    let squeezed: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = squeezed.to_ascii_lowercase();
    for scheme in ["javascript:", "vbscript:", "data:", "file:", "blob:"] {
        assert!(!lower.starts_with(scheme) && !lower.contains(&format!(",{scheme}")), "address {value:?}:\n{html}");
    }
}

#[cfg(test)]
mod tests {
    use super::assert_safe_html;

    #[test]
    fn the_checker_catches_what_it_should() {
        assert_safe_html("<p><a href=\"/news/\" rel=\"noopener\">x</a><img src=\"/m.jpg\" alt=\"\"></p>");
        for bad in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"java\tscript:alert(1)\">x</a>",
            "<p style=\"x\">x</p>",
            "<svg><a href=\"/\">x</a></svg>",
            "<img srcset=\"/a.jpg 1x, javascript:alert(1) 2x\">",
        ] {
            assert!(std::panic::catch_unwind(|| assert_safe_html(bad)).is_err(), "{bad} passed");
        }
    }
}
