//! Team sync's own tables in `site.db` (schema version 10, see the store's `schema.rs`).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::wire::Rev;

/// This site's place in its team.
#[derive(Clone, Debug)]
pub(crate) struct Me {
    pub(crate) team_id: String,
    pub(crate) member_id: String,
    /// The target the space is on.
    pub(crate) target: String,
    pub(crate) next_seq: u64,
    pub(crate) last_sync: Option<String>,
    /// The space's generation this site works in (a new one each re-key).
    pub(crate) generation: u64,
}

pub(crate) fn me(conn: &Connection) -> Result<Option<Me>> {
    Ok(conn
        .query_row(
            "SELECT team_id, member_id, target, next_seq, last_sync, generation FROM team_self WHERE id = 1",
            [],
            |r| {
                Ok(Me {
                    team_id: r.get(0)?,
                    member_id: r.get(1)?,
                    target: r.get(2)?,
                    next_seq: r.get::<_, i64>(3)? as u64,
                    last_sync: r.get(4)?,
                    generation: r.get::<_, i64>(5)? as u64,
                })
            },
        )
        .optional()?)
}

pub(crate) fn insert_me(
    conn: &Connection,
    team_id: &str,
    member_id: &str,
    target: &str,
    at: &str,
    generation: u64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO team_self (id, team_id, member_id, target, next_seq, joined_at, generation)
         VALUES (1, ?, ?, ?, 1, ?, ?)",
        (team_id, member_id, target, at, generation as i64),
    )?;
    Ok(())
}

fn rev_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Rev> {
    let parents: String = r.get(3)?;
    let data: String = r.get(4)?;
    let blob: Option<String> = r.get(9)?;
    Ok(Rev {
        rev: r.get(0)?,
        uid: r.get(1)?,
        kind: r.get(2)?,
        parents: serde_json::from_str(&parents).unwrap_or_default(),
        data: serde_json::from_str(&data).unwrap_or_default(),
        trashed: r.get(5)?,
        other: r.get(6)?,
        author: r.get(7)?,
        at: r.get(8)?,
        blob,
    })
}

const REV_COLUMNS: &str = "rev, uid, kind, parents, data, trashed, other, author, at, blob";

pub(crate) fn get_rev(conn: &Connection, rev: &str) -> Result<Option<Rev>> {
    let sql = format!("SELECT {REV_COLUMNS} FROM team_revs WHERE rev = ?");
    Ok(conn.query_row(&sql, [rev], rev_from_row).optional()?)
}

/// Adds a revision (and its links to its parents); returns false when it was known already.
pub(crate) fn insert_rev(conn: &Connection, rev: &Rev, mine: bool) -> Result<bool> {
    let mut gen_of = conn.prepare_cached("SELECT gen FROM team_revs WHERE rev = ?")?;
    let mut generation = 0i64;
    for p in &rev.parents {
        let g: Option<i64> = gen_of.query_row([p], |r| r.get(0)).optional()?;
        generation = generation.max(g.unwrap_or(0) + 1);
    }
    let added = conn.execute(
        "INSERT OR IGNORE INTO team_revs (rev, uid, kind, parents, gen, data, trashed, other, author, at, mine, blob)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rusqlite::params![
            rev.rev,
            rev.uid,
            rev.kind,
            serde_json::to_string(&rev.parents).expect("JSON serialises"),
            generation,
            serde_json::to_string(&rev.data).expect("JSON serialises"),
            rev.trashed,
            rev.other,
            rev.author,
            rev.at,
            mine,
            rev.blob,
        ],
    )? == 1;
    if added {
        let mut edge = conn.prepare_cached("INSERT OR IGNORE INTO team_edges (parent, child) VALUES (?, ?)")?;
        for p in &rev.parents {
            edge.execute((p, &rev.rev))?;
        }
    }
    Ok(added)
}

