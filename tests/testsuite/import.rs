//! `masthead import --from wordpress|hugo|zola|jekyll`: the real CLI on fixture sources written
//! for these tests (`tests/fixtures/import/`), then `check` and `build` on the result.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::common::{masthead_on, repo, stderr, stdout};

pub(crate) fn fixture(rel: &str) -> PathBuf {
    repo().join("tests/fixtures/import").join(rel)
}

/// A new empty site (or the demo), in a temporary folder.
pub(crate) fn site(demo: bool) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let args: &[&str] = if demo { &["init", "--demo"] } else { &["init"] };
    let out = masthead_on(&dir, args).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    (tmp, dir)
}

/// Runs an import with downloads turned off (the tests have no network).
fn import(site: &Path, args: &[&str]) -> Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    masthead_on(site, &all).env("MASTHEAD_IMPORT_OFFLINE", "1").output().unwrap()
}

pub(crate) fn import_json(site: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = import(site, &all);
    assert!(out.status.success(), "import failed: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)))
}

fn wordpress(site: &Path, extra: &[&str]) -> Value {
    let xml = fixture("wordpress/export.xml");
    let uploads = fixture("wordpress/uploads");
    let mut args = vec!["--from", "wordpress", xml.to_str().unwrap(), "--media-from", uploads.to_str().unwrap()];
    args.extend_from_slice(extra);
    import_json(site, &args)
}

fn counts(report: &Value) -> [u64; 5] {
    ["articles", "pages", "slides", "media", "redirects"].map(|k| report[k].as_u64().unwrap())
}

fn sources(report: &Value, key: &str) -> Vec<String> {
    report[key].as_array().unwrap().iter().map(|s| s["source"].as_str().unwrap().to_string()).collect()
}

fn check_errors(site: &Path) -> Vec<Value> {
    let out = masthead_on(site, &["check", "--json"]).output().unwrap();
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    let problems = v.get("problems").cloned().unwrap_or(v);
    problems.as_array().unwrap().iter().filter(|p| p["severity"] == "error").cloned().collect()
}

/// Builds the site and returns its files (path → text of HTML, CSS and JS files).
pub(crate) fn build(site: &Path) -> BTreeMap<String, String> {
    let out = masthead_on(site, &["build"]).output().unwrap();
    assert!(out.status.success(), "build failed: {}", stderr(&out));
    let mut files = BTreeMap::new();
    let root = site.join("build");
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
                files.insert(rel, std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    files
}

/// The redirect page at an old address (a folder, or a page file such as `/old.html`) leads to
/// `target`.
pub(crate) fn redirects(files: &BTreeMap<String, String>, old: &str, target: &str) {
    let old = old.trim_start_matches('/');
    let file =
        if old.ends_with(".html") || old.ends_with(".htm") { old.to_string() } else { format!("{old}index.html") };
    let page = files.get(&file).unwrap_or_else(|| panic!("no page at /{old}"));
    assert!(page.contains(&format!("url={target}")), "{old} does not redirect to {target}:\n{page}");
}

/// Every file under the site folder, to see that a failed or dry-run import wrote nothing.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let path = e.unwrap().path();
            let rel = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            if rel.starts_with("config") || rel.ends_with("-wal") || rel.ends_with("-shm") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

pub(crate) fn export(site: &Path) -> BTreeMap<String, Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    let out = masthead_on(site, &["export", tmp.path().join("x").to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    snapshot(&tmp.path().join("x"))
}

/// The archive pages of the fixture's public posts: a top-level category is a section, a
/// sub-category and a tag are tags.
const ARCHIVES: [(&str, &str); 4] = [
    ("/category/news/", "/news/"),
    ("/category/events/", "/events/"),
    ("/category/news/reports/", "/tags/reports/"),
    ("/tag/climate/", "/tags/climate/"),
];

#[test]
fn a_wordpress_export_comes_in_whole_and_every_old_address_still_answers() {
    let (_tmp, dir) = site(false);
    let report = wordpress(&dir, &[]);
    // Redirects: /p/ID/ for each of the 10 posts and pages, their old permalinks (but the
    // about page keeps its address) and /name/ for the 6 posts that have one; and the archives
    // of the public posts' categories and tags.
    assert_eq!(counts(&report), [7, 3, 2, 4, 22 + ARCHIVES.len() as u64], "{report:#}");
    // Every <item> of the export is imported or skipped: 7 posts + 3 pages + 4 attachments + 3
    // menu entries imported, and 9 items skipped (plus the comments, counted in one entry).
    let xml = std::fs::read_to_string(fixture("wordpress/export.xml")).unwrap();
    let items = xml.matches("<item>").count();
    let skipped = sources(&report, "skipped");
    assert_eq!(items, 7 + 3 + 4 + 3 + skipped.iter().filter(|s| *s != "comments").count(), "{skipped:#?}");
    for expected in [
        "attachment 104",
        "attachment 105",
        "post 8",
        "post 9",
        "revision 20",
        "nav_menu_item 22",
        "nav_menu_item 25",
        "wp_block 30",
        "product 31",
        "comments",
    ] {
        assert!(skipped.iter().any(|s| s.starts_with(expected)), "{expected} is not in skipped: {skipped:#?}");
    }
    let reasons = report["skipped"].to_string();
    assert!(reasons.contains("leaves the folder"), "the ../ attachment: {reasons}");
    assert!(reasons.contains("2 comments"), "{reasons}");
    let warnings = report["warnings"].to_string();
    for expected in [
        "contact-form-7",
        "javascript:alert",
        "<script>",
        "tracker.invalid",
        "wp:latest-posts",
        "<dl>",
        "private",
        "password",
        "missing.png",
    ] {
        assert!(warnings.contains(expected), "no warning about {expected}: {warnings}");
    }

    let files = export(&dir);
    let text = |rel: &str| String::from_utf8(files[rel].clone()).unwrap();
    let first = text("articles/hello-from-the-field.md");
    for expected in [
        "section: news",
        "tags: [climate]",
        "author: Ann Example",
        "date: 2023-05-16T08:30:00Z",
        "summary: Our volunteers have arrived in the village.",
        "image: media:well.png",
        "image_alt: A new well in the village square",
        "```figure\nimage: media:field.png\nalt: Volunteers digging in a field\ncaption: The first day of digging\n```",
        "[how the well was opened](article:water-for-everyone)",
        "[who we are](page:about)",
        "```download\nfile: media:annual-report.pdf",
        "- Pipes\n  - Copper\n  - Plastic\n- Volunteers",
        "```video\nurl: https://www.youtube.com/embed/dQw4w9WgXcQ",
        "caption: The logo of the campaign",
        "image: https://www.ngo.invalid/wp-content/uploads/2023/06/missing.png",
    ] {
        assert!(first.contains(expected), "{expected:?} is not in the classic post:\n{first}");
    }
    for gone in ["javascript:", "<script", "document.cookie", "onerror", "<iframe"] {
        assert!(!first.contains(gone), "{gone} survived:\n{first}");
    }
    let second = text("articles/water-for-everyone.md");
    for expected in [
        "section: events",
        "tags: [reports]",
        "## The well is open",
        "caption: The new well, on opening day",
        "> Water is life.\n>\n> — A villager",
        "> 300 families, one well.",
        "| Village | Families |\n| --- | --- |\n| North | 120 |",
        "1. Dig\n   - by hand\n2. Test the water",
        "flow = 12 litres/minute",
        "```cta\nlabel: Donate now\nlink: https://donate.example.org/",
        "```download\nfile: media:annual-report.pdf\ntitle: Annual report 2023",
        "url: https://www.youtube.com/watch?v=dQw4w9WgXcQ\ntitle: Opening day",
        "url: https://vimeo.com/76979871",
        "<dl><dt>Depth</dt><dd>40 metres</dd></dl>",
    ] {
        assert!(second.contains(expected), "{expected:?} is not in the block post:\n{second}");
    }
    assert!(!second.contains("onclick"));
    let status = |slug: &str| {
        let t = text(&format!("articles/{slug}.md"));
        t.lines().find_map(|l| l.strip_prefix("status: ").map(str::to_string)).unwrap()
    };
    assert_eq!(status("ideas-for-next-year"), "draft");
    assert_eq!(status("waiting-for-review"), "review");
    assert_eq!(status("our-2099-gala"), "published");
    assert_eq!(status("board-minutes"), "draft", "private posts are never published");
    assert_eq!(status("donor-list"), "draft", "password-protected posts are never published");
    assert!(text("articles/our-2099-gala.md").contains("date: 2099-01-15T18:00:00Z"));
    assert!(files.contains_key("pages/about-team.md"), "a child page gets its parent's slug in front");
    let about = text("pages/about.md");
    assert!(about.contains("[clean water](article:water-for-everyone)"), "a relative link: {about}");
    assert!(about.contains("[news](/news/)") && about.contains("[the home page](/)"), "{about}");
    let site_yml = text("site.yml");
    for expected in [
        "slug: news",
        "title: Events & meetings",
        "label: About us\n    link: page:about",
        "link: /news/",
        "link: https://donate.example.org/",
    ] {
        assert!(site_yml.contains(expected), "{expected:?} is not in site.yml:\n{site_yml}");
    }
    assert!(
        text("slides/01-water-for-everyone.md").contains("link: article:water-for-everyone"),
        "sticky posts, newest first"
    );
    assert!(text("slides/02-hello-from-the-field.md").contains("cta: Read more"));
    let field = text("media/field.png.yml");
    assert!(field.contains("alt: Volunteers in a field") && field.contains("title: Field photo"), "{field}");
    assert!(text("media/annual-report.pdf.yml").contains("title: Annual report 2023"), "attachment titles come along");

    assert_eq!(check_errors(&dir), Vec::<Value>::new(), "check finds errors after the import");
    let built = build(&dir);
    for page in [
        "news/hello-from-the-field/index.html",
        "events/water-for-everyone/index.html",
        "about/index.html",
        "about-team/index.html",
    ] {
        assert!(built.contains_key(page), "{page} was not built");
    }
    redirects(&built, "/2023/05/hello-from-the-field/", "/news/hello-from-the-field/");
    redirects(&built, "/hello-from-the-field/", "/news/hello-from-the-field/");
    redirects(&built, "/2023/06/water-for-everyone/", "/events/water-for-everyone/");
    redirects(&built, "/about/team/", "/about-team/");
    redirects(&built, "/p/1/", "/news/hello-from-the-field/");
    redirects(&built, "/p/10/", "/about/");
    for (old, new) in ARCHIVES {
        redirects(&built, old, new);
    }
    let site_yml = String::from_utf8(export(&dir)["site.yml"].clone()).unwrap();
    assert!(site_yml.contains("redirects:\n  - from: /category/events/\n    to: /events/\n"), "{site_yml}");
    assert!(!built.contains_key("2023/07/board-minutes/index.html"), "a private post leaves no trace");
    assert!(built["assets/site.js"].contains("'/p/' + shortLink[1]"), "/?p=ID goes to /p/ID/");
    for (path, html) in &built {
        for bad in ["javascript:", "document.cookie", "onerror=", "onclick=", "tracker.invalid/widget\"></iframe"] {
            assert!(!html.contains(bad), "{bad} in {path}");
        }
    }
}

#[test]
fn a_dry_run_reports_the_same_and_changes_nothing() {
    let (_tmp, dir) = site(true);
    let before = snapshot(&dir);
    let dry = wordpress(&dir, &["--dry-run"]);
    assert_eq!(snapshot(&dir), before, "a dry run wrote something");
    let real = wordpress(&dir, &[]);
    let strip = |mut v: Value| {
        v["ms"] = Value::Null;
        v
    };
    assert_eq!(strip(dry), strip(real));
}

#[test]
fn importing_into_a_site_with_content_adds_to_it_and_renames_clashes() {
    let (_tmp, dir) = site(true);
    let before = export(&dir);
    let report = wordpress(&dir, &[]);
    let warnings = report["warnings"].as_array().unwrap();
    let clash =
        warnings.iter().find(|w| w["entity"] == "page:about-2").expect("the about page clashes with the demo's");
    assert!(clash["message"].as_str().unwrap().contains("already used"), "{clash}");
    let after = export(&dir);
    for (rel, bytes) in &before {
        if rel != "site.yml" && !rel.starts_with("slides/") {
            assert_eq!(after.get(rel), Some(bytes), "{rel} of the demo changed");
        }
    }
    assert_eq!(
        after.keys().filter(|k| k.starts_with("articles/")).count(),
        before.keys().filter(|k| k.starts_with("articles/")).count() + 7
    );
    let site_yml = String::from_utf8(after["site.yml"].clone()).unwrap();
    assert!(site_yml.contains("slug: news\n    title: News") && site_yml.contains("slug: events"), "{site_yml}");
    assert!(String::from_utf8(after["pages/about-2.md"].clone()).unwrap().contains("title: About us"));
    // The same file is not added twice: importing again reuses the library's files.
    let again = wordpress(&dir, &[]);
    assert_eq!(again["media"], 0, "{again:#}");
    assert!(again["warnings"].to_string().contains("hello-from-the-field-2"));
}

#[test]
fn an_import_that_fails_part_way_changes_nothing() {
    let (_tmp, dir) = site(false);
    // The database refuses the sixth article, after the media files are written.
    let conn = rusqlite::Connection::open(dir.join("site.db")).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.slug = 'donor-list'
         BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;",
    )
    .unwrap();
    drop(conn);
    let before = snapshot(&dir);
    let xml = fixture("wordpress/export.xml");
    let uploads = fixture("wordpress/uploads");
    let out = import(&dir, &["--from", "wordpress", xml.to_str().unwrap(), "--media-from", uploads.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("simulated failure"), "{}", stderr(&out));
    assert_eq!(snapshot(&dir), before, "the failed import left something behind");
}

fn refused(source: &Path, expected: &str) {
    let (_tmp, dir) = site(false);
    let before = snapshot(&dir);
    let out = import(&dir, &["--from", "wordpress", source.to_str().unwrap()]);
    assert!(!out.status.success(), "{} was accepted", source.display());
    assert!(stderr(&out).contains(expected), "{expected:?} is not in: {}", stderr(&out));
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn hostile_exports_are_refused_with_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = tmp.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let bomb = write(
        "bomb.xml",
        br#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><rss><channel><title>&d;&d;&d;</title></channel></rss>"#,
    );
    refused(&bomb, "DOCTYPE");
    let xxe = write(
        "xxe.xml",
        br#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title></item></channel></rss>"#,
    );
    refused(&xxe, "DOCTYPE");
    let undeclared = write("undeclared.xml", b"<rss><channel><item><title>&x;</title></item></channel></rss>");
    refused(&undeclared, "undefined entity");
    let latin1 = write("latin1.xml", b"<rss><channel><item><title>caf\xe9</title></item></channel></rss>");
    refused(&latin1, "not a WordPress export Masthead can read");
    let html = write("page.xml", b"<html><body>not an export</body></html>");
    refused(&html, "no <rss> element");
    refused(tmp.path(), "is not a file");
}

#[test]
fn a_200_mb_export_streams_through_and_its_huge_post_is_skipped() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("huge.xml");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(f, "<rss><channel><link>https://big.invalid</link><item><title>Huge</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><content:encoded>").unwrap();
    let chunk = format!("<![CDATA[{}]]>", "x".repeat(1 << 20));
    for _ in 0..200 {
        f.write_all(chunk.as_bytes()).unwrap();
    }
    write!(f, "</content:encoded></item><item><title>Small</title><wp:post_id>2</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><content:encoded>Hi</content:encoded></item></channel></rss>").unwrap();
    f.flush().unwrap();
    drop(f);
    assert!(std::fs::metadata(&path).unwrap().len() > 200_000_000);
    let (_t, dir) = site(false);
    let report = import_json(&dir, &["--from", "wordpress", path.to_str().unwrap()]);
    assert_eq!(report["articles"], 1, "{report:#}");
    assert!(report["skipped"].to_string().contains("larger than Masthead's limit"), "{report:#}");
}

#[test]
fn a_media_file_over_the_limit_is_skipped_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let uploads = tmp.path().join("uploads");
    std::fs::create_dir_all(uploads.join("2023/05")).unwrap();
    for name in ["well.png", "logo.png"] {
        std::fs::copy(fixture("wordpress/uploads/2023/05").join(name), uploads.join("2023/05").join(name)).unwrap();
    }
    // 200 MB on paper, nothing on disk.
    std::fs::File::create(uploads.join("2023/05/field.png")).unwrap().set_len(200 << 20).unwrap();
    let (_t, dir) = site(false);
    let xml = fixture("wordpress/export.xml");
    let report =
        import_json(&dir, &["--from", "wordpress", xml.to_str().unwrap(), "--media-from", uploads.to_str().unwrap()]);
    let skipped = report["skipped"].to_string();
    assert!(skipped.contains("attachment 101") && skipped.contains("up to 50 MB"), "{skipped}");
    assert_eq!(report["media"], 2, "{report:#}");
}

pub(crate) fn static_site(kind: &str) -> (tempfile::TempDir, PathBuf, Value) {
    let (tmp, dir) = site(false);
    let source = fixture(kind);
    let report = import_json(&dir, &["--from", kind, source.to_str().unwrap()]);
    (tmp, dir, report)
}

fn article(dir: &Path, slug: &str) -> String {
    String::from_utf8(export(dir)[&format!("articles/{slug}.md")].clone()).unwrap()
}

#[test]
fn a_hugo_site_comes_in_with_its_shortcodes_bundles_and_aliases() {
    let (_t, dir, report) = static_site("hugo");
    assert_eq!(counts(&report), [4, 1, 0, 3, 3], "{report:#}");
    assert_eq!(sources(&report, "skipped"), ["content/_index.md"]);
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("{{< tweet … >}}") && warnings.contains("javascript:") && warnings.contains("expired"),
        "{warnings}"
    );
    let first = article(&dir, "first-post");
    for expected in [
        "section: posts",
        "tags: [events, rivers, volunteering]",
        "image: media:team.png",
        "```figure\nimage: media:team.png\nalt: The volunteers, smiling\ncaption: The team after the clean-up\n```",
        "```video\nurl: https://www.youtube.com/watch?v=dQw4w9WgXcQ\n```",
        "[the next story](article:second)",
        "[report](media:report.pdf)",
        "{{< tweet user=\"rivers\" id=\"123\" >}}",
    ] {
        assert!(first.contains(expected), "{expected:?} not in:\n{first}");
    }
    assert!(!first.contains("javascript:"));
    let bundle = article(&dir, "second");
    assert!(
        bundle.contains("![A photo of the river](media:photo.png)") && bundle.contains("(article:first-post)"),
        "{bundle}"
    );
    assert!(article(&dir, "plans").contains("status: draft"));
    assert!(article(&dir, "deep").contains("status: draft"), "expired");
    assert_eq!(check_errors(&dir), Vec::<Value>::new());
    let built = build(&dir);
    redirects(&built, "/old/first/", "/posts/first-post/");
    redirects(&built, "/about-us/", "/about/");
    assert!(built.contains_key("posts/second/index.html"));
}

