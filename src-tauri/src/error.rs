//! The app's commands fail with the API's one error type, `{ "code": "...", "message": "..." }`.

pub(crate) use masthead_api::{ApiError as AppError, Code, Result as AppResult};
