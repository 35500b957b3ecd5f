//! The entity tables (`articles`, `slides`, `pages`, `media`): every SQL statement that names
//! one of them is here, whatever module asks (see "Who owns which table" in
//! docs/architecture.md). Other modules pass a [`Kind`] and SQL conditions on the columns.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params_from_iter};

use super::{Record, from_row};
use crate::error::Result;
use crate::kind::Kind;
use crate::meta::Meta;

/// An entity's id with its version and last save time (see [`crate::Site::article_stamps`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub id: i64,
    pub version: i64,
    pub updated_at: String,
}

impl Stamp {
    /// Whether `meta` is this saved state.
    pub fn matches(&self, meta: &Meta) -> bool {
        meta.id == self.id && meta.version == self.version && meta.updated_at == self.updated_at
    }
}

/// Inserts a row of `kind`'s table; returns its id.
pub(crate) fn insert(conn: &Connection, kind: Kind, cols: &[(String, Sql)]) -> Result<i64> {
    let names: Vec<&str> = cols.iter().map(|(k, _)| k.as_str()).collect();
    let marks = vec!["?"; cols.len()].join(", ");
    let sql = format!("INSERT INTO {} ({}) VALUES ({marks})", kind.table(), names.join(", "));
    conn.execute(&sql, params_from_iter(cols.iter().map(|(_, v)| v)))?;
    Ok(conn.last_insert_rowid())
}

/// Sets these columns of the row `id` of `kind`'s table.
pub(crate) fn update(conn: &Connection, kind: Kind, id: i64, cols: &[(String, Sql)]) -> Result<()> {
    let sets: Vec<String> = cols.iter().map(|(k, _)| format!("{k} = ?")).collect();
    let sql = format!("UPDATE {} SET {} WHERE id = ?", kind.table(), sets.join(", "));
    let values = cols.iter().map(|(_, v)| v.clone()).chain([Sql::Integer(id)]);
    conn.execute(&sql, params_from_iter(values))?;
    Ok(())
}

/// Loads one entity by id, trashed or not.
pub(crate) fn get<T: Record>(conn: &Connection, id: i64) -> Result<Option<T>> {
    let sql = format!("SELECT * FROM {} WHERE id = ?", T::KIND.table());
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    Ok(match rows.next()? {
        Some(row) => Some(checked(from_row(row)?)?),
        None => None,
    })
}

fn checked<T: Record>(item: T) -> Result<T> {
    item.check_stored()?;
    Ok(item)
}

fn all_checked<T: Record>(items: Vec<T>) -> Result<Vec<T>> {
    items.iter().try_for_each(Record::check_stored)?;
    Ok(items)
}

/// Loads the entities matching `filter` (an SQL condition) in `order`.
pub(crate) fn select<T: Record>(conn: &Connection, filter: &str, order: &str) -> Result<Vec<T>> {
    let sql = format!("SELECT * FROM {} WHERE {filter} ORDER BY {order}", T::KIND.table());
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], from_row::<T>)?;
    all_checked(rows.collect::<rusqlite::Result<_>>()?)
}

/// Like [`select`], but the `T::HEAVY` columns come back empty (their serde default).
pub(crate) fn select_light<T: Record>(conn: &Connection, filter: &str, order: &str) -> Result<Vec<T>> {
    let table = T::KIND.table();
    let mut names = conn.prepare_cached(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let columns: Vec<String> = names
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|c| !T::HEAVY.contains(&c.as_str()))
        .collect();
    let sql = format!("SELECT {} FROM {table} WHERE {filter} ORDER BY {order}", columns.join(", "));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], from_row::<T>)?;
    all_checked(rows.collect::<rusqlite::Result<_>>()?)
}

