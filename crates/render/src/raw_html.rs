//! Raw HTML after ammonia, made valid on the page: `<a name>` anchors become ids, only links
//! with an address get `rel`, ids stay unique (among themselves, the headings and the theme),
//! images always have `alt`, sizes are whole numbers and addresses are well formed. And the
//! HTML containers (`<details>`, `<div>`) that README authors open in one HTML block and close
//! in another, with Markdown between, stay open across that Markdown.

use std::collections::HashSet;

use crate::tags::{Piece, push_escaped, tokens};

/// Ids the theme's own pages use: a heading or a raw-HTML id never takes them.
pub(crate) const THEME_IDS: &[&str] = &[
    "main",
    "mh-404-q",
    "mh-event-heading",
    "mh-header-q",
    "mh-menu",
    "mh-search-q",
    "mh-search-results",
    "mh-sec-events",
    "mh-sec-partners",
    "mh-sec-projects",
    "mh-sec-stay",
    "mh-slides",
];

/// The ids taken on a page before its body is rendered.
pub(crate) fn page_ids() -> HashSet<String> {
    THEME_IDS.iter().map(|s| s.to_string()).collect()
}

/// `id`, or `id-2`, `id-3` … : the first not yet taken, which is then taken.
pub(crate) fn unique_id(id: &str, ids: &mut HashSet<String>) -> String {
    let mut unique = id.to_string();
    let mut n = 1;
    while !ids.insert(unique.clone()) {
        n += 1;
        unique = format!("{id}-{n}");
    }
    unique
}

/// A URL as an attribute value the HTML standard accepts: characters URLs may not hold are
/// percent-encoded, as browsers do when they follow the link.
pub(crate) fn well_formed_url(url: &str) -> String {
    let bytes = url.as_bytes();
    let mut out = String::with_capacity(url.len());
    let mut seen_hash = false;
    for (i, c) in url.char_indices() {
        match c {
            '%' if !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)) =>
            {
                out.push_str("%25")
            }
            '#' if seen_hash => out.push_str("%23"),
            '#' => {
                seen_hash = true;
                out.push('#');
            }
            ' ' | '^' | '|' | '{' | '}' | '`' | '\\' | '<' | '>' | '"' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

/// Elements without an end tag.
const VOID: &[&str] = &["area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"];

/// Rewrites the start tags of ammonia's output (every element closed), and puts a list item
/// that is not in a list into one. Text and attribute values are written back escaped as
/// ammonia writes them.
pub(crate) fn fix_tags(clean: &str, ids: &mut HashSet<String>) -> String {
    let mut out = String::with_capacity(clean.len() + 32);
    // Open elements, and whether each is a list item given a list of its own.
    let mut stack: Vec<(String, bool)> = vec![];
    for piece in tokens(clean) {
        match piece {
            Piece::Text(text) => push_escaped(&mut out, &text, false),
            Piece::Comment(text) => {
                out.push_str("<!--");
                out.push_str(&text);
                out.push_str("-->");
            }
            Piece::End(name) => {
                out.push_str("</");
                out.push_str(&name);
                out.push('>');
                if let Some(at) = stack.iter().rposition(|(n, _)| *n == name) {
                    if stack[at].1 {
                        out.push_str("</ul>");
                    }
                    stack.truncate(at);
                }
            }
            Piece::Start { name, attrs } => {
                let orphan =
                    name == "li" && !stack.last().is_some_and(|(p, _)| matches!(p.as_str(), "ul" | "ol" | "menu"));
                if orphan {
                    out.push_str("<ul>");
                }
                start_tag(&mut out, &name, attrs, ids);
                if !VOID.contains(&name.as_str()) {
                    stack.push((name, orphan));
                }
            }
        }
    }
    out
}

fn start_tag(out: &mut String, name: &str, mut attrs: Vec<(String, String)>, ids: &mut HashSet<String>) {
    let has = |attrs: &[(String, String)], k: &str| attrs.iter().any(|(a, _)| a == k);
    if name == "a" {
        // `<a name="x">` is an anchor: its name is an id now.
        if let Some(i) = attrs.iter().position(|(k, _)| k == "name") {
            let (_, v) = attrs.remove(i);
            if !has(&attrs, "id") && !v.is_empty() {
                attrs.push(("id".into(), v));
            }
        }
        if has(&attrs, "href") {
            attrs.push(("rel".into(), "noopener noreferrer".into()));
        }
    }
    if name == "img" && !has(&attrs, "alt") {
        // As for a Markdown image: `check` reports it, the page stays valid.
        attrs.push(("alt".into(), String::new()));
    }
    attrs.retain_mut(|(k, v)| match k.as_str() {
        "id" => {
            *v = unique_id(v, ids);
            !v.is_empty()
        }
        "width" | "height" => {
            let n = v.trim().trim_end_matches("px").trim();
            let ok = !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit());
            *v = n.to_string();
            ok
        }
        "href" | "src" => {
            *v = well_formed_url(v);
            true
        }
        _ => true,
    });
    out.push('<');
    out.push_str(name);
    for (k, v) in attrs {
        out.push(' ');
        out.push_str(&k);
        out.push_str("=\"");
        push_escaped(out, &v, true);
        out.push('"');
    }
    out.push('>');
}

/// Containers that may hold Markdown between an opening and a closing HTML block.
const CONTAINERS: &[&str] = &["details", "div"];

