//! Work folders beside a file being made (a backup, a restored site): named for what they are,
//! locked while their process lives, and cleared by the next run when a killed one left them.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::{Result, StoreError};

/// The lock file inside a work folder, held (`flock`) while its process works in it.
const LOCK: &str = ".lock";

/// A work folder that only the killed process that made it could have left without its lock
/// file (in the moment between making it and locking it) is cleared after this long.
const UNLOCKED_GRACE: Duration = Duration::from_secs(10 * 60);

/// A folder `PREFIXxxxxxx` in `parent`, removed when dropped (unless kept).
pub(crate) struct WorkDir {
    dir: Option<tempfile::TempDir>,
    lock: Option<File>,
}

impl WorkDir {
    /// Clears the `prefix` folders that killed runs left in `parent`, then makes a new one.
    pub(crate) fn new(parent: &Path, prefix: &str) -> Result<WorkDir> {
        clear_abandoned(parent, prefix);
        let fail = StoreError::io(format!("Could not write in {}", parent.display()));
        // The process id in the name tells a later run whether the maker is still alive.
        let named = format!("{prefix}{}-", std::process::id());
        let dir = tempfile::Builder::new().prefix(&named).tempdir_in(parent).map_err(fail)?;
        let lock = File::create(dir.path().join(LOCK))
            .and_then(|f| f.try_lock().map(|()| f).map_err(std::io::Error::other))
            .map_err(StoreError::io(format!("Could not write in {}", dir.path().display())))?;
        Ok(WorkDir { dir: Some(dir), lock: Some(lock) })
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.as_ref().expect("a live work folder").path()
    }

    /// Keeps the folder (without its lock file) for the caller to move into place.
    pub(crate) fn keep(mut self) -> Result<PathBuf> {
        let dir = self.dir.take().expect("a live work folder");
        let lock = dir.path().join(LOCK);
        std::fs::remove_file(&lock).map_err(StoreError::io(format!("Could not remove {}", lock.display())))?;
        drop(self.lock.take());
        Ok(dir.keep())
    }
}

/// Removes `prefix` folders in `parent` whose process is gone: their lock can be taken (or,
/// without a lock file, they are old). Links and files with the name are left alone, and so
/// is every folder another live process works in.
fn clear_abandoned(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().starts_with(prefix) || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = entry.path();
        let abandoned = match File::open(path.join(LOCK)) {
            Ok(lock) => lock.try_lock().is_ok(),
            // Made, but not yet locked: abandoned once its maker is gone (or after a while).
            Err(_) => {
                maker_gone(&name.to_string_lossy()[prefix.len()..])
                    || entry
                        .metadata()
                        .and_then(|m| m.modified())
                        .is_ok_and(|t| SystemTime::now().duration_since(t).unwrap_or_default() > UNLOCKED_GRACE)
            }
        };
        if abandoned && let Err(e) = std::fs::remove_dir_all(&path) {
            tracing::warn!("could not remove the abandoned work folder {}: {e}", path.display());
        }
    }
}

/// True when the process named at the start of `rest` (`<pid>-…`) is known to have ended:
/// on Linux its `/proc` entry is gone. Elsewhere, or without a pid, it is not known.
fn maker_gone(rest: &str) -> bool {
    let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else { return false };
    cfg!(target_os = "linux") && Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_folders_of_dead_runs_are_cleared() {
        let parent = tempfile::tempdir().unwrap();
        let live = WorkDir::new(parent.path(), ".masthead-test-").unwrap();
        // A run killed after locking: its lock file is there, and nobody holds it.
        let dead = parent.path().join(".masthead-test-dead");
        std::fs::create_dir(&dead).unwrap();
        File::create(dead.join(LOCK)).unwrap();
        // A fresh folder without a lock file (a run between making it and locking it), of a
        // live process, and one of a process that has ended.
        let young = parent.path().join(format!(".masthead-test-{}-young", std::process::id()));
        let orphan = parent.path().join(".masthead-test-4294967295-orphan");
        std::fs::create_dir(&orphan).unwrap();
        std::fs::create_dir(&young).unwrap();
        // Somebody else's file that happens to share the prefix.
        std::fs::write(parent.path().join(".masthead-test-file"), b"mine").unwrap();
        let next = WorkDir::new(parent.path(), ".masthead-test-").unwrap();
        assert!(!dead.exists(), "a dead run's folder is cleared");
        assert!(live.path().exists(), "a live run's folder stays");
        assert!(young.exists(), "an unlocked folder of a live process stays");
        assert_eq!(orphan.exists(), !cfg!(target_os = "linux"), "an unlocked folder of an ended process goes");
        assert!(parent.path().join(".masthead-test-file").exists());
        let kept = next.keep().unwrap();
        assert!(kept.exists() && !kept.join(LOCK).exists());
    }
}
