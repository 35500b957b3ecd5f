use std::path::PathBuf;

/// Everything that can go wrong in the content store. Messages are written for the
/// person using Masthead: what is wrong, and what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("No Masthead site at {0}. Create one with “masthead --site {0} init”.")]
    NoSite(PathBuf),
    #[error("A Masthead site already exists at {0}; open it instead of creating it.")]
    SiteExists(PathBuf),
    #[error(
        "The site at {path} was saved by a newer Masthead (database version {found}, this one knows up to {known}). Update Masthead to open it."
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("{kind} “{key}” was not found.")]
    NotFound { kind: &'static str, key: String },
    #[error(
        "{kind} “{slug}” was changed elsewhere (by {by} at {at}) after you opened it. Reload it to see those changes, then save again."
    )]
    Conflict { kind: &'static str, slug: String, by: String, at: String },
    #[error("{0}")]
    Invalid(String),
    #[error("{file}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Import { file: String, line: Option<u64>, message: String },
    #[error("{}", database_message(.0))]
    Database(#[from] rusqlite::Error),
    #[error("{context}: {}", io_message(.source))]
    Io { context: String, source: std::io::Error },
}

/// What a full disk means for the user's work, and what to do.
const DISK_FULL: &str =
    "the disk is full, so this was not done; everything saved before is safe. Free some space, then try again";

fn database_message(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => return format!("The site database could not be written: {DISK_FULL}."),
        // SQLite reports a full disk met while growing its shared-memory or journal files as
        // an I/O error.
        Some(rusqlite::ErrorCode::SystemIoFailure) => {
            return format!(
                "The site database could not be written ({e}): the disk is full or failing, so this was not done; \
                 everything saved before is safe. Free some space, then try again; if this persists, restore the \
                 site from a backup."
            );
        }
        _ => {}
    }
    format!("The site database could not be used: {e}. If this persists, restore the site from a backup.")
}

/// An I/O error in words for the user: a full disk says what it means and what to do.
pub fn io_message(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::StorageFull || e.kind() == std::io::ErrorKind::QuotaExceeded {
        return DISK_FULL.to_string();
    }
    e.to_string()
}

impl StoreError {
    /// A short stable code for callers (the desktop app sends it to the UI).
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NoSite(_) => "no_site",
            StoreError::SiteExists(_) => "site_exists",
            StoreError::TooNew { .. } => "too_new",
            StoreError::NotFound { .. } => "not_found",
            StoreError::Conflict { .. } => "conflict",
            StoreError::Invalid(_) => "invalid",
            StoreError::Import { .. } => "import",
            StoreError::Database(_) => "database",
            StoreError::Io { .. } => "io",
        }
    }

    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> StoreError {
        let context = context.into();
        move |source| StoreError::Io { context, source }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
