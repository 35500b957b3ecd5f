//! Full-text search over articles and pages (SQLite FTS5). The `search` table is this module's.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::kind::Kind;
use crate::record::{self, Record};
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

/// Puts an entity's text into the full-text index (or takes it out when `None`).
pub(crate) fn index<T: Record>(conn: &Connection, item: &T) -> Result<()> {
    let id = item.meta().id;
    let Some(rowid) = search_rowid(T::KIND, id) else { return Ok(()) };
    remove(conn, T::KIND, id)?;
    if let Some([title, summary, body]) = item.search_text() {
        conn.execute(
            "INSERT INTO search (rowid, kind, entity_id, title, summary, body) VALUES (?, ?, ?, ?, ?, ?)",
            (rowid, T::KIND.as_str(), id, title, summary, body),
        )?;
    }
    Ok(())
}

/// The full-text row of an article (2·id) or page (2·id + 1); other kinds are not searched.
fn search_rowid(kind: Kind, id: i64) -> Option<i64> {
    match kind {
        Kind::Article => Some(id * 2),
        Kind::Page => Some(id * 2 + 1),
        Kind::Slide | Kind::Media => None,
    }
}

/// Takes an entity out of the full-text index.
pub(crate) fn remove(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    if let Some(rowid) = search_rowid(kind, id) {
        conn.execute("DELETE FROM search WHERE rowid = ?", [rowid])?;
    }
    Ok(())
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
            "SELECT kind, entity_id, title, -rank, snippet(search, -1, '[', ']', '…', 16)
             FROM search
             WHERE search MATCH ?1 AND rank MATCH 'bm25(0, 0, 10.0, 4.0, 1.0)'
             ORDER BY rank
             LIMIT ?2",
        )?;
        let rows = stmt.query_map((query, limit as i64), |r| {
            let kind: String = r.get(0)?;
            Ok(SearchHit {
                kind: Kind::parse(&kind).unwrap_or(Kind::Article),
                id: r.get(1)?,
                slug: String::new(),
                title: r.get(2)?,
                rank: r.get(3)?,
                snippet: r.get(4)?,
            })
        })?;
        let mut hits: Vec<SearchHit> = rows.collect::<rusqlite::Result<_>>()?;
        for hit in &mut hits {
            // Only entities out of the trash are indexed, so each hit has its row.
            hit.slug = record::key_of(&self.conn, hit.kind, hit.id)?.unwrap_or_default();
        }
        Ok(hits)
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
