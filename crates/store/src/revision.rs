//! Revision history: a full snapshot per editing session.

use jiff::{SignedDuration, Timestamp};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::error::Result;
use crate::kind::Kind;
use crate::record::Record;
use crate::site::Site;

/// An editing session ends after this long without a save.
pub const SESSION_IDLE: SignedDuration = SignedDuration::from_mins(10);

/// How a save was made: autosaves within one editing session share a revision; an explicit
/// save (Ctrl+S, the CLI, an import) closes the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum SaveMode {
    Autosave,
    Explicit,
}

/// One entry of an entity's history.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Revision {
    pub id: i64,
    pub kind: Kind,
    pub entity_id: i64,
    pub author: String,
    /// When the session started and when it was last saved.
    pub created_at: String,
    pub updated_at: String,
    /// The entity as it was (JSON of the entity).
    pub snapshot: serde_json::Value,
}

pub(crate) fn record_revision<T: Record>(conn: &Connection, site: &Site, item: &T, mode: SaveMode) -> Result<()> {
    let kind = T::KIND.as_str();
    let id = item.meta().id;
    let now = site.clock.now();
    let snapshot = serde_json::to_string(item).expect("records serialise");
    let open = i64::from(mode == SaveMode::Autosave);
    let last: Option<(i64, String, String, bool)> = conn
        .query_row(
            "SELECT id, author, updated_at, open FROM revisions WHERE kind = ? AND entity_id = ? ORDER BY id DESC LIMIT 1",
            (kind, id),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let same_session = last.as_ref().is_some_and(|(_, author, updated, open)| {
        *open
            && *author == site.author
            && updated.parse::<Timestamp>().is_ok_and(|t| now.duration_since(t) < SESSION_IDLE)
    });
    match last {
        Some((rev, ..)) if same_session => {
            conn.execute(
                "UPDATE revisions SET snapshot = ?, updated_at = ?, open = ? WHERE id = ?",
                (snapshot, now.to_string(), open, rev),
            )?;
        }
        _ => {
            conn.execute(
                "INSERT INTO revisions (kind, entity_id, snapshot, author, created_at, updated_at, open)
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind, id, snapshot, &site.author, now.to_string(), now.to_string(), open),
            )?;
        }
    }
    Ok(())
}

pub(crate) fn close_session(conn: &Connection, kind: Kind, entity_id: i64) -> Result<()> {
    conn.execute("UPDATE revisions SET open = 0 WHERE kind = ? AND entity_id = ?", (kind.as_str(), entity_id))?;
    Ok(())
}

/// The snapshot (an entity's JSON) of revision `id` of this entity.
pub(crate) fn snapshot(conn: &Connection, kind: Kind, entity_id: i64, id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT snapshot FROM revisions WHERE id = ? AND kind = ? AND entity_id = ?",
            (id, kind.as_str(), entity_id),
            |r| r.get(0),
        )
        .optional()?)
}

/// Adds a closed revision (one no autosave extends) by `author` at `at`, after closing the
/// entity's open one: a colleague's version received by team sync.
pub(crate) fn add_closed(conn: &Connection, kind: Kind, id: i64, snapshot: &str, author: &str, at: &str) -> Result<()> {
    close_session(conn, kind, id)?;
    conn.execute(
        "INSERT INTO revisions (kind, entity_id, snapshot, author, created_at, updated_at, open) VALUES (?, ?, ?, ?, ?, ?, 0)",
        (kind.as_str(), id, snapshot, author, at, at),
    )?;
    Ok(())
}

/// Deletes an entity's history (the entity is deleted for good).
pub(crate) fn forget(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    conn.execute("DELETE FROM revisions WHERE kind = ? AND entity_id = ?", (kind.as_str(), id))?;
    Ok(())
}

impl Site {
    /// The history of an entity, newest first.
    pub fn revisions(&self, kind: Kind, entity_id: i64) -> Result<Vec<Revision>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, author, created_at, updated_at, snapshot FROM revisions
             WHERE kind = ? AND entity_id = ? ORDER BY id DESC",
        )?;
        let rows = stmt.query_map((kind.as_str(), entity_id), |r| {
            let snapshot: String = r.get(4)?;
            Ok(Revision {
                id: r.get(0)?,
                kind,
                entity_id,
                author: r.get(1)?,
                created_at: r.get(2)?,
                updated_at: r.get(3)?,
                snapshot: serde_json::from_str(&snapshot).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
