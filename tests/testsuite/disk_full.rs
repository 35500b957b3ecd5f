//! A full disk: the site lives on a small tmpfs, filled up to leave 0 bytes to 256 KB free, and
//! every operation that writes (a save, an import, adding a photo, a backup, a build, an export)
//! either completes or fails with a message that says the disk is full and what to do. After
//! each failure, once space is freed, the site opens, `integrity_check` is ok and everything saved before is there
//! word for word; once space is freed, the same operation completes.
//!
//! Mounting needs root (CI and `make test` run as root); elsewhere the test says so and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

use masthead_media::Pipeline;
use masthead_store::*;

use crate::common::{masthead_on, stderr};

/// A tmpfs of `kb` KiB, unmounted when dropped.
struct Tmpfs {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Tmpfs {
    fn mount(kb: u64) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("small");
        std::fs::create_dir(&path).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kb}k"), "tmpfs"])
            .arg(&path)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then_some(Tmpfs { _dir: dir, path })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

/// Fills the file system of `dir` until only `free` bytes are left, in `filler`.
fn fill(dir: &Path, free: u64) -> PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let chunk = vec![7u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    let _ = f.flush();
    let written = std::fs::metadata(&filler).unwrap().len();
    drop(f);
    let keep = written.saturating_sub(free + 4096 * 2);
    std::fs::OpenOptions::new().write(true).open(&filler).unwrap().set_len(keep).unwrap();
    filler
}

fn said_disk_full(message: &str) -> bool {
    message.contains("the disk is full") && message.contains("Free some space, then try again")
}

/// What a user has saved: every article's slug and body, and the media names.
fn saved(site: &Path) -> (Vec<(String, String)>, Vec<String>) {
    let site = Site::open(site).unwrap();
    assert_eq!(site.integrity_check().unwrap(), "ok");
    let articles = site.list::<Article>().unwrap().into_iter().map(|a| (a.slug, a.body)).collect();
    let media = site.list::<Media>().unwrap().into_iter().map(|m| m.name).collect();
    (articles, media)
}

type Operation = (&'static str, Box<dyn Fn(&Path, &Path) -> Result<(), String>>);

fn lib(e: StoreError) -> String {
    e.to_string()
}

fn operations(photo: Vec<u8>) -> Vec<Operation> {
    vec![
        (
            "save",
            Box::new(|site, _| {
                let site = Site::open(site).map_err(lib)?;
                let mut a: Article = site.find("first").map_err(lib)?.unwrap();
                a.body = format!("{}\n\n{}", a.body, "A long new paragraph. ".repeat(4000));
                site.save(&a, SaveMode::Explicit).map(|_| ()).map_err(lib)
            }),
        ),
        (
            "import",
            Box::new(|site, _| {
                let mut tree = Tree::default();
                for i in 0..40 {
                    let text = format!("---\ntitle: Imported {i}\n---\n{}\n", "Imported text. ".repeat(300));
                    tree.0.insert(format!("articles/imported-{i}.md"), text.into_bytes());
                }
                Site::open(site).map_err(lib)?.import_tree(&tree, &Pipeline).map(|_| ()).map_err(lib)
            }),
        ),
        (
            "add a photo",
            Box::new(move |site, _| {
                let new = NewMedia { bytes: &photo, original_name: "big.jpg", ..Default::default() };
                Site::open(site).map_err(lib)?.add_media(new, &Pipeline).map(|_| ()).map_err(lib)
            }),
        ),
        (
            "backup",
            Box::new(|site, spare| {
                Site::open(site).map_err(lib)?.backup_to(&spare.join("site.masthead-backup")).map(|_| ()).map_err(lib)
            }),
        ),
        ("build", Box::new(|site, spare| cli(site, &["build", "--out", spare.join("www").to_str().unwrap()]))),
        ("export", Box::new(|site, spare| cli(site, &["export", spare.join("export").to_str().unwrap()]))),
    ]
}

fn cli(site: &Path, args: &[&str]) -> Result<(), String> {
    let out = masthead_on(site, args).output().unwrap();
    if out.status.success() { Ok(()) } else { Err(stderr(&out)) }
}

#[test]
fn a_full_disk_fails_each_operation_clearly_and_loses_nothing() {
    let Some(fs) = Tmpfs::mount(6 * 1024) else {
        println!("skipped: mounting a tmpfs needs root (make test and CI run as root)");
        return;
    };
    let photo = crate::variants::jpeg(&crate::variants::photo(1800, 1200));
    let mut failures = 0;
    let mut runs = 0;
    for free in [0u64, 16 << 10, 64 << 10, 256 << 10] {
        for (name, op) in operations(photo.clone()) {
            let site = fs.path.join("site");
            let spare = fs.path.join("spare");
            let _ = std::fs::remove_dir_all(&site);
            let _ = std::fs::remove_dir_all(&spare);
            std::fs::create_dir_all(&spare).unwrap();
            let made = Site::create(&site).unwrap();
            let mut tree = Tree::default();
            for slug in ["first", "second"] {
                let text = format!("---\ntitle: {slug}\nstatus: published\n---\nSaved text of {slug}.\n");
                tree.0.insert(format!("articles/{slug}.md"), text.into_bytes());
            }
            made.import_tree(&tree, &Pipeline).unwrap();
            drop(made);
            let before = saved(&site);
            let filler = fill(&fs.path, free);
            runs += 1;
            let result = op(&site, &spare);
            if let Err(message) = &result {
                failures += 1;
                assert!(said_disk_full(message), "{name} with {free} bytes free: {message}");
                if std::env::var_os("MASTHEAD_SHOW_MESSAGES").is_some() {
                    println!("{name}, {free} bytes free: {message}");
                }
                // Even opening the site can need room (SQLite's shared-memory file); it says so.
                if let Err(e) = Site::open(&site) {
                    assert!(said_disk_full(&e.to_string()), "opening with {free} bytes free: {e}");
                }
            }
            std::fs::remove_file(&filler).unwrap();
            if result.is_err() {
                assert_eq!(saved(&site), before, "{name} with {free} bytes free changed what was saved");
            }
            // With space again, the same operation completes.
            op(&site, &spare).unwrap_or_else(|e| panic!("{name} after freeing space: {e}"));
            assert_eq!(Site::open(&site).unwrap().integrity_check().unwrap(), "ok");
        }
    }
    assert!(failures >= 12, "only {failures} of {runs} runs met the full disk");
    println!("disk full: {runs} runs, {failures} failed with the disk-full message, nothing lost");
}
