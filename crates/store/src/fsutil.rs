//! File writes that never leave a half-written file behind.

use std::io::Write;
use std::path::Path;

use crate::error::{Result, StoreError};

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename. The file
/// is flushed to disk before the rename and the folder after it, so that after a power cut
/// `path` holds either the old bytes or the new ones, never an empty or partial file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let err = StoreError::io(format!("Could not write {}", path.display()));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(StoreError::io(format!("Could not write in {}", dir.display())))?;
    tmp.write_all(bytes).and_then(|_| tmp.as_file().sync_all()).map_err(err)?;
    tmp.persist(path)
        .map_err(|e| StoreError::Io { context: format!("Could not write {}", path.display()), source: e.error })?;
    sync_dir(dir)
}

/// Flushes a folder's entries (new names, renames) to disk. On Unix a rename is only durable
/// once its folder is synced; elsewhere there is no portable way to do it, so it does nothing.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(test)]
    DIR_SYNCS.with(|n| n.set(n.get() + 1));
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(StoreError::io(format!("Could not save the changes in {} to disk", dir.display())))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
thread_local! {
    /// How many times this thread synced a folder (tests check that writes do).
    pub(crate) static DIR_SYNCS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_reach_the_disk_with_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prefs.json");
        let before = DIR_SYNCS.with(|n| n.get());
        write_atomic(&path, b"{}").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
        assert_eq!(DIR_SYNCS.with(|n| n.get()), before + 1, "the folder was synced after the rename");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 1, "no temporary file left: {left:?}");
    }
}
