//! Items a sync could not write here (a colleague's version this build cannot read, a name it
//! refuses, …). One such item never stops a sync: its revisions stay stored, the rest is
//! applied, the item is reported (`sync --json`, `team status`) and every sync tries it again
//! — it is still an entity whose head is not its row's revision — until it goes in.

use masthead_store::{Kind, key_of};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::db;
use crate::error::{Result, TeamError};

/// An item received but not written here yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename = "SyncFailure")]
pub struct Failure {
    /// `article:slug`, `page:slug`, …, or the kind and the start of its team id when it has
    /// no row here.
    pub entity: String,
    /// Why it could not be written.
    pub error: String,
    /// When it first failed (RFC 3339).
    pub since: String,
    /// How many syncs have tried it.
    pub tries: u64,
}

/// The name an item goes by in a report: its local name, else what its newest revision says.
fn describe(conn: &Connection, uid: &str) -> Result<String> {
    if let Some((kind, local, _)) = db::entity_by_uid(conn, uid)? {
        return entity_name(conn, &kind, local);
    }
    let newest: Option<(String, String)> = conn
        .query_row("SELECT kind, data FROM team_revs WHERE uid = ? ORDER BY gen DESC, rev LIMIT 1", [uid], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((kind, data)) = newest else { return Ok(uid.to_string()) };
    let data: serde_json::Value = serde_json::from_str(&data).unwrap_or_default();
    let key = ["slug", "name"].iter().find_map(|f| data.get(*f).and_then(|v| v.as_str()).map(str::to_string));
    Ok(format!("{kind}:{}", key.unwrap_or_else(|| format!("#{}", &uid[..uid.len().min(8)]))))
}

/// Notes that `uid` could not be written, and returns the failure as reported.
pub(crate) fn note(conn: &Connection, uid: &str, error: &str, at: &str) -> Result<Failure> {
    let entity = describe(conn, uid)?;
    conn.execute(
        "INSERT INTO team_failures (uid, entity, error, since) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (uid) DO UPDATE SET entity = ?2, error = ?3, tries = tries + 1",
        (uid, &entity, error, at),
    )?;
    Ok(conn.query_row("SELECT entity, error, since, tries FROM team_failures WHERE uid = ?", [uid], from_row)?)
}

/// The item went in: it is no longer reported.
pub(crate) fn clear(conn: &Connection, uid: &str) -> Result<()> {
    conn.execute("DELETE FROM team_failures WHERE uid = ?", [uid])?;
    Ok(())
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Failure> {
    Ok(Failure { entity: r.get(0)?, error: r.get(1)?, since: r.get(2)?, tries: r.get::<_, i64>(3)? as u64 })
}

/// Every item not written here yet, oldest failure first.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Failure>> {
    let mut stmt = conn.prepare("SELECT entity, error, since, tries FROM team_failures ORDER BY since, entity")?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An item's name in reports: `article:slug`, `settings`, `publish:ROW` ….
pub(crate) fn entity_name(conn: &rusqlite::Connection, kind: &str, local_id: i64) -> Result<String> {
    match kind {
        "settings" | "targets" => return Ok(kind.into()),
        "publish" => return Ok(format!("publish:{local_id}")),
        _ => {}
    }
    let k = Kind::parse(kind).ok_or_else(|| TeamError::Invalid(format!("Unknown kind {kind}.")))?;
    let key = key_of(conn, k, local_id)?.unwrap_or_else(|| format!("#{local_id}"));
    Ok(format!("{kind}:{key}"))
}
