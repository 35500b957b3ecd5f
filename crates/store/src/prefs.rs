//! Per-machine preferences (not part of any site): the editor's own name.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The name written on revisions and publishes.
    pub editor_name: Option<String>,
    /// A random id of this computer (publish locks tell its own leftovers from others').
    pub machine_id: Option<String>,
    /// The site the app opened last (Settings → Sites); the CLI uses it too.
    pub current_site: Option<PathBuf>,
    /// Sites opened on this computer, newest first.
    pub recent_sites: Vec<PathBuf>,
    /// The first-run welcome was seen.
    pub welcomed: bool,
    /// The organisation's update feed (`…/latest.json`) chosen in Settings → About, instead of
    /// the one the package was built with.
    pub update_feed: Option<String>,
    /// The check for updates at start is off (Settings → About).
    pub updates_off: bool,
    /// When the app last looked at the feed (RFC 3339; at most one check a day at start).
    pub last_update_check: Option<String>,
}

impl Prefs {
    /// The preferences file: `$MASTHEAD_CONFIG_DIR/prefs.json`, else the platform's config folder.
    pub fn path() -> PathBuf {
        std::env::var_os("MASTHEAD_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| dirs::config_dir().map(|d| d.join("masthead")))
            .unwrap_or_else(|| PathBuf::from(".masthead"))
            .join("prefs.json")
    }

    /// Loads the preferences; a missing or unreadable file gives the defaults.
    pub fn load() -> Prefs {
        std::fs::read(Prefs::path()).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    pub fn save(&self) -> Result<()> {
        let path = Prefs::path();
        let dir = path.parent().expect("prefs path has a folder");
        std::fs::create_dir_all(dir).map_err(StoreError::io(format!("Could not create {}", dir.display())))?;
        crate::fsutil::write_atomic(&path, serde_json::to_string_pretty(self).expect("prefs serialise").as_bytes())
    }

    /// Records `dir` as the current site, first among the recent ones.
    pub fn remember_site(&mut self, dir: &std::path::Path) {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        self.recent_sites.retain(|d| *d != dir);
        self.recent_sites.insert(0, dir.clone());
        self.recent_sites.truncate(10);
        self.current_site = Some(dir);
    }

    /// The name the editor gave, if any: the byline of what they write. (Never a login name or
    /// "Masthead", which are no one's byline.)
    pub fn editor_name(&self) -> Option<String> {
        self.editor_name.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_string)
    }

    /// The name written on revisions: the editor's name, else the login name (`USER` on Unix,
    /// `USERNAME` on Windows), else "Masthead".
    pub fn author(&self) -> String {
        self.editor_name()
            .or_else(|| ["USER", "USERNAME"].into_iter().find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty())))
            .unwrap_or_else(|| "Masthead".into())
    }
}

#[cfg(test)]
mod tests {
    use super::Prefs;

    #[test]
    fn a_byline_is_only_a_name_the_editor_gave() {
        let blank = Prefs { editor_name: Some("  ".into()), ..Prefs::default() };
        assert_eq!(blank.editor_name(), None);
        assert_eq!(Prefs::default().editor_name(), None);
        let named = Prefs { editor_name: Some(" Ann Smith ".into()), ..Prefs::default() };
        assert_eq!(named.editor_name().as_deref(), Some("Ann Smith"));
        assert_eq!(named.author(), "Ann Smith");
    }
}
