//! What a sync reports.

use serde::Serialize;

use crate::failures::Failure;

/// What a sync did (the CLI's `sync --json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct SyncReport {
    /// Revisions this member sent.
    pub sent: u64,
    /// Revisions received from colleagues.
    pub received: u64,
    /// Entities whose versions were merged without a conflict.
    pub merged: u64,
    /// New conflicts: two versions kept, the local one current.
    pub conflicts: u64,
    /// Items received that could not be written here: kept, and tried again by the next sync.
    pub failed: Vec<Failure>,
    pub ms: u64,
}
