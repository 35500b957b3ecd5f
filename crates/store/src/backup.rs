//! A whole site in one file and back: the database (a consistent snapshot), the media files and
//! the theme overrides, as a tar archive. Caches and builds are left out: they are remade.

use std::fs::File;
use std::path::{Component, Path, PathBuf};

use crate::error::{Result, StoreError};
use crate::fsutil::sync_dir;
use crate::kind::Kind;
use crate::site::{DB_FILE, Site};
use crate::workdir::WorkDir;
use crate::{Article, Media, Page, Slide};

/// The folders of a site that a backup carries, besides `site.db`.
const FOLDERS: &[&str] = &["media", "theme"];

impl Site {
    /// Writes the site into the archive `file` (replacing it only once complete). Returns its size.
    ///
    /// `file` may name an existing file only when that file is itself a Masthead backup (an
    /// archive that starts with `site.db`), so that backing up again to the same file refreshes
    /// it, while a slip in the file picker can never overwrite a document, the live `site.db`
    /// or anything else. A place inside the site's `site.db`, `media/`, `cache/` or `theme/` is
    /// always refused: a backup there would overwrite the site or end up inside itself.
    pub fn backup_to(&self, file: &Path) -> Result<u64> {
        self.check_backup_target(file)?;
        let parent = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let fail = |what: &str| StoreError::io(format!("Could not write the backup {} ({what})", file.display()));
        std::fs::create_dir_all(parent).map_err(fail("its folder"))?;
        // A work folder beside the file: the rename into place stays on one file system.
        let work = WorkDir::new(parent, ".masthead-backup-")?;
        let snapshot = work.path().join(DB_FILE);
        self.conn.execute("VACUUM INTO ?", [snapshot.to_string_lossy()])?;
        let partial = work.path().join("backup.tar");
        let mut tar = tar::Builder::new(File::create(&partial).map_err(fail("the archive"))?);
        tar.append_path_with_name(&snapshot, DB_FILE).map_err(fail("the database"))?;
        for folder in FOLDERS {
            let dir = self.dir().join(folder);
            if dir.is_dir() {
                tar.append_dir_all(folder, &dir).map_err(fail(folder))?;
            }
        }
        tar.into_inner().and_then(|f| f.sync_all()).map_err(fail("the archive"))?;
        std::fs::rename(&partial, file).map_err(fail("moving it into place"))?;
        sync_dir(parent)?;
        Ok(std::fs::metadata(file).map(|m| m.len()).unwrap_or(0))
    }

    /// Refuses a backup file inside the site's own files, or onto a file that is not a backup.
    fn check_backup_target(&self, file: &Path) -> Result<()> {
        let refuse = |why: &str| {
            Err(StoreError::Invalid(format!(
                "Masthead will not write a backup to {}: {why}. Choose another file name, outside the site folder's \
                 site.db, media, cache and theme.",
                file.display()
            )))
        };
        if file.components().any(|c| c == Component::ParentDir) {
            return refuse("the name contains `..`; give the folder itself");
        }
        let site = std::fs::canonicalize(self.dir())
            .map_err(StoreError::io(format!("Could not read {}", self.dir().display())))?;
        let target = resolved(file);
        let own = ["", "-wal", "-shm"].iter().any(|suffix| target == site.join(format!("{DB_FILE}{suffix}")))
            || ["media", "cache", "theme"].iter().any(|d| target.starts_with(site.join(d)))
            || target == site;
        if own {
            return refuse("that is part of the site itself");
        }
        match std::fs::symlink_metadata(file) {
            Err(_) => Ok(()),
            Ok(m) if !m.is_file() => refuse("something that is not a file is there"),
            Ok(_) if !is_backup(file) => refuse("a file that is not a Masthead backup is there, and it would be lost"),
            Ok(_) => Ok(()),
        }
    }

    /// Unpacks a backup into `dir` (new, or an empty folder) and opens it. Nothing is left in
    /// `dir` when the archive is not a whole Masthead backup. A backup is not trusted: only
    /// files and folders under `site.db`, `media/` and `theme/` are accepted (no links, no
    /// absolute paths, no `..`), and its media records are checked before it is used.
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
        let work = WorkDir::new(parent, ".masthead-restore-")?;
        let mut archive =
            tar::Archive::new(File::open(file).map_err(StoreError::io(format!("Could not read {}", file.display())))?);
        for entry in archive.entries().map_err(|e| not_backup(e.to_string()))? {
            let mut entry = entry.map_err(|e| not_backup(e.to_string()))?;
            let path = entry.path().map_err(|e| not_backup(e.to_string()))?.into_owned();
            let first = path.components().next();
            let allowed = path.components().all(|c| matches!(c, Component::Normal(_)))
                && (path == Path::new(DB_FILE) || first.is_some_and(|c| FOLDERS.iter().any(|f| c.as_os_str() == *f)));
            if !allowed {
                return Err(not_backup(format!("it holds {}", path.display())));
            }
            let kind = entry.header().entry_type();
            if !(kind.is_file() || kind.is_dir()) {
                return Err(not_backup(format!(
                    "it holds {}, which is a link or a special file, not a plain file or folder",
                    path.display()
                )));
            }
            entry.unpack_in(work.path()).map_err(|e| not_backup(e.to_string()))?;
        }
        if !work.path().join(DB_FILE).is_file() {
            return Err(not_backup("there is no site.db in it".into()));
        }
        let site = Site::open(work.path())?;
        let check = site.integrity_check()?;
        // Media records name files: a damaged one is refused here, naming the item.
        let media = crate::record::select::<Media>(&site.conn, "1", "id");
        drop(site);
        if check != "ok" {
            return Err(not_backup(format!("its database is damaged: {check}")));
        }
        media.map_err(|e| not_backup(e.to_string()))?;
        if dir.exists() {
            std::fs::remove_dir(dir).map_err(StoreError::io(format!("Could not use {}", dir.display())))?;
        }
        let kept = work.keep()?;
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

/// `path` with its existing part resolved (links followed), for comparing places.
fn resolved(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = vec![];
    let mut base = path.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(base) {
            return rest.iter().rev().fold(real, |p, c| p.join(c));
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                base = parent;
            }
            _ => return path,
        }
    }
}

/// Whether `file` is a Masthead backup: a tar archive whose first entry is `site.db`.
fn is_backup(file: &Path) -> bool {
    let Ok(f) = File::open(file) else { return false };
    let mut archive = tar::Archive::new(f);
    let first = archive.entries().ok().and_then(|mut e| e.next()).and_then(|e| e.ok());
    first.is_some_and(|e| e.header().entry_type().is_file() && e.path().is_ok_and(|p| p == Path::new(DB_FILE)))
}
