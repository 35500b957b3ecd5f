//! Building the demo site: pages, listings, feeds, sitemap, determinism, drafts and checks.

use std::collections::BTreeSet;

use jiff::Timestamp;
use masthead_media::Pipeline;
use masthead_render::{BuildOptions, Content, Severity, SiteFiles, build_site, check, write_output};
use masthead_store::*;

use crate::common::new_site;

const NOW: &str = "2026-11-25T12:00:00Z";

fn demo() -> (tempfile::TempDir, Site) {
    let (d, site) = new_site();
    site.import_tree(&demo_tree(), &Pipeline).unwrap();
    (d, site)
}

fn build(site: &Site, drafts: bool) -> SiteFiles {
    build_site(site, &BuildOptions { now: NOW.parse::<Timestamp>().unwrap(), drafts }).unwrap()
}

/// The text of HTML with entities decoded, to look for what was typed.
fn unescape(html: &str) -> String {
    [("&#x27;", "'"), ("&#39;", "'"), ("&#x2f;", "/"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")]
        .iter()
        .fold(html.to_string(), |s, (from, to)| s.replace(from, to))
}

fn text(files: &SiteFiles, path: &str) -> String {
    String::from_utf8(files.files.get(path).unwrap_or_else(|| panic!("{path} was not built")).clone()).unwrap()
}

#[test]
fn the_demo_builds_into_a_complete_site() {
    let (_d, site) = demo();
    let out = build(&site, false);
    let home = unescape(&text(&out, "index.html"));
    let now: Timestamp = NOW.parse().unwrap();
    let content = Content::load(&site, now, false).unwrap();
    let current: Vec<&Slide> = content.slides.iter().filter(|s| content.slide_is_current(s)).collect();
    assert!(current.len() >= 25 && current.len() < content.slides.len(), "the demo has slides outside their window");
    for s in &content.slides {
        let shown = home.contains(&s.headline);
        assert_eq!(shown, content.slide_is_current(s), "slide {}", s.slug);
    }
    for a in content.articles.iter().filter(|a| a.public) {
        let page = text(&out, &format!("{}index.html", masthead_render::article_url(&a.item).trim_start_matches('/')));
        assert!(unescape(&page).contains(&a.item.title));
        assert!(page.contains("application/ld+json") && page.contains("NewsArticle"));
        assert!(
            page.contains("<link rel=\"canonical\" href=\"https://www.migpolgroup.example/"),
            "canonical on {}",
            a.item.slug
        );
    }
    let drafts: Vec<Article> =
        site.list::<Article>().unwrap().into_iter().filter(|a| a.status != Status::Published).collect();
    assert!(!drafts.is_empty());
    for a in drafts {
        assert!(!out.files.keys().any(|k| k.contains(&a.slug)), "draft {} leaked into the public build", a.slug);
    }
    for path in [
        "news/index.html",
        "events/index.html",
        "projects/index.html",
        "about/index.html",
        "404.html",
        "robots.txt",
        "search/index.json",
        "assets/site.css",
        "media/sirius-final-conference-report.pdf",
    ] {
        assert!(out.files.contains_key(path), "{path} missing");
    }
    assert!(out.files.keys().any(|k| k.starts_with("tags/")));
    assert!(out.files.keys().any(|k| k.ends_with("event.ics")));
    let ics = text(&out, out.files.keys().find(|k| k.ends_with("event.ics")).unwrap());
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.contains("DTSTART:"), "{ics}");
    // Only media that public content uses is published.
    // (Variants live one folder down, `media/<width>/<name>`; originals sit directly in `media/`.)
    let published_media: Vec<&String> =
        out.files.keys().filter(|k| k.starts_with("media/") && k.matches('/').count() == 1).collect();
    assert!(!published_media.is_empty() && published_media.len() <= site.list::<Media>().unwrap().len());
    assert!(out.files.keys().any(|k| k.starts_with("media/960/")), "image variants are published");
}

#[test]
fn feeds_parse_and_the_sitemap_lists_every_page() {
    let (_d, site) = demo();
    let out = build(&site, false);
    let rss = text(&out, "feed.xml");
    let doc = roxmltree::Document::parse(&rss).expect("RSS is well-formed XML");
    let items = doc.descendants().filter(|n| n.has_tag_name("item")).count();
    assert!(items > 10, "{items} RSS items");
    let atom = text(&out, "atom.xml");
    let doc = roxmltree::Document::parse(&atom).expect("Atom is well-formed XML");
    assert_eq!(doc.root_element().tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("entry")).count(), items);
    let json: serde_json::Value = serde_json::from_slice(&out.files["feed.json"]).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["items"].as_array().unwrap().len(), items);

    let sitemap = text(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap is well-formed XML");
    let locs: BTreeSet<String> =
        doc.descendants().filter(|n| n.has_tag_name("loc")).map(|n| n.text().unwrap().to_string()).collect();
    let pages: BTreeSet<String> = out
        .files
        .keys()
        .filter(|k| k.ends_with("index.html"))
        .map(|k| format!("https://www.migpolgroup.example/{}", k.trim_end_matches("index.html")))
        .collect();
    assert_eq!(locs, pages);
}

