//! Updates from the organisation's own feed (docs/updates.md): when the app looks at the feed,
//! which feed, and what the user reads. The app's updater plugin fetches the feed, downloads
//! the package and checks its signature (src-tauri/src/updates.rs); the decisions and the
//! words are here, where they are tested without a window.

use jiff::{SignedDuration, Timestamp};
use masthead_store::Prefs;
use serde::Serialize;

use crate::{ApiError, Code, Result};

/// The check at start happens at most once in this time.
pub const CHECK_EVERY: SignedDuration = SignedDuration::from_hours(24);

/// What Settings → About shows before any check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct UpdateSettings {
    /// This Masthead's version.
    pub version: String,
    /// The feed the app reads: the one chosen in Settings → About, else the package's own.
    pub feed: Option<String>,
    /// The one chosen in Settings → About (empty: the package's own).
    pub chosen_feed: Option<String>,
    /// The app looks at the feed when it starts (at most once a day).
    pub check_on_start: bool,
    /// When it last looked (RFC 3339).
    pub last_check: Option<String>,
}

/// What a check found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CheckOutcome {
    /// Nothing to install; `message` says why in words.
    UpToDate { message: String },
    /// A newer version, to install with a click.
    Available { version: String, notes: String, date: Option<String> },
}

/// Download progress of an update, in bytes (`total` when the host says it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct UpdateProgress {
    pub received: u64,
    pub total: Option<u64>,
}

/// The settings as they are on this computer; `built_in` is the feed the package was built
/// with (tauri.conf.json), if any.
pub fn settings(prefs: &Prefs, version: &str, built_in: Option<&str>) -> UpdateSettings {
    let chosen = prefs.update_feed.clone().filter(|f| !f.trim().is_empty());
    UpdateSettings {
        version: version.to_string(),
        feed: chosen.clone().or(built_in.map(str::to_string)),
        chosen_feed: chosen,
        check_on_start: !prefs.updates_off,
        last_check: prefs.last_update_check.clone(),
    }
}

/// Saves the choices of Settings → About: the feed (empty: the package's own) and the check at
/// start. A feed address that is not one is refused with what to type.
pub fn save_settings(prefs: &mut Prefs, feed: Option<&str>, check_on_start: bool, allow_http: bool) -> Result<()> {
    prefs.update_feed = match feed.map(str::trim).filter(|f| !f.is_empty()) {
        Some(f) => Some(feed_url(f, allow_http)?),
        None => None,
    };
    prefs.updates_off = !check_on_start;
    Ok(prefs.save()?)
}

/// The feed's address as the updater reads it: `https://…`, and a folder's address (ending in
/// `/`) gets `latest.json`. `http://` only when `allow_http` (debug builds, for tests on
/// 127.0.0.1): the plugin refuses it in release builds.
pub fn feed_url(text: &str, allow_http: bool) -> Result<String> {
    let text = text.trim();
    let ok = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://").filter(|_| allow_http));
    match ok {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !rest.contains(char::is_whitespace) => {
            Ok(if text.ends_with('/') { format!("{text}latest.json") } else { text.to_string() })
        }
        _ => Err(ApiError::invalid(format!(
            "“{text}” is not an update feed's address. Type the address where your organisation puts Masthead's \
             latest.json, starting with https:// (for example https://example.org/masthead/latest.json)."
        ))),
    }
}

/// Whether the app looks at the feed when it starts: when there is a feed, the setting is on,
/// and the last check was a day ago or more (or is in the future: the clock was wrong).
pub fn check_on_start(prefs: &Prefs, has_feed: bool, now: Timestamp) -> bool {
    if prefs.updates_off || !has_feed {
        return false;
    }
    match prefs.last_update_check.as_deref().and_then(|t| t.parse::<Timestamp>().ok()) {
        None => true,
        Some(last) => last > now || now.duration_since(last) >= CHECK_EVERY,
    }
}

/// Records a check (whatever it found) so the next start waits a day.
pub fn checked(prefs: &mut Prefs, now: Timestamp) -> Result<()> {
    prefs.last_update_check = Some(now.to_string());
    Ok(prefs.save()?)
}

