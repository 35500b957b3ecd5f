//! The hosts a site publishes to, and what went live on each (for the host state of items).
//! Secrets are never stored here. The `targets`, `published` and `publishes` tables are this
//! module's (`team.rs` holds their form shared by team sync).

pub(crate) mod team;

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};
use crate::kind::Kind;
use crate::site::Site;

/// A named host: where and as whom. `last_publish` is the id of the publish this site last
/// wrote there (or found there), to notice a colleague's publish in between.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct Target {
    pub name: String,
    pub url: String,
    pub user: Option<String>,
    pub key_file: Option<String>,
    pub insecure: bool,
    pub last_publish: Option<String>,
}

impl Target {
    /// Whether this member must still give their user: a target a colleague shared comes
    /// without one (each member uses their own), unless it is a folder or its URL names one.
    pub fn needs_user(&self) -> bool {
        self.user.is_none() && !self.url.starts_with("file:") && !self.url.contains('@')
    }
}

/// Whether the host has an item, and as it is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum HostState {
    Never,
    Live,
    Changed,
}

pub(crate) fn valid_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 40
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "`{}` cannot name a target: use letters, digits, `-` and `_` (like `live` or `staging`).",
            name.escape_debug()
        )))
    }
}

/// One finished publish, for the history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublishLog {
    pub id: String,
    pub target: String,
    /// RFC 3339.
    pub at: String,
    pub author: String,
    pub uploaded: i64,
    pub deleted: i64,
    pub bytes: i64,
    pub ms: i64,
    /// What changed for visitors ("Article “Title”", …), at most a few dozen.
    pub changed: Vec<String>,
}

impl PublishLog {
    /// The columns of `publishes` that [`PublishLog::from_row`] reads, in its order.
    pub(crate) const COLUMNS: &'static str = "id, target, at, author, uploaded, deleted, bytes, ms, changed";

    /// Writes this publish into `publishes`; `or` is what a row with the same key does:
    /// `"REPLACE"` (a publish of this machine, recorded again) or `"IGNORE"` (one received).
    pub(crate) fn insert(&self, conn: &rusqlite::Connection, or: &str) -> rusqlite::Result<usize> {
        conn.execute(
            &format!("INSERT OR {or} INTO publishes ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", PublishLog::COLUMNS),
            rusqlite::params![
                self.id,
                self.target,
                self.at,
                self.author,
                self.uploaded,
                self.deleted,
                self.bytes,
                self.ms,
                serde_json::to_string(&self.changed).expect("strings serialise"),
            ],
        )
    }

    /// A publish from a row selecting [`PublishLog::COLUMNS`].
    pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PublishLog> {
        let changed: String = r.get(8)?;
        Ok(PublishLog {
            id: r.get(0)?,
            target: r.get(1)?,
            at: r.get(2)?,
            author: r.get(3)?,
            uploaded: r.get(4)?,
            deleted: r.get(5)?,
            bytes: r.get(6)?,
            ms: r.get(7)?,
            changed: serde_json::from_str(&changed).unwrap_or_default(),
        })
    }
}

