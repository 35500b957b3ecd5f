use masthead_store::StoreError;
use serde::Serialize;

/// The one error type the UI sees: `{ "code": "...", "message": "..." }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct AppError {
    pub(crate) code: String,
    pub(crate) message: String,
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError { code: e.code().to_string(), message: e.to_string() }
    }
}

impl From<masthead_render::RenderError> for AppError {
    fn from(e: masthead_render::RenderError) -> Self {
        match e {
            masthead_render::RenderError::Store(e) => e.into(),
            masthead_render::RenderError::Template { .. } => AppError { code: "theme".into(), message: e.to_string() },
            masthead_render::RenderError::Io { .. } => AppError { code: "io".into(), message: e.to_string() },
        }
    }
}

impl From<masthead_import::ImportError> for AppError {
    fn from(e: masthead_import::ImportError) -> Self {
        match e {
            masthead_import::ImportError::Store(e) => e.into(),
            other => AppError { code: "import".into(), message: other.to_string() },
        }
    }
}

impl AppError {
    pub(crate) fn invalid(message: impl Into<String>) -> AppError {
        AppError { code: "invalid".into(), message: message.into() }
    }
}

pub(crate) type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let e = AppError::from(StoreError::NoSite("/tmp/nowhere".into()));
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "no_site");
        assert!(json["message"].as_str().unwrap().contains("masthead --site /tmp/nowhere init"));
        assert_eq!(json.as_object().unwrap().len(), 2);
    }
}
