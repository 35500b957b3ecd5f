//! Site-wide settings, stored as one document.

use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};
use crate::reference::check_reference;
use crate::slug::validate_slug;
use crate::time::time_zone;

// The `settings` table (one row) is this module's: every SQL statement naming it is here.

impl crate::site::Site {
    /// The site settings.
    pub fn settings(&self) -> Result<Settings> {
        stored(&self.conn)
    }
}

/// The stored settings.
pub(crate) fn stored(conn: &rusqlite::Connection) -> Result<Settings> {
    let data: String = conn.query_row("SELECT data FROM settings WHERE id = 1", [], |r| r.get(0))?;
    serde_json::from_str(&data).map_err(|e| StoreError::Invalid(format!("The stored settings are unreadable: {e}")))
}

/// Stores `settings`, saved at `now`.
pub(crate) fn store(conn: &rusqlite::Connection, settings: &Settings, now: &str) -> Result<()> {
    let data = serde_json::to_string(settings).expect("settings serialise");
    conn.execute(
        "INSERT INTO settings (id, data, updated_at) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET data = ?1, updated_at = ?2",
        (data, now),
    )?;
    Ok(())
}

/// Stores the default settings in a new site (one that has none yet).
pub(crate) fn store_default(conn: &rusqlite::Connection, now: &str) -> Result<()> {
    let data = serde_json::to_string(&Settings::default()).expect("settings serialise");
    conn.execute("INSERT OR IGNORE INTO settings (id, data, updated_at) VALUES (1, ?, ?)", (data, now))?;
    Ok(())
}

/// Everything that describes the site as a whole. The editor's own name is not here: it is a
/// per-machine preference (see [`crate::Prefs`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub title: String,
    pub tagline: Option<String>,
    /// Where the site is published, e.g. `https://www.example.org/`.
    pub base_url: Option<String>,
    /// The site's language tag (`en`).
    pub language: String,
    /// IANA time zone; plain dates mean midnight here.
    pub timezone: String,
    /// In display order.
    pub sections: Vec<Section>,
    pub navigation: Vec<NavItem>,
    pub social: Vec<SocialLink>,
    pub newsletter_url: Option<String>,
    pub partners: Vec<Partner>,
    /// References to media items.
    pub logo: Option<String>,
    /// `#rrggbb`.
    pub accent_color: Option<String>,
    pub favicon: Option<String>,
    /// The image shared on social networks when a page has none of its own.
    pub social_image: Option<String>,
    pub footer: Option<String>,
    /// Old addresses of a previous website that are not one article or page (a WordPress
    /// category or tag archive), each leading to a place on this site.
    pub redirects: Vec<Redirect>,
}

/// A section of articles, listed at `/<slug>/`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub slug: String,
    pub title: String,
    /// Whether the home page shows its latest articles.
    #[serde(default)]
    pub home: bool,
}

/// An entry of the main menu.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct NavItem {
    pub label: String,
    /// A reference or site path.
    pub link: String,
}

/// A redirect from an old site path to a reference or site path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Redirect {
    /// A site path of the old website: `/category/news/`.
    pub from: String,
    /// Where it leads: a reference (`article:slug`, `page:slug`) or a site path (`/news/`).
    pub to: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct SocialLink {
    /// The network's name as shown ("LinkedIn").
    pub label: String,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub name: String,
    pub url: Option<String>,
    /// A `media:` reference.
    pub logo: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            title: "My website".into(),
            tagline: None,
            base_url: None,
            language: "en".into(),
            timezone: "UTC".into(),
            sections: vec![Section { slug: "news".into(), title: "News".into(), home: true }],
            navigation: vec![],
            social: vec![],
            newsletter_url: None,
            partners: vec![],
            logo: None,
            accent_color: None,
            favicon: None,
            social_image: None,
            footer: None,
            redirects: vec![],
        }
    }
}

impl Settings {
    /// Checks every field; the message names the field.
    pub fn validate(&self) -> Result<()> {
        let invalid = |m: String| Err(StoreError::Invalid(m));
        if self.title.trim().is_empty() {
            return invalid("title: the site needs a title.".into());
        }
        time_zone(&self.timezone).map_err(|e| StoreError::Invalid(format!("timezone: {e}")))?;
        let mut seen = std::collections::HashSet::new();
        for s in &self.sections {
            validate_slug(&s.slug).map_err(|e| StoreError::Invalid(format!("sections: {e}")))?;
            if !seen.insert(&s.slug) {
                return invalid(format!("sections: “{}” is listed twice.", s.slug));
            }
        }
        for n in &self.navigation {
            check_reference("navigation", &Some(n.link.clone()))?;
        }
        let mut froms = std::collections::HashSet::new();
        for r in &self.redirects {
            crate::address::split_old_address(&r.from).map_err(|e| StoreError::Invalid(format!("redirects: {e}")))?;
            check_reference("redirects", &Some(r.to.clone()))?;
            if !froms.insert(r.from.as_str()) {
                return invalid(format!("redirects: “{}” is listed twice.", r.from));
            }
        }
        for s in &self.social {
            check_reference("social", &Some(s.url.clone()))?;
        }
        for p in &self.partners {
            check_reference("partners", &p.url)?;
            check_reference("partners", &p.logo)?;
        }
        for (field, value) in [
            ("base_url", &self.base_url),
            ("newsletter_url", &self.newsletter_url),
            ("logo", &self.logo),
            ("favicon", &self.favicon),
            ("social_image", &self.social_image),
        ] {
            check_reference(field, value)?;
        }
        if let Some(c) = &self.accent_color {
            let ok = c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit());
            if !ok {
                return invalid(format!("accent_color: “{c}” is not a colour; write it as #rrggbb, e.g. #0b6e4f."));
            }
        }
        Ok(())
    }

    /// The section with this slug.
    pub fn section(&self, slug: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.slug == slug)
    }
}