/// An entity's revisions: id → (parents, generation).
pub(crate) fn graph(conn: &Connection, uid: &str) -> Result<HashMap<String, (Vec<String>, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT rev, parents, gen FROM team_revs WHERE uid = ?")?;
    let rows = stmt.query_map([uid], |r| {
        let parents: String = r.get(1)?;
        Ok((r.get::<_, String>(0)?, (serde_json::from_str(&parents).unwrap_or_default(), r.get(2)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The revisions of an entity that no other revision was made from, by id.
pub(crate) fn heads(conn: &Connection, uid: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rev FROM team_revs r WHERE uid = ? AND NOT EXISTS (SELECT 1 FROM team_edges e WHERE e.parent = r.rev)
         ORDER BY rev",
    )?;
    let rows = stmt.query_map([uid], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The team's entity with this local row: its uid and the revision the row was last synced at.
pub(crate) fn entity_by_local(
    conn: &Connection,
    kind: &str,
    local_id: i64,
) -> Result<Option<(String, Option<String>)>> {
    Ok(conn
        .query_row("SELECT uid, base_rev FROM team_entities WHERE kind = ? AND local_id = ?", (kind, local_id), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

/// The local row of a team entity: kind, local id and the revision it was last synced at.
pub(crate) fn entity_by_uid(conn: &Connection, uid: &str) -> Result<Option<(String, i64, Option<String>)>> {
    Ok(conn
        .query_row("SELECT kind, local_id, base_rev FROM team_entities WHERE uid = ?", [uid], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

pub(crate) fn set_entity(conn: &Connection, uid: &str, kind: &str, local_id: i64, base_rev: &str) -> Result<()> {
    conn.execute("DELETE FROM team_entities WHERE kind = ? AND local_id = ? AND uid <> ?", (kind, local_id, uid))?;
    conn.execute(
        "INSERT INTO team_entities (uid, kind, local_id, base_rev) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (uid) DO UPDATE SET kind = ?2, local_id = ?3, base_rev = ?4",
        (uid, kind, local_id, base_rev),
    )?;
    Ok(())
}

pub(crate) fn pending(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare("SELECT kind, entity_id FROM team_pending ORDER BY kind, entity_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn is_pending(conn: &Connection, kind: &str, local_id: i64) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM team_pending WHERE kind = ? AND entity_id = ?", (kind, local_id), |_| Ok(()))
        .optional()?
        .is_some())
}

pub(crate) fn clear_pending(conn: &Connection, kind: &str, local_id: i64) -> Result<()> {
    conn.execute("DELETE FROM team_pending WHERE kind = ? AND entity_id = ?", (kind, local_id))?;
    Ok(())
}

/// How far this site has read a member's log.
pub(crate) fn seen_seq(conn: &Connection, member: &str) -> Result<u64> {
    let seq: Option<i64> =
        conn.query_row("SELECT seen_seq FROM team_members WHERE member_id = ?", [member], |r| r.get(0)).optional()?;
    Ok(seq.unwrap_or(0) as u64)
}

pub(crate) fn saw(conn: &Connection, member: &str, name: &str, seq: u64, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO team_members (member_id, name, seen_seq, seen_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (member_id) DO UPDATE SET name = ?2, seen_seq = max(seen_seq, ?3), seen_at = ?4",
        (member, name, seq as i64, at),
    )?;
    Ok(())
}

/// Revisions made here and not yet in a segment, oldest first.
pub(crate) fn unsent(conn: &Connection, limit: usize) -> Result<Vec<Rev>> {
    let sql = format!(
        "SELECT {REV_COLUMNS} FROM team_revs WHERE (mine = 1 AND sent_seq IS NULL) OR (mine = 0 AND sent_seq = -1) ORDER BY rowid LIMIT {limit}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], rev_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every revision, parents before children (for the copy a re-key writes).
pub(crate) fn all_revs(conn: &Connection) -> Result<Vec<Rev>> {
    let sql = format!("SELECT {REV_COLUMNS} FROM team_revs ORDER BY gen, rowid");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], rev_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn count(conn: &Connection, sql: &str) -> Result<u64> {
    Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
}

/// Whether this site made the revision.
pub(crate) fn is_mine(conn: &Connection, rev: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT mine FROM team_revs WHERE rev = ?", [rev], |r| r.get(0)).optional()?.unwrap_or(false))
}

/// The entity's editing sessions saved since the last sync (its local revisions noted by the
/// triggers), oldest first: synced data, author, time.
pub(crate) fn sessions_since_sync(
    conn: &Connection,
    kind: &str,
    local_id: i64,
) -> Result<Vec<(serde_json::Value, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.snapshot, r.author, r.updated_at FROM revisions r JOIN team_pending_revs p ON p.rev_id = r.id
         WHERE r.kind = ? AND r.entity_id = ? ORDER BY r.id",
    )?;
    let rows = stmt.query_map((kind, local_id), |r| {
        let snapshot: String = r.get(0)?;
        Ok((snapshot, r.get(1)?, r.get(2)?))
    })?;
    let mut out = vec![];
    for row in rows {
        let (snapshot, author, at) = row?;
        let Ok(value) = serde_json::from_str(&snapshot) else { continue };
        out.push((masthead_store::synced_form(value), author, at));
    }
    clear_sessions(conn, kind, local_id)?;
    Ok(out)
}

/// Forgets the entity's sessions noted since the last sync (they were sent, or are a
/// colleague's version written here).
pub(crate) fn clear_sessions(conn: &Connection, kind: &str, local_id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM team_pending_revs WHERE rev_id IN (SELECT id FROM revisions WHERE kind = ? AND entity_id = ?)",
        (kind, local_id),
    )?;
    Ok(())
}

pub(crate) fn now() -> String {
    jiff::Timestamp::now().to_string()
}