impl Site {
    /// Adds a target, or replaces the one of that name (keeping what it last saw).
    pub fn save_target(&self, t: &Target) -> Result<()> {
        valid_name(&t.name)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO targets (name, url, user, key_file, insecure, created_at) VALUES (?, ?, ?, ?, ?, ?)
                 ON CONFLICT (name) DO UPDATE SET url = excluded.url, user = excluded.user,
                   key_file = excluded.key_file, insecure = excluded.insecure",
                (&t.name, &t.url, &t.user, &t.key_file, t.insecure, self.now_string()),
            )?;
            Ok(())
        })
    }

    pub fn targets(&self) -> Result<Vec<Target>> {
        let mut stmt =
            self.conn.prepare("SELECT name, url, user, key_file, insecure, last_publish FROM targets ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(Target {
                name: r.get(0)?,
                url: r.get(1)?,
                user: r.get(2)?,
                key_file: r.get(3)?,
                insecure: r.get(4)?,
                last_publish: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The target named, or the only one; an error lists the choices otherwise.
    pub fn target(&self, name: Option<&str>) -> Result<Target> {
        let all = self.targets()?;
        let names = || all.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ");
        match name {
            Some(n) => all.iter().find(|t| t.name == n).cloned().ok_or_else(|| {
                StoreError::Invalid(if all.is_empty() {
                    format!("There is no target `{n}`. Add one with `masthead target add {n} URL`.")
                } else {
                    format!("There is no target `{n}`; the targets are: {}.", names())
                })
            }),
            None if all.len() == 1 => Ok(all[0].clone()),
            None if all.is_empty() => Err(StoreError::Invalid(
                "This site has no target to publish to. Add one with `masthead target add NAME URL`.".into(),
            )),
            None => Err(StoreError::Invalid(format!("Say which target with --target: {}.", names()))),
        }
    }

    pub fn remove_target(&self, name: &str) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM targets WHERE name = ?", [name])? == 0 {
                return Err(StoreError::NotFound { kind: "Target", key: name.into() });
            }
            tx.execute("DELETE FROM published WHERE target = ?", [name])?;
            Ok(())
        })
    }

    /// Records a finished publish in the history, and the version of every item now live.
    pub fn record_publish(&self, log: &PublishLog, live: &[(Kind, i64, i64)]) -> Result<()> {
        let target = log.target.as_str();
        self.write(|tx| {
            tx.execute("UPDATE targets SET last_publish = ? WHERE name = ?", (&log.id, target))?;
            log.insert(tx, "REPLACE")?;
            tx.execute("DELETE FROM published WHERE target = ?", [target])?;
            let mut insert =
                tx.prepare("INSERT OR REPLACE INTO published (target, kind, entity_id, version) VALUES (?, ?, ?, ?)")?;
            for (kind, id, version) in live {
                insert.execute((target, kind.as_str(), id, version))?;
            }
            Ok(())
        })
    }

    /// Past publishes, newest first (of one target, or all).
    pub fn publish_history(&self, target: Option<&str>, limit: usize) -> Result<Vec<PublishLog>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM publishes WHERE ?1 IS NULL OR target = ?1 ORDER BY at DESC LIMIT ?2",
            PublishLog::COLUMNS
        ))?;
        let rows = stmt.query_map(rusqlite::params![target, limit as i64], PublishLog::from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the publish `id` to `target` is in this site's history: its own, or a
    /// colleague's that team sync brought in (with the work it published).
    pub fn knows_publish(&self, target: &str, id: &str) -> Result<bool> {
        let found: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM publishes WHERE target = ? AND id = ?", (target, id), |r| r.get(0))
            .optional()?;
        Ok(found.is_some())
    }

    /// Accepts the host's current publish as the one this site has seen (after a conflict).
    pub fn accept_publish(&self, target: &str, publish_id: Option<&str>) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE targets SET last_publish = ? WHERE name = ?", (publish_id, target))?;
            Ok(())
        })
    }

    /// The host state of an item on a target.
    pub fn host_state(&self, target: &str, kind: Kind, id: i64, version: i64) -> Result<HostState> {
        let live: Option<i64> = self
            .conn
            .query_row(
                "SELECT version FROM published WHERE target = ? AND kind = ? AND entity_id = ?",
                (target, kind.as_str(), id),
                |r| r.get(0),
            )
            .optional()?;
        Ok(match live {
            None => HostState::Never,
            Some(v) if v == version => HostState::Live,
            Some(_) => HostState::Changed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Target;

    #[test]
    fn a_shared_target_needs_a_user_unless_it_is_a_folder_or_names_one() {
        let target = |url: &str, user: Option<&str>| Target {
            url: url.into(),
            user: user.map(Into::into),
            ..Default::default()
        };
        assert!(target("https://dav.example.org/site", None).needs_user());
        assert!(target("sftp://example.org/var/www", None).needs_user());
        assert!(!target("sftp://ann@example.org/var/www", None).needs_user());
        assert!(!target("https://dav.example.org/site", Some("ann")).needs_user());
        assert!(!target("file:///var/www/site", None).needs_user());
    }
}
