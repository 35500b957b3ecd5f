//! The visitors' search index: documents spread over a fixed number of shards by URL, so
//! editing one article changes one shard (whose name carries its hash) and `index.json`.

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;

use serde_json::json;

/// Shards in every index; about 600 documents each at 10,000 articles.
pub const SHARDS: usize = 16;
const MAX_TERMS: usize = 400;

/// One searchable document.
pub(crate) struct Doc {
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) date: String,
    /// Title, summary and body text.
    pub(crate) text: String,
}

/// Lower-cases and strips accents the way `search.js` does (NFD, then drop combining marks).
pub(crate) fn fold(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

fn terms(text: &str) -> String {
    let mut seen = HashSet::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if seen.len() >= MAX_TERMS {
            break;
        }
        if word.len() < 2 {
            continue;
        }
        // Most words are ASCII, which only needs lower-casing.
        if word.is_ascii() {
            seen.insert(word.to_ascii_lowercase());
        } else if word.chars().count() >= 2 {
            seen.insert(fold(word));
        }
    }
    let mut terms: Vec<String> = seen.into_iter().collect();
    terms.sort_unstable();
    terms.join(" ")
}

/// The index files: `search/index.json` and the shards, by output path.
pub(crate) fn build_index(docs: &[Doc]) -> BTreeMap<String, Vec<u8>> {
    let entries: Vec<(usize, serde_json::Value)> = docs
        .par_iter()
        .map(|d| {
            let shard = blake3::hash(d.url.as_bytes()).as_bytes()[0] as usize % SHARDS;
            (shard, json!({"u": d.url, "t": d.title, "s": d.summary, "d": d.date, "k": terms(&d.text)}))
        })
        .collect();
    let mut shards: Vec<Vec<serde_json::Value>> = vec![vec![]; SHARDS];
    for (shard, entry) in entries {
        shards[shard].push(entry);
    }
    let mut files = BTreeMap::new();
    let mut names = vec![];
    for (i, docs) in shards.into_iter().enumerate() {
        let bytes = serde_json::to_vec(&json!({"docs": docs})).expect("JSON serialises");
        let hash = blake3::hash(&bytes).to_hex();
        let path = format!("search/s-{i:02}-{}.json", &hash[..12]);
        names.push(format!("/{path}"));
        files.insert(path, bytes);
    }
    let index = serde_json::to_vec(&json!({"version": 1, "shards": names})).expect("JSON serialises");
    files.insert("search/index.json".into(), index);
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_the_script() {
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("ÉCOLE"), "ecole");
        assert_eq!(terms("Déjà vu, déjà VU! a"), "deja vu");
    }
}