#[test]
fn a_zola_site_comes_in_with_its_internal_links() {
    let (_t, dir, report) = static_site("zola");
    assert_eq!(counts(&report), [1, 1, 0, 1, 1], "{report:#}");
    let launch = article(&dir, "launch");
    for expected in [
        "section: blog",
        "date: 2024-02-01",
        "tags: [planting, trees]",
        "![Our logo](media:logo.png)",
        "url: https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "[about us](page:about)",
    ] {
        assert!(launch.contains(expected), "{expected:?} not in:\n{launch}");
    }
    let site_yml = String::from_utf8(export(&dir)["site.yml"].clone()).unwrap();
    assert!(site_yml.contains("slug: blog\n    title: Blog"), "the section's _index.md names it: {site_yml}");
    assert_eq!(check_errors(&dir), Vec::<Value>::new());
    redirects(&build(&dir), "/2024/launch/", "/blog/launch/");
}

#[test]
fn a_jekyll_site_comes_in_with_its_posts_drafts_and_redirects() {
    let (_t, dir, report) = static_site("jekyll");
    assert_eq!(counts(&report), [3, 1, 0, 1, 4], "{report:#}");
    assert!(report["warnings"].to_string().contains("{% include … %}"));
    let hello = article(&dir, "hello-jekyll");
    for expected in [
        "section: updates",
        "date: 2024-03-01",
        "summary: The hives are awake.",
        "![A hive](media:pic.png)",
        "```ruby\nputs \"buzz\"\n```",
        "[the second post](article:second)",
    ] {
        assert!(hello.contains(expected), "{expected:?} not in:\n{hello}");
    }
    assert!(article(&dir, "idea").contains("status: draft"), "_drafts/ are drafts");
    assert_eq!(check_errors(&dir), Vec::<Value>::new());
    let built = build(&dir);
    redirects(&built, "/old-hello/", "/updates/hello-jekyll/");
    redirects(&built, "/updates/2024/03/01/hello-jekyll/", "/updates/hello-jekyll/");
}