/// Id, version and save time of the rows matching `filter`, in `order`.
pub(crate) fn stamps(conn: &Connection, kind: Kind, filter: &str, order: &str) -> Result<Vec<Stamp>> {
    let sql = format!("SELECT id, version, updated_at FROM {} WHERE {filter} ORDER BY {order}", kind.table());
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], |r| Ok(Stamp { id: r.get(0)?, version: r.get(1)?, updated_at: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The `body` column of the rows with these ids (articles and pages).
pub(crate) fn bodies(conn: &Connection, kind: Kind, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>> {
    let mut bodies = std::collections::HashMap::with_capacity(ids.len());
    let mut stmt = conn.prepare_cached(&format!("SELECT id, body FROM {} WHERE id = ?", kind.table()))?;
    for id in ids {
        if let Some(body) = stmt.query_row([id], |r| r.get::<_, String>(1)).optional()? {
            bodies.insert(*id, body);
        }
    }
    Ok(bodies)
}

/// Whether the row is in the trash; `None` when there is no such row.
pub(crate) fn trashed(conn: &Connection, kind: Kind, id: i64) -> Result<Option<bool>> {
    let sql = format!("SELECT deleted_at IS NOT NULL FROM {} WHERE id = ?", kind.table());
    Ok(conn.query_row(&sql, [id], |r| r.get(0)).optional()?)
}

/// Moves the row to the trash at `at` (`Some`) or out of it (`None`); returns whether it was
/// elsewhere before (a row already there is left as it is).
pub(crate) fn set_trashed(conn: &Connection, kind: Kind, id: i64, at: Option<&str>) -> Result<bool> {
    let sql = format!(
        "UPDATE {} SET deleted_at = ?1 WHERE id = ?2 AND (deleted_at IS NULL) = (?1 IS NOT NULL)",
        kind.table()
    );
    Ok(conn.execute(&sql, (at, id))? > 0)
}

/// Deletes the row if it was never saved after being made (version 1) and is not in the
/// trash; returns whether it did.
pub(crate) fn delete_untouched(conn: &Connection, kind: Kind, id: i64) -> Result<bool> {
    let sql = format!("DELETE FROM {} WHERE id = ? AND version = 1 AND deleted_at IS NULL", kind.table());
    Ok(conn.execute(&sql, [id])? > 0)
}

/// Id, key and deletion time of every row in the trash.
pub(crate) fn in_trash(conn: &Connection, kind: Kind) -> Result<Vec<(i64, String, String)>> {
    let sql =
        format!("SELECT id, {}, deleted_at FROM {} WHERE deleted_at IS NOT NULL", kind.key_column(), kind.table());
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes the row for good.
pub(crate) fn delete(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    conn.execute(&format!("DELETE FROM {} WHERE id = ?", kind.table()), [id])?;
    Ok(())
}

/// Whether a row other than `except_id` has `key` (its slug, or name for media).
pub(crate) fn key_used(conn: &Connection, kind: Kind, key: &str, except_id: i64) -> Result<bool> {
    let sql = format!("SELECT 1 FROM {} WHERE {} = ? AND id != ?", kind.table(), kind.key_column());
    Ok(conn.query_row(&sql, (key, except_id), |_| Ok(())).optional()?.is_some())
}

/// The id of the row with this key (slug, or name for media), trashed or not.
pub(crate) fn id_of(conn: &Connection, kind: Kind, key: &str) -> Result<Option<i64>> {
    let sql = format!("SELECT id FROM {} WHERE {} = ?", kind.table(), kind.key_column());
    Ok(conn.query_row(&sql, [key], |r| r.get(0)).optional()?)
}

/// The key (slug, or name for media) of a row, trashed or not.
pub(crate) fn key_of(conn: &Connection, kind: Kind, id: i64) -> Result<Option<String>> {
    let sql = format!("SELECT {} FROM {} WHERE id = ?", kind.key_column(), kind.table());
    Ok(conn.query_row(&sql, [id], |r| r.get(0)).optional()?)
}

/// Every row's id, trashed or not.
pub(crate) fn ids(conn: &Connection, kind: Kind) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(&format!("SELECT id FROM {} ORDER BY id", kind.table()))?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
