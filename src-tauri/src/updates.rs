//! Updates from the organisation's feed (docs/updates.md), through `tauri-plugin-updater`
//! driven from Rust only (the window has no updater permission). When to check and the words
//! are `masthead_api::updates`; here the plugin's errors become those words.

use std::sync::{Arc, Mutex};

use jiff::Timestamp;
use masthead_api::updates::{self, CheckOutcome, UpdateFailure, UpdateProgress, UpdateSettings};
use masthead_store::Prefs;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_updater::{Error as PluginError, Update, UpdaterExt};

use crate::error::{AppError, AppResult};

/// The download's progress, `UpdateProgress` (Settings → About's bar).
pub(crate) const PROGRESS: &str = "masthead://update-progress";
/// A newer version found by the check at start, `CheckOutcome`.
pub(crate) const FOUND: &str = "masthead://update-found";

/// In debug builds only (tests): the feed and the public key to use instead of the package's.
const FEED_VAR: &str = "MASTHEAD_UPDATE_FEED";
const KEY_VAR: &str = "MASTHEAD_UPDATE_PUBKEY";

/// The release the last check found, installed only on the user's click.
#[derive(Default)]
pub(crate) struct Pending(Mutex<Option<(Update, CheckOutcome)>>);

pub(crate) fn plugin<R: Runtime>() -> TauriPlugin<R, tauri_plugin_updater::Config> {
    #[allow(unused_mut)]
    let mut builder = tauri_plugin_updater::Builder::new();
    #[cfg(debug_assertions)]
    if let Ok(key) = std::env::var(KEY_VAR) {
        builder = builder.pubkey(key);
    }
    builder.build()
}

/// What Settings → About shows.
pub(crate) fn settings<R: Runtime>(app: &AppHandle<R>) -> UpdateSettings {
    updates::settings(&Prefs::load(), &app.package_info().version.to_string(), built_in_feed(app).as_deref())
}

pub(crate) fn save_settings<R: Runtime>(
    app: &AppHandle<R>,
    feed: Option<&str>,
    check_on_start: bool,
) -> AppResult<UpdateSettings> {
    updates::save_settings(&mut Prefs::load(), feed, check_on_start, cfg!(debug_assertions))?;
    Ok(settings(app))
}

/// The feed the package was built with (`plugins.updater.endpoints` in tauri.conf.json), or in
/// debug builds `$MASTHEAD_UPDATE_FEED`.
fn built_in_feed<R: Runtime>(app: &AppHandle<R>) -> Option<String> {
    #[cfg(debug_assertions)]
    if let Ok(feed) = std::env::var(FEED_VAR) {
        return Some(feed);
    }
    let config = app.config().plugins.0.get("updater")?;
    config.get("endpoints")?.get(0)?.as_str().map(str::to_string)
}

/// Looks at the feed; a newer release is kept for [`install`].
pub(crate) async fn check<R: Runtime>(app: &AppHandle<R>) -> AppResult<CheckOutcome> {
    let version = app.package_info().version.to_string();
    let feed = settings(app).feed.ok_or(UpdateFailure::NoFeed)?;
    let url = updates::feed_url(&feed, cfg!(debug_assertions))?.parse().map_err(|e| bad_feed(&e))?;
    // The plugin installs only a newer version; the version offered tells the user why not.
    let offered = Arc::new(Mutex::new(None));
    let seen = offered.clone();
    let updater = app
        .updater_builder()
        .endpoints(vec![url])
        .map_err(classify)?
        .version_comparator(move |current, release| {
            *seen.lock().unwrap_or_else(|e| e.into_inner()) = Some(release.version.to_string());
            release.version > current
        })
        .build()
        .map_err(classify)?;
    let found = updater.check().await;
    // Only a check that read the feed counts as the day's: offline, the next start tries again.
    if found.is_ok()
        && let Err(e) = updates::checked(&mut Prefs::load(), Timestamp::now())
    {
        tracing::warn!("could not note the update check: {}", e.message);
    }
    let pending = app.state::<Pending>();
    let mut pending = pending.0.lock().unwrap_or_else(|e| e.into_inner());
    *pending = None;
    let Some(update) = found.map_err(classify)? else {
        let offered = offered.lock().unwrap_or_else(|e| e.into_inner()).clone();
        return Ok(updates::no_update(&version, offered.as_deref()));
    };
    let outcome = CheckOutcome::Available {
        version: update.version.clone(),
        notes: update.body.clone().unwrap_or_default(),
        date: update.raw_json.get("pub_date").and_then(|d| d.as_str()).map(str::to_string),
    };
    *pending = Some((update, outcome.clone()));
    Ok(outcome)
}

/// The release found by the last check, if any.
pub(crate) fn found(pending: &Pending) -> Option<CheckOutcome> {
    pending.0.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map(|(_, o)| o.clone())
}

