//! The publish targets and the publish history as team sync shares them (issue 19): every
//! member publishes to the same hosts and sees every member's publishes. A target travels
//! without what is a member's own: a user name or password in its address, its user and key
//! file (each member gives their own; secrets are never in the database anyway), and the
//! publish this site last wrote there.

use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value, json};

use super::{PublishLog, valid_name};
use crate::error::{Result, StoreError};

/// The URL without `user[:password]@`.
pub fn without_credentials(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let (authority, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    format!("{scheme}://{host}{path}")
}

/// The targets as the team shares them: name → `{url, insecure}`.
pub fn synced_targets(conn: &Connection) -> Result<Value> {
    let mut stmt = conn.prepare("SELECT name, url, insecure FROM targets ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?)))?;
    let mut out = Map::new();
    for row in rows {
        let (name, url, insecure) = row?;
        out.insert(name, json!({"url": without_credentials(&url), "insecure": insecure}));
    }
    Ok(Value::Object(out))
}

/// Makes this site's targets the team's: a new one is added without a user or secret (the
/// member gives their own before publishing there), a changed address is taken (a user name in
/// the local address stays when only that differs), a removed one goes — except `keep`, the
/// target the team space is on.
pub fn apply_synced_targets(conn: &Connection, data: &Value, keep: &str, at: &str) -> Result<()> {
    let Value::Object(map) = data else {
        return Err(StoreError::Invalid("The received publish targets cannot be read (not a JSON object).".into()));
    };
    for (name, t) in map {
        valid_name(name)?;
        let url = t.get("url").and_then(Value::as_str).filter(|u| !u.is_empty()).ok_or_else(|| {
            StoreError::Invalid(format!("The received target `{name}` has no address; it was not added."))
        })?;
        let insecure = t.get("insecure").and_then(Value::as_bool).unwrap_or(false);
        let local: Option<(String, bool)> = conn
            .query_row("SELECT url, insecure FROM targets WHERE name = ?", [name], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match local {
            None => {
                conn.execute(
                    "INSERT INTO targets (name, url, insecure, created_at) VALUES (?, ?, ?, ?)",
                    (name, url, insecure, at),
                )?;
            }
            Some((old, was)) if without_credentials(&old) != url || was != insecure => {
                let url = if without_credentials(&old) == url { old } else { url.to_string() };
                conn.execute("UPDATE targets SET url = ?, insecure = ? WHERE name = ?", (url, insecure, name))?;
            }
            Some(_) => {}
        }
    }
    let names: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM targets")?;
        stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    for name in names.iter().filter(|n| !map.contains_key(*n) && *n != keep) {
        conn.execute("DELETE FROM targets WHERE name = ?", [name])?;
        conn.execute("DELETE FROM published WHERE target = ?", [name])?;
    }
    Ok(())
}

/// One publish of the history (by its row id) as the team shares it.
pub fn synced_publish(conn: &Connection, rowid: i64) -> Result<Option<Value>> {
    let log = conn
        .query_row(
            &format!("SELECT {} FROM publishes WHERE rowid = ?", PublishLog::COLUMNS),
            [rowid],
            PublishLog::from_row,
        )
        .optional()?;
    Ok(log.map(|l| serde_json::to_value(l).expect("publish logs serialise")))
}

/// Adds a colleague's publish to the history; returns its row id here.
pub fn apply_synced_publish(conn: &Connection, data: &Value) -> Result<i64> {
    let log: PublishLog = serde_json::from_value(data.clone())
        .map_err(|e| StoreError::Invalid(format!("A received publish record cannot be read: {e}")))?;
    if log.id.is_empty() || log.at.parse::<jiff::Timestamp>().is_err() {
        return Err(StoreError::Invalid(format!("A received publish record has no id or no valid time ({}).", log.at)));
    }
    log.insert(conn, "IGNORE")?;
    Ok(conn
        .query_row("SELECT rowid FROM publishes WHERE target = ? AND id = ?", (&log.target, &log.id), |r| r.get(0))?)
}
