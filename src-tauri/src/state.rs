use std::sync::{Mutex, MutexGuard};

use masthead_media::Pipeline;
use masthead_store::{Site, SiteLocation};

use crate::error::{AppError, AppResult};

/// The open site, or why it could not be opened (shown in the window instead of crashing).
pub(crate) struct AppState {
    site: Result<Mutex<Site>, AppError>,
}

impl AppState {
    pub(crate) fn open_default() -> AppState {
        let location = SiteLocation::resolve(None);
        let site = location.open(&Pipeline).map(Mutex::new).map_err(AppError::from);
        if let Err(e) = &site {
            tracing::error!(dir = %location.dir.display(), "could not open the site: {}", e.message);
        }
        AppState { site }
    }

    pub(crate) fn site(&self) -> AppResult<MutexGuard<'_, Site>> {
        let site = self.site.as_ref().map_err(Clone::clone)?;
        Ok(site.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}
