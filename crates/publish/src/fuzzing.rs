//! Entry points for the fuzz targets in `fuzz/` (not an API): the parsers of what a host and
//! the local journal hold, exactly as a publish uses them.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::journal::Journal;
use crate::manifest::{Manifest, plan};

/// What a publish of an empty build would delete on a host whose manifest is `bytes`, or why
/// it refuses the manifest. A publish never deletes anything else of the host's.
pub fn manifest_deletions(bytes: &[u8]) -> Result<Vec<String>, String> {
    let manifest = Manifest::from_host_bytes(bytes).map_err(|e| e.to_string())?;
    manifest.check_paths().map_err(|e| e.to_string())?;
    Ok(plan(&BTreeMap::new(), &manifest.files, &HashSet::new()).deletions)
}

/// The deletions an interrupted publish would finish, from a journal file holding `bytes`.
pub fn journal_deletions(bytes: &[u8], host_id: Option<&str>) -> Vec<String> {
    Journal::from_bytes(bytes, host_id, Path::new("journal.json")).pending_deletions
}

/// True when `path` may be written or deleted on a host (see `paths::site_path_problem`).
pub fn is_site_path(path: &str) -> bool {
    crate::paths::site_path_problem(path).is_none()
}
