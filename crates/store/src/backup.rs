//! A whole site in one file and back: the database (a consistent snapshot), the media files and
//! the theme overrides, as a tar archive. Caches and builds are left out: they are remade.

use std::fs::File;
use std::path::{Component, Path};

use crate::error::{Result, StoreError};
use crate::kind::Kind;
use crate::site::Site;
use crate::{Article, Media, Page, Slide};

/// The folders of a site that a backup carries, besides `site.db`.
const FOLDERS: &[&str] = &["media", "theme"];

impl Site {
    /// Writes the site into the archive `file` (replacing it only once complete). Returns its size.
    pub fn backup_to(&self, file: &Path) -> Result<u64> {
        let parent = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let fail = |what: &str| StoreError::io(format!("Could not write the backup {} ({what})", file.display()));
        std::fs::create_dir_all(parent).map_err(fail("its folder"))?;
        let work = tempfile::tempdir_in(parent).map_err(fail("a temporary folder beside it"))?;
        let snapshot = work.path().join("site.db");
        self.conn.execute("VACUUM INTO ?", [snapshot.to_string_lossy()])?;
        let partial = work.path().join("backup.tar");
        let mut tar = tar::Builder::new(File::create(&partial).map_err(fail("the archive"))?);
        tar.append_path_with_name(&snapshot, "site.db").map_err(fail("the database"))?;
        for folder in FOLDERS {
            let dir = self.dir().join(folder);
            if dir.is_dir() {
                tar.append_dir_all(folder, &dir).map_err(fail(folder))?;
            }
        }
        tar.into_inner().and_then(|f| f.sync_all()).map_err(fail("the archive"))?;
        std::fs::rename(&partial, file).map_err(fail("moving it into place"))?;
        Ok(std::fs::metadata(file).map(|m| m.len()).unwrap_or(0))
    }

    /// Unpacks a backup into `dir` (new, or an empty folder) and opens it. Nothing is left in
    /// `dir` when the archive is not a whole Masthead backup.
    pub fn restore_backup(file: &Path, dir: &Path) -> Result<Site> {
        if dir.read_dir().is_ok_and(|mut d| d.next().is_some()) {
            return Err(StoreError::Invalid(format!(
                "{} is not empty; restore into a new folder so nothing there is overwritten.",
                dir.display()
            )));
        }
        let not_backup = |why: String| {
            StoreError::Invalid(format!(
                "{} is not a Masthead backup ({why}); choose a file made with Back up.",
                file.display()
            ))
        };
        let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(StoreError::io(format!("Could not create {}", parent.display())))?;
        let work =
            tempfile::tempdir_in(parent).map_err(StoreError::io(format!("Could not write in {}", parent.display())))?;
        let mut archive =
            tar::Archive::new(File::open(file).map_err(StoreError::io(format!("Could not read {}", file.display())))?);
        for entry in archive.entries().map_err(|e| not_backup(e.to_string()))? {
            let mut entry = entry.map_err(|e| not_backup(e.to_string()))?;
            let path = entry.path().map_err(|e| not_backup(e.to_string()))?.into_owned();
            let first = path.components().next();
            let allowed = path.components().all(|c| matches!(c, Component::Normal(_)))
                && (path == Path::new("site.db") || first.is_some_and(|c| FOLDERS.iter().any(|f| c.as_os_str() == *f)));
            if !allowed {
                return Err(not_backup(format!("it holds {}", path.display())));
            }
            entry.unpack_in(work.path()).map_err(|e| not_backup(e.to_string()))?;
        }
        if !work.path().join("site.db").is_file() {
            return Err(not_backup("there is no site.db in it".into()));
        }
        let site = Site::open(work.path())?;
        let check = site.integrity_check()?;
        drop(site);
        if check != "ok" {
            return Err(not_backup(format!("its database is damaged: {check}")));
        }
        if dir.exists() {
            std::fs::remove_dir(dir).map_err(StoreError::io(format!("Could not use {}", dir.display())))?;
        }
        let kept = work.keep();
        std::fs::rename(&kept, dir)
            .map_err(StoreError::io(format!("Could not move the site into {}", dir.display())))?;
        Site::open(dir)
    }

    /// Moves every article, slide and page to the trash, and the media files nothing else uses
    /// (the site settings' logo, favicon … stay). Returns how many items went.
    pub fn remove_all_content(&self) -> Result<usize> {
        let mut n = 0;
        for id in self.list_light::<Article>()?.iter().map(|a| a.meta.id) {
            self.trash(Kind::Article, id)?;
            n += 1;
        }
        for id in self.list::<Slide>()?.iter().map(|s| s.meta.id) {
            self.trash(Kind::Slide, id)?;
            n += 1;
        }
        for id in self.list_light::<Page>()?.iter().map(|p| p.meta.id) {
            self.trash(Kind::Page, id)?;
            n += 1;
        }
        // Files the site settings use (the logo …) count as used, and stay.
        for m in self.list::<Media>()? {
            if self.media_users(&m.name)?.is_empty() {
                self.remove_media(&m.name)?;
                n += 1;
            }
        }
        Ok(n)
    }
}
