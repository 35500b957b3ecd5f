//! Target secrets (password, S3 secret key, key passphrase). `MASTHEAD_SECRET_<TARGET>` wins,
//! for automation; otherwise the OS keychain (Secret Service on Linux, Keychain on macOS,
//! Credential Manager on Windows); where there is none (headless, no D-Bus) a file readable
//! only by the user next to the preferences. Never in SQLite, logs or exports.
//!
//! The file is made private with Unix permissions (0600). Windows has no such mode, and no
//! well-kept crate sets a file's ACL, so there a secret the Credential Manager refuses is
//! refused too, with a message that names the other ways in; it is never written in plain text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use masthead_store::Prefs;

use crate::error::{PublishError, Result};

const SERVICE: &str = "masthead";

/// Where a secret was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    Keychain,
    /// The keychain could not be used (the reason); the file instead.
    File(String),
    Removed,
}

/// `MASTHEAD_SECRET_LIVE` for the target `live` (other characters become `_`).
pub fn env_name(target: &str) -> String {
    let name: String =
        target.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
    format!("MASTHEAD_SECRET_{name}")
}

/// Where secrets are kept when there is no keychain.
pub fn file() -> PathBuf {
    Prefs::path().with_file_name("secrets.json")
}

fn key(site: &Path, target: &str) -> String {
    let dir = site.canonicalize().unwrap_or_else(|_| site.to_path_buf());
    format!("{}#{target}", dir.display())
}

fn entry(key: &str) -> std::result::Result<keyring::Entry, String> {
    keyring::Entry::new(SERVICE, key).map_err(|e| e.to_string())
}

fn from_keychain(key: &str) -> Option<String> {
    entry(key).ok()?.get_password().ok()
}

fn load() -> BTreeMap<String, String> {
    std::fs::read(file()).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// The secret of a site's target, if one was given.
pub fn get(site: &Path, target: &str) -> Option<String> {
    let key = key(site, target);
    std::env::var(env_name(target))
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| load().remove(&key))
        .or_else(|| from_keychain(&key))
}

/// Keeps a target's secret in the keychain, else in the file (an empty one removes it from both).
pub fn set(site: &Path, target: &str, secret: &str) -> Result<Kept> {
    let key = key(site, target);
    let mut all = load();
    let in_file = all.remove(&key).is_some();
    if secret.is_empty() {
        if let Ok(e) = entry(&key) {
            let _ = e.delete_credential();
        }
        if in_file {
            write(&all)?;
        }
        return Ok(Kept::Removed);
    }
    let kept = match entry(&key).and_then(|e| e.set_password(secret).map_err(|e| e.to_string())) {
        Ok(()) => Kept::Keychain,
        Err(why) if !PRIVATE_FILES => return Err(PublishError::Invalid(no_private_file(target, &why))),
        Err(why) => {
            tracing::warn!("no keychain ({why}); the secret goes to {}", file().display());
            all.insert(key, secret.to_string());
            Kept::File(why)
        }
    };
    if in_file || matches!(kept, Kept::File(_)) {
        write(&all)?;
    }
    Ok(kept)
}

/// Whether a file can be made readable by its owner only (the fallback for the keychain).
const PRIVATE_FILES: bool = cfg!(unix);

/// Why a secret was not kept where files cannot be made private, and what to do instead.
fn no_private_file(target: &str, why: &str) -> String {
    format!(
        "The secret could not be kept: the system keychain refused it ({why}), and on this system \
         Masthead does not write secrets to a plain file. Check that Windows Credential Manager \
         works for your account, or set {} when publishing.",
        env_name(target)
    )
}

fn write(all: &BTreeMap<String, String>) -> Result<()> {
    let path = file();
    let fail =
        |e: std::io::Error| PublishError::Invalid(format!("The secret could not be kept in {}: {e}", path.display()));
    std::fs::create_dir_all(path.parent().expect("a folder")).map_err(fail)?;
    // Readable by the user only from the first byte on, then moved into place.
    let tmp = path.with_extension("json.tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(&tmp).map_err(fail)?;
    std::io::Write::write_all(&mut f, serde_json::to_string_pretty(all).expect("strings serialise").as_bytes())
        .map_err(fail)?;
    f.sync_all().map_err(fail)?;
    std::fs::rename(&tmp, &path).map_err(fail)
}

#[cfg(test)]
mod tests {
    #[test]
    fn env_names() {
        assert_eq!(super::env_name("live"), "MASTHEAD_SECRET_LIVE");
        assert_eq!(super::env_name("staging-2.eu"), "MASTHEAD_SECRET_STAGING_2_EU");
    }

    #[test]
    fn the_refusal_says_what_to_do_instead() {
        let message = super::no_private_file("live", "no credential store");
        assert!(message.contains("no credential store") && message.contains("MASTHEAD_SECRET_LIVE"), "{message}");
    }
}
