use serde::{Deserialize, Serialize};

/// Bookkeeping every stored entity carries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Meta {
    /// Row id; 0 for an entity that has never been saved.
    #[serde(default)]
    pub id: i64,
    /// Bumped by every save. A save must carry the version it was based on; saving over a
    /// newer one is a conflict.
    #[serde(default)]
    pub version: i64,
    /// When it was first saved (RFC 3339, UTC).
    #[serde(default)]
    pub created_at: String,
    /// When it was last saved (RFC 3339, UTC).
    #[serde(default)]
    pub updated_at: String,
    /// Who saved it last.
    #[serde(default)]
    pub updated_by: String,
}
