use masthead_store::StoreError;

/// What can go wrong while publishing, each saying what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Render(#[from] masthead_render::RenderError),
    #[error("{0}")]
    Invalid(String),
    /// The host could not be reached or refused; `what` says which step.
    #[error("{what}: {message}")]
    Host { what: String, message: String },
    /// Someone else published (or is publishing) to this host since this site last did.
    #[error("{0}")]
    Conflict(String),
    #[error(
        "The publish was cancelled. The website on the host stays whole (some new files may already be there); publish again to send the rest."
    )]
    Cancelled,
}

impl PublishError {
    pub fn code(&self) -> &'static str {
        match self {
            PublishError::Store(e) => e.code(),
            PublishError::Render(_) => "render",
            PublishError::Invalid(_) => "invalid",
            PublishError::Host { .. } => "host",
            PublishError::Conflict(_) => "conflict",
            PublishError::Cancelled => "cancelled",
        }
    }
}

pub type Result<T> = std::result::Result<T, PublishError>;
