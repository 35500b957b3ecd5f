//! Full-text search over articles and pages (SQLite FTS5).

use serde::Serialize;

use crate::error::Result;
use crate::kind::Kind;
use crate::site::Site;

/// One search result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchHit {
    pub kind: Kind,
    /// The article's or page's id.
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// Higher is better.
    pub rank: f64,
    /// A short excerpt; matches are wrapped in `[` and `]`.
    pub snippet: String,
}

/// Turns anything a person types into a safe FTS5 query: every word becomes a quoted phrase
/// (so `"`, `AND(`, `*` and friends are just text), all words must match, and the last word
/// also matches as a prefix so results appear while typing.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    let last_is_complete = text.ends_with(char::is_whitespace);
    match words.split_last() {
        None => None,
        Some((last, rest)) => {
            let mut q = rest.join(" ");
            if !q.is_empty() {
                q.push(' ');
            }
            q.push_str(last);
            if !last_is_complete {
                q.push('*');
            }
            Some(q)
        }
    }
}

impl Site {
    /// Searches titles, summaries and bodies of articles and pages (drafts included, trash
    /// excluded), best match first. Any text is a valid query.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(query) = fts_query(text) else { return Ok(vec![]) };
        // Ordered by FTS5's own `rank` (bm25 with these weights), FTS5 finds the best matches
        // first and snippets (which read each text) are made for those only; ordered by an
        // expression, SQLite would make one for every match before sorting (50 ms for a word
        // in each of 10,000 articles, 12 ms now).
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.kind, coalesce(a.slug, p.slug), s.title, s.entity_id, -rank,
                    snippet(search, -1, '[', ']', '…', 16)
             FROM search s
             LEFT JOIN articles a ON s.kind = 'article' AND a.id = s.entity_id
             LEFT JOIN pages p ON s.kind = 'page' AND p.id = s.entity_id
             WHERE search MATCH ?1 AND rank MATCH 'bm25(0, 0, 10.0, 4.0, 1.0)'
             ORDER BY rank
             LIMIT ?2",
        )?;
        let rows = stmt.query_map((query, limit as i64), |r| {
            let kind: String = r.get(0)?;
            Ok(SearchHit {
                kind: Kind::parse(&kind).unwrap_or(Kind::Article),
                slug: r.get(1)?,
                title: r.get(2)?,
                id: r.get(3)?,
                rank: r.get(4)?,
                snippet: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn user_text_is_quoted() {
        assert_eq!(fts_query("migrant  integration").unwrap(), "\"migrant\" \"integration\"*");
        assert_eq!(fts_query("say \"hi\" ").unwrap(), "\"say\" \"\"\"hi\"\"\"");
        assert_eq!(fts_query("AND( * -"), Some("\"AND(\"*".into()));
        assert_eq!(fts_query("  "), None);
    }
}
