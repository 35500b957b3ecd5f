//! Hostile and broken input: each case must fail with a message that names the file (and the
//! line where there is one) and says what to do, and must leave the site exactly as it was.

use std::path::Path;

use masthead_media::Pipeline;
use masthead_store::*;

use crate::common::new_site;

const GOOD: &str = "---\ntitle: Fine\nstatus: published\n---\nA good article.\n";

/// Imports a folder holding good files plus `bad` at `rel`, and checks that the import fails
/// with a message containing every one of `expect`, without changing anything.
fn refused(rel: &str, bad: &[u8], expect: &[&str]) {
    let (_d, site) = new_site();
    site.import_tree(&demo_tree(), &Pipeline).unwrap();
    let before = site.export_tree().unwrap();
    let blobs_before = std::fs::read_dir(site.dir().join("media")).unwrap().count();
    let dir = tempfile::tempdir().unwrap();
    for i in 0..5 {
        write(dir.path(), &format!("articles/good-{i}.md"), GOOD.as_bytes());
    }
    write(dir.path(), "media/new-dot.png", &crate::store::tiny_png());
    write(dir.path(), rel, bad);
    let err = site.import_dir(dir.path(), &Pipeline).unwrap_err().to_string();
    for e in expect {
        assert!(err.contains(e), "importing {rel}: expected {e:?} in: {err}");
    }
    assert_eq!(site.export_tree().unwrap(), before, "importing {rel} changed the site");
    assert!(site.find::<Article>("good-0").unwrap().is_none());
    assert_eq!(std::fs::read_dir(site.dir().join("media")).unwrap().count(), blobs_before, "{rel} left a media file");
    assert_eq!(site.integrity_check().unwrap(), "ok");
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn invalid_utf8_is_refused() {
    refused("articles/latin1.md", b"---\ntitle: Caf\xe9\n---\nBody", &["articles/latin1.md", "line 2", "UTF-8"]);
}

#[test]
fn missing_front_matter_is_refused() {
    refused(
        "articles/plain.md",
        b"# Just Markdown\n\nNo front matter.",
        &["articles/plain.md", "line 1", "front matter"],
    );
    refused("articles/open.md", b"---\ntitle: Never closed\n\nBody", &["articles/open.md", "not closed"]);
}

#[test]
fn unknown_keys_are_refused() {
    refused("articles/extra.md", b"---\ntitle: Hi\ncolour: blue\n---\n", &["articles/extra.md", "line 3", "colour"]);
    refused("slides/01-x.md", b"---\nheadline: Hi\nbutton: Go\n---\n", &["slides/01-x.md", "button"]);
    refused("site.yml", b"title: Site\nthemes: dark\n", &["site.yml", "themes"]);
}

#[test]
fn wrong_types_are_refused() {
    refused("articles/types.md", b"---\ntitle: Hi\ntags:\n  nested: map\n---\n", &["articles/types.md", "line 3"]);
    refused("slides/01-pos.md", b"---\nheadline: Hi\nposition: first\n---\n", &["slides/01-pos.md", "line 3"]);
    refused("articles/status.md", b"---\ntitle: Hi\nstatus: live\n---\n", &["articles/status.md", "live"]);
    refused("articles/date.md", b"---\ntitle: Hi\ndate: tomorrow\n---\n", &["articles/date.md", "date", "2015-06-30"]);
    refused("site.yml", b"title: Site\ntimezone: Moon/Base\n", &["site.yml", "timezone"]);
}

#[test]
fn huge_bodies_are_refused() {
    let mut big = b"---\ntitle: Huge\n---\n".to_vec();
    big.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    refused("articles/huge.md", &big, &["articles/huge.md", "limit is 2 MB"]);
}

#[test]
fn path_escapes_are_refused() {
    refused(
        "articles/escape.md",
        b"---\ntitle: Hi\nslug: ../../etc/passwd\n---\n",
        &["articles/escape.md", "not allowed"],
    );
    refused(
        "articles/img.md",
        b"---\ntitle: Hi\nimage: media:../../secret.jpg\n---\n",
        &["articles/img.md", "not a valid link"],
    );
    refused(
        "slides/01-l.md",
        b"---\nheadline: Hi\nlink: javascript:alert(1)\n---\n",
        &["slides/01-l.md", "not a valid link"],
    );
    refused("media/Bad Name.png", &crate::store::tiny_png(), &["media/Bad Name.png", "not a valid media name"]);
}

#[test]
fn disguised_and_orphan_media_are_refused() {
    refused("media/report.pdf", b"<!DOCTYPE html><html><body>hi</body></html>", &["media/report.pdf", "HTML"]);
    refused("media/photo.jpg", &crate::store::tiny_png(), &["media/photo.jpg", "rename it to end in .png"]);
    refused("media/ghost.jpg.yml", b"alt: Nothing here\n", &["media/ghost.jpg.yml", "no media/ghost.jpg"]);
    refused("media/drawing.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>", &["SVG"]);
}

#[test]
fn duplicate_and_clashing_slugs_are_refused() {
    refused("articles/dup.md", b"---\ntitle: Other\nslug: good-1\n---\n", &["slug `good-1` is used by another file"]);
    // `about` is a page of the demo site; an article may not take its slug.
    refused(
        "articles/about.md",
        b"---\ntitle: About as article\n---\n",
        &["articles/about.md", "already used by another page"],
    );
}

#[cfg(unix)]
#[test]
fn links_out_of_the_folder_are_refused() {
    let (_d, site) = new_site();
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/ok.md", GOOD.as_bytes());
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("articles/passwd.md")).unwrap();
    let err = site.import_dir(dir.path(), &Pipeline).unwrap_err().to_string();
    assert!(err.contains("articles/passwd.md") && err.contains("link"), "{err}");
    assert!(site.list::<Article>().unwrap().is_empty());
}

#[test]
fn an_empty_or_foreign_folder_is_refused() {
    let (_d, site) = new_site();
    let dir = tempfile::tempdir().unwrap();
    let err = site.import_dir(dir.path(), &Pipeline).unwrap_err().to_string();
    assert!(err.contains("not a portable Masthead folder"), "{err}");
    let err = site.import_dir(&dir.path().join("missing"), &Pipeline).unwrap_err().to_string();
    assert!(err.contains("is not a folder"), "{err}");
}
