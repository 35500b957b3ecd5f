//! A portable site folder held in memory: relative path → bytes.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Result, StoreError};

/// Files of a portable folder, by relative path with `/` separators.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree(pub BTreeMap<String, Vec<u8>>);

const TOP: [&str; 4] = ["articles", "slides", "pages", "media"];

impl Tree {
    /// Reads the parts of a folder that belong to the portable format. Hidden files are
    /// skipped; links and nested folders are refused so nothing outside the folder is read.
    pub fn read_dir(dir: &Path) -> Result<Tree> {
        let io = |p: &Path| StoreError::io(format!("Could not read {}", p.display()));
        if !dir.is_dir() {
            return Err(StoreError::Invalid(format!("{} is not a folder.", dir.display())));
        }
        let mut tree = Tree::default();
        let site_yml = dir.join("site.yml");
        if site_yml.is_file() {
            tree.0.insert("site.yml".into(), std::fs::read(&site_yml).map_err(io(&site_yml))?);
        }
        for top in TOP {
            let sub = dir.join(top);
            if !sub.is_dir() {
                continue;
            }
            let mut entries: Vec<_> =
                std::fs::read_dir(&sub).map_err(io(&sub))?.collect::<std::io::Result<_>>().map_err(io(&sub))?;
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue;
                }
                let rel = format!("{top}/{name}");
                let kind = entry.file_type().map_err(io(&entry.path()))?;
                if kind.is_symlink() {
                    return Err(StoreError::Import {
                        file: rel,
                        line: None,
                        message: "this is a link; put the file itself in the folder".into(),
                    });
                }
                if kind.is_dir() {
                    return Err(StoreError::Import {
                        file: rel,
                        line: None,
                        message: format!("folders inside {top}/ are not read; move its files up"),
                    });
                }
                tree.0.insert(rel, std::fs::read(entry.path()).map_err(io(&entry.path()))?);
            }
        }
        if tree.0.is_empty() {
            return Err(StoreError::Invalid(format!(
                "{} holds no site.yml, articles/, slides/, pages/ or media/; it is not a portable Masthead folder.",
                dir.display()
            )));
        }
        Ok(tree)
    }

    /// Writes the tree into `dir`, replacing what a previous export left there. The new
    /// folder is assembled beside it and swapped in, so a failure leaves the old one intact.
    pub fn write_dir(&self, dir: &Path) -> Result<()> {
        let io = |p: &Path| StoreError::io(format!("Could not write {}", p.display()));
        if dir.exists() {
            let empty = std::fs::read_dir(dir).map_err(io(dir))?.next().is_none();
            if !empty && !dir.join("site.yml").is_file() {
                return Err(StoreError::Invalid(format!(
                    "{} is not empty and is not an earlier export (it has no site.yml). Choose an empty folder.",
                    dir.display()
                )));
            }
        }
        let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let staging = tempfile::Builder::new().prefix(".masthead-export-").tempdir_in(parent).map_err(io(parent))?;
        for (rel, bytes) in &self.0 {
            let path = staging.path().join(rel);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).map_err(io(p))?;
            }
            std::fs::write(&path, bytes).map_err(io(&path))?;
        }
        if dir.exists() {
            // Only what the format owns is replaced; other files in the folder stay.
            for top in TOP.iter().copied().chain(["site.yml"]) {
                let old = dir.join(top);
                if old.is_dir() {
                    std::fs::remove_dir_all(&old).map_err(io(&old))?;
                } else if old.is_file() {
                    std::fs::remove_file(&old).map_err(io(&old))?;
                }
                let new = staging.path().join(top);
                if new.exists() {
                    std::fs::rename(&new, &old).map_err(io(&old))?;
                }
            }
        } else {
            std::fs::rename(staging.path(), dir).map_err(io(dir))?;
            let _ = staging.keep();
        }
        Ok(())
    }
}