#[test]
fn not_a_site_is_a_clear_error() {
    let (_t, dir) = site(false);
    let empty = tempfile::tempdir().unwrap();
    for (kind, expected) in
        [("hugo", "no content/ folder"), ("zola", "no content/ folder"), ("jekyll", "not a Jekyll site")]
    {
        let out = import(&dir, &["--from", kind, empty.path().to_str().unwrap()]);
        assert!(!out.status.success());
        assert!(stderr(&out).contains(expected), "{kind}: {}", stderr(&out));
    }
    let out = import(&dir, &["--from", "drupal", "x"]);
    assert!(!out.status.success(), "an unknown --from is refused");
}

#[test]
fn without_media_from_the_files_are_downloaded_from_the_old_site() {
    // The "old site": a real HTTP server on 127.0.0.1 serving the fixture's uploads, one
    // thread per connection, one request per connection.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let uploads = fixture("wordpress/uploads");
    let requests = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = requests.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (uploads, seen) = (uploads.clone(), seen.clone());
            std::thread::spawn(move || {
                use std::io::{BufRead, Write};
                let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                // The rest of the request head.
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let path = line.split_whitespace().nth(1).unwrap_or("").split('?').next().unwrap_or("").to_string();
                let file =
                    path.strip_prefix("/wp-content/uploads/").and_then(|rel| std::fs::read(uploads.join(rel)).ok());
                let (status, body) = match file {
                    Some(bytes) => ("200 OK", bytes),
                    None => ("404 Not Found", b"not here".to_vec()),
                };
                let head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
            });
        }
    });
    let tmp = tempfile::tempdir().unwrap();
    let xml = std::fs::read_to_string(fixture("wordpress/export.xml"))
        .unwrap()
        .replace("https://www.ngo.invalid", &format!("http://127.0.0.1:{port}"));
    let export = tmp.path().join("export.xml");
    std::fs::write(&export, xml).unwrap();
    let (_t, dir) = site(false);
    let out = masthead_on(&dir, &["import", "--from", "wordpress", export.to_str().unwrap(), "--json"])
        .env_remove("MASTHEAD_IMPORT_OFFLINE")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["media"], 4, "{report:#}");
    assert!(requests.load(std::sync::atomic::Ordering::SeqCst) >= 5, "the files were downloaded");
    let skipped = report["skipped"].to_string();
    assert!(skipped.contains("attachment 104") && skipped.contains("404"), "{skipped}");
    let first = article(&dir, "hello-from-the-field");
    assert!(first.contains("image: media:field.png"), "{first}");
    assert!(first.contains("[who we are](page:about)"), "links to the old host are rewritten: {first}");
}

