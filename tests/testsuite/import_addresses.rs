//! The old addresses of an imported site that its generator made from patterns: Jekyll's
//! default `.html` permalinks, Hugo's `[permalinks]` and `uglyURLs`. Each must answer with a
//! redirect after the first build, and keep doing so after an export and an import.

use std::path::{Path, PathBuf};

use crate::import::{build, copy_tree, export, fixture, import_json, redirects, site};

/// A copy of a fixture source whose config file is changed by `edit`.
fn source(tmp: &Path, kind: &str, config: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let root = tmp.join(kind);
    copy_tree(&fixture(kind), &root);
    let text = std::fs::read_to_string(root.join(config)).unwrap();
    std::fs::write(root.join(config), edit(&text)).unwrap();
    root
}

#[test]
fn jekyll_default_permalinks_end_in_html_and_still_answer() {
    let tmp = tempfile::tempdir().unwrap();
    // Jekyll's default permalink style ("date"): /:categories/:year/:month/:day/:title.html
    let root = source(tmp.path(), "jekyll", "_config.yml", |t| t.replace("permalink: pretty\n", ""));
    let (_t, dir) = site(false);
    let report = import_json(&dir, &["--from", "jekyll", root.to_str().unwrap()]);
    let warnings = report["warnings"].to_string();
    assert!(!warnings.contains("gets no redirect"), "every old address gets its redirect: {warnings}");
    let built = build(&dir);
    redirects(&built, "/updates/2024/03/01/hello-jekyll.html", "/updates/hello-jekyll/");
    redirects(&built, "/updates/2024/03/02/second.html", "/updates/second/");
    redirects(&built, "/old-hello/", "/updates/hello-jekyll/");
    assert!(!built.keys().any(|k| k.contains("hello-jekyll.html/")), "a page file is not a folder");

    // The export keeps them as aliases, and a site made from that export answers the same.
    let files = export(&dir);
    let hello = String::from_utf8(files["articles/hello-jekyll.md"].clone()).unwrap();
    assert!(hello.contains("/updates/2024/03/01/hello-jekyll.html"), "{hello}");
    let folder = tmp.path().join("exported");
    for (rel, bytes) in &files {
        let path = folder.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let (_t2, second) = site(false);
    let out = crate::common::masthead_on(&second, &["import", folder.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", crate::common::stderr(&out));
    redirects(&build(&second), "/updates/2024/03/01/hello-jekyll.html", "/updates/hello-jekyll/");
}

#[test]
fn hugo_permalink_patterns_give_the_old_addresses() {
    let tmp = tempfile::tempdir().unwrap();
    let root = source(tmp.path(), "hugo", "hugo.toml", |t| {
        format!("{t}\n[permalinks]\n  posts = \"/:year/:month/:title/\"\n")
    });
    let (_t, dir) = site(false);
    import_json(&dir, &["--from", "hugo", root.to_str().unwrap()]);
    let built = build(&dir);
    // `:title` is the title made into an address, as Hugo does, in lower case.
    redirects(&built, "/2024/02/our-first-river-clean-up/", "/posts/first-post/");
    redirects(&built, "/2024/03/a-bundle-with-its-own-photo/", "/posts/second/");
    redirects(&built, "/old/first/", "/posts/first-post/");
    // Pages outside `posts` keep the folder address, which is the new one too.
    assert!(built.contains_key("about/index.html"));
}

#[test]
fn hugo_ugly_urls_are_page_files() {
    let tmp = tempfile::tempdir().unwrap();
    let root = source(tmp.path(), "hugo", "hugo.toml", |t| format!("uglyURLs = true\n{t}"));
    let (_t, dir) = site(false);
    import_json(&dir, &["--from", "hugo", root.to_str().unwrap()]);
    let built = build(&dir);
    redirects(&built, "/posts/first-post.html", "/posts/first-post/");
    redirects(&built, "/about.html", "/about/");
}
