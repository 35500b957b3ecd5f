//! Hosts the site is published to: adding one with its secret, worded warnings included.

use std::path::PathBuf;

use masthead_publish::secret;
use masthead_store::{Site, Target};
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// A host as the person adding it describes it.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct NewTarget {
    pub name: String,
    /// `file:///path`, `webdav(s)://…`, `s3://bucket/prefix?endpoint=…`, `sftp://…`, `ftp(s)://…`.
    pub url: String,
    pub user: Option<String>,
    /// An SSH private key file (SFTP).
    pub key_file: Option<PathBuf>,
    /// Allows plain HTTP or FTP to another machine.
    #[serde(default)]
    pub insecure: bool,
    /// The password or secret key; empty or none keeps no secret.
    pub secret: Option<String>,
}

/// The target as saved, and what its owner should know about it.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct SavedTarget {
    pub target: Target,
    pub warnings: Vec<String>,
}

/// Checks and saves a target (replacing one of the same name); its secret goes to the system
/// keychain, or to a file only the user can read where there is none (a warning says so).
pub fn save_target(site: &Site, new: NewTarget) -> Result<SavedTarget> {
    let user = new.user.filter(|u| !u.trim().is_empty());
    let key = new.key_file.filter(|k| !k.as_os_str().is_empty());
    let (target, unencrypted) =
        masthead_publish::add_target(site, &new.name, &new.url, user.as_deref(), key.as_deref(), new.insecure)?;
    let mut warnings = vec![];
    if unencrypted {
        warnings.push(format!("{} is not encrypted: anyone on the network can read what is sent.", target.url));
    }
    if let Some(s) = new.secret.filter(|s| !s.is_empty())
        && let secret::Kept::File(why) = secret::set(site.dir(), &target.name, &s)?
    {
        warnings.push(format!(
            "There is no system keychain here ({why}); the password is kept in {}, readable only by you.",
            secret::file().display()
        ));
    }
    Ok(SavedTarget { target, warnings })
}

/// The targets a colleague shared that still need this member's own user (see
/// [`Target::needs_user`]), by name.
pub fn needing_user(site: &Site) -> Result<Vec<String>> {
    Ok(site.targets()?.into_iter().filter(Target::needs_user).map(|t| t.name).collect())
}

/// What to tell the user the first time Masthead meets an SSH host key.
pub fn first_contact(fingerprint: &str) -> String {
    format!(
        "First connection to this host; its key is {fingerprint}. Check that with the host's administrator: a different key later is refused."
    )
}
