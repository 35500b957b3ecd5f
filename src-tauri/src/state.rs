use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use masthead_render::{Content, Theme};
use masthead_store::{Site, SiteLocation};

use crate::error::{AppError, AppResult};

/// The open site, or why it could not be opened (shown in the window instead of crashing),
/// and what the preview keeps between keystrokes.
pub(crate) struct AppState {
    /// Another site can be opened while the app runs (Settings → Sites).
    site: Mutex<Result<Site, AppError>>,
    /// Bumped by every command that writes, so the preview knows its snapshot is stale.
    generation: AtomicU64,
    preview: Mutex<Option<Preview>>,
    /// Set once the UI listens for close requests (it saves pending edits, then closes).
    pub(crate) close_guard: AtomicBool,
    /// The publish under way (one at a time).
    pub(crate) publishing: Running,
    /// Held while a team sync (or a team's start, or a resolve) talks to the host: one at a time.
    pub(crate) syncing: Mutex<()>,
}

/// A snapshot of the site (drafts included) and the theme, for rendering previews.
pub(crate) struct Preview {
    pub(crate) generation: u64,
    pub(crate) content: Content,
    pub(crate) theme: Theme,
}

impl AppState {
    pub(crate) fn open_default() -> AppState {
        let location = SiteLocation::resolve(None);
        let site = masthead_api::sites::open(&location);
        if let Err(e) = &site {
            tracing::error!(dir = %location.dir.display(), "could not open the site: {}", e.message);
        }
        AppState {
            site: Mutex::new(site),
            generation: AtomicU64::new(0),
            preview: Mutex::new(None),
            close_guard: AtomicBool::new(false),
            publishing: Default::default(),
            syncing: Mutex::new(()),
        }
    }

    pub(crate) fn site(&self) -> AppResult<SiteGuard<'_>> {
        let guard = self.site.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Err(e) = &*guard {
            return Err(e.clone());
        }
        Ok(SiteGuard(guard))
    }

    /// Makes `site` the open site (the UI reloads after).
    pub(crate) fn replace_site(&self, site: Site) {
        *self.site.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Ok(site);
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The site, for a command that changes it.
    pub(crate) fn site_mut(&self) -> AppResult<SiteGuard<'_>> {
        let site = self.site()?;
        self.generation.fetch_add(1, Ordering::SeqCst);
        Ok(site)
    }

    /// Runs `f` with an up-to-date preview snapshot, loading it when the site has changed.
    pub(crate) fn with_preview<T>(&self, f: impl FnOnce(&Site, &Preview) -> AppResult<T>) -> AppResult<T> {
        let site = self.site()?;
        let mut preview = self.preview.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let generation = self.generation.load(Ordering::SeqCst);
        if preview.as_ref().is_none_or(|p| p.generation != generation) {
            // Without article bodies: the page previewed is the editor's draft.
            let content = Content::load_light(&site, jiff::Timestamp::now(), true)?;
            let theme = Theme::load(Some(&site.dir().join("theme")))?;
            *preview = Some(Preview { generation, content, theme });
        }
        f(&site, preview.as_ref().expect("loaded above"))
    }
}

/// The open site, locked.
pub(crate) struct SiteGuard<'a>(MutexGuard<'a, Result<Site, AppError>>);

impl Deref for SiteGuard<'_> {
    type Target = Site;
    fn deref(&self) -> &Site {
        self.0.as_ref().expect("checked when locked")
    }
}

impl DerefMut for SiteGuard<'_> {
    fn deref_mut(&mut self) -> &mut Site {
        self.0.as_mut().expect("checked when locked")
    }
}

/// The publish under way, if any: its cancel flag.
#[derive(Default)]
pub(crate) struct Running(pub(crate) std::sync::Mutex<Option<std::sync::Arc<std::sync::atomic::AtomicBool>>>);
