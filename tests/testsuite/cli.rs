//! The `masthead` command: its JSON shapes (as written in docs/cli.md), messages and exit codes.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::{masthead, stderr, stdout};

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

fn set(items: &[&'static str]) -> BTreeSet<&'static str> {
    items.iter().copied().collect()
}

fn json(args: &[&str]) -> Value {
    let out = masthead(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?} printed more than JSON ({e}): {}", stdout(&out)))
}

#[test]
fn init_demo_then_list_json_shapes() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("x");
    let site = site.to_str().unwrap();
    let out = masthead(&["--site", site, "init", "--demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Created the demo site"));

    let slides = json(&["--site", site, "list", "slides", "--json"]);
    let slides = slides.as_array().unwrap();
    let seed = crate::demo::seed_carousel();
    assert_eq!(slides.len(), seed.len());
    for (s, (headline, _, cta)) in slides.iter().zip(&seed) {
        assert_eq!(
            keys(s),
            set(&[
                "id",
                "slug",
                "headline",
                "blurb",
                "cta",
                "link",
                "image",
                "image_alt",
                "position",
                "show_from",
                "show_until",
                "status"
            ])
        );
        assert_eq!((s["headline"].as_str().unwrap(), s["cta"].as_str().unwrap()), (headline.as_str(), cta.as_str()));
    }

    let articles = json(&["--site", site, "list", "articles", "--json"]);
    let article_keys = set(&[
        "id",
        "title",
        "slug",
        "date",
        "status",
        "section",
        "tags",
        "author",
        "summary",
        "image",
        "image_alt",
        "seo_title",
        "seo_description",
        "lang",
        "event_start",
        "event_end",
        "location",
        "body",
    ]);
    assert!(articles.as_array().unwrap().len() > 20);
    for a in articles.as_array().unwrap() {
        assert_eq!(keys(a), article_keys);
        assert!(a["id"].is_i64() && a["tags"].is_array() && a["body"].is_string());
    }
    for p in json(&["--site", site, "list", "pages", "--json"]).as_array().unwrap() {
        assert_eq!(keys(p), set(&["id", "title", "slug", "status", "body"]));
    }
    let media = json(&["--site", site, "list", "media", "--json"]);
    for m in media.as_array().unwrap() {
        let variant = &m["variants"][0];
        for key in ["width", "height", "format", "bytes", "url"] {
            assert!(!variant[key].is_null(), "{}: variant {key}", m["name"]);
        }
        assert_eq!(
            keys(m),
            set(&[
                "id",
                "name",
                "hash",
                "mime",
                "bytes",
                "alt",
                "decorative",
                "caption",
                "credit",
                "width",
                "height",
                "title",
                "pages",
                "author",
                "focal",
                "variants",
                "used_by"
            ])
        );
    }
    let hits = json(&["--site", site, "search", "citizenship", "--json"]);
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        assert_eq!(keys(h), set(&["kind", "id", "slug", "title", "rank", "snippet"]));
    }
    assert_eq!(json(&["--site", site, "search", "\"zqxj AND( *", "--json"]), Value::Array(vec![]));

    // Human output is a table.
    let out = masthead(&["--site", site, "list", "slides"]);
    assert!(stdout(&out).lines().next().unwrap().starts_with("1 "));
}

#[test]
fn init_leaves_an_existing_site_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("x");
    let site = site.to_str().unwrap();
    assert!(masthead(&["--site", site, "init"]).status.success());
    assert_eq!(json(&["--site", site, "list", "articles", "--json"]), Value::Array(vec![]));
    let out = masthead(&["--site", site, "init", "--demo"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("left untouched"), "{}", stdout(&out));
    assert_eq!(json(&["--site", site, "list", "articles", "--json"]), Value::Array(vec![]));
}

