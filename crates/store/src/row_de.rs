//! Reads an entity straight from a result row with serde: column names are the keys, cells
//! the values (JSON columns parsed in place), without building a JSON tree first.

use rusqlite::Row;
use rusqlite::types::ValueRef;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::forward_to_deserialize_any;

type Error = serde_json::Error;

/// A whole row, as a map from column name to cell.
pub(crate) struct RowDe<'a, 'r> {
    pub(crate) row: &'a Row<'r>,
    /// Columns whose text is JSON (lists).
    pub(crate) json: &'static [&'static str],
}

impl<'de> de::Deserializer<'de> for RowDe<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(Cells { row: self.row, json: self.json, at: 0, count: self.row.as_ref().column_count() })
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

struct Cells<'a, 'r> {
    row: &'a Row<'r>,
    json: &'static [&'static str],
    at: usize,
    count: usize,
}

impl<'de> MapAccess<'de> for Cells<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.at >= self.count {
            return Ok(None);
        }
        let name = self.row.as_ref().column_name(self.at).map_err(de::Error::custom)?;
        seed.deserialize(name.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let i = self.at;
        self.at += 1;
        let name = self.row.as_ref().column_name(i).map_err(de::Error::custom)?;
        let value = self.row.get_ref(i).map_err(de::Error::custom)?;
        seed.deserialize(Cell { value, json: self.json.contains(&name) })
    }
}

/// One cell: NULL is none/unit, numbers are numbers, text is a string or (in a JSON column)
/// whatever the JSON holds.
struct Cell<'a> {
    value: ValueRef<'a>,
    json: bool,
}

impl<'de> de::Deserializer<'de> for Cell<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            ValueRef::Null | ValueRef::Blob(_) => visitor.visit_unit(),
            ValueRef::Integer(n) => visitor.visit_i64(n),
            ValueRef::Real(f) => visitor.visit_f64(f),
            ValueRef::Text(t) => {
                let text = String::from_utf8_lossy(t);
                if self.json {
                    // Unreadable JSON reads as empty, as a missing value would.
                    match serde_json::from_str::<serde_json::Value>(&text) {
                        Ok(v) => de::Deserializer::deserialize_any(v, visitor),
                        Err(_) => visitor.visit_unit(),
                    }
                } else {
                    visitor.visit_str(&text)
                }
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            ValueRef::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    /// Flags are stored as 0 and 1.
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            ValueRef::Integer(n) => visitor.visit_bool(n != 0),
            _ => self.deserialize_any(visitor),
        }
    }

    /// Enums (statuses) are stored by their name.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            ValueRef::Text(t) => visitor.visit_enum(String::from_utf8_lossy(t).into_owned().into_deserializer()),
            _ => self.deserialize_any(visitor),
        }
    }

    forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}
