//! Restoring a backup archive, which may come from anywhere: it is refused whole, or it becomes
//! a sound site holding only a site's files, and nothing is ever written beside it.

use std::io::Write;
use std::path::Path;
use std::sync::LazyLock;

use masthead_store::{Site, Tree};
use tar::{EntryType, Header};

/// A real `site.db` with an article and a picture, for inputs that ask for one.
static SITE_DB: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let site = Site::create(dir.path()).expect("a new site");
    let mut tree = Tree::default();
    tree.0.insert("articles/hello.md".into(), b"---\ntitle: Hello\nimage: media:dot.png\n---\nHi\n".to_vec());
    tree.0.insert("media/dot.png".into(), crate::import::DOT.to_vec());
    site.import_tree(&tree, &masthead_media::Pipeline).expect("the template imports");
    drop(site);
    std::fs::read(dir.path().join("site.db")).expect("site.db")
});

/// The archive an input describes: entries separated by a zero byte, each a kind byte, a name
/// up to a newline, then the contents (files) or the link target (links). Names and link
/// targets are written into the headers as they are, `..` and `/` included.
pub(crate) fn archive(data: &[u8]) -> Vec<u8> {
    let mut out = tar::Builder::new(Vec::new());
    for part in data.split(|b| *b == 0) {
        let Some((&kind, rest)) = part.split_first() else { continue };
        let (name, body) = match rest.iter().position(|b| *b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &[][..]),
        };
        let (entry, body): (EntryType, &[u8]) = match kind % 6 {
            0 => (EntryType::Regular, SITE_DB.as_slice()),
            1 => (EntryType::Regular, body),
            2 => (EntryType::Directory, &[]),
            3 => (EntryType::Symlink, &[]),
            4 => (EntryType::Link, &[]),
            _ => (EntryType::Fifo, &[]),
        };
        let name = if kind % 6 == 0 && name.is_empty() { b"site.db".as_slice() } else { name };
        let mut header = Header::new_gnu();
        let old = header.as_old_mut();
        let n = name.len().min(old.name.len());
        old.name[..n].copy_from_slice(&name[..n]);
        if matches!(entry, EntryType::Symlink | EntryType::Link) {
            let m = body.len().min(old.linkname.len());
            old.linkname[..m].copy_from_slice(&body[..m]);
        }
        header.set_entry_type(entry);
        header.set_mode(0o644);
        header.set_size(if matches!(entry, EntryType::Regular) { body.len() as u64 } else { 0 });
        header.set_cksum();
        out.append(&header, if matches!(entry, EntryType::Regular) { body } else { &[][..] })
            .expect("writing to memory");
    }
    out.into_inner().expect("writing to memory")
}

/// Restores the input's archive into a new folder.
pub fn backup(data: &[u8]) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let file = tmp.path().join("backup.tar");
    std::fs::File::create(&file).and_then(|mut f| f.write_all(&archive(data))).expect("writing the archive");
    let dir = tmp.path().join("restored");
    let restored = Site::restore_backup(&file, &dir);
    let mut beside: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into())
        .collect();
    beside.sort();
    match restored {
        Ok(site) => {
            assert_eq!(site.integrity_check().expect("integrity"), "ok");
            assert_eq!(beside, ["backup.tar", "restored"], "a restore wrote beside its folder");
            assert_only_site_files(&dir, &dir);
        }
        Err(e) => {
            assert!(!e.to_string().trim().is_empty());
            assert!(
                beside == ["backup.tar"] || (beside == ["backup.tar", "restored"] && is_empty(&dir)),
                "a refused restore left {beside:?}"
            );
        }
    }
}

fn is_empty(dir: &Path) -> bool {
    dir.read_dir().is_ok_and(|mut d| d.next().is_none())
}

/// Plain files and folders only, and only where a site keeps its files.
fn assert_only_site_files(root: &Path, dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("list") {
        let entry = entry.expect("entry");
        let kind = entry.file_type().expect("type");
        let rel = entry.path().strip_prefix(root).expect("inside").to_string_lossy().into_owned();
        assert!(!kind.is_symlink(), "the restore made a link: {rel}");
        assert!(kind.is_file() || kind.is_dir(), "the restore made a special file: {rel}");
        let top = rel.split('/').next().unwrap_or_default();
        assert!(
            ["site.db", "site.db-wal", "site.db-shm", "media", "theme", "cache"].contains(&top),
            "the restore made {rel}"
        );
        if kind.is_dir() {
            assert_only_site_files(root, &entry.path());
        }
    }
}
