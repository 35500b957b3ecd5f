//! Hosts and publishing: thin wrappers over `masthead-publish`. Network work runs on its own
//! thread with its own connection to the site, so editing goes on meanwhile; progress and the
//! outcome arrive as events.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use masthead_api::targets::{NewTarget, SavedTarget};
use masthead_publish::{Options, Progress, Report};
use masthead_render::{Content, Problem};
use masthead_store::{PublishLog, Site, Target};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};
use tracing::instrument;

use crate::error::{AppError, AppResult, Code};
use crate::state::AppState;

pub(crate) const PROGRESS: &str = "masthead://publish-progress";
pub(crate) const DONE: &str = "masthead://publish-done";

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn list_targets(state: State<'_, AppState>) -> AppResult<Vec<Target>> {
    Ok(state.site()?.targets()?)
}

/// The hosts a colleague shared that still need this member's user, by name.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn targets_needing_user(state: State<'_, AppState>) -> AppResult<Vec<String>> {
    masthead_api::targets::needing_user(&*state.site()?)
}

/// Adds or changes a host; a non-empty `secret` goes to the keychain (or the fallback file).
#[tauri::command]
#[specta::specta]
#[instrument(skip(state, secret), err)]
pub(crate) fn save_target(
    state: State<'_, AppState>,
    name: String,
    url: String,
    user: Option<String>,
    key_file: Option<String>,
    insecure: bool,
    secret: Option<String>,
) -> AppResult<SavedTarget> {
    let key_file = key_file.filter(|k| !k.trim().is_empty()).map(PathBuf::from);
    masthead_api::targets::save_target(&*state.site_mut()?, NewTarget { name, url, user, key_file, insecure, secret })
}

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn remove_target(state: State<'_, AppState>, name: String) -> AppResult<()> {
    Ok(masthead_publish::remove_target(&*state.site_mut()?, &name)?)
}

/// A second connection to the open site, for work on another thread.
pub(crate) fn own_site(state: &AppState) -> AppResult<Site> {
    let (dir, author) = {
        let site = state.site()?;
        (site.dir().to_path_buf(), site.author().to_string())
    };
    let mut site = Site::open(dir)?;
    site.set_author(author);
    Ok(site)
}

/// Runs `f` with a connection of its own on a plain thread: away from the window's thread,
/// and outside the async runtime (the publish crate runs its own).
pub(crate) fn on_own_thread<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(Site) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    let site = own_site(state)?;
    std::thread::spawn(move || f(site))
        .join()
        .unwrap_or_else(|_| Err(AppError::new(Code::Internal, "The work stopped unexpectedly; try again.")))
}

/// Writes, reads back and deletes a probe file; returns an SSH key's fingerprint seen for
/// the first time.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn test_target(state: State<'_, AppState>, name: String) -> AppResult<Option<String>> {
    on_own_thread(&state, move |site| {
        let target = site.target(Some(&name))?;
        Ok(masthead_publish::test_target(&site, &target)?)
    })
}

/// The checks run before publishing: errors block it, warnings do not.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn check_site(state: State<'_, AppState>) -> AppResult<Vec<Problem>> {
    on_own_thread(&state, |site| {
        let content = Content::load(&site, jiff::Timestamp::now(), false)?;
        Ok(masthead_render::check(&content))
    })
}

/// What a publish would send, delete and leave (a dry run: builds, reads the host's record).
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn plan_publish(state: State<'_, AppState>, target: String, verify: bool) -> AppResult<Report> {
    on_own_thread(&state, move |site| {
        let target = site.target(Some(&target))?;
        let opts = Options { dry_run: true, verify, ..Options::default() };
        Ok(masthead_publish::publish(&site, &target, &opts, &|_| {})?)
    })
}

/// The outcome of a publish (the `masthead://publish-done` event).
#[derive(Clone, Serialize, specta::Type)]
pub(crate) struct Done {
    target: String,
    report: Option<Report>,
    error: Option<AppError>,
    /// Started by the app on its own (scheduled content), not by a click.
    automatic: bool,
}

/// Starts a publish on its own thread; progress comes as `masthead://publish-progress`, the
/// outcome as `masthead://publish-done`.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn start_publish(app: AppHandle, state: State<'_, AppState>, target: String, verify: bool) -> AppResult<()> {
    let site = own_site(&state)?;
    let target = site.target(Some(&target))?;
    let cancel = state.begin_publish()?;
    run(app, site, target, Options { verify, cancel, ..Options::default() }, false);
    Ok(())
}

fn run(app: AppHandle, site: Site, target: Target, opts: Options, automatic: bool) {
    std::thread::spawn(move || {
        let last = std::sync::Mutex::new(Instant::now() - Duration::from_secs(1));
        let progress = |p: &Progress| {
            // At most ten events a second, and always the last one.
            let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
            if last.elapsed() >= Duration::from_millis(100) || p.files_done == p.files_total {
                *last = Instant::now();
                let _ = app.emit(PROGRESS, p);
            }
        };
        let outcome = masthead_api::team::sync_before_publish(&site)
            .and_then(|_| Ok(masthead_publish::publish(&site, &target, &opts, &progress)?))
            .inspect(|_| masthead_api::team::share_publish(&site));
        app.state::<AppState>().end_publish();
        let (report, error) = match outcome {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(e)),
        };
        let _ = app.emit(DONE, Done { target: target.name, report, error, automatic });
    });
}

/// Opens the website where visitors see it (its address from the settings) in the browser.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn open_website(app: AppHandle, state: State<'_, AppState>) -> AppResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let url = state.site()?.settings()?.base_url.unwrap_or_default();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(AppError::invalid(
            "Masthead does not know the website's address yet: set it in Settings (Website address).",
        ));
    }
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| AppError::invalid(format!("The browser could not be opened: {e}")))
}

/// Stops the publish under way after the files in flight; the website stays whole.
#[tauri::command]
#[specta::specta]
pub(crate) fn cancel_publish(state: State<'_, AppState>) {
    state.cancel_publish();
}

#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn publish_history(state: State<'_, AppState>) -> AppResult<Vec<PublishLog>> {
    Ok(state.site()?.publish_history(None, 50)?)
}

/// While the app is open: once a minute, publish to the first host when scheduled content has
/// become public since the last publish (as `masthead publish --due` does).
pub(crate) fn watch_schedule(app: AppHandle) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(60));
            let state = app.state::<AppState>();
            let Ok(site) = own_site(&state) else { continue };
            let Ok(Some(target)) = site.targets().map(|t| t.into_iter().next()) else { continue };
            if !masthead_publish::due(&site, &target).unwrap_or(false) {
                continue;
            }
            if let Ok(cancel) = state.begin_publish() {
                tracing::info!(target = %target.name, "scheduled content is due: publishing");
                run(app.clone(), site, target, Options { cancel, ..Options::default() }, true);
            }
        }
    });
}

impl AppState {
    fn begin_publish(&self) -> AppResult<Arc<AtomicBool>> {
        let mut running = self.publishing.0.lock().unwrap_or_else(|e| e.into_inner());
        if running.is_some() {
            return Err(AppError::new(
                Code::Busy,
                "A publish is already under way; wait for it to finish or cancel it.",
            ));
        }
        let cancel = Arc::new(AtomicBool::new(false));
        *running = Some(cancel.clone());
        Ok(cancel)
    }

    fn end_publish(&self) {
        *self.publishing.0.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn cancel_publish(&self) {
        if let Some(flag) = &*self.publishing.0.lock().unwrap_or_else(|e| e.into_inner()) {
            flag.store(true, Ordering::SeqCst);
        }
    }
}
