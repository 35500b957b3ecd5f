//! Backups and site folders from elsewhere are not trusted, and a backup never overwrites
//! anything but an earlier backup (issue 22, B).

use std::path::Path;

use masthead_media::Pipeline;
use masthead_store::*;

use crate::common::new_site;
use crate::store::tiny_png;

/// A site holding `dot.png`, in `<tmp>/site`.
fn site_with_media() -> (tempfile::TempDir, Site, Media) {
    let (tmp, site) = new_site();
    let new = NewMedia { bytes: &tiny_png(), original_name: "dot.png", ..Default::default() };
    let media = site.add_media(new, &Pipeline).unwrap().media;
    (tmp, site, media)
}

/// Sets a column of the media rows behind Masthead's back, as a crafted `site.db` would.
fn tamper(site: &Path, column: &str, value: &str) {
    let conn = rusqlite::Connection::open(site.join("site.db")).unwrap();
    conn.execute(&format!("UPDATE media SET {column} = ?"), [value]).unwrap();
}

/// A copy of the backup `from` with one more entry, made by `add`.
fn with_extra(from: &Path, to: &Path, add: impl FnOnce(&mut tar::Builder<std::fs::File>)) {
    let mut out = tar::Builder::new(std::fs::File::create(to).unwrap());
    let mut archive = tar::Archive::new(std::fs::File::open(from).unwrap());
    for entry in archive.entries().unwrap() {
        let entry = entry.unwrap();
        let header = entry.header().clone();
        out.append(&header, entry).unwrap();
    }
    add(&mut out);
    out.finish().unwrap();
}

fn header(kind: tar::EntryType, size: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_size(size);
    h.set_mode(0o644);
    h
}

#[test]
fn restore_refuses_links_and_special_entries() {
    let (tmp, site, media) = site_with_media();
    let good = tmp.path().join("good.tar");
    site.backup_to(&good).unwrap();
    let blob = site.media_path(&media).strip_prefix(site.dir()).unwrap().to_string_lossy().into_owned();
    type Add = Box<dyn FnOnce(&mut tar::Builder<std::fs::File>)>;
    let cases: Vec<(&str, Add)> = vec![
        // A link where the media file was: the build would read /etc/passwd as the image.
        (
            "symlink",
            Box::new({
                let blob = blob.clone();
                move |b| b.append_link(&mut header(tar::EntryType::Symlink, 0), blob, "/etc/passwd").unwrap()
            }),
        ),
        (
            "hard link",
            Box::new(|b| b.append_link(&mut header(tar::EntryType::Link, 0), "media/db.png", "site.db").unwrap()),
        ),
        ("fifo", Box::new(|b| b.append_data(&mut header(tar::EntryType::Fifo, 0), "media/pipe", &[][..]).unwrap())),
    ];
    for (what, add) in cases {
        let file = tmp.path().join(format!("{what}.tar"));
        with_extra(&good, &file, add);
        let into = tmp.path().join(format!("into-{what}"));
        let err = Site::restore_backup(&file, &into).map(|_| ()).unwrap_err().to_string();
        assert!(err.contains("not a Masthead backup") && err.contains("link or a special file"), "{what}: {err}");
        assert!(!into.exists(), "{what}: nothing restored");
    }
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".tar") && n != "site")
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left: {leftovers:?}");
    // The archive without the extra entry restores.
    Site::restore_backup(&good, &tmp.path().join("fine")).unwrap();
}

#[test]
fn a_media_row_never_names_a_file_outside_media() {
    let (tmp, site, media) = site_with_media();
    let dir = site.dir().to_path_buf();
    drop(site);
    // `<site>/media/../../secret.png` is `<tmp>/secret.png`.
    std::fs::write(tmp.path().join("secret.png"), "private").unwrap();
    for (column, value) in [("hash", "../../secret"), ("name", "dot.png/x"), ("name", "../secret.png")] {
        tamper(&dir, "hash", &media.hash);
        tamper(&dir, "name", "dot.png");
        tamper(&dir, column, value);
        let site = Site::open(&dir).unwrap();
        for err in [
            site.list::<Media>().map(|_| ()).unwrap_err(),
            site.export_tree().map(|_| ()).unwrap_err(),
            site.empty_trash().map(|_| ()).unwrap_err(),
        ] {
            let text = err.to_string();
            assert!(text.contains("damaged record") && text.contains("restore the site from a backup"), "{text}");
            assert!(text.contains("dot.png") || text.contains("secret.png"), "names the item: {text}");
        }
        let built = masthead_render::build_site(
            &site,
            &masthead_render::BuildOptions { now: jiff::Timestamp::now(), drafts: true },
        );
        assert!(built.is_err(), "{column} = {value}: the build refuses the item");
    }
    assert!(tmp.path().join("secret.png").is_file());

    // A record made up in code cannot name a file outside media/ either.
    let site = Site::open(&dir).unwrap();
    let forged = Media { name: "x.png".into(), hash: "../../../etc/passwd".into(), ..Default::default() };
    assert!(site.media_path(&forged).starts_with(dir.join("media")));
    assert!(site.media_file(&forged).unwrap_err().to_string().contains("x.png"));
}

#[test]
fn a_backup_with_a_damaged_media_row_is_refused() {
    let (tmp, site, _) = site_with_media();
    tamper(site.dir(), "hash", "../../../../etc/passwd");
    let file = tmp.path().join("crafted.tar");
    site.backup_to(&file).unwrap();
    let into = tmp.path().join("restored");
    let err = Site::restore_backup(&file, &into).map(|_| ()).unwrap_err().to_string();
    assert!(err.contains("not a Masthead backup") && err.contains("dot.png"), "{err}");
    assert!(!into.exists());
}

#[test]
fn a_backup_never_overwrites_the_site_or_other_files() {
    let (tmp, site, media) = site_with_media();
    let db = std::fs::read(site.dir().join("site.db")).unwrap();
    let notes = tmp.path().join("notes.txt");
    std::fs::write(&notes, "mine").unwrap();
    let mut refused = vec![
        site.dir().join("site.db"),
        site.dir().join("media/backup.tar"),
        site.media_path(&media),
        site.dir().join("cache/backup.tar"),
        site.dir().join("theme/backup.tar"),
        notes.clone(),
        tmp.path().join("folder/../notes.txt"),
        tmp.path().join("site"),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.dir().join("media"), tmp.path().join("pictures")).unwrap();
        refused.push(tmp.path().join("pictures/backup.tar"));
    }
    for file in &refused {
        let err = site.backup_to(file).unwrap_err().to_string();
        assert!(err.contains("will not write a backup") && err.contains("Choose another file"), "{err}");
    }
    assert_eq!(std::fs::read(site.dir().join("site.db")).unwrap(), db, "site.db untouched");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "mine");
    assert!(!site.dir().join("theme").exists() && !site.dir().join("media/backup.tar").exists());
    assert_eq!(std::fs::read(site.media_path(&media)).unwrap(), tiny_png());

    // An earlier backup is replaced: backing up to the same file again works.
    let file = tmp.path().join("backups/site.tar");
    site.backup_to(&file).unwrap();
    site.save(&Article { title: "Later".into(), ..Default::default() }, SaveMode::Explicit).unwrap();
    site.backup_to(&file).unwrap();
    let restored = Site::restore_backup(&file, &tmp.path().join("restored")).unwrap();
    assert!(restored.find::<Article>("later").unwrap().is_some());
    // The site folder itself may hold backups, beside its own files.
    site.backup_to(&site.dir().join("backup.tar")).unwrap();
}
