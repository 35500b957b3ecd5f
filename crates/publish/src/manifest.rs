//! What a host holds (`.masthead/manifest.json`), and the plan that makes it hold the local
//! build: which files to send, in which order, and which to delete.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

pub use crate::paths::{LOCK, MANIFEST};

/// One file: blake3 (hex) and size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub hash: String,
    pub size: u64,
}

/// The host's record of the publish that wrote it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Unique per publish.
    pub id: String,
    /// When and by whom (RFC 3339; the editor's name).
    pub time: String,
    pub author: String,
    pub files: BTreeMap<String, Entry>,
}

impl Manifest {
    /// The manifest as read from the host: untrusted bytes, so anything but a manifest is an
    /// error saying what to do. Its paths are checked separately ([`Manifest::check_paths`]).
    pub(crate) fn from_host_bytes(bytes: &[u8]) -> crate::error::Result<Manifest> {
        serde_json::from_slice(bytes).map_err(|e| crate::error::PublishError::Host {
            what: format!("The host's publish record ({MANIFEST}) is damaged"),
            message: format!("{e}; run `masthead publish --verify` to rewrite it from what is on the host"),
        })
    }

    /// Refuses a manifest that lists a path no publish writes (see
    /// [`crate::paths::site_path_problem`]): `../x`, `/etc/x`, `a\b`, `.htaccess` ….
    ///
    /// The whole manifest is refused rather than the path skipped: such a path means something
    /// other than Masthead wrote the manifest, and then none of its other paths can be trusted
    /// for deletions either (a made-up `uploads/report.pdf` looks like any site file). Nothing
    /// is sent or deleted, and the message says what to do; `publish --verify` publishes over
    /// such a manifest without deleting anything it lists.
    pub(crate) fn check_paths(&self) -> crate::error::Result<()> {
        for path in self.files.keys() {
            if let Some(why) = crate::paths::site_path_problem(path) {
                return Err(crate::error::PublishError::Host {
                    what: format!(
                        "The host's publish record ({MANIFEST}) lists `{}`, which Masthead never publishes",
                        path.escape_debug()
                    ),
                    message: format!(
                        "{why}. Nothing was sent or deleted. Something other than Masthead changed the record: check the files on the host, then run `masthead publish --verify` to publish over it without deleting anything it lists"
                    ),
                });
            }
        }
        Ok(())
    }
}

/// Who holds the host while a publish runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Lock {
    pub id: String,
    pub author: String,
    pub time: String,
    /// This site on this computer: its own interrupted publish (Ctrl+C, a crash) left the
    /// lock, and it may take it over at once.
    #[serde(default)]
    pub owner: String,
}

/// When a file may go up. Uploads run stage by stage, each finished before the next starts,
/// so a page arrives only after what it links to, as far as any order can manage:
///
/// 1. [`Stage::Assets`]: every file that is not a page: CSS, JS, images, PDFs, calendar files,
///    feeds, sitemap, search data. Pages link to these (pictures, `/feed.xml` in the head,
///    downloads); what they link to back (feeds list pages) is data, not a page.
/// 2. [`Stage::Pages`]: article and page HTML (`news/x/index.html`, `about/index.html`).
/// 3. [`Stage::Listings`], deeper first: tag pages, section pages and their later pages
///    (`news/page/2/index.html` before `news/index.html`), search and `404.html`: listings
///    link to the articles they list, and a section's first page to its later pages.
/// 4. [`Stage::Home`]: the home page `index.html`, last of all, as it links to every section
///    and to the latest articles. (The host manifest follows, then deletions.)
///
/// In our theme every page links down (to assets, to the articles a listing shows) and up (the
/// site menu to the home page and the sections, breadcrumbs, a later listing page back to the
/// first, an article to its neighbours). The downward links are never broken on the host, even
/// after a publish killed at any moment: when the home page or a listing is there, everything
/// it lists is. The upward links form cycles (the home page links to an article whose menu
/// links back to the home page), which no order of single uploads can send without a moment
/// where one end is missing; during a first publish they are the only links that can point at
/// a page not there yet. (A later publish only replaces files already there.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stage {
    Assets,
    Pages,
    /// Deeper first: `Reverse` of the number of path segments.
    Listings(std::cmp::Reverse<usize>),
    Home,
}

