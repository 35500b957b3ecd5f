//! What team sync (the `masthead-team` crate) needs from the store: an entity's saved state
//! without its local bookkeeping, and a way to write a colleague's version over it, with the
//! colleague named as its author. Team sync keeps its own tables in `site.db` (schema version
//! 10), so that a received change lands together with the record of having received it.

use rusqlite::{Connection, Transaction};
use serde_json::Value;

use crate::article::Article;
use crate::error::{Result, StoreError};
use crate::kind::Kind;
use crate::media::Media;
use crate::meta::Meta;
use crate::page::Page;
use crate::record::{self, Record};
use crate::settings::{self, Settings};

use crate::site::Site;
use crate::slide::Slide;
use crate::slug::unique_slug;
use crate::time::time_zone;

/// The bookkeeping fields an entity's synced form leaves out: they differ on every computer.
const LOCAL_FIELDS: [&str; 5] = ["id", "version", "created_at", "updated_at", "updated_by"];

/// An entity's saved state as team sync sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncedState {
    /// The entity's fields, without `id`, `version` and the save times.
    pub data: Value,
    /// Whether it is in the trash.
    pub trashed: bool,
}

/// What [`apply_synced`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The entity's local id.
    pub id: i64,
    /// The slug (or media name) was taken here by another entity, so it was given another one.
    pub renamed: bool,
}

impl Site {
    /// Runs `f` in one write transaction, for team sync's own tables and [`apply_synced`].
    pub fn team_write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.write(f)
    }

    /// The connection, for reading team sync's own tables.
    pub fn team_conn(&self) -> &Connection {
        &self.conn
    }

    /// Stores a media file received from a colleague, after checking it has `hash`.
    pub fn store_synced_blob(&self, hash: &str, name: &str, bytes: &[u8]) -> Result<()> {
        if !crate::media::is_hash(hash) || crate::reference::validate_media_name(name).is_err() {
            return Err(StoreError::Invalid(format!("A received media item has a damaged name or hash ({name}).")));
        }
        if blake3::hash(bytes).to_hex().as_str() != hash {
            return Err(StoreError::Invalid(format!("The received file of {name} does not match its hash.")));
        }
        self.write_blob(hash, name, bytes)
    }

    /// Whether the file with this hash is in the library's folder.
    pub fn has_blob(&self, hash: &str, name: &str) -> bool {
        crate::media::is_hash(hash) && self.dir().join(crate::media::blob_path(hash, name)).is_file()
    }
}

/// An entity's JSON (as stored in a revision) without its local bookkeeping: the form
/// [`synced_state`] gives.
pub fn synced_form(value: Value) -> Value {
    strip(value)
}

fn strip(mut value: Value) -> Value {
    if let Value::Object(map) = &mut value {
        for key in LOCAL_FIELDS {
            map.remove(key);
        }
    }
    value
}

/// The saved state of an entity, trashed or not; `None` when there is no such row (never
/// made, or deleted for good when the trash was emptied).
pub fn synced_state(conn: &Connection, kind: Kind, id: i64) -> Result<Option<SyncedState>> {
    match kind {
        Kind::Article => state_of::<Article>(conn, id),
        Kind::Slide => state_of::<Slide>(conn, id),
        Kind::Page => state_of::<Page>(conn, id),
        Kind::Media => state_of::<Media>(conn, id),
    }
}

fn state_of<T: Record>(conn: &Connection, id: i64) -> Result<Option<SyncedState>> {
    let Some(item) = record::get::<T>(conn, id)? else { return Ok(None) };
    let trashed = record::trashed(conn, T::KIND, id)?.unwrap_or(false);
    Ok(Some(SyncedState { data: strip(serde_json::to_value(&item).expect("records serialise")), trashed }))
}

/// The site settings as team sync sees them.
pub fn synced_settings(conn: &Connection) -> Result<Value> {
    Ok(serde_json::to_value(settings::stored(conn)?).expect("settings serialise"))
}

/// Replaces the settings with a colleague's version.
pub fn apply_synced_settings(conn: &Connection, data: &Value, at: &str) -> Result<()> {
    let settings: Settings = serde_json::from_value(data.clone())
        .map_err(|e| StoreError::Invalid(format!("Received settings cannot be read: {e}")))?;
    settings.validate()?;
    let old = settings::stored(conn)?;
    settings::store(conn, &settings, at)?;
    if old.timezone != settings.timezone {
        crate::save::refresh_dates(conn, &settings)?;
    }
    Ok(())
}

