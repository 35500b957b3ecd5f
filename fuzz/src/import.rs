//! The portable folder format (front matter, Markdown, sidecars, site.yml): what import
//! accepts, export writes back the same way, and `check` can always read.

use masthead_media::Pipeline;
use masthead_render::{Content, check};
use masthead_store::{Site, Tree};

/// Where each part of an input goes, by its first byte.
const PATHS: &[&str] = &[
    "site.yml",
    "articles/first.md",
    "articles/second.md",
    "pages/about.md",
    "slides/welcome.md",
    "media/dot.png.yml",
    "media/dot.png",
];

/// A valid 1×1 PNG, so that sidecars and `media:` references have a file to describe.
pub(crate) const DOT: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x56, 0xC7, 0x2F,
    0x0D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// Parts are separated by a zero byte; a part's first byte chooses its file (see [`PATHS`]).
pub(crate) fn tree(data: &[u8]) -> Tree {
    let mut tree = Tree::default();
    tree.0.insert("media/dot.png".into(), DOT.to_vec());
    for part in data.split(|b| *b == 0) {
        let Some((&which, rest)) = part.split_first() else { continue };
        tree.0.insert(PATHS[usize::from(which) % PATHS.len()].into(), rest.to_vec());
    }
    tree
}

/// Imports the input into a new site. Import either refuses it (and the site stays empty) or
/// takes it, and then: `check` reads it, export → import into another site → export gives the
/// same folder, and the database is sound.
pub fn import(data: &[u8]) {
    let tree = tree(data);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let site = Site::create(dir.path().join("a")).expect("a new site");
    if site.import_tree(&tree, &Pipeline).is_err() {
        let empty = site.export_tree().expect("export of a site");
        assert!(empty.0.keys().all(|k| k == "site.yml"), "a refused import left {:?}", empty.0.keys());
        return;
    }
    let now = jiff::Timestamp::from_second(1_780_000_000).expect("a time");
    for drafts in [false, true] {
        let content = Content::load(&site, now, drafts).expect("imported content loads");
        for p in check(&content) {
            assert!(!p.message.trim().is_empty(), "a problem without words: {p:?}");
        }
    }
    let exported = site.export_tree().expect("export of an imported site");
    let other = Site::create(dir.path().join("b")).expect("a new site");
    other.import_tree(&exported, &Pipeline).unwrap_or_else(|e| panic!("an exported folder is refused: {e}"));
    let again = other.export_tree().expect("export");
    assert_eq!(exported, again, "export → import → export changed the folder");
    assert_eq!(other.integrity_check().expect("integrity"), "ok");
}