/// Copies a fixture folder (files only) into `to`.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_hostile_hugo_site_reads_nothing_outside_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("hugo");
    copy_tree(&fixture("hugo"), &root);
    std::fs::write(tmp.path().join("secret.png"), std::fs::read(fixture("hugo/static/images/team.png")).unwrap())
        .unwrap();
    let posts = root.join("content/posts");
    std::os::unix::fs::symlink("/etc/passwd", posts.join("passwd.md")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("secret.png"), root.join("static/images/linked.png")).unwrap();
    std::fs::write(
        posts.join("sneaky.md"),
        "---\ntitle: Sneaky\ndate: 2024-05-01\n---\n![a](../../../secret.png) ![b](/images/linked.png) [x](javascript:alert(1)) <script>alert(1)</script>\n",
    )
    .unwrap();
    std::fs::write(posts.join("latin1.md"), b"---\ntitle: caf\xe9\n---\n").unwrap();
    std::fs::write(posts.join("huge.md"), format!("---\ntitle: Huge\n---\n{}", "x".repeat(3 << 20))).unwrap();
    std::fs::write(posts.join("broken.md"), "---\ntitle: [unclosed\n---\n").unwrap();
    let (_t, dir) = site(false);
    let report = import_json(&dir, &["--from", "hugo", root.to_str().unwrap()]);
    let skipped = report["skipped"].to_string();
    for expected in [
        "content/posts/passwd.md",
        "links are not followed",
        "latin1.md",
        "not UTF-8",
        "huge.md",
        "2 MB",
        "broken.md",
        "front matter is invalid",
    ] {
        assert!(skipped.contains(expected), "{expected:?} not in {skipped}");
    }
    assert_eq!(report["media"], 3, "no file from outside the site: {report:#}");
    let sneaky = article(&dir, "sneaky");
    assert!(sneaky.contains("![a](../../../secret.png)") && sneaky.contains("![b](/images/linked.png)"), "{sneaky}");
    assert!(!sneaky.contains("javascript:"), "{sneaky}");
    let warnings = report["warnings"].to_string();
    assert!(warnings.contains("outside"), "the linked file is refused and said so: {warnings}");
    let built = build(&dir);
    let page = &built["posts/sneaky/index.html"];
    assert!(!page.contains("<script>alert") && !page.contains("javascript:"), "{page}");
}

