//! The demo site, embedded from the repository's `content/` folder.

use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::error::Result;
use crate::media::MediaProbe;
use crate::portable::{ImportReport, Tree};
use crate::site::Site;

static DEMO: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../content");

/// The demo site's files.
pub fn demo_tree() -> Tree {
    let mut tree = Tree::default();
    let mut stack = vec![&DEMO];
    while let Some(dir) = stack.pop() {
        for file in dir.files() {
            let path = file.path().to_string_lossy().replace('\\', "/");
            let hidden = path.split('/').any(|p| p.starts_with('.'));
            if !hidden {
                tree.0.insert(path, file.contents().to_vec());
            }
        }
        stack.extend(dir.dirs());
    }
    tree
}

impl Site {
    /// Creates a site in `dir` holding the demo content. When the import fails, what was made
    /// is taken away again: the database and the folders created, and only while they are
    /// empty (the import removes the media files it wrote), so nobody else's file is deleted.
    /// Its revisions, and those made through the site returned, are `author`'s.
    pub fn create_demo(dir: impl AsRef<Path>, probe: &dyn MediaProbe, author: &str) -> Result<(Site, ImportReport)> {
        let dir = dir.as_ref();
        let (mut site, made) = Site::create_noting(dir, None)?;
        site.set_author(author);
        match site.import_tree(&demo_tree(), probe) {
            Ok(report) => Ok((site, report)),
            Err(e) => {
                drop(site);
                // The folder was empty before (`create` makes sure), so the database is ours.
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(dir.join(format!("{}{suffix}", crate::site::DB_FILE)));
                }
                for d in made.iter().rev() {
                    let _ = std::fs::remove_dir(d);
                }
                Err(e)
            }
        }
    }
}
