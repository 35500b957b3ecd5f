//! The local side: the site's build folder, every file with its hash and size.

use std::collections::BTreeMap;
use std::path::PathBuf;

use masthead_render::SiteFiles;

use crate::error::{PublishError, Result};
use crate::manifest::Entry;

pub(crate) struct Local {
    pub(crate) dir: PathBuf,
    pub(crate) files: BTreeMap<String, Entry>,
}

impl Local {
    /// The build in `dir`, as the build just described it.
    pub(crate) fn from_build(dir: PathBuf, built: &SiteFiles) -> Result<Local> {
        let mut files = BTreeMap::new();
        for path in built.paths() {
            let entry = match built.files.get(path) {
                Some(bytes) => Entry { hash: blake3::hash(bytes).to_hex().to_string(), size: bytes.len() as u64 },
                None => {
                    let size = std::fs::metadata(dir.join(path)).map_err(|e| missing(path, e))?.len();
                    Entry { hash: built.kept[path].clone(), size }
                }
            };
            files.insert(path.clone(), entry);
        }
        Ok(Local { dir, files })
    }

    pub(crate) fn read(&self, path: &str) -> Result<Vec<u8>> {
        std::fs::read(self.dir.join(path)).map_err(|e| missing(path, e))
    }
}

fn missing(path: &str, e: std::io::Error) -> PublishError {
    PublishError::Invalid(format!(
        "The built file {path} cannot be read ({e}). Run `masthead build` and publish again."
    ))
}
