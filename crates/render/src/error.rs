use masthead_store::StoreError;

/// What can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "The theme template {name} has an error: {message}. Fix it in SITE/theme/templates/{name} or remove that file to use the default."
    )]
    Template { name: String, message: String },
    #[error("{context}: {}", masthead_store::io_message(.source))]
    Io { context: String, source: std::io::Error },
}

impl RenderError {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> RenderError {
        let context = context.into();
        move |source| RenderError::Io { context, source }
    }
}

pub type Result<T, E = RenderError> = std::result::Result<T, E>;
