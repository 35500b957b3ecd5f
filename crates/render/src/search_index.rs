//! The visitors' search index: documents spread over a fixed number of shards by URL, so
//! editing one article changes one shard (whose name carries its hash) and `index.json`.

use std::collections::HashSet;

use rayon::prelude::*;

use serde_json::json;

use crate::builder::Produced;
use crate::dates::Dates;
use crate::memo::Memo;

/// Shards in every index; about 600 documents each at 10,000 articles.
pub const SHARDS: usize = 16;
const MAX_TERMS: usize = 400;

/// One searchable document.
pub(crate) struct Doc<'a> {
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
    let mut seen = HashSet::new();
    for word in texts.iter().flat_map(|t| t.split(|c: char| !c.is_alphanumeric())) {
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

/// The index files: the shards (reused when their documents did not change) and
/// `search/index.json`, as (path, fingerprint, bytes unless reused).
pub(crate) fn build_index(docs: &[Doc<'_>], memo: &Memo, dates: &Dates) -> Vec<Produced> {
    let mut shards: Vec<Vec<&Doc<'_>>> = vec![vec![]; SHARDS];
    for d in docs {
        shards[blake3::hash(d.url.as_bytes()).as_bytes()[0] as usize % SHARDS].push(d);
    }
    let made: Vec<Produced> = shards
        .par_iter()
        .enumerate()
        .map(|(i, docs)| {
            let keys: Vec<String> = docs.iter().map(|d| format!("{}={}", d.url, d.key)).collect();
            let fp = memo.fingerprint(&[b"search", keys.join("\n").as_bytes()]);
            let prefix = format!("search/s-{i:02}-");
            if let Some(path) = memo.reusable_with_prefix(&prefix, &fp) {
                return (path, fp, None);
            }
            let entries: Vec<serde_json::Value> = docs
                .iter()
                .map(|d| {
                    let date = d.date.map(|t| dates.day(t)).unwrap_or_default();
                    json!({"u": d.url, "t": d.title, "s": d.summary, "d": date, "k": terms(&[d.title, d.summary, d.body])})
                })
                .collect();
            let bytes = serde_json::to_vec(&json!({"docs": entries})).expect("JSON serialises");
            let hash = blake3::hash(&bytes).to_hex();
            (format!("{prefix}{}.json", &hash[..12]), fp, Some(bytes))
        })
        .collect();
    let names: Vec<String> = made.iter().map(|(path, _, _)| format!("/{path}")).collect();
    let index = serde_json::to_vec(&json!({"version": 1, "shards": names})).expect("JSON serialises");
    let index_fp = format!("always:{}", blake3::hash(&index).to_hex());
    let mut files = made;
    files.push(("search/index.json".into(), index_fp, Some(index)));
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