/// The stage of a site path; `sections` are the site's section slugs.
pub(crate) fn stage(path: &str, sections: &HashSet<String>) -> Stage {
    if !path.ends_with(".html") {
        return Stage::Assets;
    }
    if path == "index.html" {
        return Stage::Home;
    }
    let listing = Stage::Listings(std::cmp::Reverse(path.split('/').count()));
    let (first, rest) = path.split_once('/').unwrap_or((path, ""));
    match first {
        "assets" | "media" => Stage::Assets,
        "tags" | "search" => listing,
        _ if rest.is_empty() => listing,
        s if sections.contains(s) && (rest == "index.html" || rest.starts_with("page/")) => listing,
        _ => Stage::Pages,
    }
}

/// What a publish does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Paths to send, in stage order.
    pub uploads: Vec<String>,
    /// Paths to delete last.
    pub deletions: Vec<String>,
    pub unchanged: usize,
    /// Bytes to send.
    pub bytes: u64,
}

/// Compares the local build with what the host has: new and changed files go up, files that
/// left the site are deleted. A hash map per side, not nested loops.
pub(crate) fn plan(
    local: &BTreeMap<String, Entry>,
    host: &BTreeMap<String, Entry>,
    sections: &HashSet<String>,
) -> Plan {
    let mut uploads: Vec<(Stage, &String)> = Vec::new();
    let mut plan = Plan::default();
    for (path, entry) in local {
        if host.get(path) == Some(entry) {
            plan.unchanged += 1;
        } else {
            uploads.push((stage(path, sections), path));
            plan.bytes += entry.size;
        }
    }
    uploads.sort();
    plan.uploads = uploads.into_iter().map(|(_, p)| p.clone()).collect();
    plan.deletions = host.keys().filter(|p| !local.contains_key(*p)).cloned().collect();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(h: &str) -> Entry {
        Entry { hash: h.into(), size: 10 }
    }

    #[test]
    fn a_manifest_listing_a_path_no_publish_writes_is_refused() {
        let mut m = Manifest::default();
        m.files.insert("news/x/index.html".into(), entry("a"));
        m.check_paths().unwrap();
        for bad in ["../outside.txt", "/etc/x", "a/../../b", "a\\b", ".htaccess", ".masthead/lock.json", "a//b", "x\0"]
        {
            let mut m = m.clone();
            m.files.insert(bad.into(), entry("b"));
            let e = m.check_paths().unwrap_err().to_string();
            assert!(e.contains(&bad.escape_debug().to_string()) && e.contains("--verify"), "{e}");
        }
    }

    #[test]
    fn stages_order_assets_pages_listings_deeper_first_then_home() {
        let sections: HashSet<String> = ["news".to_string()].into();
        let listing = |depth| Stage::Listings(std::cmp::Reverse(depth));
        for (path, want) in [
            ("assets/site.css", Stage::Assets),
            ("media/960/photo.jpg.webp", Stage::Assets),
            ("favicon.ico", Stage::Assets),
            ("news/rivers/event.ics", Stage::Assets),
            ("search/index.json", Stage::Assets),
            ("feed.xml", Stage::Assets),
            ("news/rivers/index.html", Stage::Pages),
            ("about/index.html", Stage::Pages),
            ("news/index.html", listing(2)),
            ("news/page/2/index.html", listing(4)),
            ("tags/water/index.html", listing(3)),
            ("404.html", listing(1)),
            ("index.html", Stage::Home),
        ] {
            assert_eq!(stage(path, &sections), want, "{path}");
        }
        let order = [
            "feed.xml",
            "news/x/index.html",
            "news/page/2/index.html",
            "tags/water/index.html",
            "news/index.html",
            "404.html",
            "index.html",
        ];
        assert!(order.windows(2).all(|w| stage(w[0], &sections) < stage(w[1], &sections)), "{order:?}");
    }

    #[test]
    fn only_changes_travel_and_departures_are_deleted() {
        let sections = HashSet::new();
        let local: BTreeMap<_, _> = [
            ("index.html".to_string(), entry("a2")),
            ("news/x/index.html".to_string(), entry("b")),
            ("assets/site.css".to_string(), entry("c2")),
        ]
        .into();
        let host: BTreeMap<_, _> = [
            ("index.html".to_string(), entry("a1")),
            ("news/x/index.html".to_string(), entry("b")),
            ("assets/site.css".to_string(), entry("c1")),
            ("old/index.html".to_string(), entry("d")),
        ]
        .into();
        let p = plan(&local, &host, &sections);
        assert_eq!(p.uploads, ["assets/site.css", "index.html"]);
        assert_eq!(p.deletions, ["old/index.html"]);
        assert_eq!((p.unchanged, p.bytes), (1, 20));
    }
}