/// Downloads the release found, checks its signature, and installs it (the system's password
/// prompt for a .deb); the user restarts after. A refusal installs nothing.
pub(crate) async fn install<R: Runtime>(app: &AppHandle<R>, pending: &Pending) -> AppResult<()> {
    let update = pending.0.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map(|(u, _)| u.clone());
    let update = update.ok_or_else(|| AppError::invalid("There is no update to install: check for updates first."))?;
    let mut progress = UpdateProgress { received: 0, total: None };
    let mut shown = 0;
    let result = update
        .download(
            |chunk, total| {
                progress.received += chunk as u64;
                progress.total = total;
                // About a hundred steps, not one event per network packet.
                if progress.received - shown >= total.unwrap_or(1 << 20) / 100 {
                    shown = progress.received;
                    let _ = app.emit(PROGRESS, &progress);
                }
            },
            || (),
        )
        .await;
    let _ = app.emit(PROGRESS, &progress);
    let bytes = result.map_err(|e| match progress.total {
        Some(expected) if progress.received < expected => {
            UpdateFailure::Truncated { received: progress.received, expected }.into()
        }
        _ => classify(e),
    })?;
    tauri::async_runtime::spawn_blocking(move || update.install(bytes))
        .await
        .map_err(|e| UpdateFailure::InstallFailed(e.to_string()))?
        .map_err(classify)?;
    *pending.0.lock().unwrap_or_else(|e| e.into_inner()) = None;
    Ok(())
}

/// The check at start (at most daily, never when off): a newer release is announced to the
/// window; nothing installs without a click.
pub(crate) fn on_start<R: Runtime>(app: AppHandle<R>) {
    if !updates::check_on_start(&Prefs::load(), settings(&app).feed.is_some(), Timestamp::now()) {
        return;
    }
    tauri::async_runtime::spawn(async move {
        match check(&app).await {
            Ok(outcome @ CheckOutcome::Available { .. }) => {
                let _ = app.emit(FOUND, outcome);
            }
            Ok(_) => {}
            Err(e) => tracing::warn!("the update check at start failed: {}", e.message),
        }
    });
}

fn bad_feed(e: &dyn std::fmt::Display) -> AppError {
    UpdateFailure::BadFeed(e.to_string()).into()
}

/// The plugin's error in the user's words.
fn classify(e: PluginError) -> AppError {
    use minisign_verify::Error as Sig;
    let failure = match e {
        PluginError::EmptyEndpoints => UpdateFailure::NoFeed,
        PluginError::Reqwest(e) => UpdateFailure::Network(innermost(&e)),
        PluginError::Network(e) => UpdateFailure::Network(e),
        PluginError::ReleaseNotFound => UpdateFailure::BadFeed("no feed answered at that address".into()),
        PluginError::Serialization(e) => UpdateFailure::BadFeed(e.to_string()),
        PluginError::Semver(e) => UpdateFailure::BadFeed(format!("its version: {e}")),
        PluginError::UrlParse(e) => UpdateFailure::BadFeed(e.to_string()),
        PluginError::InsecureTransportProtocol => UpdateFailure::BadFeed("the address must start with https://".into()),
        PluginError::TargetNotFound(t) => UpdateFailure::NoPackage(vec![t]),
        PluginError::TargetsNotFound(ts) => UpdateFailure::NoPackage(ts),
        PluginError::Minisign(Sig::UnexpectedKeyId) => UpdateFailure::OtherKey,
        PluginError::Minisign(_) | PluginError::Base64(_) | PluginError::SignatureUtf8(_) => {
            UpdateFailure::BadSignature
        }
        PluginError::SignedVersionMismatch { signed, announced } => {
            UpdateFailure::VersionNotSigned { signed, announced }
        }
        PluginError::MissingSignedVersion => UpdateFailure::UnversionedSignature,
        PluginError::AuthenticationFailed => UpdateFailure::NotAuthorised,
        other => UpdateFailure::InstallFailed(other.to_string()),
    };
    failure.into()
}

/// The most precise words of a network error ("Connection refused", not "error sending request").
fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut e = e;
    while let Some(source) = e.source() {
        e = source;
    }
    e.to_string()
}

#[cfg(test)]
mod tests {
    use super::{PluginError, classify};

    #[test]
    fn the_plugins_refusals_become_their_words() {
        use minisign_verify::Error as Sig;
        let cases = [
            (PluginError::Minisign(Sig::UnexpectedKeyId), "signed with another key"),
            (PluginError::Minisign(Sig::InvalidSignature), "does not match its signature"),
            (
                PluginError::SignedVersionMismatch { signed: "0.1.0".into(), announced: "0.9.0".into() },
                "announces version 0.9.0, but the package it points to was signed as version 0.1.0",
            ),
            (PluginError::MissingSignedVersion, "does not say which version"),
            (PluginError::TargetsNotFound(vec!["linux-x86_64-deb".into()]), "none of: linux-x86_64-deb"),
            (PluginError::ReleaseNotFound, "not a Masthead update feed"),
            (PluginError::AuthenticationFailed, "password prompt"),
            (PluginError::DebInstallFailed, "could not install the update"),
        ];
        for (error, words) in cases {
            let e = classify(error);
            assert_eq!(e.code, masthead_api::Code::Update);
            assert!(e.message.contains(words), "{:?} lacks {words:?}", e.message);
        }
    }
}
