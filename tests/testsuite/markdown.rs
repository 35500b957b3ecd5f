//! Markdown rendering: GFM, rich blocks, references, images and raw HTML.

use masthead_render::{LinkTarget, Links, Severity, render_markdown};
use masthead_store::Media;

fn links() -> Links {
    let mut links = Links::default();
    let target = |url: &str, title: &str, public| LinkTarget { url: url.into(), title: title.into(), public };
    links.articles.insert("hello".into(), target("/news/hello/", "Hello", true));
    links.articles.insert("secret".into(), target("/news/secret/", "Secret draft", false));
    links.pages.insert("about".into(), target("/about/", "About", true));
    let photo = Media {
        name: "photo.jpg".into(),
        mime: "image/jpeg".into(),
        width: Some(1600),
        height: Some(1000),
        alt: Some("Library alt".into()),
        ..Default::default()
    };
    let report = Media {
        name: "report.pdf".into(),
        mime: "application/pdf".into(),
        bytes: 1_234_567,
        pages: Some(24),
        title: Some("Annual report".into()),
        ..Default::default()
    };
    links.media.insert("photo.jpg".into(), photo);
    links.media.insert("report.pdf".into(), report);
    links
}

fn render(md: &str) -> (String, Vec<String>) {
    let r = render_markdown(md, &links(), true);
    (r.html, r.problems.iter().map(|p| format!("{}:{}", p.code, p.message)).collect())
}

#[test]
fn gfm_constructs_render() {
    let (html, problems) = render(
        "## Intro\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ text[^1]\n\n- [x] done\n- [ ] todo\n\n[^1]: A note.\n\n## Intro\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert!(html.contains("<h2 id=\"intro\">Intro</h2>") && html.contains("<h2 id=\"intro-2\">"), "{html}");
    assert!(html.contains("<table>") && html.contains("<del>old</del>"), "{html}");
    assert!(html.contains("type=\"checkbox\"") && html.contains("footnote"), "{html}");
}

#[test]
fn references_resolve_and_broken_ones_are_reported() {
    let (html, problems) =
        render("[a](article:hello) [b](page:about) [c](media:report.pdf) [d](https://x.org) [e](/news/)");
    assert!(problems.is_empty(), "{problems:?}");
    for href in ["/news/hello/", "/about/", "/media/report.pdf", "https://x.org", "/news/"] {
        assert!(html.contains(&format!("href=\"{href}\"")), "{href} in {html}");
    }
    let (html, problems) = render("[x](article:nope) [y](media:gone.pdf) [z](javascript:alert(1))");
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].starts_with("broken_reference") && problems[2].starts_with("unsafe_link"));
    assert!(!html.contains("javascript"), "{html}");
    // Links to drafts are broken in a public build, fine in a preview with drafts.
    let public = render_markdown("[s](article:secret)", &links(), false);
    assert!(public.problems[0].message.contains("not published"), "{:?}", public.problems);
    let drafts = render_markdown("[s](article:secret)", &Links { drafts: true, ..links() }, true);
    assert!(drafts.problems.is_empty());
}

#[test]
fn images_get_sizes_and_need_alt_text() {
    let (html, problems) = render("![Team photo](media:photo.jpg)");
    assert!(problems.is_empty());
    assert!(
        html.contains("src=\"/media/photo.jpg\" alt=\"Team photo\" width=\"1600\" height=\"1000\"")
            && html.contains("loading=\"lazy\""),
        "{html}"
    );
    let (html, problems) = render("![](media:photo.jpg)");
    assert!(problems.is_empty() && html.contains("alt=\"Library alt\""), "the library's alt text is used: {html}");
    let mut no_alt = links();
    no_alt.media.get_mut("photo.jpg").unwrap().alt = None;
    let r = render_markdown("![](media:photo.jpg)", &no_alt, false);
    assert_eq!(r.problems[0].code, "missing_alt");
    assert_eq!(r.problems[0].severity, Severity::Error);
}

