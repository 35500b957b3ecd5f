//! A portable site folder held in memory: relative path → bytes.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::error::{Result, StoreError};

/// Files of a portable folder, by relative path with `/` separators.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree(pub BTreeMap<String, Vec<u8>>);

const TOP: [&str; 4] = ["articles", "slides", "pages", "media"];

impl Tree {
    /// Reads the parts of a folder that belong to the portable format. Hidden files are
    /// skipped; links (at any level: `site.yml`, the format's folders, the files in them) and
    /// nested folders are refused, so nothing outside the folder is ever read.
    pub fn read_dir(dir: &Path) -> Result<Tree> {
        let io = |p: &Path| StoreError::io(format!("Could not read {}", p.display()));
        if !dir.is_dir() {
            return Err(StoreError::Invalid(format!("{} is not a folder.", dir.display())));
        }
        let mut tree = Tree::default();
        let site_yml = dir.join("site.yml");
        if let Some(kind) = file_type(&site_yml)? {
            refuse_link(kind, "site.yml")?;
            tree.0.insert("site.yml".into(), std::fs::read(&site_yml).map_err(io(&site_yml))?);
        }
        for top in TOP {
            let sub = dir.join(top);
            match file_type(&sub)? {
                Some(kind) if kind.is_symlink() => refuse_link(kind, &format!("{top}/"))?,
                Some(kind) if kind.is_dir() => {}
                _ => continue,
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
                refuse_link(kind, &rel)?;
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
    /// export is assembled in a temporary folder beside it and swapped in part by part; if
    /// any step fails, the parts already swapped are put back, so the previous export stays
    /// whole. Files of other kinds in `dir` are left alone.
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
            if !Path::new(rel).components().all(|c| matches!(c, Component::Normal(_))) {
                return Err(StoreError::Invalid(format!("{rel} is not a path inside the export folder.")));
            }
            let path = staging.path().join(rel);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).map_err(io(p))?;
            }
            std::fs::write(&path, bytes).map_err(io(&path))?;
        }
        if !dir.exists() {
            std::fs::rename(staging.path(), dir).map_err(io(dir))?;
            let _ = staging.keep();
            return Ok(());
        }
        // The previous parts are moved here, and deleted with it once the new ones are in.
        let previous =
            tempfile::Builder::new().prefix(".masthead-old-export-").tempdir_in(parent).map_err(io(parent))?;
        swap_in(dir, staging.path(), previous.path(), |from, to| std::fs::rename(from, to))
    }
}

/// The parts of a folder the portable format owns (an export replaces these only).
const OWNED: [&str; 5] = ["articles", "slides", "pages", "media", "site.yml"];

/// Moves each owned part of `dir` into `previous` and the new one from `staging` in its place.
/// On failure every move made is undone, in reverse order, and the error returned.
fn swap_in(
    dir: &Path,
    staging: &Path,
    previous: &Path,
    mut rename: impl FnMut(&Path, &Path) -> std::io::Result<()>,
) -> Result<()> {
    let mut done: Vec<(PathBuf, PathBuf)> = vec![];
    let mut step = |from: PathBuf, to: PathBuf, done: &mut Vec<(PathBuf, PathBuf)>| -> Result<()> {
        rename(&from, &to)
            .map_err(StoreError::io(format!("Could not replace {} with the new export", to.display())))?;
        done.push((from, to));
        Ok(())
    };
    let mut result = Ok(());
    for part in OWNED {
        let (old, new) = (dir.join(part), staging.join(part));
        if std::fs::symlink_metadata(&old).is_ok()
            && let Err(e) = step(old.clone(), previous.join(part), &mut done)
        {
            result = Err(e);
            break;
        }
        if new.exists()
            && let Err(e) = step(new, old, &mut done)
        {
            result = Err(e);
            break;
        }
    }
    if result.is_err() {
        for (from, to) in done.iter().rev() {
            let _ = std::fs::rename(to, from);
        }
    }
    result
}

/// The type of `path` itself (a link is not followed), or `None` when there is nothing there.
fn file_type(path: &Path) -> Result<Option<std::fs::FileType>> {
    match std::fs::symlink_metadata(path) {
        Ok(m) => Ok(Some(m.file_type())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(format!("Could not read {}", path.display()))(e)),
    }
}

fn refuse_link(kind: std::fs::FileType, rel: &str) -> Result<()> {
    if kind.is_symlink() {
        return Err(StoreError::Import {
            file: rel.to_string(),
            line: None,
            message: "this is a link to somewhere else; put the file or folder itself here".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Tree {
        let mut t = Tree::default();
        for part in ["site.yml", "articles/a.md", "pages/p.md", "media/m.png"] {
            t.0.insert(part.into(), text.as_bytes().to_vec());
        }
        t
    }

    #[test]
    fn a_swap_that_fails_halfway_puts_the_previous_export_back() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("export");
        tree("old").write_dir(&dir).unwrap();
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        let staging = tmp.path().join("staging");
        tree("new").write_dir(&staging).unwrap();
        let previous = tempfile::tempdir_in(tmp.path()).unwrap();
        // The fifth move fails: articles/ and pages/ are swapped by then, media/ is not.
        let mut n = 0;
        let err = swap_in(&dir, &staging, previous.path(), |from, to| {
            n += 1;
            if n == 5 { Err(std::io::Error::other("disk full")) } else { std::fs::rename(from, to) }
        })
        .unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
        assert_eq!(Tree::read_dir(&dir).unwrap(), tree("old"), "the previous export is whole");
        assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
    }
}
