//! A WordPress export (WXR) as `masthead import --from wordpress` reads it: the import either
//! refuses it with an error and changes nothing, or brings in exactly what it reports, with
//! content that renders to safe HTML, and writes nothing outside the site.

use masthead_import::{Options, SourceKind};
use masthead_render::{Content, check, render_markdown};
use masthead_store::{Article, Page, Site};

use crate::assert_safe_html;

pub fn wxr(data: &[u8]) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = dir.path().join("export.xml");
    std::fs::write(&source, data).expect("the input is written");
    let uploads = dir.path().join("uploads");
    std::fs::create_dir(&uploads).expect("an uploads folder");
    std::fs::write(uploads.join("dot.png"), crate::import::DOT).expect("a file to find");
    let site = Site::create(dir.path().join("site")).expect("a new site");
    let options =
        Options { kind: SourceKind::WordPress, source, media_from: Some(uploads), dry_run: false, download: false };
    let outcome = masthead_import::import(&site, &options);
    let mut top: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    top.sort();
    assert_eq!(top, ["export.xml", "site", "uploads"], "the import wrote outside the site");
    let articles: Vec<Article> = site.list().expect("articles");
    let pages: Vec<Page> = site.list().expect("pages");
    let report = match outcome {
        Err(e) => {
            assert!(!e.to_string().trim().is_empty(), "an error without words");
            assert!(articles.is_empty() && pages.is_empty(), "a refused import left content");
            return;
        }
        Ok(report) => report,
    };
    assert_eq!((articles.len(), pages.len()), (report.articles, report.pages), "the report and the site disagree");
    let now = jiff::Timestamp::from_second(1_780_000_000).expect("a time");
    let content = Content::load(&site, now, true).expect("imported content loads");
    for a in &articles {
        assert_safe_html(&render_markdown(&a.body, &content.links, false).html);
    }
    for p in &pages {
        assert_safe_html(&render_markdown(&p.body, &content.links, false).html);
    }
    for p in check(&content) {
        assert!(!p.message.trim().is_empty(), "a problem without words: {p:?}");
    }
    assert_eq!(site.integrity_check().expect("integrity"), "ok");
}