/// Writes a colleague's version of an entity (`data` as [`synced_state`] gives it) over the
/// local one with this `id`, or as a new entity when `id` is `None`. No version check: team
/// sync has already merged. The version is kept as a revision by `author`, so the history
/// shows who wrote it.
pub fn apply_synced(
    conn: &Connection,
    kind: Kind,
    id: Option<i64>,
    data: &Value,
    trashed: bool,
    author: &str,
    at: &str,
) -> Result<Applied> {
    match kind {
        Kind::Article => apply::<Article>(conn, id, data, trashed, author, at),
        Kind::Slide => apply::<Slide>(conn, id, data, trashed, author, at),
        Kind::Page => apply::<Page>(conn, id, data, trashed, author, at),
        Kind::Media => apply::<Media>(conn, id, data, trashed, author, at),
    }
}

fn apply<T: Record>(
    conn: &Connection,
    id: Option<i64>,
    data: &Value,
    trashed: bool,
    author: &str,
    at: &str,
) -> Result<Applied> {
    let kind = T::KIND;
    let mut item: T = serde_json::from_value(data.clone())
        .map_err(|e| StoreError::Invalid(format!("A received {} cannot be read: {e}", kind.as_str())))?;
    let tz = time_zone(&settings::stored(conn)?.timezone)?;
    let derived = item.validate(&tz)?;
    item.check_stored()?;
    let current: Option<T> = match id {
        Some(id) => record::get(conn, id)?,
        None => None,
    };
    let except = current.as_ref().map_or(0, |c| c.meta().id);
    let mut renamed = false;
    if crate::save::key_taken(conn, kind, item.key(), except)?.is_some() {
        let base = item.key().to_string();
        let key = unique_slug(&base, |s| Ok(crate::save::key_taken(conn, kind, s, except)?.is_some()))?;
        item.set_key(key);
        renamed = true;
    }
    if let Some((slug, section)) = current.as_ref().and_then(|c| c.address())
        && item.address().is_none_or(|new| new != (slug, section))
    {
        crate::address::keep(conn, kind, except, slug, section, at)?;
    }
    *item.meta_mut() = match &current {
        Some(c) => Meta {
            id: except,
            version: c.meta().version + 1,
            created_at: c.meta().created_at.clone(),
            updated_at: at.to_string(),
            updated_by: author.to_string(),
        },
        None => Meta {
            id: 0,
            version: 1,
            created_at: at.to_string(),
            updated_at: at.to_string(),
            updated_by: author.to_string(),
        },
    };
    let cols = record::columns(&item, derived)?;
    if current.is_some() {
        record::update(conn, kind, except, &cols)?;
    } else {
        item.meta_mut().id = record::insert(conn, kind, &cols)?;
    }
    let id = item.meta().id;
    record::set_trashed(conn, kind, id, trashed.then_some(at))?;
    let snapshot = serde_json::to_string(&item).expect("records serialise");
    crate::revision::add_closed(conn, kind, id, &snapshot, author, at)?;
    if trashed {
        crate::search::remove(conn, kind, id)?;
    } else {
        crate::search::index(conn, &item)?;
    }
    crate::usage::record_uses(conn, &item)?;
    Ok(Applied { id, renamed })
}

/// The id of the entity with this key (slug, or name for media), trashed or not.
pub fn local_id_of(conn: &Connection, kind: Kind, key: &str) -> Result<Option<i64>> {
    record::id_of(conn, kind, key)
}

/// The key (slug, or name for media) of an entity, trashed or not.
pub fn key_of(conn: &Connection, kind: Kind, id: i64) -> Result<Option<String>> {
    record::key_of(conn, kind, id)
}

/// Every entity's id, trashed or not (for the first snapshot when a site starts a team).
pub fn all_ids(conn: &Connection, kind: Kind) -> Result<Vec<i64>> {
    record::ids(conn, kind)
}

/// Keeps a colleague's version of an entity in its history, without making it current (a
/// version that was passed over by a later one, or kept beside the current one in a conflict).
pub fn record_synced_revision(
    conn: &Connection,
    kind: Kind,
    id: i64,
    data: &Value,
    author: &str,
    at: &str,
) -> Result<()> {
    let snapshot = serde_json::to_string(data).expect("JSON serialises");
    crate::revision::add_closed(conn, kind, id, &snapshot, author, at)
}
