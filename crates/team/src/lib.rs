//! Team sync: several members share one site through an ordinary host (folder, WebDAV, S3,
//! SFTP, FTP), with no server of ours. Each member appends only to its own log on the host;
//! everything there is encrypted and authenticated with the team key. Edits merge three-way
//! from their common revision; what cannot merge is kept as a second version, never lost.
//! See `docs/team-sync.md`.

mod db;
mod error;
mod invitation;
mod key;
mod merge;
mod ops;
mod space;
mod sync;
mod wire;

pub use error::{Result, TeamError};
pub use invitation::Invitation;
pub use key::TeamKey;
pub use merge::{Merged, merge_data, merge_text};
pub use ops::{Conflict, MemberStatus, Side, Status, conflicts, create, is_member, join, resolve, status};
pub use space::{SPACE_DIR, Space};
pub use sync::{SyncReport, sync};
pub use wire::{Rev, Segment};
