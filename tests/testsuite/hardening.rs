//! Masthead deletes only files it made (issue 22, A), and imports and exports never reach
//! outside their folders or leave a half-replaced export behind (issue 22, C).

use std::path::{Path, PathBuf};

use masthead_media::Pipeline;
use masthead_store::*;

use crate::common::new_site;
use crate::store::tiny_png;

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_site_is_only_created_in_an_empty_or_new_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let busy = tmp.path().join("documents");
    write(&busy.join("notes.txt"), b"mine");
    write(&busy.join("media/holiday.jpg"), b"my photo");
    for (what, err) in [
        ("create", Site::create(&busy).unwrap_err()),
        ("create_demo", Site::create_demo(&busy, &Pipeline, "Tester").map(|_| ()).unwrap_err()),
    ] {
        let text = err.to_string();
        assert!(
            text.contains("is not empty and is not a Masthead site") && text.contains("choose an empty folder"),
            "{what}: {text}"
        );
        assert_eq!(names(&busy), ["media", "notes.txt"], "{what} added nothing");
        assert_eq!(names(&busy.join("media")), ["holiday.jpg"]);
    }

    // An empty folder, one with only the Finder's litter, and a new one all work.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    drop(Site::create(&empty).unwrap());
    let finder = tmp.path().join("finder");
    write(&finder.join(".DS_Store"), b"\0");
    drop(Site::create(&finder).unwrap());
    let new = tmp.path().join("new/nested/site");
    drop(Site::create(&new).unwrap());
    for dir in [&empty, &finder, &new] {
        assert!(dir.join("site.db").is_file() && dir.join("media").is_dir() && dir.join("cache").is_dir());
    }
    // A site is still refused as a site, not as a busy folder.
    assert!(matches!(Site::create(&empty).unwrap_err(), StoreError::SiteExists(_)));
}

#[test]
fn emptying_the_trash_deletes_only_files_masthead_stored() {
    let (tmp, site) = new_site();
    let added = site
        .add_media(NewMedia { bytes: &tiny_png(), original_name: "dot.png", ..Default::default() }, &Pipeline)
        .unwrap();
    let blob = site.media_path(&added.media);
    assert!(blob.is_file());
    let media = site.dir().join("media");
    // Things someone else put in media/: files, a folder, a file named like a stored file but
    // not holding those bytes, and a link named like one.
    write(&media.join("notes.txt"), b"mine");
    write(&media.join("holiday.jpg"), b"my photo");
    write(&media.join("sub/keep.txt"), b"mine too");
    let lookalike = format!("{}.png", "0".repeat(64));
    write(&media.join(&lookalike), b"not a stored file");
    let outside = tmp.path().join("outside.png");
    write(&outside, &tiny_png());
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, media.join(format!("{}.png", "a".repeat(64)))).unwrap();

    site.remove_media("dot.png").unwrap();
    site.empty_trash().unwrap();
    assert!(!blob.exists(), "the file Masthead stored went with its item");
    for keep in ["notes.txt", "holiday.jpg", "sub/keep.txt", lookalike.as_str()] {
        assert!(media.join(keep).exists(), "media/{keep} was deleted");
    }
    assert!(outside.is_file());
    #[cfg(unix)]
    assert!(std::fs::symlink_metadata(media.join(format!("{}.png", "a".repeat(64)))).is_ok(), "the link stays");
}

/// Lets the import fail at its first media file, after putting a file of the user's into
/// `media/` (as someone saving into the folder while the demo is made would).
struct FailingProbe(PathBuf);

impl MediaProbe for FailingProbe {
    fn probe(&self, _bytes: &[u8]) -> Result<MediaInfo> {
        write(&self.0.join("media/holiday.jpg"), b"my photo");
        Err(StoreError::Invalid("The disk is full.".into()))
    }
}

