//! Regression tests for Markdown written by other people (issue 17): raw HTML that comes out
//! as valid HTML, and heading ids that are unique on the page.

use super::render_markdown;
use crate::links::Links;
use crate::raw_html::THEME_IDS;

fn html(source: &str) -> String {
    render_markdown(source, &Links::default(), false).html
}

#[test]
fn named_anchors_become_ids_and_rel_goes_only_on_links() {
    let out =
        html("<a name=\"install\"></a>\n\nSee <a name=\"x\"></a>and <a href=\"https://example.org/\">this</a>.\n");
    assert!(out.contains("<a id=\"install\"></a>"), "{out}");
    assert!(out.contains("<a id=\"x\"></a>"), "{out}");
    assert!(out.contains("<a href=\"https://example.org/\" rel=\"noopener noreferrer\">this</a>"), "{out}");
    assert!(!out.contains("<a rel"), "{out}");
}

#[test]
fn details_keep_summary_first_and_markdown_inside() {
    let out = html("<details>\n<summary>More</summary>\n\nText *here*.\n\n</details>\n\nAfter.\n");
    assert_eq!(out, "<details>\n<summary>More</summary>\n<p>Text <em>here</em>.</p>\n</details>\n<p>After.</p>\n");
    // Left open: closed at the end; opened in a list item: closed with it.
    let out = html("- <details><summary>A</summary>\n\n  Inside.\n- B\n");
    assert_eq!(out.matches("<details>").count(), out.matches("</details>").count(), "{out}");
    assert!(out.find("</details>") < out.find("</li>"), "{out}");
}

#[test]
fn heading_ids_are_unique_and_never_the_themes() {
    let out = html("# Main\n\n## Intro\n\n## Intro\n\n<p id=\"intro\">x</p>\n");
    assert!(out.contains("<h1 id=\"main-2\">"), "{out}");
    assert!(out.contains("<h2 id=\"intro\">") && out.contains("<h2 id=\"intro-2\">"), "{out}");
    assert!(out.contains("<p id=\"intro-3\">"), "{out}");
}

#[test]
fn the_reserved_ids_are_all_the_theme_uses() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../themes/default");
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        for part in text.split(" id=\"").skip(1) {
            let id = &part[..part.find('"').unwrap_or(0)];
            if !id.is_empty() && !id.contains(['{', '}']) {
                assert!(THEME_IDS.contains(&id), "{} uses id {id}: add it to THEME_IDS", path.display());
            }
        }
    }
}

#[test]
fn raw_images_without_alt_are_reported_and_valid() {
    let r = render_markdown(
        "<p><img src=\"https://example.org/a.png\" width=\"100px\" align=\"right\"></p>\n",
        &Links::default(),
        false,
    );
    assert!(r.problems.iter().any(|p| p.message.contains("alt") || p.code.contains("alt")), "{:?}", r.problems);
    assert!(r.html.contains("<img src=\"https://example.org/a.png\" width=\"100\" alt=\"\">"), "{}", r.html);
}

#[test]
fn block_tags_written_inline_and_obsolete_markup_go() {
    let out = html(
        "| a |\n|---|\n| <li>one</li> |\n\n<table><tr><td align=\"center\"><center><strike>x</strike></center></td></tr></table>\n",
    );
    assert!(
        !out.contains("<li>") && !out.contains("align=") && !out.contains("<center>") && !out.contains("<strike>"),
        "{out}"
    );
    assert!(html("[x](https://docs.rs/mio/^1)\n").contains("href=\"https://docs.rs/mio/%5E1\""));
}

#[test]
fn inline_anchors_written_self_closed_are_closed() {
    let out = html("# levn <a name=\"levn\" />\n");
    assert_eq!(out, "<h1 id=\"levn\">levn <a id=\"levn-2\"></a></h1>\n");
}

#[test]
fn local_links_that_lead_nowhere_are_reported_from_markdown_too() {
    let r = render_markdown(
        "[licence](LICENSE-MIT) and ![logo](img/logo.png) and [web](https://example.org/)\n",
        &Links::default(),
        false,
    );
    let broken: Vec<_> = r.problems.iter().filter(|p| p.code == "broken_reference").collect();
    assert_eq!(broken.len(), 2, "{:?}", r.problems);
    assert!(broken[0].message.contains("“LICENSE-MIT” is a relative address"), "{}", broken[0].message);
}