#[test]
fn wordpress_com_uploads_are_found_by_their_path() {
    let tmp = tempfile::tempdir().unwrap();
    let uploads = tmp.path().join("uploads");
    std::fs::create_dir_all(uploads.join("2021/03")).unwrap();
    std::fs::copy(fixture("wordpress/uploads/2023/05/well.png"), uploads.join("2021/03/pump.png")).unwrap();
    let xml = tmp.path().join("export.xml");
    std::fs::write(
        &xml,
        r#"<rss><channel><link>https://water.wordpress.com</link>
<item><title>Pump</title><wp:post_id>5</wp:post_id><wp:post_type>attachment</wp:post_type><wp:attachment_url>https://waterngo.files.wordpress.com/2021/03/pump.png</wp:attachment_url><wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>A hand pump</wp:meta_value></wp:postmeta></item>
<item><title>The pump works</title><link>https://water.wordpress.com/2021/03/10/the-pump-works/</link><wp:post_id>6</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_name>the-pump-works</wp:post_name><wp:post_date_gmt>2021-03-10 10:00:00</wp:post_date_gmt><excerpt:encoded>It works.</excerpt:encoded>
<content:encoded><![CDATA[<img src="https://waterngo.files.wordpress.com/2021/03/pump.png?w=300" alt="" />]]></content:encoded></item>
</channel></rss>"#,
    )
    .unwrap();
    let (_t, dir) = site(false);
    let report =
        import_json(&dir, &["--from", "wordpress", xml.to_str().unwrap(), "--media-from", uploads.to_str().unwrap()]);
    assert_eq!(report["media"], 1, "{report:#}");
    let post = article(&dir, "the-pump-works");
    assert!(post.contains("```figure\nimage: media:pump.png\nalt: A hand pump\n```"), "{post}");
    redirects(&build(&dir), "/2021/03/10/the-pump-works/", "/the-pump-works/");
}

#[test]
fn the_json_report_has_the_documented_shape() {
    let (_t, dir) = site(false);
    let source = fixture("zola");
    let out = import(&dir, &["--from", "zola", source.to_str().unwrap(), "--json", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let v: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = ["articles", "pages", "slides", "media", "redirects", "skipped", "warnings", "ms"];
    // In the documented order on stdout.
    let at = |k: &str| text.find(&format!("\"{k}\"")).unwrap();
    assert!(expected.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
    expected.sort();
    assert_eq!(keys, expected);
    for item in v["skipped"].as_array().unwrap() {
        assert_eq!(item.as_object().unwrap().keys().collect::<Vec<_>>(), ["reason", "source"]);
    }
    let out = import(&dir, &["--from", "hugo", fixture("hugo").to_str().unwrap(), "--json"]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    for item in v["warnings"].as_array().unwrap() {
        assert_eq!(item.as_object().unwrap().keys().collect::<Vec<_>>(), ["entity", "message", "source"]);
    }
}
