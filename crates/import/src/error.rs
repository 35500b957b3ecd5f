//! Errors that stop an import before anything is changed.

/// Why an import could not run at all. Problems with single items are in the report instead.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The source cannot be read or is not what `--from` says.
    #[error("{0}")]
    Source(String),
    /// Reading a file of the source failed.
    #[error("Could not read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The site refused the import (nothing was changed).
    #[error(transparent)]
    Store(#[from] masthead_store::StoreError),
}

/// The crate's result.
pub type Result<T> = std::result::Result<T, ImportError>;

pub(crate) fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> ImportError + '_ {
    move |source| ImportError::Io { path: path.display().to_string(), source }
}