/// The words for a feed that offers nothing to install: `offered` is its version (None when it
/// answered "no update"). The updater installs only a newer version than `current`.
pub fn no_update(current: &str, offered: Option<&str>) -> CheckOutcome {
    let newest = format!("Masthead {current} is the newest version.");
    let message = match offered.map(|o| (o, compare(o, current))) {
        Some((o, Some(std::cmp::Ordering::Less))) => format!(
            "The update feed offers version {o}, which is older than this Masthead ({current}). Masthead does not go \
             back to an older version: nothing was installed. If this is unexpected, tell whoever runs the feed."
        ),
        _ => newest,
    };
    CheckOutcome::UpToDate { message }
}

/// How version `a` compares with `b` (semantic versions, as the updater compares them).
fn compare(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    Some(semver::Version::parse(a).ok()?.cmp(&semver::Version::parse(b).ok()?))
}

/// Why a check or an install failed, as the app's updater reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpdateFailure {
    /// No feed: neither chosen nor built in.
    NoFeed,
    /// The feed or the package could not be fetched (`detail`: the network's words).
    Network(String),
    /// The feed answered with something that is not a feed.
    BadFeed(String),
    /// The feed has no package for this system (`wanted`: the names looked for).
    NoPackage(Vec<String>),
    /// The package does not match its signature by the project's key: damaged, or not ours.
    BadSignature,
    /// The signature is by another key than the one this Masthead trusts.
    OtherKey,
    /// The feed announces another version than the one the package was signed as.
    VersionNotSigned { signed: String, announced: String },
    /// The signature does not say which version it is for.
    UnversionedSignature,
    /// The download stopped before the end.
    Truncated { received: u64, expected: u64 },
    /// The password prompt to install was cancelled or failed.
    NotAuthorised,
    /// The system's installer failed (`detail` from it).
    InstallFailed(String),
}

const KEPT: &str = "Nothing was installed: this version keeps working.";

impl From<UpdateFailure> for ApiError {
    fn from(f: UpdateFailure) -> ApiError {
        let message = match f {
            UpdateFailure::NoFeed => {
                "No update feed is set. Type your organisation's feed address in Settings → About \
                 (ask whoever installs Masthead for you)."
                    .to_string()
            }
            UpdateFailure::Network(detail) => format!(
                "The update feed could not be reached ({detail}). Check the connection and the feed's address in \
                 Settings → About, then try again. {KEPT}"
            ),
            UpdateFailure::BadFeed(detail) => format!(
                "The update feed's address answered with something that is not a Masthead update feed ({detail}). \
                 Check the address in Settings → About. {KEPT}"
            ),
            UpdateFailure::NoPackage(wanted) => format!(
                "The update feed has no package for this computer (it has none of: {}). {KEPT}",
                wanted.join(", ")
            ),
            UpdateFailure::BadSignature => format!(
                "The downloaded update does not match its signature: it was damaged on the way, or it was not made by \
                 the Masthead project. It was refused. Try again later; if it happens again, tell whoever runs the \
                 update feed. {KEPT}"
            ),
            UpdateFailure::OtherKey => format!(
                "The update is signed with another key than the Masthead project's: it was refused. Tell whoever runs \
                 the update feed. {KEPT}"
            ),
            UpdateFailure::VersionNotSigned { signed, announced } => format!(
                "The update feed announces version {announced}, but the package it points to was signed as version \
                 {signed}: the feed is wrong or was tampered with, and the update was refused. Tell whoever runs the \
                 update feed. {KEPT}"
            ),
            UpdateFailure::UnversionedSignature => format!(
                "The update's signature does not say which version it is for, so it was refused. The feed must be \
                 made again with make release-feed. {KEPT}"
            ),
            UpdateFailure::Truncated { received, expected } => format!(
                "The download stopped before the end ({received} of {expected} bytes), so the update was refused. \
                 Try again. {KEPT}"
            ),
            UpdateFailure::NotAuthorised => {
                format!("Installing needs your password, and the password prompt was closed or refused. {KEPT}")
            }
            UpdateFailure::InstallFailed(detail) => format!(
                "The system's installer could not install the update ({detail}). {KEPT} Download the package from \
                 your organisation's feed and install it by hand."
            ),
        };
        ApiError::new(Code::Update, message)
    }
}

#[cfg(test)]
mod tests;
