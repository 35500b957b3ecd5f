//! Team sync: several members share one site through an ordinary host (folder, WebDAV, S3,
//! SFTP, FTP), with no server of ours. Each member appends only to its own log on the host;
//! everything there is encrypted and authenticated with the team key. Edits merge three-way
//! from their common revision; what cannot merge is kept as a second version, never lost.
//! See `docs/team-sync.md`.

mod apply;
mod collect;
mod db;
mod error;
mod failures;
mod invitation;
mod key;
mod merge;
mod ops;
mod push;
mod rekey;
mod report;
mod space;
mod switch;
mod sync;
mod wire;

pub use error::{Result, TeamError};

/// Tests only (debug builds): `MASTHEAD_TEAM_DIE_AT=POINT` ends the process at once, as a
/// SIGKILL would, at the named step of `team create`, `team join` or `team rekey`, so the
/// narrow windows between writing the space and keeping the key are tested exactly.
pub(crate) fn die_at(point: &str) {
    if cfg!(debug_assertions) && std::env::var("MASTHEAD_TEAM_DIE_AT").is_ok_and(|p| p == point) {
        std::process::abort();
    }
}
pub use failures::Failure;
pub use invitation::Invitation;
pub use key::TeamKey;
pub use merge::{Merged, merge_data, merge_text, merge_text_keeping_both};
pub use ops::{Conflict, MemberStatus, Resolution, Side, Status, conflicts, create, is_member, join, resolve, status};
pub use rekey::{adopt, rekey};
pub use report::SyncReport;
pub use space::{SPACE_DIR, Space};
pub use sync::sync;
pub use wire::{Rev, Segment};
