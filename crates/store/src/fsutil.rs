//! File writes that never leave a half-written file behind.

use std::io::Write;
use std::path::Path;

use crate::error::{Result, StoreError};

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let err = StoreError::io(format!("Could not write {}", path.display()));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(StoreError::io(format!("Could not write in {}", dir.display())))?;
    tmp.write_all(bytes).and_then(|_| tmp.as_file().sync_all()).map_err(err)?;
    tmp.persist(path)
        .map_err(|e| StoreError::Io { context: format!("Could not write {}", path.display()), source: e.error })?;
    Ok(())
}
