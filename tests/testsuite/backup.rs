//! A site in one archive and back (Settings → Sites in the app), and removing the demo content.

use std::path::Path;

use masthead_media::Pipeline;
use masthead_store::{Article, Media, Site, Slide};

fn demo(dir: &Path) -> Site {
    Site::create_demo(dir.join("site"), &Pipeline, "Tester").unwrap().0
}

#[test]
fn a_backup_restores_into_a_new_folder_as_the_same_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = demo(dir.path());
    let file = dir.path().join("backups/mpg.tar");
    let size = site.backup_to(&file).unwrap();
    assert!(size > 100_000, "the database and the media files are in it: {size} bytes");
    assert_eq!(std::fs::read_dir(dir.path().join("backups")).unwrap().count(), 1, "no temporary files left");

    let restored = Site::restore_backup(&file, &dir.path().join("restored")).unwrap();
    assert_eq!(restored.export_tree().unwrap(), site.export_tree().unwrap(), "the same content, word for word");
    for m in restored.list::<Media>().unwrap() {
        assert!(restored.media_path(&m).is_file(), "{} came back", m.name);
    }

    // Into a folder that has something in it: refused, and nothing there touched.
    let busy = dir.path().join("busy");
    std::fs::create_dir_all(&busy).unwrap();
    std::fs::write(busy.join("notes.txt"), "mine").unwrap();
    let err = Site::restore_backup(&file, &busy).unwrap_err().to_string();
    assert!(err.contains("not empty"), "{err}");
    assert_eq!(std::fs::read_dir(&busy).unwrap().count(), 1);
}

#[test]
fn files_that_are_not_backups_are_refused_and_leave_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // Tried: a text file, an archive without a database, and one with a path out of the folder.
    let text = dir.path().join("notes.tar");
    std::fs::write(&text, "not an archive at all").unwrap();
    let empty = dir.path().join("empty.tar");
    let mut b = tar::Builder::new(std::fs::File::create(&empty).unwrap());
    let mut header = tar::Header::new_gnu();
    header.set_size(2);
    header.set_cksum();
    b.append_data(&mut header, "media/x.txt", &b"hi"[..]).unwrap();
    b.finish().unwrap();
    let evil = dir.path().join("evil.tar");
    let mut raw = std::fs::read(&empty).unwrap();
    let name = b"../../escaped.txt\0";
    raw[..100].fill(0);
    raw[..name.len()].copy_from_slice(name);
    // Recompute the header checksum for the new name.
    raw[148..156].copy_from_slice(b"        ");
    let sum: u32 = raw[..512].iter().map(|&b| u32::from(b)).sum();
    raw[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    std::fs::write(&evil, raw).unwrap();

    for (file, why) in [(&text, "not a Masthead backup"), (&empty, "no site.db"), (&evil, "escaped.txt")] {
        let into = dir.path().join("into");
        let err = Site::restore_backup(file, &into).unwrap_err().to_string();
        assert!(err.contains(why), "{}: {err}", file.display());
        assert!(!into.exists(), "nothing was left for {}", file.display());
    }
    assert!(!dir.path().join("escaped.txt").exists() && !dir.path().parent().unwrap().join("escaped.txt").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 3, "only the three files tried: {leftovers:?}");
}

#[test]
fn removing_the_demo_content_trashes_it_and_keeps_the_site_settings_working() {
    let dir = tempfile::tempdir().unwrap();
    let site = demo(dir.path());
    let before = site.list_light::<Article>().unwrap().len() + site.list::<Slide>().unwrap().len();
    let removed = site.remove_all_content().unwrap();
    assert!(removed > before, "articles, slides, pages and unused media: {removed}");
    assert!(site.list_light::<Article>().unwrap().is_empty());
    assert!(site.list::<Slide>().unwrap().is_empty());
    let media: Vec<String> = site.list::<Media>().unwrap().into_iter().map(|m| m.name).collect();
    let settings = serde_json::to_string(&site.settings().unwrap()).unwrap();
    assert!(
        !media.is_empty() && media.iter().all(|m| settings.contains(m.as_str())),
        "only the logo and such stay: {media:?}"
    );
    assert!(site.list_trash().unwrap().len() >= removed, "all of it can be restored from the trash");
    let built = masthead_render::build_site(
        &site,
        &masthead_render::BuildOptions { now: jiff::Timestamp::now(), drafts: false },
    )
    .unwrap();
    assert!(built.paths().any(|p| p == "index.html"), "an empty site still builds");
}
