//! What can go wrong in team sync, in words for the person using the app.

use masthead_store::StoreError;

/// A team sync error.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// The host could not be reached, refused us, or failed. Nothing local is lost: what was
    /// not sent stays to send, what was not read is read by the next sync.
    #[error("{}", host_words(.0))]
    Host(#[from] masthead_publish::PublishError),
    /// A file in the team space cannot be opened with the team key: changed on the host, or
    /// written by another team. Nothing from it is applied.
    #[error(
        "The team file {path} on the host was refused: {why}. It was changed on the host, damaged, or written with another team key; nothing from it was applied."
    )]
    Refused { path: String, why: String },
    /// The team key is missing, malformed or not this space's.
    #[error("{0}")]
    Key(String),
    /// The local site.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A request that cannot be done as asked.
    #[error("{0}")]
    Invalid(String),
}

/// A host's failure in words that say what it means for the member's work.
fn host_words(e: &masthead_publish::PublishError) -> String {
    match e {
        masthead_publish::PublishError::Host { .. } => format!(
            "The team's host did not answer as it should, so this step stopped part-way: {e}. Nothing saved on this computer was lost; try again when the host answers."
        ),
        other => other.to_string(),
    }
}

impl TeamError {
    /// Whether the error is the host's or the key's (the CLI exits with 2 for those).
    pub fn is_host_or_key(&self) -> bool {
        matches!(self, TeamError::Host(_) | TeamError::Refused { .. } | TeamError::Key(_))
    }
}

impl From<rusqlite::Error> for TeamError {
    fn from(e: rusqlite::Error) -> Self {
        TeamError::Store(StoreError::from(e))
    }
}

pub type Result<T, E = TeamError> = std::result::Result<T, E>;

/// Team errors inside a store transaction travel as store errors.
pub(crate) fn store_err(e: TeamError) -> masthead_store::StoreError {
    match e {
        TeamError::Store(e) => e,
        other => masthead_store::StoreError::Invalid(other.to_string()),
    }
}

pub(crate) fn not_in_team() -> TeamError {
    TeamError::Invalid("This site is not in a team. Start one with `masthead team create TARGET`.".into())
}
