//! The one error type of every operation: a stable [`Code`] the UI and scripts branch on, and
//! a message written for the person using Masthead. Every crate's error maps to it here, and
//! only here.

use masthead_import::ImportError;
use masthead_publish::PublishError;
use masthead_render::RenderError;
use masthead_store::StoreError;
use masthead_team::TeamError;
use serde::Serialize;

/// What kind of failure it was. The names are a contract with the UI (`error.code`): add
/// codes, never rename one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// No site in the folder named.
    NoSite,
    /// A site is already there.
    SiteExists,
    /// The site was saved by a newer Masthead.
    TooNew,
    NotFound,
    /// Someone saved (or published) in between; reload and try again.
    Conflict,
    /// The input was refused; the message says which field and why.
    Invalid,
    /// A file being imported is wrong; the message names it.
    Import,
    Database,
    Io,
    /// A theme template has an error.
    Theme,
    /// The host could not be reached or refused.
    Host,
    Cancelled,
    /// Something of the kind is already under way (a publish).
    Busy,
    /// A bug: the work stopped unexpectedly.
    Internal,
    /// The team key is missing or wrong, or a file in the team space was refused (changed on
    /// the host, or another team's): nothing from it was applied.
    TeamKey,
    /// An update could not be fetched or was refused (its signature, its version): nothing was
    /// installed.
    Update,
}

impl Code {
    /// Whether the host or the team key failed, not the request (the CLI's `sync` exits
    /// with 2 for those).
    pub fn is_host_or_key(self) -> bool {
        matches!(self, Code::Host | Code::TeamKey)
    }
}

/// `{ "code": "...", "message": "..." }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct ApiError {
    pub code: Code,
    pub message: String,
}

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

impl ApiError {
    pub fn new(code: Code, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into() }
    }

    pub fn invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(Code::Invalid, message)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::NoSite(_) => Code::NoSite,
            StoreError::SiteExists(_) => Code::SiteExists,
            StoreError::TooNew { .. } => Code::TooNew,
            StoreError::NotFound { .. } => Code::NotFound,
            StoreError::Conflict { .. } => Code::Conflict,
            StoreError::Invalid(_) => Code::Invalid,
            StoreError::Import { .. } => Code::Import,
            StoreError::Database(_) => Code::Database,
            StoreError::Io { .. } => Code::Io,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<RenderError> for ApiError {
    fn from(e: RenderError) -> Self {
        match e {
            RenderError::Store(e) => e.into(),
            RenderError::Template { .. } => ApiError::new(Code::Theme, e.to_string()),
            RenderError::Io { .. } => ApiError::new(Code::Io, e.to_string()),
        }
    }
}

impl From<PublishError> for ApiError {
    fn from(e: PublishError) -> Self {
        match e {
            PublishError::Store(e) => e.into(),
            PublishError::Render(e) => e.into(),
            PublishError::Invalid(_) => ApiError::new(Code::Invalid, e.to_string()),
            PublishError::Host { .. } => ApiError::new(Code::Host, e.to_string()),
            PublishError::Conflict(_) => ApiError::new(Code::Conflict, e.to_string()),
            PublishError::Cancelled => ApiError::new(Code::Cancelled, e.to_string()),
        }
    }
}

impl From<ImportError> for ApiError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Store(e) => e.into(),
            ImportError::Source(_) => ApiError::new(Code::Import, e.to_string()),
            ImportError::Io { .. } => ApiError::new(Code::Io, e.to_string()),
        }
    }
}

