//! What authors type cannot escape into markup: heading attributes, JSON-LD in a script, and
//! control characters in the feeds and calendar files.

use jiff::Timestamp;
use masthead_media::Pipeline;
use masthead_render::{BuildOptions, Links, SiteFiles, build_site, render_markdown};
use masthead_store::*;

use crate::common::new_site;

/// The opening tags of the headings in `html`.
fn heading_tags(html: &str) -> Vec<String> {
    let mut tags = vec![];
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at..];
        let end = rest.find('>').unwrap_or(rest.len());
        if rest[2..].starts_with(|c: char| ('1'..='6').contains(&c)) {
            tags.push(rest[..end].to_string());
        }
        rest = &rest[end..];
    }
    tags
}

/// The heading tags carry an id and nothing else.
fn only_ids(html: &str) {
    let tags = heading_tags(html);
    assert!(!tags.is_empty(), "no heading in {html}");
    for tag in tags {
        let id = tag[3..].strip_prefix(" id=\"").and_then(|t| t.strip_suffix('"'));
        let ok = id.is_some_and(|id| id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert!(ok, "a heading has more than an id: {tag} in {html}");
    }
}

fn html(md: &str) -> String {
    render_markdown(md, &Links::default(), false).html
}

#[test]
fn headings_carry_an_id_and_no_other_attribute() {
    for payload in [
        "# x {onclick=alert(1)}",
        "# x {.c onmouseover=\"a()\"}",
        "# x {#id onload=y}",
        "## Title {onmouseover=alert(1)}",
        "# x {\"><script>alert(1)</script>=1}",
        "# x {style=\"position:fixed\" .big #top}",
        "x {onfocus=a() autofocus}\n===",
        "# x {#a .b} ##",
    ] {
        let out = html(payload);
        only_ids(&out);
        assert!(!out.contains("<script") && !out.contains("class="), "{payload}: {out}");
    }
}

#[test]
fn text_in_braces_stays_and_a_trailing_hash_id_names_the_heading() {
    assert_eq!(html("## Agenda {draft}"), "<h2 id=\"agenda-draft\">Agenda {draft}</h2>\n");
    assert_eq!(html("## Intro {#custom-id}"), "<h2 id=\"custom-id\">Intro</h2>\n");
    assert_eq!(html("## Intro {#custom-id} ##"), "<h2 id=\"custom-id\">Intro</h2>\n");
    assert_eq!(html("Set {#set_1}\n---"), "<h2 id=\"set_1\">Set</h2>\n");
    assert_eq!(html("## *Big* news {#big}"), "<h2 id=\"big\"><em>Big</em> news</h2>\n");
    // Ids are unique, whoever chose them.
    let out = html("## Intro {#intro}\n\n## Intro\n\n## Again {#intro}");
    for id in ["\"intro\"", "\"intro-2\"", "\"intro-3\""] {
        assert!(out.contains(id), "{id} in {out}");
    }
    // Not an id: escaped, written with an entity, not a valid id, not at the end, no space.
    for (md, text) in [
        ("## Price \\{#not-id}", "Price {#not-id}"),
        ("## Price &#123;#not-id}", "Price {#not-id}"),
        ("## Odd {#1st}", "Odd {#1st}"),
        ("## Odd {#a b}", "Odd {#a b}"),
        ("## Odd {#a} more", "Odd {#a} more"),
        ("## Odd{#a}", "Odd{#a}"),
        ("## Odd {#a}}", "Odd {#a}}"),
    ] {
        let out = html(md);
        only_ids(&out);
        assert!(out.contains(&format!(">{text}</h2>")), "{md}: {out}");
    }
}

const NOW: &str = "2026-11-25T12:00:00Z";

/// The demo site with one article full of hostile text, built for the public.
fn hostile_build() -> (SiteFiles, String) {
    let (_d, site) = new_site();
    site.import_tree(&demo_tree(), &Pipeline).unwrap();
    let a = Article {
        title: "Title <!--<script> & \u{1}bell\u{7}".into(),
        section: Some("events".into()),
        status: Status::Published,
        date: Some("2026-11-20T10:00:00Z".into()),
        summary: Some("Summary\u{0}\u{1b}[31m with </script> and \u{2028}".into()),
        body: "## Title {onmouseover=alert(1)}\n\n## Agenda {draft}\n\nText with a control \u{c} char.\n".into(),
        event_start: Some("2026-12-01T09:00:00Z".into()),
        location: Some("Room 1\rDTSTART:19700101T000000Z\r\nX-EVIL:1\u{b}".into()),
        ..Article::default()
    };
    let slug = site.save(&a, SaveMode::Explicit).unwrap().slug;
    let out = build_site(&site, &BuildOptions { now: NOW.parse::<Timestamp>().unwrap(), drafts: false }).unwrap();
    (out, format!("events/{slug}/"))
}

fn text(files: &SiteFiles, path: &str) -> String {
    String::from_utf8(files.files.get(path).unwrap_or_else(|| panic!("{path} was not built")).clone()).unwrap()
}

#[test]
fn json_ld_cannot_end_or_swallow_its_script() {
    let (out, dir) = hostile_build();
    let page = text(&out, &format!("{dir}index.html"));
    let open = "<script type=\"application/ld+json\">";
    let start = page.find(open).expect("JSON-LD on the page") + open.len();
    let json = &page[start..start + page[start..].find("</script>").unwrap()];
    assert!(!json.contains(['<', '>', '&', '\u{2028}']), "{json}");
    let ld: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(ld["headline"], "Title <!--<script> & \u{1}bell\u{7}");
    assert!(page.contains("Text with a control"), "the rest of the page is still there");
    assert!(!page.contains(" onmouseover=") && page.contains("{onmouseover=alert(1)}</h2>"), "{page}");
}

#[test]
fn feeds_and_calendar_files_stay_valid_with_control_characters() {
    let (out, dir) = hostile_build();
    for feed in ["feed.xml", "atom.xml"] {
        let xml = text(&out, feed);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{feed} is not XML: {e}"));
        let entry = doc
            .descendants()
            .find(|n| {
                (n.has_tag_name("item") || n.has_tag_name("entry"))
                    && n.children().any(|c| c.text() == Some("Title <!--<script> & bell"))
            })
            .unwrap_or_else(|| panic!("the article is in {feed}"));
        let content = entry
            .children()
            .find(|n| n.has_tag_name("description") || n.has_tag_name("content"))
            .and_then(|n| n.text())
            .unwrap();
        only_ids(content);
        assert!(content.contains(">Agenda {draft}</h2>"), "{content}");
    }
    let json: serde_json::Value = serde_json::from_slice(&out.files["feed.json"]).unwrap();
    let item = json["items"].as_array().unwrap().iter().find(|i| i["url"].as_str().unwrap().ends_with(&dir)).unwrap();
    only_ids(item["content_html"].as_str().unwrap());

    let ics = text(&out, &format!("{dir}event.ics"));
    let lines: Vec<&str> = ics.split("\r\n").collect();
    assert!(!ics.replace("\r\n", "").contains(['\r', '\n']), "a bare line break: {ics:?}");
    assert!(!ics.chars().any(|c| c.is_control() && c != '\r' && c != '\n'), "{ics:?}");
    assert_eq!(lines.iter().filter(|l| l.starts_with("DTSTART")).count(), 1, "{ics}");
    assert!(lines.iter().all(|l| !l.starts_with("X-EVIL")), "{ics}");
}
