//! Opening a site folder (migrating its database) and creating a new one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Result, StoreError};
use crate::schema;
use crate::site::{DB_FILE, Site};

impl Site {
    /// Opens an existing site folder. Its [`Site::author`] is empty until the caller names who
    /// works through it (`masthead_api::sites::open` does, from this computer's preferences).
    pub fn open(dir: impl AsRef<Path>) -> Result<Site> {
        let dir = dir.as_ref().to_path_buf();
        let db = dir.join(DB_FILE);
        if !db.is_file() {
            return Err(StoreError::NoSite(dir));
        }
        let conn =
            Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        Site::setup(dir, conn)
    }

    /// Creates a new, empty site in `dir`, which must not exist yet or be empty (a site
    /// keeps its own files there, and never mixes them with someone else's).
    pub fn create(dir: impl AsRef<Path>) -> Result<Site> {
        Site::create_noting(dir.as_ref(), None).map(|(site, _)| site)
    }

    /// [`Site::create`] that first writes the empty file `marker` in `dir` (it stays there,
    /// and is allowed in the folder if a killed earlier attempt left it). A process killed at
    /// any point leaves either no site or the marker beside it, so the caller can tell its own
    /// unfinished making from a site someone works in (`team join` does).
    pub fn create_marked(dir: impl AsRef<Path>, marker: &str) -> Result<Site> {
        Site::create_noting(dir.as_ref(), Some(marker)).map(|(site, _)| site)
    }

    /// [`Site::create`], also returning the folders it made (outermost first), so that a
    /// caller undoing it removes only those.
    pub(crate) fn create_noting(dir: &Path, marker: Option<&str>) -> Result<(Site, Vec<PathBuf>)> {
        let dir = dir.to_path_buf();
        if dir.join(DB_FILE).exists() {
            return Err(StoreError::SiteExists(dir));
        }
        check_empty(&dir, marker)?;
        let mut made = vec![];
        let missing = dir.ancestors().take_while(|d| !d.as_os_str().is_empty() && !d.exists()).count();
        made.extend(dir.ancestors().take(missing).map(Path::to_path_buf));
        made.reverse();
        for sub in ["media", "cache"] {
            let path = dir.join(sub);
            if !path.exists() {
                made.push(path);
            }
        }
        for path in &made {
            std::fs::create_dir(path)
                .map_err(StoreError::io(format!("Could not create the folder {}", path.display())))?;
        }
        if let Some(marker) = marker {
            let path = dir.join(marker);
            std::fs::File::create(&path)
                .and_then(|f| f.sync_all())
                .map_err(StoreError::io(format!("Could not write {}", path.display())))?;
        }
        let conn = Connection::open(dir.join(DB_FILE))?;
        let site = Site::setup(dir, conn)?;
        site.write(|tx| crate::settings::store_default(tx, &site.now_string()))?;
        Ok((site, made))
    }

    fn setup(dir: PathBuf, mut conn: Connection) -> Result<Site> {
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a commit reaches the disk before "Saved" shows, so a power cut never takes back a
        // save the user saw (with NORMAL, WAL commits since the last checkpoint could be lost).
        // Saves are small and one per second at most; the cost is one flush each.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let found = schema::stored_version(&conn)?;
        if found > schema::VERSION {
            return Err(StoreError::TooNew { path: dir, found, known: schema::VERSION });
        }
        schema::migrate(&mut conn)?;
        Ok(Site::from_parts(dir, conn, String::new()))
    }
}

/// Files an operating system leaves in folders on its own; they do not make a folder "used".
const LITTER: [&str; 3] = [".DS_Store", "Thumbs.db", "desktop.ini"];

/// Refuses a folder that holds anything but operating-system litter and empty `media/` and
/// `cache/` folders (left by an earlier attempt), so that a new site never mixes its files
/// with someone else's, and never deletes theirs later.
fn check_empty(dir: &Path, marker: Option<&str>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(_) if dir.exists() && !dir.is_dir() => {
            return Err(StoreError::Invalid(format!(
                "{} is a file, not a folder; choose an empty folder for the new site.",
                dir.display()
            )));
        }
        Err(e) => return Err(StoreError::io(format!("Could not read the folder {}", dir.display()))(e)),
    };
    for entry in entries {
        let entry = entry.map_err(StoreError::io(format!("Could not read the folder {}", dir.display())))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let own_empty = ["media", "cache"].contains(&name.as_ref())
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && std::fs::read_dir(entry.path()).is_ok_and(|mut d| d.next().is_none());
        if !own_empty && !LITTER.contains(&name.as_ref()) && marker != Some(name.as_ref()) {
            return Err(StoreError::Invalid(format!(
                "{} is not empty and is not a Masthead site (it holds {name} and has no site.db); choose an \
                 empty folder, or a new one, for the new site.",
                dir.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn commits_reach_the_disk_before_they_count_as_saved() {
        let dir = tempfile::tempdir().unwrap();
        let site = super::Site::create(dir.path().join("s")).unwrap();
        let level: i64 = site.conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!(level, 2, "synchronous=FULL");
    }
}