/// The `<details>` and `<div>` elements opened by one HTML block and closed by a later one.
#[derive(Default)]
pub(crate) struct OpenContainers {
    /// Each open element's name and the Markdown nesting depth it was opened at.
    open: Vec<(&'static str, usize)>,
}

impl OpenContainers {
    /// One cleaned HTML block (`clean`, from `raw`) at Markdown nesting `depth`: closes for
    /// the containers it ends that an earlier block opened, then its HTML, with the closing
    /// tags ammonia added for the containers it leaves open taken off.
    pub(crate) fn block(&mut self, raw: &str, clean: String, depth: usize) -> String {
        let mut local: Vec<&'static str> = vec![];
        let mut prefix = String::new();
        for (name, closing) in container_tags(raw) {
            if !closing {
                local.push(name);
            } else if local.last() == Some(&name) {
                local.pop();
            } else if local.is_empty() && self.open.last() == Some(&(name, depth)) {
                self.open.pop();
                prefix.push_str(&format!("</{name}>"));
            }
        }
        let mut body = clean.trim_end().to_string();
        let mut left_open = vec![];
        for name in local.iter().rev() {
            match body.strip_suffix(&format!("</{name}>")) {
                Some(b) => {
                    body = b.trim_end().to_string();
                    left_open.push(*name);
                }
                None => {
                    // Not the shape expected: ammonia's closing tags stay.
                    return format!("{prefix}{clean}");
                }
            }
        }
        self.open.extend(left_open.into_iter().rev().map(|n| (n, depth)));
        format!("{prefix}{body}\n")
    }

    /// Closes everything still open (the end of the document).
    pub(crate) fn close_all(&mut self) -> String {
        self.open.drain(..).rev().map(|(name, _)| format!("</{name}>")).collect()
    }

    /// Closes what was opened deeper than `depth` (a list item or quote is ending).
    pub(crate) fn close_deeper(&mut self, depth: usize) -> String {
        let mut out = String::new();
        while let Some(&(name, d)) = self.open.last() {
            if d <= depth {
                break;
            }
            self.open.pop();
            out.push_str(&format!("</{name}>"));
        }
        out
    }
}

/// The container start and end tags in raw HTML, in order (comments skipped).
fn container_tags(raw: &str) -> Vec<(&'static str, bool)> {
    let container = |name: &str| CONTAINERS.iter().find(|&&c| c == name).copied();
    tokens(raw)
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Start { name, .. } => container(&name).map(|c| (c, false)),
            Piece::End(name) => container(&name).map(|c| (c, true)),
            Piece::Text(_) | Piece::Comment(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_become_ids_and_only_links_get_rel() {
        let mut ids = page_ids();
        assert_eq!(
            fix_tags("<a name=\"x\"></a><a href=\"https://a.example/\">a</a>", &mut ids),
            "<a id=\"x\"></a><a href=\"https://a.example/\" rel=\"noopener noreferrer\">a</a>"
        );
    }

    #[test]
    fn ids_are_unique_and_never_the_themes() {
        let mut ids = page_ids();
        assert_eq!(
            fix_tags("<p id=\"main\">a</p><p id=\"x\"></p><p id=\"x\"></p>", &mut ids),
            "<p id=\"main-2\">a</p><p id=\"x\"></p><p id=\"x-2\"></p>"
        );
    }

    #[test]
    fn images_get_alt_and_whole_number_sizes() {
        let mut ids = page_ids();
        assert_eq!(
            fix_tags("<img src=\"a b.png\" width=\"100px\" height=\"50%\">", &mut ids),
            "<img src=\"a%20b.png\" width=\"100\" alt=\"\">"
        );
    }

    #[test]
    fn list_items_outside_a_list_get_one() {
        let mut ids = page_ids();
        assert_eq!(
            fix_tags("<td><li>a</li><li>b</li></td><ul><li>c</li></ul>", &mut ids),
            "<td><ul><li>a</li></ul><ul><li>b</li></ul></td><ul><li>c</li></ul>"
        );
    }

    #[test]
    fn text_and_values_are_written_back_escaped_as_ammonia_wrote_them() {
        let clean = "<p title=\"a &amp; &quot;b&quot; &lt;c&gt;\">Tom &amp; &lt;Jerry&gt;&nbsp;é</p><!-- x -->";
        assert_eq!(fix_tags(clean, &mut page_ids()), clean);
        // In an address, what a URL may not hold is percent-encoded, as a browser sends it.
        assert_eq!(
            fix_tags("<a href=\"/x&quot;y&lt;z&gt;\">l</a>", &mut page_ids()),
            "<a href=\"/x%22y%3Cz%3E\" rel=\"noopener noreferrer\">l</a>"
        );
    }

    #[test]
    fn containers_in_comments_and_attribute_values_are_not_tags() {
        assert_eq!(
            container_tags("<DIV title=\"</div>\"><!-- <details> --><script>'<div>'</script></Div>"),
            [("div", false), ("div", true)]
        );
    }

    #[test]
    fn urls_are_well_formed() {
        assert_eq!(well_formed_url("https://docs.rs/mio/^1"), "https://docs.rs/mio/%5E1");
        assert_eq!(well_formed_url("https://m.to/#/#room:x"), "https://m.to/#/%23room:x");
        assert_eq!(well_formed_url("/a?q=branch%master%20x"), "/a?q=branch%25master%20x");
    }

    #[test]
    fn details_stay_open_across_markdown() {
        let mut open = OpenContainers::default();
        let first = open.block(
            "<details>\n<summary>More</summary>\n",
            "<details>\n<summary>More</summary>\n</details>\n".into(),
            0,
        );
        assert_eq!(first, "<details>\n<summary>More</summary>\n");
        assert_eq!(open.block("</details>\n", "\n".into(), 0), "</details>\n");
        assert_eq!(open.close_deeper(0), "");
        // Opened inside a list item: closed when the item ends.
        open.block("<div>", "<div></div>".into(), 2);
        assert_eq!(open.close_deeper(1), "</div>");
    }
}
