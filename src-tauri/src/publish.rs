//! Hosts and publishing: thin wrappers over `masthead-publish`. Network work runs on its own
//! thread with its own connection to the site, so editing goes on meanwhile; progress and the
//! outcome arrive as events.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use masthead_publish::{Options, Progress, Report, secret};
use masthead_render::{Content, Problem};
use masthead_store::{PublishLog, Site, Target};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub(crate) const PROGRESS: &str = "masthead://publish-progress";
pub(crate) const DONE: &str = "masthead://publish-done";

#[tauri::command]
pub(crate) fn list_targets(state: State<'_, AppState>) -> AppResult<Vec<Target>> {
    Ok(state.site()?.targets()?)
}

#[derive(Serialize)]
pub(crate) struct SavedTarget {
    target: Target,
    warnings: Vec<String>,
}

/// Adds or changes a host; a non-empty `secret` goes to the keychain (or the fallback file).
#[tauri::command]
pub(crate) fn save_target(
    state: State<'_, AppState>,
    name: String,
    url: String,
    user: Option<String>,
    key_file: Option<String>,
    insecure: bool,
    secret: Option<String>,
) -> AppResult<SavedTarget> {
    let site = state.site_mut()?;
    let user = user.filter(|u| !u.trim().is_empty());
    let key = key_file.filter(|k| !k.trim().is_empty()).map(std::path::PathBuf::from);
    let (target, unencrypted) =
        masthead_publish::add_target(&site, &name, &url, user.as_deref(), key.as_deref(), insecure)?;
    let mut warnings = vec![];
    if unencrypted {
        warnings.push(format!("{url} is not encrypted: anyone on the network can read what is sent."));
    }
    if let Some(s) = secret.filter(|s| !s.is_empty())
        && let secret::Kept::File(why) = secret::set(site.dir(), &target.name, &s)?
    {
        warnings.push(format!(
            "There is no system keychain here ({why}); the password is kept in {}, readable only by you.",
            secret::file().display()
        ));
    }
    Ok(SavedTarget { target, warnings })
}

#[tauri::command]
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
fn on_own_thread<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(Site) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    let site = own_site(state)?;
    std::thread::spawn(move || f(site)).join().unwrap_or_else(|_| {
        Err(AppError { code: "internal".into(), message: "The work stopped unexpectedly; try again.".into() })
    })
}

/// Writes, reads back and deletes a probe file; returns an SSH key's fingerprint seen for
/// the first time.
#[tauri::command(async)]
pub(crate) fn test_target(state: State<'_, AppState>, name: String) -> AppResult<Option<String>> {
    on_own_thread(&state, move |site| {
        let target = site.target(Some(&name))?;
        Ok(masthead_publish::test_target(&site, &target)?)
    })
}

/// The checks run before publishing: errors block it, warnings do not.
#[tauri::command(async)]
pub(crate) fn check_site(state: State<'_, AppState>) -> AppResult<Vec<Problem>> {
    on_own_thread(&state, |site| {
        let content = Content::load(&site, jiff::Timestamp::now(), false)?;
        Ok(masthead_render::check(&content))
    })
}

/// What a publish would send, delete and leave (a dry run: builds, reads the host's record).
#[tauri::command(async)]
pub(crate) fn plan_publish(state: State<'_, AppState>, target: String, verify: bool) -> AppResult<Report> {
    on_own_thread(&state, move |site| {
        let target = site.target(Some(&target))?;
        let opts = Options { dry_run: true, verify, ..Options::default() };
        Ok(masthead_publish::publish(&site, &target, &opts, &|_| {})?)
    })
}

#[derive(Clone, Serialize)]
struct Done {
    target: String,
    report: Option<Report>,
    error: Option<AppError>,
    /// Started by the app on its own (scheduled content), not by a click.
    automatic: bool,
}

/// Starts a publish on its own thread; progress comes as `masthead://publish-progress`, the
/// outcome as `masthead://publish-done`.
#[tauri::command]
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
        let outcome = masthead_publish::publish(&site, &target, &opts, &progress);
        app.state::<AppState>().end_publish();
        let (report, error) = match outcome {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(AppError::from(e))),
        };
        let _ = app.emit(DONE, Done { target: target.name, report, error, automatic });
    });
}

/// Stops the publish under way after the files in flight; the website stays whole.
/// Opens the website where visitors see it (its address from the settings) in the browser.
#[tauri::command]
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

#[tauri::command]
pub(crate) fn cancel_publish(state: State<'_, AppState>) {
    state.cancel_publish();
}

#[tauri::command]
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

impl From<masthead_publish::PublishError> for AppError {
    fn from(e: masthead_publish::PublishError) -> Self {
        AppError { code: e.code().to_string(), message: e.to_string() }
    }
}

impl AppState {
    fn begin_publish(&self) -> AppResult<Arc<AtomicBool>> {
        let mut running = self.publishing.0.lock().unwrap_or_else(|e| e.into_inner());
        if running.is_some() {
            return Err(AppError {
                code: "busy".into(),
                message: "A publish is already under way; wait for it to finish or cancel it.".into(),
            });
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