#[test]
fn rich_blocks_render_as_cards() {
    let md = "```figure\nimage: media:photo.jpg\nalt: Speakers\ncaption: The panel\ncredit: MPG\n```\n\n```download\nfile: media:report.pdf\nlabel: Download the report\n```\n\n```cta\nlabel: Read more\nlink: article:hello\nstyle: secondary\n```\n\n```video\nurl: https://www.youtube.com/watch?v=abcdefghijk\n```\n\n```callout\ntone: warning\ntext: Applications close **soon**.\n```\n";
    let (html, problems) = render(md);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(
        html.contains("<figure class=\"mh-figure\">")
            && html.contains("<figcaption>The panel <span class=\"mh-credit\">MPG</span></figcaption>"),
        "{html}"
    );
    assert!(
        html.contains("Annual report")
            && html.contains("PDF · 24 pages · 1.2 MB")
            && html.contains(">Download the report</a>"),
        "{html}"
    );
    assert!(html.contains("<a class=\"mh-button mh-button-secondary\" href=\"/news/hello/\">Read more</a>"), "{html}");
    assert!(html.contains("data-embed=\"https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1\""), "{html}");
    assert!(!html.contains("<iframe"), "nothing loads from YouTube before a click");
    assert!(html.contains("mh-callout-warning") && html.contains("<strong>soon</strong>"), "{html}");
    // Ordinary code stays code.
    let (html, _) = render("```rust\nlet a: i32 = 1;\n```\n\n```\nkey: value\n```");
    assert!(html.contains("<code class=\"language-rust\">") && html.contains("key: value"), "{html}");
}

#[test]
fn bad_blocks_warn_in_preview_and_vanish_in_public_builds() {
    for (md, code) in [
        ("```gallery\nimages: a, b\n```", "unknown_block"),
        ("```figure\nthis is not key value\n```", "malformed_block"),
        ("```figure\nalt: no image\n```", "malformed_block"),
        ("```cta\nlabel: Go\nlink: article:nope\n```", "broken_reference"),
        ("```video\nurl: https://example.org/clip.mp4\n```", "malformed_block"),
    ] {
        let preview = render_markdown(md, &links(), true);
        assert_eq!(preview.problems[0].code, code, "{md}");
        assert!(preview.html.contains("mh-block-warning"), "{md}: {}", preview.html);
        let public = render_markdown(md, &links(), false);
        assert_eq!(public.problems[0].code, code);
        assert!(!public.html.contains("mh-block-warning") && public.html.trim().is_empty(), "{md}: {}", public.html);
    }
}

#[test]
fn raw_html_is_sanitised() {
    let (html, _) = render(
        "<div onclick=\"x()\"><script>alert(1)</script><b>bold</b></div>\n\nText <sup>2</sup> <img src=x onerror=alert(1)> <iframe src=\"https://evil\"></iframe>",
    );
    for bad in ["<script", "onclick", "onerror", "<iframe"] {
        assert!(!html.contains(bad), "{bad} survived: {html}");
    }
    assert!(html.contains("<b>bold</b>") && html.contains("<sup>2</sup>"), "{html}");
    // Text typed in blocks is escaped.
    let (html, _) = render("```cta\nlabel: <script>x</script>\nlink: /a/\n```");
    assert!(html.contains("&lt;script&gt;"), "{html}");
}

#[test]
fn hostile_markdown_never_panics() {
    let nasty = [
        "```",
        "```figure",
        "```figure\n",
        "[x](",
        "![",
        "```callout\ntext:\n```",
        "| a |\n|",
        "\u{0}",
        "```download\nfile: media:../../x\n```",
        &"[".repeat(5000),
        &"> ".repeat(2000),
    ];
    for md in nasty {
        let _ = render_markdown(md, &links(), true);
    }
}

#[test]
fn decorative_library_pictures_need_no_alt_text() {
    let mut decorative = links();
    let photo = decorative.media.get_mut("photo.jpg").unwrap();
    (photo.alt, photo.decorative) = (None, true);
    for md in ["![](media:photo.jpg)", "```figure\nimage: media:photo.jpg\n```"] {
        let r = render_markdown(md, &decorative, false);
        assert!(r.problems.is_empty(), "{md}: {:?}", r.problems);
        assert!(r.html.contains("src=\"/media/photo.jpg\" alt=\"\""), "{md}: {}", r.html);
    }
    // A use may still describe it.
    let r = render_markdown("![Texture](media:photo.jpg)", &decorative, false);
    assert!(r.html.contains("alt=\"Texture\""), "{}", r.html);
}
