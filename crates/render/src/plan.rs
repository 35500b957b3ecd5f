//! The shared vocabulary of a build, below everything that makes one: what to build, the
//! outputs (`SiteFiles`) and what the output folder remembers of each (`Entry`), the scope of an
//! incremental build, and the path of a page.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use serde_json::Value;

use crate::feeds;
use crate::{FastMap, FastSet};

/// Articles per listing page.
pub const PAGE_SIZE: usize = 12;

/// An output made, or found reusable, apart from the others (in parallel, or before the
/// caller could borrow the build's outputs); [`SiteFiles::record`] adds it to them.
pub(crate) struct Produced {
    pub(crate) path: String,
    /// The fingerprint of its inputs.
    pub(crate) fp: String,
    /// Its bytes; `None` when the last build's output is reused.
    pub(crate) bytes: Option<Vec<u8>>,
}

/// What to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The moment the build is for: what is public, which slides show. Same content and same
    /// `now` give byte-identical output.
    pub now: Timestamp,
    /// Include drafts and scheduled content, marked.
    pub drafts: bool,
}

/// The outputs of a build, by path relative to the output folder (`news/slug/index.html`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiteFiles {
    /// Outputs rendered by this build.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Outputs an incremental build reused from the output folder: path → blake3 (hex).
    pub kept: BTreeMap<String, String>,
    /// The fingerprint of every output's inputs, rendered or kept.
    pub fingerprints: BTreeMap<String, String>,
    /// How many outputs are HTML pages.
    pub pages: usize,
}

impl SiteFiles {
    /// Every output path.
    pub fn paths(&self) -> impl Iterator<Item = &String> {
        self.fingerprints.keys()
    }

    /// Records an output rendered every time (cheap ones: home, feeds, sitemap …).
    pub(crate) fn always(&mut self, path: String, bytes: Vec<u8>) {
        self.fingerprints.insert(path.clone(), format!("always:{}", blake3::hash(&bytes).to_hex()));
        self.files.insert(path, bytes);
    }
}

/// The outputs that show some articles, when nothing else changed: their pages and event
/// files, the listings they are (or were) in, their search shards, the home page and the
/// feeds. Everything else stays as the last build made it.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    pub(crate) articles: FastSet<i64>,
    /// Section slugs.
    pub(crate) sections: FastSet<String>,
    /// Tag slugs.
    pub(crate) tags: FastSet<String>,
    pub(crate) shards: FastSet<usize>,
    /// The entries of those shards as the last build wrote them, in order.
    pub(crate) entries: HashMap<usize, Vec<serde_json::Value>>,
    /// The sitemap's dates change.
    pub(crate) sitemap: bool,
    /// An article's date changed, so it moves in the lists.
    pub(crate) reorder: bool,
}

impl Scope {
    /// Whether the last build's output at `path` is one this scope makes again (or drops).
    pub(crate) fn owns(&self, path: &str, article_paths: &FastSet<String>) -> bool {
        if article_paths.contains(path) || path == "index.html" || path == "search/index.json" {
            return true;
        }
        if feeds::PATHS.contains(&path) {
            return true;
        }
        if let Some(shard) = path.strip_prefix("search/s-").and_then(|p| p.get(..2)).and_then(|n| n.parse().ok()) {
            return self.shards.contains(&shard);
        }
        if let Some(tag) = path.strip_prefix("tags/").and_then(|p| p.split('/').next()) {
            return self.tags.contains(tag);
        }
        // A section's listing: `news/index.html`, `news/page/2/index.html`.
        let (first, rest) = path.split_once('/').unwrap_or((path, ""));
        let numbered =
            |r: &str| r.split_once('/').is_some_and(|(n, tail)| n.parse::<usize>().is_ok() && tail == "index.html");
        self.sections.contains(first) && (rest == "index.html" || rest.strip_prefix("page/").is_some_and(numbered))
    }
}

/// One output as the manifest remembers it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Entry {
    pub(crate) hash: String,
    pub(crate) size: u64,
    pub(crate) fp: String,
}

/// The outputs of the last build into a folder, by path.
pub(crate) type Outputs = FastMap<String, Entry>;

/// The output path of a page at `url`.
pub(crate) fn index_path(url: &str) -> String {
    // An old page-file address (`/2024/01/hello.html`) is that file.
    if !url.ends_with('/') && masthead_store::is_html_file(url) {
        return url.trim_start_matches('/').to_string();
    }
    format!("{}index.html", url.trim_start_matches('/'))
}

pub(crate) type Common<'a> = dyn Fn(&str, Value) -> Value + Sync + 'a;
