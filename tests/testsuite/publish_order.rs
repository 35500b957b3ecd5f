//! A first publish killed (SIGKILL) at any moment leaves no page on the host linking down to a
//! file that is not there: assets before pages, articles before the listings that list them,
//! listings deeper first, the home page last, the manifest after everything it lists. Links up
//! the site (menu, breadcrumbs, neighbours) form cycles no upload order avoids; see `Stage` in
//! crates/publish/src/manifest.rs.
//!
//! `MASTHEAD_PUBLISH_KILLS=200 cargo nextest run -p masthead-tests -E 'test(killed)'` kills at
//! more moments (the default keeps `make test` short).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::masthead_bin;
use crate::hosts::{Publisher, files_in};

/// 0 not a page, 1 an article or page, 2 a listing (tags, sections and their later pages,
/// search, 404), 3 the home page.
fn tier(path: &str, sections: &[String]) -> u8 {
    if !path.ends_with(".html") {
        return 0;
    }
    if path == "index.html" {
        return 3;
    }
    let (first, rest) = path.split_once('/').unwrap_or((path, ""));
    let listing = matches!(first, "tags" | "search")
        || rest.is_empty()
        || (sections.iter().any(|s| s == first) && (rest == "index.html" || rest.starts_with("page/")));
    if listing { 2 } else { 1 }
}

/// Site paths linked from a page (`href="/…"`, `src="/…"`).
fn links(html: &str) -> Vec<String> {
    let mut out = vec![];
    for attr in ["src=\"/", "href=\"/"] {
        for rest in html.split(attr).skip(1) {
            let target = rest.split(['"', '#', '?']).next().unwrap();
            if target.starts_with('/') {
                continue; // protocol-relative: another site
            }
            out.push(if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target.to_string()
            });
        }
    }
    out
}

/// Links down the site (to files of a lower tier, or to any file that is not a page) that point
/// at a file the host does not have, and files the host's manifest lists that are not there.
fn broken(root: &Path, sections: &[String]) -> Vec<String> {
    let files: BTreeMap<String, String> = files_in(root);
    let mut bad = vec![];
    for path in files.keys().filter(|p| p.ends_with(".html")) {
        let Ok(html) = std::fs::read_to_string(root.join(path)) else { continue };
        let own = tier(path, sections);
        for target in links(&html) {
            let t = tier(&target, sections);
            if (t == 0 || t < own) && !files.contains_key(&target) {
                bad.push(format!("{path} → /{target}"));
            }
        }
    }
    if let Ok(bytes) = std::fs::read(root.join(".masthead/manifest.json")) {
        let m: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        for path in m["files"].as_object().unwrap().keys() {
            if !files.contains_key(path) {
                bad.push(format!("the manifest lists {path}, which is not there"));
            }
        }
    }
    bad
}

fn count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| if e.path().is_dir() { count(&e.path()) } else { 1 }).sum::<usize>())
        .unwrap_or(0)
}

#[test]
fn a_first_publish_killed_at_any_moment_leaves_no_page_linking_down_to_a_missing_file() {
    let kills: usize = std::env::var("MASTHEAD_PUBLISH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(40);
    let www = tempfile::tempdir().unwrap();
    let root = www.path().join("www");
    std::fs::create_dir_all(&root).unwrap();
    killed_publishes(&format!("file://{}/", root.display()), &root, kills);
}

/// The same on a real WebDAV server (nginx), whose uploads land in a folder here.
#[test]
fn a_first_publish_to_webdav_killed_at_any_moment_leaves_no_page_linking_down_to_a_missing_file() {
    let kills: usize = std::env::var("MASTHEAD_PUBLISH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(12);
    let host = crate::hosts::TestHost::start("webdav-nginx");
    killed_publishes(&host.get("url"), &host.root(), kills);
}

/// Kills a first publish to `url` (which lands in `root`) at `kills` moments spread over the
/// upload, checks the links on the host after each, and then lets a publish finish.
fn killed_publishes(url: &str, root: &Path, kills: usize) {
    let p = Publisher::demo();
    let out = p.run(&["target", "add", "live", url], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(p.run(&["build"], None).status.success());
    let total = p.build().len();
    let (sections, journal) = {
        let site = masthead_store::Site::open(p.site()).unwrap();
        let sections: Vec<String> = site.settings().unwrap().sections.into_iter().map(|s| s.slug).collect();
        (sections, site.cache_dir().join("publish/live.json"))
    };
    // Every stage boundary is among the kill points: they step through the upload evenly.
    for i in 0..kills {
        empty(root);
        let _ = std::fs::remove_file(&journal);
        let wanted = 1 + (total * i) / kills;
        let mut child = Command::new(masthead_bin())
            .arg("--site")
            .arg(p.site())
            .args(["publish", "--json"])
            .env_remove("MASTHEAD_SITE")
            .env("MASTHEAD_CONFIG_DIR", p.dir.path().join("config"))
            .env("MASTHEAD_PUBLISH_DELAY_MS", "15")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while count(root) < wanted && child.try_wait().unwrap().is_none() {
            assert!(started.elapsed() < Duration::from_secs(60), "the publish stalled");
            std::thread::sleep(Duration::from_millis(1));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let there = count(root);
        assert_eq!(broken(root, &sections), Vec::<String>::new(), "{url}: killed after {there} of {total} files");
    }
    println!("{url}: {kills} publishes killed, no page linking to a missing file");
    // A full publish after the last kill converges.
    p.publish(&[]);
    let published: BTreeMap<String, String> =
        files_in(root).into_iter().filter(|(f, _)| !f.starts_with(".masthead/")).collect();
    assert_eq!(published, p.build());
}

/// Empties the host's folder, keeping the folder itself (a server may be serving it). The
/// server may still be finishing a request of the publish just killed and write a file into a
/// folder being removed: that is tried again, for up to 5 s.
fn empty(root: &Path) {
    let started = Instant::now();
    loop {
        let removed = std::fs::read_dir(root).unwrap().flatten().try_for_each(|entry| {
            let path = entry.path();
            if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) }
        });
        match removed {
            Ok(()) => return,
            Err(e) if started.elapsed() < Duration::from_secs(5) => {
                eprintln!("emptying {}: {e}; trying again", root.display());
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => panic!("could not empty {}: {e}", root.display()),
        }
    }
}
