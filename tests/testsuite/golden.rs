//! Golden fixtures, as mdBook and Zola keep them: each `tests/fixtures/golden/<case>/site/` is a
//! portable site folder, and `expected/` is its whole build (every page kind, feed, sitemap,
//! calendar file and search shard) as of a fixed moment, so that a change to the HTML is seen
//! whole in the diff of a commit. Pictures and other binary files (their bytes depend on the
//! machine's image encoder) and the theme's assets (copied from `themes/default/assets`) are
//! listed by name in `expected/LISTED`.
//!
//! After a deliberate change to the output, `make golden` writes `expected/` again; review the
//! diff before committing it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{masthead, repo, stderr};

const NOW: &str = "2026-11-25T12:00:00Z";
const STAMP: &str = "2026-11-20T10:00:00Z";
const TEXT: &[&str] = &["html", "xml", "json", "ics", "txt", "css", "js", "webmanifest"];

/// Every file under `dir`, by `/`-separated relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.is_dir() {
        walk(dir, dir, &mut out);
    }
    out
}

fn is_text(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| TEXT.contains(&ext))
}

/// The build of a case, as `expected/` holds it: text files as they are, binaries by name.
fn built(case: &Path) -> BTreeMap<String, Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    let (site, out) = (tmp.path().join("site"), tmp.path().join("out"));
    let (site, out) = (site.to_str().unwrap(), out.to_str().unwrap());
    let run = |args: &[&str]| {
        let result = masthead(args);
        assert!(result.status.success(), "{args:?}: {}", stderr(&result));
    };
    run(&["--site", site, "init"]);
    run(&["--site", site, "import", case.join("site").to_str().unwrap()]);
    // Feeds and the sitemap say when each item last changed: the moment of the import, so it
    // is fixed here.
    let db = rusqlite::Connection::open(Path::new(site).join("site.db")).unwrap();
    for table in ["articles", "pages", "slides", "media"] {
        db.execute(&format!("UPDATE {table} SET created_at = ?1, updated_at = ?1"), [STAMP]).unwrap();
    }
    drop(db);
    run(&["--site", site, "build", "--out", out, "--now", NOW]);
    let mut expected = BTreeMap::new();
    let mut listed = String::new();
    for (path, bytes) in tree(Path::new(out)) {
        // The theme's scripts and styles are copied as they are: themes/default/assets holds them.
        if is_text(&path) && !path.starts_with("assets/") {
            expected.insert(path, bytes);
        } else {
            listed.push_str(&format!("{path}\n"));
        }
    }
    expected.insert("LISTED".into(), listed.into_bytes());
    expected
}

#[test]
fn each_golden_site_builds_exactly_its_expected_output() {
    let update = std::env::var_os("MASTHEAD_UPDATE_GOLDEN").is_some();
    let root = repo().join("tests/fixtures/golden");
    let mut cases = 0;
    for case in std::fs::read_dir(&root).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        cases += 1;
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let got = built(&case);
        let dir = case.join("expected");
        if update {
            let _ = std::fs::remove_dir_all(&dir);
            for (path, bytes) in &got {
                std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
                std::fs::write(dir.join(path), bytes).unwrap();
            }
            continue;
        }
        let want = tree(&dir);
        let missing: Vec<&String> = want.keys().filter(|k| !got.contains_key(*k)).collect();
        let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name}: files no longer built {missing:?}, new files {extra:?} (run `make golden` if intended)"
        );
        for (path, bytes) in &got {
            if want[path] != *bytes {
                let (w, g) = (String::from_utf8_lossy(&want[path]), String::from_utf8_lossy(bytes));
                let line = w
                    .lines()
                    .zip(g.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(w.lines().count().min(g.lines().count()));
                panic!(
                    "{name}/{path} differs from expected/ at line {}:\n  expected: {}\n  built:    {}\n(run `make golden` if the change is intended, and review the diff)",
                    line + 1,
                    w.lines().nth(line).unwrap_or("<end>"),
                    g.lines().nth(line).unwrap_or("<end>")
                );
            }
        }
    }
    assert!(cases > 0, "no cases in {}", root.display());
}