#[test]
fn builds_are_deterministic_and_drafts_are_marked() {
    let (_d, site) = demo();
    let a = build(&site, false);
    let b = build(&site, false);
    assert_eq!(a, b, "same content and now, same bytes");
    let with_drafts = build(&site, true);
    let draft: Article = site.find("mipex-2015-in-numbers").unwrap().unwrap();
    assert_eq!(draft.status, Status::Draft);
    let page =
        text(&with_drafts, &format!("{}index.html", masthead_render::article_url(&draft).trim_start_matches('/')));
    assert!(page.contains("Draft"), "the draft is marked in a --drafts build");
}

#[test]
fn the_demo_passes_check_and_broken_content_does_not() {
    let (_d, site) = demo();
    let now: Timestamp = NOW.parse().unwrap();
    let problems = check(&Content::load(&site, now, false).unwrap());
    let errors: Vec<_> = problems.iter().filter(|p| p.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let mut a: Article = site.find("mpg-is-20-years-old").unwrap().unwrap();
    assert!(!problems.iter().any(|p| p.code == "missing_date"), "every public demo article has a date");
    a.date = None;
    a.body.push_str(
        "\n\n[gone](article:does-not-exist)\n\n```gallery\nimages: a\n```\n\n![](https://example.org/x.png)\n",
    );
    site.save(&a, SaveMode::Explicit).unwrap();
    let mut s: Slide = site.find("deli-project-launched").unwrap().unwrap();
    s.link = Some("article:vacancy-communications-officer".into());
    site.save(&s, SaveMode::Explicit).unwrap();
    site.save(
        &Page { title: "News".into(), slug: "news".into(), status: Status::Published, ..Default::default() },
        SaveMode::Explicit,
    )
    .unwrap();
    let problems = check(&Content::load(&site, now, false).unwrap());
    let codes: BTreeSet<(&str, &str)> = problems.iter().map(|p| (p.code, p.entity.as_str())).collect();
    for expected in [
        ("broken_reference", "article:mpg-is-20-years-old"),
        ("unknown_block", "article:mpg-is-20-years-old"),
        ("missing_alt", "article:mpg-is-20-years-old"),
        ("missing_date", "article:mpg-is-20-years-old"),
        ("slide_link", "slide:deli-project-launched"),
        ("slug_clash", "page:news"),
    ] {
        assert!(codes.contains(&expected), "{expected:?} not in {codes:?}");
    }
    // Each problem names its item as people know it, and no message shows reference syntax.
    let dated = problems.iter().find(|p| p.code == "missing_date").unwrap();
    assert_eq!(dated.title, a.title);
    let slide = problems.iter().find(|p| p.code == "slide_link").unwrap();
    assert_eq!(slide.title, s.headline);
    for p in &problems {
        assert!(!p.title.is_empty(), "{p:?}");
        assert!(!p.message.contains('`'), "no code quotes in messages a comms officer reads: {}", p.message);
    }
}

#[test]
fn writing_output_only_touches_what_changed() {
    let (_d, site) = demo();
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("out");
    let first = build(&site, false);
    let report = write_output(&out_dir, &first).unwrap();
    assert_eq!((report.written, report.unchanged, report.removed), (first.files.len(), 0, 0));
    std::fs::write(out_dir.join("mine.txt"), "not the build's").unwrap();
    let again = write_output(&out_dir, &first).unwrap();
    assert_eq!((again.written, again.unchanged), (0, first.files.len()));
    assert_eq!(again.bytes, report.bytes);

    let mut a: Article = site.find("mpg-is-20-years-old").unwrap().unwrap();
    a.status = Status::Draft;
    site.save(&a, SaveMode::Explicit).unwrap();
    let second = build(&site, false);
    let report = write_output(&out_dir, &second).unwrap();
    assert!(report.removed >= 1 && !out_dir.join("news/mpg-is-20-years-old/index.html").exists());
    assert!(report.written > 0 && report.written < second.files.len() / 2, "{report:?}");
    assert!(out_dir.join("mine.txt").exists(), "files the build did not make are left alone");
    for (rel, bytes) in &second.files {
        assert!(std::fs::read(out_dir.join(rel)).unwrap() == *bytes, "{rel} is on disk as built");
    }
}

#[test]
fn preview_renders_an_unsaved_article_as_its_page() {
    let (_d, site) = demo();
    let now: Timestamp = NOW.parse().unwrap();
    let content = Content::load(&site, now, true).unwrap();
    let theme = masthead_render::Theme::load(None).unwrap();
    let draft = Article {
        title: "Unsaved <draft>".into(),
        slug: "unsaved-draft".into(),
        section: Some("news".into()),
        body: "Some **bold** text and a [link](article:mpg-is-20-years-old).\n\n- one\n- two\n".into(),
        ..Default::default()
    };
    let html = masthead_render::render_preview(&content, &theme, &draft).unwrap();
    assert!(
        html.contains("Unsaved &lt;draft&gt;")
            && html.contains("<strong>bold</strong>")
            && html.contains("<li>two</li>")
    );
    assert!(html.contains("href=\"/news/mpg-is-20-years-old/\""));
    assert!(html.contains("Draft"), "the preview marks a draft");
}

#[test]
fn renamed_articles_leave_redirects_at_their_old_addresses() {
    let (_d, site) = demo();
    let mut a: Article = site.find("mpg-is-20-years-old").unwrap().unwrap();
    a.slug = "mpg-turns-twenty".into();
    let a = site.save(&a, SaveMode::Explicit).unwrap();
    let out = build(&site, false);
    let old = text(&out, "news/mpg-is-20-years-old/index.html");
    assert!(old.contains("http-equiv=\"refresh\" content=\"0; url=/news/mpg-turns-twenty/\""), "{old}");
    assert!(old.contains("rel=\"canonical\" href=\"https://www.migpolgroup.example/news/mpg-turns-twenty/\""));
    assert!(out.files.contains_key("news/mpg-turns-twenty/index.html"));
    assert!(!text(&out, "sitemap.xml").contains("mpg-is-20-years-old"), "redirects are not in the sitemap");

    // Moving it to another section and back: each old address leads to the current one.
    let mut moved = a.clone();
    moved.section = Some("projects".into());
    let moved = site.save(&moved, SaveMode::Explicit).unwrap();
    let mut back = moved.clone();
    back.section = Some("news".into());
    site.save(&back, SaveMode::Explicit).unwrap();
    let out = build(&site, false);
    assert!(text(&out, "projects/mpg-turns-twenty/index.html").contains("url=/news/mpg-turns-twenty/"));
    assert!(text(&out, "news/mpg-is-20-years-old/index.html").contains("url=/news/mpg-turns-twenty/"));
    assert!(
        !text(&out, "news/mpg-turns-twenty/index.html").contains("http-equiv"),
        "the current address is the article"
    );

    // Drafts never had a public address, so renaming one leaves nothing behind.
    let mut draft: Article = site.find("mipex-2015-in-numbers").unwrap().unwrap();
    draft.slug = "mipex-numbers".into();
    site.save(&draft, SaveMode::Explicit).unwrap();
    assert!(site.old_addresses().unwrap().iter().all(|o| o.slug != "mipex-2015-in-numbers"));
}

/// Pictures and links written in raw HTML are checked like Markdown ones: no alt text is
/// `missing_alt`, a local address that leads nowhere is `broken_reference`; good ones pass.
#[test]
fn raw_html_pictures_and_links_are_checked_like_markdown_ones() {
    let (_d, site) = demo();
    let now: Timestamp = NOW.parse().unwrap();
    let of = |site: &Site| -> Vec<(String, String)> {
        check(&Content::load(site, now, false).unwrap())
            .into_iter()
            .filter(|p| p.entity == "article:mpg-is-20-years-old" && p.severity == Severity::Error)
            .map(|p| (p.code.to_string(), p.message))
            .collect()
    };
    let mut a: Article = site.find("mpg-is-20-years-old").unwrap().unwrap();
    let original = a.body.clone();
    a.body = format!(
        "{original}\n\n<figure><img src=\"/media/mpg-logo.png\" alt=\"The MPG logo\"><figcaption>Logo</figcaption></figure>\n\nSee <a href=\"/news/deli-project-launched/\">the launch</a>, <a href=\"https://example.org/\">elsewhere</a> and <a href=\"#top\">the top</a>.\n"
    );
    site.save(&a, SaveMode::Explicit).unwrap();
    assert_eq!(of(&site), vec![], "good raw HTML passes");

    for (raw, code) in [
        ("<img src=x>", "missing_alt"),
        ("<img src=x alt=\"A photo\">", "broken_reference"),
        ("<p><img src=\"/media/not-uploaded.jpg\" alt=\"A photo\"></p>", "broken_reference"),
        ("<img src=\"/media/mpg-logo.png\" alt=\"\">", "missing_alt"),
        ("Read <a href=\"/news/no-such-article/\">this</a>.", "broken_reference"),
        ("Read <a href=\"draft.html\">this</a>.", "broken_reference"),
    ] {
        let mut a: Article = site.find("mpg-is-20-years-old").unwrap().unwrap();
        a.body = format!("{original}\n\n{raw}\n");
        site.save(&a, SaveMode::Explicit).unwrap();
        let found = of(&site);
        assert!(found.iter().any(|(c, _)| c == code), "{raw}: {code} not in {found:?}");
    }
}
