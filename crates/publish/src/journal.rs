//! The local journal of a publish in progress (`SITE/cache/publish/<target>.json`): what was
//! already sent on top of which host manifest, and deletions still to do. An interrupted
//! publish resumes from it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Journal {
    /// The host manifest id the journal's work is based on.
    pub(crate) base: Option<String>,
    /// Path → hash of files sent since.
    pub(crate) sent: BTreeMap<String, String>,
    /// Files that left the site and may still be on the host.
    pub(crate) pending_deletions: Vec<String>,
}

impl Journal {
    /// The journal for the host as it is now (`host_id`); one based on another manifest is
    /// stale, except for its pending deletions, which are always worth finishing.
    ///
    /// A pending deletion that is not the path of a site file (`../x`, `/etc/x`, `.htaccess` …,
    /// see [`crate::paths::site_path_problem`]) is dropped with a warning, never deleted. The
    /// journal only saves work, so dropping is safe, and it lets publishing go on; the host's
    /// manifest, which others can write, is refused instead ([`crate::Manifest::check_paths`]).
    pub(crate) fn load(path: &Path, host_id: Option<&str>) -> Journal {
        Journal::from_bytes(&std::fs::read(path).unwrap_or_default(), host_id, path)
    }

    /// [`Journal::load`] of bytes already read from `path`; unreadable bytes are an empty journal.
    pub(crate) fn from_bytes(bytes: &[u8], host_id: Option<&str>, path: &Path) -> Journal {
        let mut saved: Journal = serde_json::from_slice(bytes).unwrap_or_default();
        saved.pending_deletions.retain(|p| match crate::paths::site_path_problem(p) {
            None => true,
            Some(why) => {
                tracing::warn!("the publish journal {} lists {p:?} to delete: {why}; ignored", path.display());
                false
            }
        });
        if saved.base.as_deref() == host_id {
            saved
        } else {
            Journal {
                base: host_id.map(str::to_string),
                sent: BTreeMap::new(),
                pending_deletions: saved.pending_deletions,
            }
        }
    }

    /// Saves the journal; a failure only costs resending after an interruption.
    pub(crate) fn save(&self, path: &Path) {
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(path.parent().expect("a folder"))?;
            masthead_store::write_atomic(path, &serde_json::to_vec(self).expect("journals serialise"))
                .map_err(std::io::Error::other)
        };
        if let Err(e) = write() {
            tracing::warn!("could not save the publish journal {}: {e}", path.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_deletions_outside_the_site_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("live.json");
        let saved = Journal {
            base: Some("m1".into()),
            sent: BTreeMap::new(),
            pending_deletions: ["old/index.html", "../outside.txt", "/etc/x", "a/../../b", "a\\b", ".htaccess", ""]
                .map(String::from)
                .to_vec(),
        };
        saved.save(&path);
        for host_id in [Some("m1"), Some("m2"), None] {
            assert_eq!(Journal::load(&path, host_id).pending_deletions, ["old/index.html"], "{host_id:?}");
        }
    }
}
