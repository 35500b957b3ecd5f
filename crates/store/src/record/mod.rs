//! Generic storage of entities: rows are read and written through their serde form, so each
//! entity is declared once, as a struct whose field names are its column names.

use jiff::tz::TimeZone;
use rusqlite::Row;
use rusqlite::types::Value as Sql;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Result, StoreError};
use crate::kind::Kind;
use crate::meta::Meta;

mod rows;
pub use rows::Stamp;
pub(crate) use rows::*;

/// The accessors of a record whose bookkeeping is in `meta` and whose key is `$key`, made from
/// `$source` when empty.
macro_rules! accessors {
    ($key:ident, $source:ident) => {
        fn meta(&self) -> &crate::meta::Meta {
            &self.meta
        }
        fn meta_mut(&mut self) -> &mut crate::meta::Meta {
            &mut self.meta
        }
        fn key(&self) -> &str {
            &self.$key
        }
        fn set_key(&mut self, key: String) {
            self.$key = key;
        }
        fn key_source(&self) -> &str {
            &self.$source
        }
    };
}
pub(crate) use accessors;

/// An entity stored in its own table.
pub trait Record: Serialize + DeserializeOwned + Clone + Send {
    const KIND: Kind;
    /// Columns that hold JSON (lists).
    const JSON_COLUMNS: &'static [&'static str] = &[];
    /// Large text columns that [`crate::Site::list_light`] leaves empty.
    const HEAVY: &'static [&'static str] = &[];

    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
    /// The unique key: slug, or name for media.
    fn key(&self) -> &str;
    fn set_key(&mut self, key: String);
    /// The text a missing slug is made from (title or headline).
    fn key_source(&self) -> &str;
    /// A human title for lists and messages.
    fn title(&self) -> &str {
        self.key_source()
    }
    /// Checks the fields and returns extra columns derived from them (sort keys).
    fn validate(&mut self, tz: &TimeZone) -> Result<Vec<(&'static str, Sql)>>;
    /// Slug and section of the public address, for published articles and pages (a rename
    /// of such an address leaves a redirect behind).
    fn address(&self) -> Option<(&str, Option<&str>)> {
        None
    }
    /// The fields that may reference media items, for usage tracking.
    fn media_fields(&self) -> Vec<(&'static str, &str)> {
        vec![]
    }
    /// Title, summary and body for full-text search, for kinds that are searched.
    fn search_text(&self) -> Option<[&str; 3]> {
        None
    }
    /// Checks a row as read from the database, which may have been edited outside Masthead
    /// (an opened folder, a restored backup): fields that become file paths are refused here.
    fn check_stored(&self) -> Result<()> {
        Ok(())
    }
}

pub(crate) fn json_to_sql(v: Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(b as i64),
        Value::Number(n) => n.as_i64().map(Sql::Integer).unwrap_or_else(|| Sql::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => Sql::Text(s),
        other => Sql::Text(other.to_string()),
    }
}

/// Builds an entity from a `SELECT *` row.
pub(crate) fn from_row<T: Record>(row: &Row<'_>) -> rusqlite::Result<T> {
    T::deserialize(crate::row_de::RowDe { row, json: T::JSON_COLUMNS })
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// The entity's columns and values, without `id`.
pub(crate) fn columns<T: Record>(item: &T, derived: Vec<(&'static str, Sql)>) -> Result<Vec<(String, Sql)>> {
    let Value::Object(map) = serde_json::to_value(item).map_err(|e| StoreError::Invalid(e.to_string()))? else {
        unreachable!("records serialise as objects")
    };
    let mut cols: Vec<(String, Sql)> =
        map.into_iter().filter(|(k, _)| k != "id").map(|(k, v)| (k, json_to_sql(v))).collect();
    cols.extend(derived.into_iter().map(|(k, v)| (k.to_string(), v)));
    Ok(cols)
}

pub(crate) fn trimmed(value: &mut Option<String>) {
    if let Some(v) = value {
        let t = v.trim();
        if t.is_empty() {
            *value = None;
        } else if t.len() != v.len() {
            *v = t.to_string();
        }
    }
}

pub(crate) fn require(field: &str, value: &str, what: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(StoreError::Invalid(format!("{what} needs a {field}.")));
    }
    Ok(())
}

/// The entity as the CLI's `--json` and the portable format name it: its fields plus `id`,
/// without the bookkeeping (`version`, timestamps) or internal fields.
pub fn public_json<T: Record>(item: &T) -> Value {
    public_value(serde_json::to_value(item).expect("records serialise"))
}

/// `value` (a record's serde form, or a view that flattens one) without the bookkeeping
/// fields, as `--json` prints it.
pub fn public_value(mut value: Value) -> Value {
    if let Value::Object(map) = &mut value {
        for key in ["version", "created_at", "updated_at", "updated_by", "original_name"] {
            map.remove(key);
        }
    }
    value
}