#[test]
fn a_failed_demo_import_removes_only_what_it_made() {
    let tmp = tempfile::tempdir().unwrap();
    let chosen = tmp.path().join("chosen");
    std::fs::create_dir(&chosen).unwrap();
    let err = Site::create_demo(&chosen, &FailingProbe(chosen.clone()), "Tester").map(|_| ()).unwrap_err();
    assert!(err.to_string().contains("disk is full"), "{err}");
    assert!(chosen.is_dir(), "the folder the user made stays");
    assert_eq!(names(&chosen), ["media"], "the database and cache/ are gone");
    assert_eq!(names(&chosen.join("media")), ["holiday.jpg"], "the user's file stays");

    // A folder the demo made itself goes entirely.
    let fresh = tmp.path().join("fresh/site");
    let probe = FailingProbe(tmp.path().join("elsewhere"));
    Site::create_demo(&fresh, &probe, "Tester").map(|_| ()).unwrap_err();
    assert!(!tmp.path().join("fresh").exists());
}

#[cfg(unix)]
#[test]
fn links_are_refused_at_every_level_of_an_import() {
    let outside = tempfile::tempdir().unwrap();
    write(&outside.path().join("articles/secret.md"), b"---\ntitle: Secret\n---\nPrivate.\n");
    write(&outside.path().join("site.yml"), b"title: Not mine\n");
    let link = |target: &str, at: &Path, rel: &str| {
        std::fs::create_dir_all(at.join(rel).parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(outside.path().join(target), at.join(rel)).unwrap();
    };
    let ok = b"---\ntitle: Fine\n---\nBody.\n";
    for (rel, target) in
        [("articles", "articles"), ("site.yml", "site.yml"), ("articles/secret.md", "articles/secret.md")]
    {
        let (_d, site) = new_site();
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join("pages/about.md"), ok);
        link(target, dir.path(), rel);
        let err = site.import_dir(dir.path(), &Pipeline).unwrap_err().to_string();
        assert!(err.contains(rel) && err.contains("link"), "{rel}: {err}");
        assert!(site.list::<Article>().unwrap().is_empty() && site.list::<Page>().unwrap().is_empty(), "{rel}");
        assert_ne!(site.settings().unwrap().title, "Not mine");
    }
}

#[cfg(unix)]
#[test]
fn an_export_over_an_earlier_one_is_all_new_or_all_old() {
    let (tmp, site) = new_site();
    site.add_media(NewMedia { bytes: &tiny_png(), original_name: "dot.png", ..Default::default() }, &Pipeline).unwrap();
    let mut article = site
        .save(&Article { title: "First".into(), body: "Old.".into(), ..Default::default() }, SaveMode::Explicit)
        .unwrap();
    let out = tmp.path().join("export");
    site.export_dir(&out).unwrap();
    let old = Tree::read_dir(&out).unwrap();
    article.body = "New.".into();
    site.save(&article, SaveMode::Explicit).unwrap();
    // Something in the earlier export's media/ place that is not a folder (a named pipe)
    // used to stop the export halfway, with articles/ already replaced.
    std::fs::remove_dir_all(out.join("media")).unwrap();
    let status = std::process::Command::new("mkfifo").arg(out.join("media")).status().unwrap();
    assert!(status.success());
    let without_media = |t: &Tree| {
        let mut t = t.clone();
        t.0.retain(|k, _| !k.starts_with("media/"));
        t
    };
    let now = Tree::read_dir(&out).unwrap();
    match site.export_dir(&out) {
        Ok(_) => assert_eq!(Tree::read_dir(&out).unwrap(), site.export_tree().unwrap(), "all new"),
        Err(e) => assert_eq!(without_media(&Tree::read_dir(&out).unwrap()), without_media(&now), "all old: {e}"),
    }
    assert_ne!(old, site.export_tree().unwrap());
    let leftovers: Vec<String> = names(tmp.path()).into_iter().filter(|n| n.starts_with(".masthead")).collect();
    assert!(leftovers.is_empty(), "temporary folders left: {leftovers:?}");
}

#[test]
fn a_file_another_process_is_adding_is_not_collected_until_it_has_settled() {
    let (_tmp, site) = new_site();
    // Another process (the CLI beside the app) has written its file and not yet committed the row.
    let bytes = tiny_png();
    let name = format!("{}.png", blake3::hash(&bytes).to_hex());
    let media = site.dir().join("media");
    write(&media.join(&name), &bytes);
    site.empty_trash().unwrap();
    assert!(media.join(&name).is_file(), "a new file without its row yet is left alone");
    // Left alone for long (an add that died): collected.
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(media.join(&name)).unwrap().set_modified(hour_ago).unwrap();
    site.empty_trash().unwrap();
    assert!(!media.join(&name).exists(), "a settled orphan is collected");
}