impl From<TeamError> for ApiError {
    fn from(e: TeamError) -> Self {
        match e {
            TeamError::Store(e) => e.into(),
            // Whatever failed on the way to the host (connecting, a secret, a file there) is
            // the host's: the member retries when it answers again.
            TeamError::Host(_) => ApiError::new(Code::Host, e.to_string()),
            TeamError::Refused { .. } | TeamError::Key(_) => ApiError::new(Code::TeamKey, e.to_string()),
            TeamError::Invalid(_) => ApiError::new(Code::Invalid, e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(e: impl Into<ApiError>) -> serde_json::Value {
        serde_json::to_value(e.into()).unwrap()
    }

    #[test]
    fn serialises_as_code_and_message() {
        let v = json(StoreError::NoSite("/tmp/nowhere".into()));
        assert_eq!(v["code"], "no_site");
        assert!(v["message"].as_str().unwrap().contains("masthead --site /tmp/nowhere init"));
        assert_eq!(v.as_object().unwrap().len(), 2);
    }

    #[test]
    fn every_crate_maps_to_the_same_codes() {
        let template = || RenderError::Template { name: "article.html".into(), message: "oops".into() };
        // A template error is `theme` whether it comes from a preview or from a publish.
        assert_eq!(json(template())["code"], "theme");
        assert_eq!(json(PublishError::Render(template()))["code"], "theme");
        let conflict =
            || StoreError::Conflict { kind: "Article", slug: "a".into(), by: "Ann".into(), at: "now".into() };
        assert_eq!(json(conflict())["code"], "conflict");
        assert_eq!(json(PublishError::Store(conflict()))["code"], "conflict");
        assert_eq!(json(RenderError::Store(conflict()))["code"], "conflict");
        assert_eq!(json(PublishError::Conflict("Ann published".into()))["code"], "conflict");
        let io = || std::io::Error::other("broken");
        assert_eq!(json(RenderError::Io { context: "x".into(), source: io() })["code"], "io");
        assert_eq!(json(StoreError::Io { context: "x".into(), source: io() })["code"], "io");
        assert_eq!(json(PublishError::Host { what: "Connecting".into(), message: "refused".into() })["code"], "host");
        assert_eq!(json(PublishError::Cancelled)["code"], "cancelled");
        assert_eq!(json(PublishError::Invalid("no".into()))["code"], "invalid");
        assert_eq!(json(ImportError::Source("not an export".into()))["code"], "import");
        assert_eq!(json(ImportError::Store(conflict()))["code"], "conflict");
        assert_eq!(json(ImportError::Io { path: "x".into(), source: io() })["code"], "io");
    }

    #[test]
    fn team_errors_say_whether_the_host_the_key_or_the_request_failed() {
        let host = || PublishError::Host { what: "Connecting".into(), message: "refused".into() };
        let e: ApiError = TeamError::Host(host()).into();
        assert_eq!(e.code, Code::Host);
        assert!(e.message.contains(&host().to_string()), "{}", e.message);
        assert!(e.message.contains("Nothing saved on this computer was lost"), "{}", e.message);
        assert!(e.code.is_host_or_key());
        let refused = TeamError::Refused { path: "team/log/x".into(), why: "bad tag".into() };
        let e: ApiError = refused.into();
        assert_eq!(e.code, Code::TeamKey);
        assert!(e.message.contains("nothing from it was applied"), "{}", e.message);
        assert!(e.code.is_host_or_key());
        assert_eq!(json(TeamError::Key("no key".into()))["code"], "team_key");
        let invalid: ApiError = TeamError::Invalid("not in a team".into()).into();
        assert_eq!((invalid.code, invalid.message.as_str()), (Code::Invalid, "not in a team"));
        assert!(!invalid.code.is_host_or_key());
        let conflict = StoreError::Conflict { kind: "Article", slug: "a".into(), by: "Ann".into(), at: "now".into() };
        assert_eq!(json(TeamError::Store(conflict))["code"], "conflict");
    }

    #[test]
    fn codes_are_stable_names() {
        let names: Vec<String> = [
            Code::NoSite,
            Code::SiteExists,
            Code::TooNew,
            Code::NotFound,
            Code::Conflict,
            Code::Invalid,
            Code::Import,
            Code::Database,
            Code::Io,
            Code::Theme,
            Code::Host,
            Code::Cancelled,
            Code::Busy,
            Code::Internal,
            Code::TeamKey,
        ]
        .iter()
        .map(|c| serde_json::to_value(c).unwrap().as_str().unwrap().to_string())
        .collect();
        assert_eq!(
            names,
            [
                "no_site",
                "site_exists",
                "too_new",
                "not_found",
                "conflict",
                "invalid",
                "import",
                "database",
                "io",
                "theme",
                "host",
                "cancelled",
                "busy",
                "internal",
                "team_key"
            ]
        );
    }
}
