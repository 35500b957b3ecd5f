//! The visitors' search index: documents spread over a fixed number of shards by URL, so
//! editing one article changes one shard (whose name carries its hash) and `index.json`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use rayon::prelude::*;

use serde_json::json;

use crate::dates::Dates;
use crate::memo::Memo;
use crate::plan::{Produced, Scope};

/// The entries of a shard file.
pub(crate) fn read_entries(path: &std::path::Path) -> Option<Vec<serde_json::Value>> {
    let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    match value.get_mut("docs")?.take() {
        serde_json::Value::Array(entries) => Some(entries),
        _ => None,
    }
}

/// Shards in every index; about 150 documents each at 10,000 articles, so that the shard an
/// edit makes again is quick to make.
pub const SHARDS: usize = 64;
const MAX_TERMS: usize = 400;

/// One searchable document.
pub(crate) struct Doc<'a> {
    /// The article it is (pages: none).
    pub(crate) article: Option<i64>,
    /// Changed since the last build's entry for it (when that is known).
    pub(crate) fresh: bool,
    pub(crate) url: String,
    /// Changes whenever the document's content does.
    pub(crate) key: &'a str,
    pub(crate) title: &'a str,
    pub(crate) summary: &'a str,
    pub(crate) date: Option<jiff::Timestamp>,
    pub(crate) body: &'a str,
}

/// Lower-cases and strips accents the way `search.js` does (NFD, then drop combining marks).
pub(crate) fn fold(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

fn terms(texts: &[&str]) -> String {
    use std::borrow::Cow;
    let mut seen: HashSet<Cow<'_, str>> = HashSet::new();
    for word in texts.iter().flat_map(|t| t.split(|c: char| !c.is_alphanumeric())) {
        if seen.len() >= MAX_TERMS {
            break;
        }
        if word.len() < 2 {
            continue;
        }
        // Most words are ASCII, and most of those are lower-case already.
        if word.is_ascii() {
            let lower = !word.bytes().any(|b| b.is_ascii_uppercase());
            seen.insert(if lower { Cow::Borrowed(word) } else { Cow::Owned(word.to_ascii_lowercase()) });
        } else if word.chars().count() >= 2 {
            seen.insert(Cow::Owned(fold(word)));
        }
    }
    let mut terms: Vec<Cow<'_, str>> = seen.into_iter().collect();
    terms.sort_unstable();
    terms.join(" ")
}

/// One shard of the index: its documents, its fingerprint, and the previous file it can reuse.
pub(crate) struct Shard<'d> {
    index: usize,
    fp: String,
    reuse: Option<String>,
    pub(crate) docs: Vec<&'d Doc<'d>>,
    /// The last build's entries, in the order of `docs`, for the documents not `fresh`.
    entries: Option<&'d [serde_json::Value]>,
}

impl Shard<'_> {
    /// Whether the shard must be made again (so its documents' bodies are needed).
    pub(crate) fn stale(&self) -> bool {
        self.reuse.is_none()
    }
}

/// The shard of the document at `url`.
pub(crate) fn shard_of(url: &str) -> usize {
    blake3::hash(url.as_bytes()).as_bytes()[0] as usize % SHARDS
}

/// Spreads documents over the shards by URL and decides which shards can be reused. In a
/// scope, the documents are those of its shards, and the other shards stay as they were.
pub(crate) fn plan_shards<'d>(docs: &'d [Doc<'d>], memo: &Memo, scope: Option<&'d Scope>) -> Vec<Shard<'d>> {
    let mut shards: Vec<Vec<&Doc<'_>>> = vec![vec![]; SHARDS];
    for d in docs {
        shards[shard_of(&d.url)].push(d);
    }
    // The previous shards, by fingerprint (which includes the shard's number).
    let previous: HashMap<&str, &str> = memo
        .previous()
        .iter()
        .filter(|(path, _)| path.starts_with("search/s-"))
        .map(|(path, e)| (e.fp.as_str(), path.as_str()))
        .collect();
    shards
        .into_par_iter()
        .enumerate()
        .map(|(index, docs)| {
            let prefix = format!("search/s-{index:02}-");
            if scope.is_some_and(|s| !s.shards.contains(&index)) {
                let (fp, path) =
                    previous.iter().find(|(_, p)| p.starts_with(&prefix)).expect("the last build made every shard");
                return Shard { index, fp: fp.to_string(), reuse: Some(path.to_string()), docs, entries: None };
            }
            let entries = scope.and_then(|s| s.entries.get(&index)).map(Vec::as_slice);
            let mut keys = String::new();
            for d in &docs {
                let _ = writeln!(keys, "{}={}", d.url, d.key);
            }
            let fp = memo.fingerprint(&[b"search", &(index as u64).to_le_bytes(), keys.as_bytes()]);
            let reuse = previous.get(fp.as_str()).filter(|p| p.starts_with(&prefix)).map(|p| p.to_string());
            Shard { index, fp, reuse, docs, entries }
        })
        .collect()
}

/// The index files: the shards (reused when their documents did not change) and
/// `search/index.json`.
pub(crate) fn build_index(shards: &[Shard<'_>], dates: &Dates) -> Vec<Produced> {
    let made: Vec<Produced> = shards
        .par_iter()
        .map(|shard| {
            if let Some(path) = &shard.reuse {
                return Produced { path: path.clone(), fp: shard.fp.clone(), bytes: None };
            }
            let entry = |d: &&Doc<'_>| {
                let date = d.date.map(|t| dates.day(t)).unwrap_or_default();
                json!({"u": d.url, "t": d.title, "s": d.summary, "d": date, "k": terms(&[d.title, d.summary, d.body])})
            };
            let entries: Vec<serde_json::Value> = match shard.entries {
                Some(last) => {
                    shard.docs.iter().zip(last).map(|(d, e)| if d.fresh { entry(d) } else { e.clone() }).collect()
                }
                None => shard.docs.par_iter().map(entry).collect(),
            };
            let bytes = serde_json::to_vec(&json!({"docs": entries})).expect("JSON serialises");
            let hash = blake3::hash(&bytes).to_hex();
            let path = format!("search/s-{:02}-{}.json", shard.index, &hash[..12]);
            Produced { path, fp: shard.fp.clone(), bytes: Some(bytes) }
        })
        .collect();
    let names: Vec<String> = made.iter().map(|m| format!("/{}", m.path)).collect();
    let index = serde_json::to_vec(&json!({"version": 1, "shards": names})).expect("JSON serialises");
    let index_fp = format!("always:{}", blake3::hash(&index).to_hex());
    let mut files = made;
    files.push(Produced { path: "search/index.json".into(), fp: index_fp, bytes: Some(index) });
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_the_script() {
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("ÉCOLE"), "ecole");
        assert_eq!(terms(&["Déjà vu,", "déjà VU! a"]), "deja vu");
    }
}