#[test]
fn errors_go_to_stderr_with_a_non_zero_exit() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("missing");
    let out = masthead(&["--site", missing.to_str().unwrap(), "list", "articles", "--json"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("No Masthead site at") && stderr(&out).contains("init"), "{}", stderr(&out));
    assert!(!missing.exists(), "a missing site named explicitly is not created");

    let site = tmp.path().join("s");
    assert!(masthead(&["--site", site.to_str().unwrap(), "init"]).status.success());
    let bad = tmp.path().join("bad");
    std::fs::create_dir_all(bad.join("articles")).unwrap();
    std::fs::write(bad.join("articles/x.md"), "no front matter").unwrap();
    let out = masthead(&["--site", site.to_str().unwrap(), "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("articles/x.md, line 1"), "{}", stderr(&out));

    let out = masthead(&["--site", site.to_str().unwrap(), "list", "widgets"]);
    assert!(!out.status.success());
}

#[test]
fn export_and_import_through_the_cli() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, folder) = (tmp.path().join("a"), tmp.path().join("b"), tmp.path().join("folder"));
    let p = |x: &std::path::Path| x.to_str().unwrap().to_string();
    assert!(masthead(&["--site", &p(&a), "init", "--demo"]).status.success());
    let out = masthead(&["--site", &p(&a), "export", &p(&folder)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(folder.join("site.yml").is_file() && folder.join("media/sirius-final-conference-report.pdf").is_file());
    assert!(masthead(&["--site", &p(&b), "init"]).status.success());
    let out = masthead(&["--site", &p(&b), "import", &p(&folder)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("new"), "{}", stdout(&out));
    assert_eq!(
        json(&["--site", &p(&a), "list", "articles", "--json"]),
        json(&["--site", &p(&b), "list", "articles", "--json"])
    );
}

#[test]
fn build_and_check_json_shapes_and_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("x");
    let out = tmp.path().join("out");
    let (site, out) = (site.to_str().unwrap(), out.to_str().unwrap());
    assert!(masthead(&["--site", site, "init", "--demo"]).status.success());
    let built = json(&["--site", site, "build", "--out", out, "--now", "2026-11-25T12:00:00Z", "--json"]);
    assert_eq!(keys(&built), set(&["pages", "files", "bytes", "rendered", "skipped", "ms"]));
    assert!(built["pages"].as_u64().unwrap() > 50 && built["files"].as_u64() > built["pages"].as_u64());
    assert!(std::path::Path::new(out).join("index.html").is_file());
    let again = json(&["--site", site, "build", "--out", out, "--now", "2026-11-25T12:00:00Z", "--json"]);
    assert_eq!(again["files"], built["files"]);
    assert_eq!(again["bytes"], built["bytes"], "deterministic output");

    let checked = json(&["--site", site, "check", "--json"]);
    assert_eq!(keys(&checked), set(&["problems"]));
    for p in checked["problems"].as_array().unwrap() {
        assert_eq!(keys(p), set(&["severity", "code", "message", "entity", "field", "title"]));
        assert_eq!(p["severity"], "warning", "the demo has no blocking problem: {p}");
    }
    let bad = tmp.path().join("bad");
    std::fs::create_dir_all(bad.join("articles")).unwrap();
    std::fs::write(
        bad.join("articles/broken.md"),
        "---\ntitle: Broken\nstatus: published\nsection: news\n---\n[x](article:nowhere)\n",
    )
    .unwrap();
    assert!(masthead(&["--site", site, "import", bad.to_str().unwrap()]).status.success());
    let out = masthead(&["--site", site, "check", "--json"]);
    assert_eq!(out.status.code(), Some(1), "an error makes check exit 1");
    let checked: Value = serde_json::from_slice(&out.stdout).unwrap();
    let problem = checked["problems"].as_array().unwrap().iter().find(|p| p["severity"] == "error").unwrap();
    assert_eq!(
        (problem["code"].as_str(), problem["entity"].as_str(), problem["field"].as_str()),
        (Some("broken_reference"), Some("article:broken"), Some("body"))
    );
    let out = masthead(&["--site", site, "build", "--now", "yesterday"]);
    assert!(!out.status.success() && stderr(&out).contains("--now"), "{}", stderr(&out));
}

#[test]
fn without_a_site_the_default_site_is_created_with_the_demo() {
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(crate::common::masthead_bin())
        .args(["list", "slides", "--json"])
        .env_remove("MASTHEAD_SITE")
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("MASTHEAD_CONFIG_DIR", home.path().join("config"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let slides: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(slides.as_array().unwrap().len(), crate::demo::seed_carousel().len());
    assert!(home.path().join("data/masthead/default-site/site.db").is_file());
    // An explicitly named site that does not exist is never created.
    let out = std::process::Command::new(crate::common::masthead_bin())
        .args(["list", "slides"])
        .env("MASTHEAD_SITE", home.path().join("elsewhere"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .unwrap();
    assert!(!out.status.success() && !home.path().join("elsewhere").exists());
}

#[test]
fn decorative_pictures_pass_check_and_survive_export_and_import() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let site = site.to_str().unwrap();
    assert!(masthead(&["--site", site, "init"]).status.success());
    let png = tmp.path().join("texture.png");
    std::fs::write(&png, crate::store::tiny_png()).unwrap();
    let out = masthead(&["--site", site, "media", "add", "--decorative", png.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let articles = tmp.path().join("in/articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(
        articles.join("dots.md"),
        "---\ntitle: Dots\nstatus: published\ndate: 2026-01-01T10:00:00Z\nimage: media:texture.png\n---\n![](media:texture.png)\n",
    )
    .unwrap();
    assert!(masthead(&["--site", site, "import", tmp.path().join("in").to_str().unwrap()]).status.success());
    let checked = json(&["--site", site, "check", "--json"]);
    let alt: Vec<&Value> =
        checked["problems"].as_array().unwrap().iter().filter(|p| p["code"] == "missing_alt").collect();
    assert!(alt.is_empty(), "a decorative picture needs no alt text: {alt:?}");
    let listed = json(&["--site", site, "list", "media", "--json"]);
    assert_eq!(listed[0]["decorative"], true, "{listed}");

    let exported = tmp.path().join("export");
    assert!(masthead(&["--site", site, "export", exported.to_str().unwrap()]).status.success());
    let sidecar = std::fs::read_to_string(exported.join("media/texture.png.yml")).unwrap();
    assert!(sidecar.contains("decorative: true"), "{sidecar}");
    let other = tmp.path().join("other");
    let other = other.to_str().unwrap();
    assert!(masthead(&["--site", other, "init"]).status.success());
    assert!(masthead(&["--site", other, "import", exported.to_str().unwrap()]).status.success());
    let listed = json(&["--site", other, "list", "media", "--json"]);
    assert_eq!(listed[0]["decorative"], true, "{listed}");
    let out = masthead(&["--site", site, "media", "add", "--decorative", "--alt", "x", png.to_str().unwrap()]);
    assert!(!out.status.success(), "--alt and --decorative contradict each other");
}
